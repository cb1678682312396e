// What the Electron preload exposes on window (src-main/hosts/electron/preload.ts).
// Absent in a plain browser, where the client falls back to HTTP.
import type { Envelope } from '../src-shared/errors';

declare global {
  interface Window {
    zhurnal?: {
      invoke(method: string, input: unknown, token: string | null): Promise<Envelope<unknown>>;
      /** Live updates of one journal; messages are LiveMessage (src-renderer/journal/live/stream.ts). Returns the stop function. */
      subscribe?(groupId: number, subjectId: number, token: string | null, listener: (message: unknown) => void): () => void;
    };
  }
}

export {};
