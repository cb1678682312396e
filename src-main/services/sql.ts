// Prepared statements cached per connection and SQL text: preparing costs more than running
// most of our indexed queries, and the journal paths run a dozen of them per call.
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db/client';

const caches = new WeakMap<Sqlite, Map<string, Statement>>();

export function prep(sqlite: Sqlite, sql: string): Statement {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}
