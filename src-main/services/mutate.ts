// The one way to change data: domain change + audit record + change-feed rows, in one
// SQLite transaction. Nothing is acknowledged before it commits (better-sqlite3 is synchronous).
import { createHash } from 'node:crypto';
import type { Sqlite } from '../../db/client';
import type { Ctx } from './context';

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface FeedInput {
  entity: string;
  entityId: string | number;
  op: 'upsert' | 'delete';
}

export interface Recorder {
  /** Adds an audit record; returns its seq. */
  audit(a: AuditInput): number;
  /** Adds a change-feed row tied to the last audit record (export reads these). */
  feed(f: FeedInput): void;
}

const GENESIS = '0'.repeat(64);

export function auditHash(
  prevHash: string,
  e: Omit<Required<AuditInput>, 'entityId'> & { at: string; actorId: number | null; entityId: string | null },
): string {
  // Field order is fixed here; the hash covers every stored column but seq and hash.
  const canonical = JSON.stringify([e.at, e.actorId, e.action, e.entity, e.entityId, e.before, e.after, e.reason]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

// Prepared once per connection: mutations are on the hot path of every mark.
const cache = new WeakMap<Sqlite, ReturnType<typeof prepare>>();
function prepare(sqlite: Sqlite) {
  return {
    lastStmt: sqlite.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1'),
    insAudit: sqlite.prepare(
      'INSERT INTO audit_event (at, actor_id, action, entity, entity_id, before, after, reason, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)',
    ),
    insFeed: sqlite.prepare('INSERT INTO change_feed (entity, entity_id, op, audit_seq) VALUES (?,?,?,?)'),
  };
}
function statements(sqlite: Sqlite) {
  let s = cache.get(sqlite);
  if (!s) cache.set(sqlite, (s = prepare(sqlite)));
  return s;
}

/**
 * Runs fn inside one IMMEDIATE transaction with a recorder for audit and feed rows.
 * fn must be synchronous: an await inside would commit half a change.
 */
export function mutate<T>(ctx: Ctx, fn: (rec: Recorder) => T): T {
  const { sqlite } = ctx;
  const { lastStmt, insAudit, insFeed } = statements(sqlite);
  const run = sqlite.transaction(() => {
    let last = lastStmt.get() as { seq: number; hash: string } | undefined;
    let auditCount = 0;
    const rec: Recorder = {
      audit(a) {
        const at = ctx.now().toISOString();
        const actorId = ctx.actor?.staffId ?? null;
        const entityId = a.entityId === undefined || a.entityId === null ? null : String(a.entityId);
        const before = json(a.before);
        const after = json(a.after);
        const reason = a.reason ?? null;
        const prevHash = last?.hash ?? GENESIS;
        const hash = auditHash(prevHash, { at, actorId, action: a.action, entity: a.entity, entityId, before, after, reason });
        const seq = Number(insAudit.run(at, actorId, a.action, a.entity, entityId, before, after, reason, prevHash, hash).lastInsertRowid);
        last = { seq, hash };
        auditCount++;
        return seq;
      },
      feed(f) {
        if (!last || auditCount === 0) throw new Error('feed row before its audit record');
        insFeed.run(f.entity, String(f.entityId), f.op, last.seq);
      },
    };
    const result = fn(rec);
    if (auditCount === 0) throw new Error('a mutation must write an audit record');
    return result;
  });
  return run.immediate();
}

/** Recomputes the audit hash chain; returns the first broken seq, or null when intact. */
export function verifyAuditChain(ctx: Pick<Ctx, 'sqlite'>): number | null {
  let prev = GENESIS;
  const rows = ctx.sqlite
    .prepare('SELECT seq, at, actor_id, action, entity, entity_id, before, after, reason, prev_hash, hash FROM audit_event ORDER BY seq')
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
    });
    if (r.prev_hash !== prev || r.hash !== h) return r.seq as number;
    prev = h;
  }
  return null;
}
