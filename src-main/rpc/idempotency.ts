// Idempotency keys (DESIGN.md §10): a client's outbox may send the same edit twice (the answer
// was lost on the way back, or the client was switched off before it saw it). The first
// answer is stored under the key in the same transaction as the edit itself, so a key is
// applied exactly once: two copies arriving at once are serialised by BEGIN IMMEDIATE and
// the second finds the first's row; an answer lost after the commit is found on the replay.
import type { Envelope, ErrorCode } from '../../src-shared/errors';
import { AppError } from '../../src-shared/errors';
import type { Sqlite } from '../../db/client';
import { prep } from '../services/sql';

/** uuid-like: what crypto.randomUUID() makes, and nothing an attacker can use to bloat the table. */
const KEY = /^[A-Za-z0-9-]{8,64}$/;

/** How long a key is remembered: a client PC can stay away over a holiday, not longer. */
export const KEY_DAYS = 30;
/** Rows removed at most per stored key: pruning keeps pace with inserts and never stalls one. */
const PRUNE_BATCH = 100;

/**
 * Answers that are not the edit's outcome but the moment's state: the session (a new login
 * must be able to send the same key again), a fault inside the program, the host's load.
 * Storing them would refuse the edit forever.
 */
const NOT_STORED: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'unauthenticated',
  'session_locked',
  'internal',
  'unavailable',
  'rate_limited',
]);

export function checkKey(key: string): void {
  if (!KEY.test(key))
    throw new AppError('validation', 'Неверный ключ повтора (Idempotency-Key): нужен UUID не длиннее 64 символов', [
      { path: ['idempotencyKey'], message: 'uuid' },
    ]);
}

export function keyScope(deviceId: number | undefined): string {
  return deviceId === undefined ? 'local' : `device:${deviceId}`;
}

/** The answer stored under the key, or undefined; a key reused for another method is refused. Call inside the transaction. */
export function storedAnswer(sqlite: Sqlite, scope: string, key: string, method: string): Envelope<unknown> | undefined {
  const row = prep(sqlite, 'SELECT method, envelope FROM idempotency_key WHERE scope = ? AND key = ?').get(scope, key) as
    { method: string; envelope: string } | undefined;
  if (!row) return undefined;
  if (row.method !== method)
    throw new AppError('validation', 'Этот ключ повтора уже использован для другого действия', [
      { path: ['idempotencyKey'], message: row.method },
    ]);
  return JSON.parse(row.envelope) as Envelope<unknown>;
}

/** Whether an answer is the edit's real outcome and must be replayed as is. */
export function isStorable(env: Envelope<unknown>, fromAppError: boolean): boolean {
  if (env.ok) return true;
  // A raw exception (SQLITE_BUSY, a bug) may not happen again: let the replay run the edit.
  return fromAppError && !NOT_STORED.has(env.error.code);
}

/** Stores the answer (inside the edit's transaction) and prunes a few expired keys. */
export function storeAnswer(sqlite: Sqlite, scope: string, key: string, method: string, env: Envelope<unknown>, now: Date): void {
  // OR IGNORE: an async handler's answer is stored after its own commit, where a twin may have won.
  prep(sqlite, 'INSERT OR IGNORE INTO idempotency_key (scope, key, method, envelope, at) VALUES (?,?,?,?,?)').run(
    scope,
    key,
    method,
    JSON.stringify(env),
    now.toISOString(),
  );
  pruneKeys(sqlite, now);
}

/**
 * Keys are inserted in time order, so the lowest rowids are the oldest: one O(1) look at the
 * first row says whether anything expired, and a small batch goes when it did. A scan of the
 * whole table by `at` (no index) on every edit would grow with the table.
 */
export function pruneKeys(sqlite: Sqlite, now: Date): void {
  const cutoff = new Date(now.getTime() - KEY_DAYS * 86_400_000).toISOString();
  const first = prep(sqlite, 'SELECT at FROM idempotency_key ORDER BY rowid LIMIT 1').get() as { at: string } | undefined;
  if (!first || first.at >= cutoff) return;
  prep(sqlite, 'DELETE FROM idempotency_key WHERE rowid IN (SELECT rowid FROM idempotency_key ORDER BY rowid LIMIT ?) AND at < ?').run(
    PRUNE_BATCH,
    cutoff,
  );
}
