// What a printed page's sha256 is taken of, and how that data is read: every document prints the
// sum of the canonical JSON of exactly what it prints (DESIGN.md §11), read in one snapshot.
import { createHash } from 'node:crypto';
import type { Services } from '../context';

/** sha256 (hex) of the canonical JSON of a document's source data: the same data, the same sum, on any day. */
export function sourceHash(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

/**
 * Runs the loaders in one read transaction: every statement sees the same snapshot (a write
 * landing between two of them cannot make the printed totals disagree), and SQLite takes the
 * WAL read lock once instead of per statement.
 */
export function oneRead<T>(s: Services, fn: () => T): T {
  if (s.sqlite.inTransaction) return fn();
  return s.sqlite.transaction(fn).deferred();
}
