// Delivers the outbox in order until it is empty or the portal cannot be reached. Safe to
// stop at any point: a package is done only with its receipt stored, and the portal applies
// a resent package once (same id → the same receipt), so a crash mid-send just resends.
//
// The chain always heals (issue 9): a refused package cuts off every later queued incremental
// and a full package is queued at once; a second "gap" answer for the same package does the
// same; a receipt for another package or other bytes is an error, never "done".
// One send at a time per database, whoever starts it (the schedule, «Отправить сейчас», the
// catch-up at start): a second caller waits for the running one and then makes its own pass.
// Every state change is guarded in SQL (… WHERE state = 'sending'), so even another process
// on the same file cannot put a package the portal acknowledged back into the queue.
import type { Sqlite } from '../../../db/client';
import { AppError } from '../../../src-shared/errors';
import { portalKeyProblem, portalUrlProblem } from '../../../src-shared/export/portal-config';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { loadSettings } from '../school/settings';
import { readSecret } from '../secrets';
import { prep } from '../sql';
import { chainBroken, nextToSend, packageBody, queueFullPackage, type PackageRow } from './outbox';
import { backoffMs, GAP_ERROR, sendPackage, type SendResult } from './transport';

export const PORTAL_TOKEN_KEY = 'portal_token';

/** The portal key, or null when none is set; an error when it is sealed and cannot be opened here. */
export function portalToken(ctx: Ctx): string | null {
  return readSecret(ctx, PORTAL_TOKEN_KEY);
}

export interface SyncReport {
  sent: number;
  done: string[];
  refused: string[];
  /** The portal's reason for the last refusal in this pass, as the page shows it. */
  refusal: string | null;
  waiting: { id: string; error: string; nextAttemptAt: string } | null;
}

export interface SyncOptions {
  timeoutMs?: number;
  /** Ignore next_attempt_at (the administrator pressed "send now"). */
  force?: boolean;
  random?: () => number;
}

/** The running pass per database: the in-flight guard. */
const running = new WeakMap<Sqlite, Promise<SyncReport>>();

/** Whether a send is running now (export.status shows it). */
export function syncRunning(ctx: Ctx): boolean {
  return running.has(ctx.sqlite);
}

export function syncOutbox(ctx: Ctx, opts: SyncOptions = {}): Promise<SyncReport> {
  const before = running.get(ctx.sqlite);
  // Wait for the running pass (whatever became of it), then make our own: packages built
  // meanwhile, or a forced send past a backoff, are not lost to the caller.
  const mine = (before ? before.catch(() => undefined) : Promise.resolve(undefined)).then(() => drain(ctx, opts));
  running.set(ctx.sqlite, mine);
  const clear = () => {
    if (running.get(ctx.sqlite) === mine) running.delete(ctx.sqlite);
  };
  mine.then(clear, clear);
  return mine;
}

/** The address and key, checked: a value that cannot work is an error that says what to do. */
function target(ctx: Ctx): { url: string; token: string } {
  const url = loadSettings(ctx).exportUrl;
  const token = portalToken(ctx);
  if (!url) throw new AppError('validation', 'Выгрузка не настроена: укажите адрес портала в настройках выгрузки');
  if (!token) throw new AppError('validation', 'Выгрузка не настроена: введите ключ доступа, выданный порталом');
  const problem = portalUrlProblem(url) ?? portalKeyProblem(token);
  if (problem) throw new AppError('validation', problem);
  return { url, token };
}

async function drain(ctx: Ctx, opts: SyncOptions): Promise<SyncReport> {
  const { url, token } = target(ctx);
  const report: SyncReport = { sent: 0, done: [], refused: [], refusal: null, waiting: null };
  for (let lost = 0; lost < 3;) {
    const p = nextToSend(ctx);
    if (!p) return report;
    if (!opts.force && p.next_attempt_at && p.next_attempt_at > ctx.now().toISOString()) {
      report.waiting = { id: p.id, error: p.last_error ?? '', nextAttemptAt: p.next_attempt_at };
      return report;
    }
    // Counted before the send: a crash during it still shows as an attempt. Another process
    // may have taken it between the read and here: then read again.
    if (!claim(ctx, p.id)) {
      lost++;
      continue;
    }
    const result = await sendPackage(p.id, p.sha256, packageBody(ctx, p.id), { url, token, timeoutMs: opts.timeoutMs ?? 60_000 });
    report.sent++;
    const verdict = record(ctx, p, result, opts.random);
    // Someone else (another process on the same file) settled it meanwhile: theirs stands.
    if (!verdict.recorded) continue;
    if (result.kind === 'done') {
      report.done.push(p.id);
      continue;
    }
    if (result.kind === 'refused') {
      report.refused.push(p.id);
      report.refusal = result.error;
      await repair(ctx, 'пакет отклонён порталом');
      // A refused full package is not followed by another at once: the portal refuses whole
      // packages for a reason a rebuild rarely fixes (the repair waits for its backoff).
      if (p.kind === 'full') {
        delayRepair(ctx, opts.random);
        return report;
      }
      continue;
    }
    if (result.kind === 'gap' && verdict.repeatedGap) {
      await repair(ctx, 'портал снова не нашёл предыдущий пакет');
      continue;
    }
    const row = prep(ctx.sqlite, 'SELECT next_attempt_at FROM export_package WHERE id = ?').get(p.id) as { next_attempt_at: string | null };
    report.waiting = { id: p.id, error: result.error, nextAttemptAt: row.next_attempt_at ?? ctx.now().toISOString() };
    // Offline or failing: the rest would fail too, and order matters. Try again later.
    return report;
  }
  return report;
}

function claim(ctx: Ctx, id: string): boolean {
  return (
    prep(
      ctx.sqlite,
      "UPDATE export_package SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state IN ('queued', 'sending')",
    ).run(id).changes === 1
  );
}

/**
 * Stores the verdict, only while the package is still ours ('sending'): a package someone
 * else finished meanwhile stays done. Says whether it was stored, and whether this was the
 * second gap in a row.
 */
function record(ctx: Ctx, p: PackageRow, result: SendResult, random?: () => number): { recorded: boolean; repeatedGap: boolean } {
  const now = ctx.now();
  // Back to the queue after a backoff that grows with the attempts (read in the same step).
  const requeue = (error: string): boolean => {
    const attempts = (prep(ctx.sqlite, 'SELECT attempts FROM export_package WHERE id = ?').get(p.id) as { attempts: number }).attempts;
    const next = new Date(now.getTime() + backoffMs(attempts, random)).toISOString();
    return (
      prep(
        ctx.sqlite,
        "UPDATE export_package SET state = 'queued', last_error = ?, next_attempt_at = ? WHERE id = ? AND state = 'sending'",
      ).run(error, next, p.id).changes === 1
    );
  };
  if (result.kind === 'retry' || result.kind === 'gap') {
    const before = (prep(ctx.sqlite, 'SELECT last_error FROM export_package WHERE id = ?').get(p.id) as { last_error: string | null })
      .last_error;
    const recorded = requeue(result.error);
    return { recorded, repeatedGap: recorded && result.kind === 'gap' && !!before?.startsWith(GAP_ERROR) };
  }
  return mutate({ ...ctx, actor: null }, (rec) => {
    // Still ours? Someone else's verdict (another process on the same file) stands.
    if (prep(ctx.sqlite, "SELECT 1 FROM export_package WHERE id = ? AND state = 'sending'").get(p.id) === undefined) {
      rec.audit({ action: 'export.settled_elsewhere', entity: 'export_package', entityId: p.id, after: { verdict: result.kind } });
      return { recorded: false, repeatedGap: false };
    }
    if (result.kind === 'done') {
      prep(
        ctx.sqlite,
        `UPDATE export_package SET state = 'done', receipt = ?, done_at = ?, last_error = NULL, next_attempt_at = NULL
         WHERE id = ? AND state = 'sending'`,
      ).run(JSON.stringify(result.receipt), now.toISOString(), p.id);
      rec.audit({ action: 'export.delivered', entity: 'export_package', entityId: p.id, after: { receipt: result.receipt } });
    } else if (result.kind === 'mismatch') {
      // No proof of delivery: recorded as an error and sent again after the backoff.
      requeue(result.error);
      rec.audit({ action: 'export.receipt_mismatch', entity: 'export_package', entityId: p.id, after: { error: result.error } });
    } else {
      prep(
        ctx.sqlite,
        "UPDATE export_package SET state = 'refused', last_error = ?, next_attempt_at = NULL WHERE id = ? AND state = 'sending'",
      ).run(result.error, p.id);
      // Every later incremental continues a chain the portal will never have: cut them off.
      const superseded = prep(
        ctx.sqlite,
        `UPDATE export_package SET state = 'superseded', next_attempt_at = NULL, last_error = ?
         WHERE state = 'queued' AND kind = 'incremental' AND rowid > (SELECT rowid FROM export_package WHERE id = ?) RETURNING id`,
      )
        .pluck()
        .all('Заменён полной выгрузкой после отказа портала: отправлять не нужно', p.id) as string[];
      rec.audit({ action: 'export.refused', entity: 'export_package', entityId: p.id, after: { error: result.error, superseded } });
    }
    return { recorded: true, repeatedGap: false };
  });
}

/**
 * Queues a full package when the chain needs one (none queued after the break). A full build
 * already running will queue one anyway; it also supersedes what waits before it.
 */
async function repair(ctx: Ctx, reason: string): Promise<void> {
  const gapped = prep(
    ctx.sqlite,
    "SELECT id FROM export_package WHERE state = 'queued' AND last_error LIKE ? || '%' ORDER BY rowid LIMIT 1",
  ).get(GAP_ERROR) as { id: string } | undefined;
  if (!gapped && !chainBroken(ctx)) return;
  try {
    await queueFullPackage(ctx, `восстановление цепочки выгрузок: ${reason}`);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'conflict')) throw e;
  }
}

/** After a refused full package, its repair waits for a backoff that grows with each refusal. */
function delayRepair(ctx: Ctx, random?: () => number): void {
  const refusedFulls = (
    prep(
      ctx.sqlite,
      `SELECT count(*) AS n FROM export_package WHERE kind = 'full' AND state = 'refused'
       AND rowid > COALESCE((SELECT MAX(rowid) FROM export_package WHERE state = 'done'), 0)`,
    ).get() as { n: number }
  ).n;
  prep(ctx.sqlite, "UPDATE export_package SET next_attempt_at = ? WHERE state = 'queued' AND kind = 'full' AND attempts = 0").run(
    new Date(ctx.now().getTime() + backoffMs(refusedFulls + 1, random)).toISOString(),
  );
}
