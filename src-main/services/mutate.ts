// The one way to change data: domain change + audit record (+ its export change-feed mark),
// in one SQLite transaction. Nothing is acknowledged before it commits (better-sqlite3 is
// synchronous). The change feed is the audit records that carry feed_op (the change_feed
// view): one row per change, so each synced commit writes as few pages as it can.
import { hash } from 'node:crypto';
import type { Sqlite } from '../../db/client';
import type { Ctx } from './context';

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** The exporter must send this entity again (upsert) or tell the portal it is gone (delete). */
  feed?: 'upsert' | 'delete';
}

export interface Recorder {
  /** Adds an audit record; returns its seq. */
  audit(a: AuditInput): number;
}

/** The prev_hash of the first record. */
export const GENESIS = '0'.repeat(64);

export function auditHash(
  prevHash: string,
  e: { at: string; actorId: number | null; action: string; entity: string; entityId: string | null } & Record<
    'before' | 'after' | 'reason' | 'feed',
    string | null
  >,
): string {
  // Field order is fixed here; the hash covers every stored column but seq and hash.
  // feed joins the hashed fields only when set, so records from before it existed still verify.
  const fields = [e.at, e.actorId, e.action, e.entity, e.entityId, e.before, e.after, e.reason];
  const canonical = JSON.stringify(e.feed === null ? fields : [...fields, e.feed]);
  // sha256(prevHash "\n" canonical), UTF-8: the same bytes as the incremental createHash this
  // replaced (one-shot is cheaper on the mark-save path); tests/unit/audit-hash.test.ts pins it.
  return hash('sha256', `${prevHash}\n${canonical}`, 'hex');
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

// Prepared once per connection: mutations are on the hot path of every mark. The
// transaction wrapper too: better-sqlite3 builds one per transaction() call.
const cache = new WeakMap<Sqlite, ReturnType<typeof prepare>>();
function prepare(sqlite: Sqlite) {
  return {
    run: sqlite.transaction((body: () => unknown) => body()),
    lastStmt: sqlite.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1'),
    insAudit: sqlite.prepare(
      `INSERT INTO audit_event (at, actor_id, action, entity, entity_id, before, after, reason, feed_op, prev_hash, hash)
       VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    ),
  };
}
function statements(sqlite: Sqlite) {
  let s = cache.get(sqlite);
  if (!s) cache.set(sqlite, (s = prepare(sqlite)));
  return s;
}

/**
 * Runs fn inside one IMMEDIATE transaction with a recorder for audit (and feed) records.
 * fn must be synchronous: an await inside would commit half a change.
 */
export function mutate<T>(ctx: Ctx, fn: (rec: Recorder) => T): T {
  const { events } = ctx;
  if (!events) return transact(ctx, fn);
  // The live-update frame of this transaction (or savepoint): its events are announced only
  // when it commits; an error rolls it back and drops them (a refused edit is never announced).
  events.begin();
  let committed = false;
  try {
    const result = transact(ctx, fn);
    committed = true;
    return result;
  } finally {
    events.end(committed);
  }
}

function transact<T>(ctx: Ctx, fn: (rec: Recorder) => T): T {
  const { sqlite } = ctx;
  const { lastStmt, insAudit, run } = statements(sqlite);
  return run.immediate((): T => {
    let last = lastStmt.get() as { seq: number; hash: string } | undefined;
    let auditCount = 0;
    const rec: Recorder = {
      audit(a) {
        const e = {
          at: ctx.now().toISOString(),
          actorId: ctx.actor?.staffId ?? null,
          action: a.action,
          entity: a.entity,
          entityId: a.entityId === undefined || a.entityId === null ? null : String(a.entityId),
          before: json(a.before),
          after: json(a.after),
          reason: a.reason ?? null,
          feed: a.feed ?? null,
        };
        if (e.feed && e.entityId === null) throw new Error('a feed record needs an entity id');
        const prevHash = last?.hash ?? GENESIS;
        const hash = auditHash(prevHash, e);
        const seq = Number(
          insAudit.run(e.at, e.actorId, e.action, e.entity, e.entityId, e.before, e.after, e.reason, e.feed, prevHash, hash)
            .lastInsertRowid,
        );
        last = { seq, hash };
        auditCount++;
        return seq;
      },
    };
    const result = fn(rec);
    if (auditCount === 0) throw new Error('a mutation must write an audit record');
    return result;
  }) as T;
}

/** Recomputes the audit hash chain; returns the first broken seq, or null when intact. */
export function verifyAuditChain(ctx: Pick<Ctx, 'sqlite'>): number | null {
  let prev = GENESIS;
  const rows = ctx.sqlite
    .prepare(
      'SELECT seq, at, actor_id, action, entity, entity_id, before, after, reason, feed_op, prev_hash, hash FROM audit_event ORDER BY seq',
    )
    .iterate() as IterableIterator<Record<string, unknown>>;
  for (const r of rows) {
    const h = auditHash(prev, {
      at: r.at as string,
      actorId: r.actor_id as number | null,
      action: r.action as string,
      entity: r.entity as string,
      entityId: r.entity_id as string | null,
      before: r.before as string | null,
      after: r.after as string | null,
      reason: r.reason as string | null,
      feed: r.feed_op as string | null,
    });
    if (r.prev_hash !== prev || r.hash !== h) return r.seq as number;
    prev = h;
  }
  return null;
}

/** The audit chain's head: what every export package carries as an outside witness (issue 9). */
export function auditHead(sqlite: Sqlite): { seq: number; hash: string } {
  const r = sqlite.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return r ?? { seq: 0, hash: GENESIS };
}
