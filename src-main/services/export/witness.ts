// Tamper evidence that reaches outside (issue 9): the audit chain is recomputed at start-up
// and daily, and its head is compared with the newest head the portal holds (every package
// header carries ours; every receipt carries the portal's). A broken chain, a local head
// behind the portal's (a cut tail: an old backup restored, records deleted) or a different
// record at the portal's seq (a rewritten history) is shown to the administrator.
import type { Sqlite } from '../../../db/client';
import type { Ctx } from '../context';
import { auditHead, verifyAuditChain } from '../mutate';
import { schoolDate } from '../../../src-shared/dates';
import { prep } from '../sql';

export interface ChainCheck {
  /** The first seq whose record or link does not verify; null when the chain is intact. */
  brokenAt: number | null;
  checkedAt: string;
  /** Records verified and how long it took (logged at start-up). */
  records: number;
  ms: number;
}

const checks = new WeakMap<Sqlite, ChainCheck>();

/** Recomputes the whole chain and remembers the verdict for export.status. */
export function checkAuditChain(ctx: Pick<Ctx, 'sqlite' | 'now'>): ChainCheck {
  const t0 = performance.now();
  const brokenAt = verifyAuditChain(ctx);
  const c: ChainCheck = {
    brokenAt,
    checkedAt: ctx.now().toISOString(),
    records: auditHead(ctx.sqlite).seq,
    ms: Math.round(performance.now() - t0),
  };
  checks.set(ctx.sqlite, c);
  return c;
}

/** The daily check: again when the last one was on another school day (or never). */
export function checkAuditChainIfDue(ctx: Pick<Ctx, 'sqlite' | 'now'>): ChainCheck {
  const last = checks.get(ctx.sqlite);
  if (last && schoolDate(new Date(last.checkedAt)) === schoolDate(ctx.now())) return last;
  return checkAuditChain(ctx);
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
