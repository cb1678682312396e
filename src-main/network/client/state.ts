// The client's remembered pairing (client.json in the state folder): which host, the pinned
// certificate fingerprint, and the device credential the host gave us.
// The file holds a credential: mode 0600, and written to a temporary file then renamed, so a
// power cut mid-write leaves the old pairing or the new one, never half a JSON file.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file';

export const ClientState = z.strictObject({
  /** https://ADDRESS:PORT (no trailing slash). */
  hostUrl: z.string(),
  /** The host's certificate SHA-256, grouped form "AB12 CD34 …". */
  fingerprint: z.string(),
  deviceId: z.number().int(),
  deviceToken: z.string().min(1),
  deviceName: z.string(),
});
export type ClientState = z.infer<typeof ClientState>;

export const CLIENT_FILE = 'client.json';

export function readClientState(stateDir: string): ClientState | null {
  const file = join(stateDir, CLIENT_FILE);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: файл подключения повреждён (${(e as Error).message}); удалите его и подключите компьютер заново`);
  }
  const parsed = ClientState.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: файл подключения повреждён; удалите его и подключите компьютер заново`);
  return parsed.data;
}

export function writeClientState(stateDir: string, state: ClientState): void {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, CLIENT_FILE);
  writeFileAtomic(file, JSON.stringify(state, null, 2) + '\n', 0o600);
}

/** Holds the current pairing in memory; the remote router reads it on every call (re-pairing swaps it). */
export interface ClientStateStore {
  readonly stateDir: string;
  get(): ClientState | null;
  set(next: ClientState): void;
}

export function clientStateStore(stateDir: string): ClientStateStore {
  let current = readClientState(stateDir);
  return {
    stateDir,
    get: () => current,
    set(next) {
      writeClientState(stateDir, next);
      current = next;
    },
  };
}
