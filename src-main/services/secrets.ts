// Secrets at rest (the portal key) in the `secret` table. Where the host offers the operating
// system's protection (Electron's safeStorage: DPAPI on Windows, the Keychain on macOS, the
// desktop's secret store on Linux) a secret is sealed with it, so a copied database file does
// not carry a usable key; elsewhere (the HTTP host, tests) it is stored as is. Either way it is
// never returned by any RPC method, logged, or audited.
import { AppError } from '../../src-shared/errors';
import type { Services } from './context';
import { prep } from './sql';

/** The host's protection: Electron main wraps safeStorage in this. */
export interface SecretBox {
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

const SEALED = 'sealed:';
const PLAIN = 'plain:';

/** Written inside the caller's transaction. */
export function storeSecret(s: Services, key: string, plain: string): void {
  const value = s.secrets ? SEALED + s.secrets.seal(plain).toString('base64') : PLAIN + plain;
  prep(s.sqlite, 'INSERT INTO secret (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function hasSecret(s: Services, key: string): boolean {
  return prep(s.sqlite, 'SELECT 1 FROM secret WHERE key = ?').get(key) !== undefined;
}

/** Whether a stored secret is sealed by the operating system (shown to the administrator). */
export function secretSealed(s: Services, key: string): boolean {
  const row = prep(s.sqlite, 'SELECT value FROM secret WHERE key = ?').get(key) as { value: string } | undefined;
  return !!row?.value.startsWith(SEALED);
}

/**
 * The secret, or null when none is stored. A sealed one that this host cannot open (the
 * database was moved to another computer or user, or opened by the HTTP host) is an error
 * that says what to do.
 */
export function readSecret(s: Services, key: string): string | null {
  const row = prep(s.sqlite, 'SELECT value FROM secret WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  if (row.value.startsWith(PLAIN)) return row.value.slice(PLAIN.length);
  if (!row.value.startsWith(SEALED)) return row.value; // written before sealing existed
  const unusable = () =>
    new AppError(
      'validation',
      'Ключ доступа к порталу защищён средствами системы другого компьютера или пользователя и здесь недоступен: задайте ключ заново',
    );
  if (!s.secrets) throw unusable();
  try {
    return s.secrets.open(Buffer.from(row.value.slice(SEALED.length), 'base64'));
  } catch {
    throw unusable();
  }
}
