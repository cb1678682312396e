// What the Electron preload exposes on window (src-main/hosts/electron/preload.ts).
// Absent in a plain browser, where the client falls back to HTTP.
import type { Envelope } from '../src-shared/errors';

declare global {
  interface Window {
    zhurnal?: {
      invoke(method: string, input: unknown, token: string | null): Promise<Envelope<unknown>>;
    };
  }
}

export {};
