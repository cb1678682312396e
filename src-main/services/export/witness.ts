// Tamper evidence that reaches outside (issue 9): the audit chain is recomputed at start-up
// and daily, and its head is compared with the newest head the portal holds (every package
// header carries ours; every receipt carries the portal's). A broken chain, a local head
// behind the portal's (a cut tail: an old backup restored, records deleted) or a different
// record at the portal's seq (a rewritten history) is shown to the administrator.
import type { Sqlite } from '../../../db/client';
import type { Ctx } from '../context';
import { auditHash, auditHead, GENESIS } from '../mutate';
import { schoolDate } from '../../../src-shared/dates';
import { prep } from '../sql';

export interface ChainCheck {
  /** The first seq whose record or link does not verify; null when the chain is intact. */
  brokenAt: number | null;
  checkedAt: string;
  /** Records verified and how long it took, in ms of wall time (the check yields as it goes). */
  records: number;
  ms: number;
}

const checks = new WeakMap<Sqlite, ChainCheck>();
const running = new WeakMap<Sqlite, Promise<ChainCheck>>();

/** Records hashed between two yields: a few ms of work, so requests are served meanwhile. */
const PAGE = 2000;

/**
 * Recomputes the whole chain (the same hash as mutate.ts) in pages, yielding between them: a
 * year of a big school is ~500 000 records, ~10 s of hashing that must not freeze the app.
 * Start-up and the daily schedule start it and do not wait; export.status shows the verdict.
 * One check at a time per database; a second caller gets the running one.
 */
export function checkAuditChain(ctx: Pick<Ctx, 'sqlite' | 'now'>): Promise<ChainCheck> {
  const busy = running.get(ctx.sqlite);
  if (busy) return busy;
  const p = verifyInPages(ctx).then((c) => {
    checks.set(ctx.sqlite, c);
    return c;
  });
  running.set(ctx.sqlite, p);
  const clear = () => running.delete(ctx.sqlite);
  p.then(clear, clear);
  return p;
}

async function verifyInPages(ctx: Pick<Ctx, 'sqlite' | 'now'>): Promise<ChainCheck> {
  const t0 = performance.now();
  const page = ctx.sqlite.prepare(
    `SELECT seq, at, actor_id, action, entity, entity_id, before, after, reason, feed_op, prev_hash, hash FROM audit_event
     WHERE seq > ? ORDER BY seq LIMIT ${PAGE}`,
  );
  let prev = GENESIS;
  let last = 0;
  let records = 0;
  for (;;) {
    // The app closed the database meanwhile (shut down during the check): nothing to report.
    if (!ctx.sqlite.open) return { brokenAt: null, checkedAt: ctx.now().toISOString(), records, ms: Math.round(performance.now() - t0) };
    // A page is read whole (no open iterator across the yield: the connection stays usable).
    const rows = page.all(last) as AuditRow[];
    for (const r of rows) {
      const h = auditHash(prev, {
        at: r.at,
        actorId: r.actor_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        before: r.before,
        after: r.after,
        reason: r.reason,
        feed: r.feed_op,
      });
      if (r.prev_hash !== prev || r.hash !== h)
        return { brokenAt: r.seq, checkedAt: ctx.now().toISOString(), records, ms: Math.round(performance.now() - t0) };
      prev = h;
      last = r.seq;
      records++;
    }
    if (rows.length < PAGE) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { brokenAt: null, checkedAt: ctx.now().toISOString(), records, ms: Math.round(performance.now() - t0) };
}

interface AuditRow {
  seq: number;
  at: string;
  actor_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  feed_op: string | null;
  prev_hash: string;
  hash: string;
}

/** The running check, if any (tests wait for it; a host may on shutdown). */
export function auditCheckRunning(ctx: Pick<Ctx, 'sqlite'>): Promise<ChainCheck> | null {
  return running.get(ctx.sqlite) ?? null;
}

/** The daily check: started again when the last one was on another school day (or never). */
export function checkAuditChainIfDue(ctx: Pick<Ctx, 'sqlite' | 'now'>): void {
  const last = checks.get(ctx.sqlite);
  if (running.has(ctx.sqlite) || (last && schoolDate(new Date(last.checkedAt)) === schoolDate(ctx.now()))) return;
  void checkAuditChain(ctx);
}

export interface Witness {
  brokenAt: number | null;
  checkedAt: string | null;
  local: { seq: number; hash: string };
  portal: { seq: number; hash: string } | null;
  /** The portal holds a newer head than this log has: its tail was cut. */
  behind: boolean;
  /** The record at the portal's seq here is not the one the portal was given. */
  forked: boolean;
}

export function auditWitness(ctx: Pick<Ctx, 'sqlite'>): Witness {
  const local = auditHead(ctx.sqlite);
  // The newest head any stored receipt reports (the portal keeps the highest it was given).
  const portal =
    (prep(
      ctx.sqlite,
      `SELECT json_extract(receipt, '$.auditHead.seq') AS seq, json_extract(receipt, '$.auditHead.hash') AS hash FROM export_package
       WHERE state = 'done' AND json_extract(receipt, '$.auditHead.seq') IS NOT NULL ORDER BY seq DESC LIMIT 1`,
    ).get() as { seq: number; hash: string } | undefined) ?? null;
  const here = portal
    ? (prep(ctx.sqlite, 'SELECT hash FROM audit_event WHERE seq = ?').get(portal.seq) as { hash: string } | undefined)
    : undefined;
  const check = checks.get(ctx.sqlite);
  return {
    brokenAt: check?.brokenAt ?? null,
    checkedAt: check?.checkedAt ?? null,
    local,
    portal,
    behind: !!portal && portal.seq > local.seq,
    forked: !!portal && portal.seq > 0 && !!here && here.hash !== portal.hash,
  };
}
