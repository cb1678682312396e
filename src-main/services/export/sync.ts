// Delivers the outbox in order until it is empty or the portal cannot be reached. Safe to
// stop at any point: a package is done only with its receipt stored, and the portal applies
// a resent package once (same id → the same receipt), so a crash mid-send just resends.
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { loadSettings } from '../school/settings';
import { readSecret } from '../secrets';
import { prep } from '../sql';
import { nextToSend, packageBody, type PackageRow } from './outbox';
import { backoffMs, sendPackage, type SendResult } from './transport';

export const PORTAL_TOKEN_KEY = 'portal_token';

/** The portal key, or null when none is set; an error when it is sealed and cannot be opened here. */
export function portalToken(ctx: Ctx): string | null {
  return readSecret(ctx, PORTAL_TOKEN_KEY);
}

export interface SyncReport {
  sent: number;
  done: string[];
  refused: string[];
  waiting: { id: string; error: string; nextAttemptAt: string } | null;
}

export interface SyncOptions {
  timeoutMs?: number;
  /** Ignore next_attempt_at (the administrator pressed "send now"). */
  force?: boolean;
  random?: () => number;
}

export async function syncOutbox(ctx: Ctx, opts: SyncOptions = {}): Promise<SyncReport> {
  const url = loadSettings(ctx).exportUrl;
  const token = portalToken(ctx);
  if (!url || !token) throw new AppError('validation', 'Выгрузка не настроена: укажите адрес портала и ключ доступа');
  const report: SyncReport = { sent: 0, done: [], refused: [], waiting: null };
  for (;;) {
    const p = nextToSend(ctx);
    if (!p) return report;
    if (!opts.force && p.next_attempt_at && p.next_attempt_at > ctx.now().toISOString()) {
      report.waiting = { id: p.id, error: p.last_error ?? '', nextAttemptAt: p.next_attempt_at };
      return report;
    }
    // Counted before the send: a crash during it still shows as an attempt.
    prep(ctx.sqlite, "UPDATE export_package SET state = 'sending', attempts = attempts + 1 WHERE id = ?").run(p.id);
    const result = await sendPackage(p.id, p.sha256, packageBody(ctx, p.id), { url, token, timeoutMs: opts.timeoutMs ?? 60_000 });
    report.sent++;
    record(ctx, p, result, opts.random);
    if (result.kind === 'done') report.done.push(p.id);
    else if (result.kind === 'refused') report.refused.push(p.id);
    else {
      const row = prep(ctx.sqlite, 'SELECT next_attempt_at FROM export_package WHERE id = ?').get(p.id) as { next_attempt_at: string };
      report.waiting = { id: p.id, error: result.error, nextAttemptAt: row.next_attempt_at };
      // Offline or failing: the rest would fail too, and order matters. Try again later.
      return report;
    }
  }
}

function record(ctx: Ctx, p: PackageRow, result: SendResult, random?: () => number): void {
  const now = ctx.now();
  if (result.kind === 'retry') {
    const next = new Date(now.getTime() + backoffMs(p.attempts + 1, random)).toISOString();
    prep(ctx.sqlite, "UPDATE export_package SET state = 'queued', last_error = ?, next_attempt_at = ? WHERE id = ?").run(
      result.error,
      next,
      p.id,
    );
    return;
  }
  mutate({ ...ctx, actor: null }, (rec) => {
    if (result.kind === 'done') {
      prep(
        ctx.sqlite,
        "UPDATE export_package SET state = 'done', receipt = ?, done_at = ?, last_error = NULL, next_attempt_at = NULL WHERE id = ?",
      ).run(JSON.stringify(result.receipt), now.toISOString(), p.id);
      rec.audit({ action: 'export.delivered', entity: 'export_package', entityId: p.id, after: { receipt: result.receipt } });
    } else {
      prep(ctx.sqlite, "UPDATE export_package SET state = 'refused', last_error = ?, next_attempt_at = NULL WHERE id = ?").run(
        result.error,
        p.id,
      );
      rec.audit({ action: 'export.refused', entity: 'export_package', entityId: p.id, after: { error: result.error } });
    }
  });
}
