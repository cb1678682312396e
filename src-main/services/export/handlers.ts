// The export capability's RPC handlers.
import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../../rpc/handlers';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { loadSettings, schoolRow } from '../school/settings';
import { prep } from '../sql';
import { cancelBuild, currentBuild, packageById, queueFullPackage, queueIncrementalPackage, type PackageRow } from './outbox';
import { lastMasked } from './masked';
import { reconcile } from './reconcile';
import { lastDailySlot } from './schedule';
import { hasSecret, secretSealed, storeSecret } from '../secrets';
import { PORTAL_TOKEN_KEY, portalToken, syncOutbox, syncRunning } from './sync';
import { auditWitness } from './witness';
import { normalizePortalUrl, portalKeyProblem, portalUrlProblem } from '../../../src-shared/export/portal-config';

/** What stops a send as configured now, in Russian; null when nothing (or nothing yet) is set. */
function configProblem(ctx: Ctx, url: string): string | null {
  try {
    const token = portalToken(ctx);
    return (url ? portalUrlProblem(url) : null) ?? (token === null ? null : portalKeyProblem(token));
  } catch (e) {
    return (e as Error).message; // a sealed key this host cannot open
  }
}

const view = (p: PackageRow) => ({
  id: p.id,
  kind: p.kind,
  feedFrom: p.feed_from,
  feedTo: p.feed_to,
  createdAt: p.created_at,
  size: p.size,
  state: p.state,
  attempts: p.attempts,
  lastError: p.last_error,
  nextAttemptAt: p.next_attempt_at,
  doneAt: p.done_at,
});

/** Sends now; an unreachable portal is a state to show, not an error of the button. */
async function trySync(ctx: Ctx) {
  try {
    return { sync: await syncOutbox(ctx, { force: true }), error: null };
  } catch (e) {
    return { sync: null, error: (e as Error).message };
  }
}

export const exportHandlers: Pick<
  Handlers,
  'export.status' | 'export.configure' | 'export.runFull' | 'export.cancelBuild' | 'export.sendNow' | 'export.reconcile'
> = {
  'export.status': (ctx) => {
    const s = loadSettings(ctx);
    const lastDone = (kind: string) =>
      (
        prep(ctx.sqlite, "SELECT MAX(done_at) AS at FROM export_package WHERE state = 'done' AND kind = ?").get(kind) as {
          at: string | null;
        }
      ).at;
    const lastDailyDone = lastDone('incremental');
    const lastFullDone = lastDone('full');
    const lastAny = [lastDailyDone, lastFullDone].filter(Boolean).sort().at(-1) ?? null;
    // Late: the previous daily slot passed more than a day ago with nothing delivered since.
    const slot = lastDailySlot(ctx.now(), s.exportDailyAt);
    const dailyLate = !!s.exportUrl && (lastAny === null || lastAny < new Date(slot.getTime() - 24 * 3600_000).toISOString());
    const queue = (prep(ctx.sqlite, 'SELECT id FROM export_package ORDER BY rowid DESC LIMIT 50').all() as { id: string }[]).map((r) =>
      view(packageById(ctx, r.id)),
    );
    const build = currentBuild(ctx);
    const w = auditWitness(ctx);
    return {
      settings: {
        url: s.exportUrl,
        dailyAt: s.exportDailyAt,
        fullDay: s.exportFullDay,
        tokenSet: hasSecret(ctx, PORTAL_TOKEN_KEY),
        tokenSealed: secretSealed(ctx, PORTAL_TOKEN_KEY),
      },
      build: build && { kind: build.kind, startedAt: build.startedAt, progress: build.done / build.total, cancelling: build.cancel },
      lastDailyDone,
      lastFullDone,
      dailyLate,
      queue,
      syncing: syncRunning(ctx),
      problem: configProblem(ctx, s.exportUrl),
      audit: {
        brokenAt: w.brokenAt,
        checkedAt: w.checkedAt,
        localSeq: w.local.seq,
        portalSeq: w.portal?.seq ?? null,
        behind: w.behind,
        forked: w.forked,
      },
      masked: lastMasked(ctx),
    };
  },

  'export.configure': (ctx, input) => {
    const row = schoolRow(ctx);
    if (!row) throw new AppError('not_found', 'Школа не настроена');
    // A key or address that cannot work is refused now, not discovered at every send.
    const urlProblem = input.url === undefined ? null : portalUrlProblem(input.url);
    if (urlProblem) throw new AppError('validation', urlProblem, [{ path: ['url'], message: urlProblem }]);
    const keyProblem = input.token === undefined ? null : portalKeyProblem(input.token);
    if (keyProblem) throw new AppError('validation', keyProblem, [{ path: ['token'], message: keyProblem }]);
    const before = loadSettings(ctx);
    const after = {
      ...before,
      ...(input.url !== undefined ? { exportUrl: normalizePortalUrl(input.url) } : {}),
      ...(input.dailyAt !== undefined ? { exportDailyAt: input.dailyAt } : {}),
      ...(input.fullDay !== undefined ? { exportFullDay: input.fullDay } : {}),
    };
    mutate(ctx, (rec) => {
      prep(ctx.sqlite, 'UPDATE school SET settings = ? WHERE id = 1').run(JSON.stringify(after));
      if (input.token !== undefined) storeSecret(ctx, PORTAL_TOKEN_KEY, input.token);
      // The key itself never enters the audit log: only that it changed.
      rec.audit({
        action: 'export.configure',
        entity: 'school',
        entityId: 1,
        before: { url: before.exportUrl, dailyAt: before.exportDailyAt, fullDay: before.exportFullDay },
        after: {
          url: after.exportUrl,
          dailyAt: after.exportDailyAt,
          fullDay: after.exportFullDay,
          tokenChanged: input.token !== undefined,
        },
      });
    });
    return { ok: true as const };
  },

  'export.runFull': async (ctx) => {
    const p = await queueFullPackage(ctx, 'полная выгрузка по запросу администратора');
    const { sync, error } = await trySync(ctx);
    return { package: view(packageById(ctx, p.id)), sync, error };
  },

  'export.sendNow': async (ctx) => {
    const p = await queueIncrementalPackage(ctx, 'выгрузка по запросу администратора');
    const { sync, error } = await trySync(ctx);
    return { package: p ? view(packageById(ctx, p.id)) : null, sync, error };
  },

  'export.cancelBuild': (ctx) => ({ cancelled: cancelBuild(ctx) }),

  'export.reconcile': (ctx, input) => reconcile(ctx, input),
};
