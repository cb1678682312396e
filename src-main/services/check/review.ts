// Reading checks and the deputy's review of one: dismiss and restore findings, the report's
// editable parts, issuing the remarks, the thresholds.
import type { FindingView, RuleId, Severity } from '../../../src-shared/check/rules';
import { schoolDate } from '../../../src-shared/dates';
import type { CheckSettings } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { CheckSummary, RemarkView } from '../../../src-shared/rpc/check';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { currentYear } from '../school/handlers';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { assertYearOpen, checkRow, checkSummary, findingRow, findingViews, remarkViews, staffShortName, type CheckRow } from './store';

export function listChecks(ctx: Ctx, input: { yearId?: number | undefined }): CheckSummary[] {
  const yearId = input.yearId ?? currentYear(ctx, schoolDate(ctx.now()))?.id;
  if (yearId === undefined) return [];
  const rows = prep(ctx.sqlite, 'SELECT * FROM journal_check WHERE year_id = ? ORDER BY created_at DESC, id DESC').all(yearId) as CheckRow[];
  return rows.map((c) => checkSummary(ctx, c, staffShortName(ctx, c.created_by)));
}

export function getCheck(
  ctx: Ctx,
  input: { checkId: number; rule?: RuleId | undefined; severity?: Severity | undefined; teacherId?: number | undefined; groupId?: number | undefined; dismissed?: boolean | undefined },
): { check: CheckSummary & { conclusions: string; recheckOn: string | null; portalNote: string | null; version: number }; findings: FindingView[]; remarks: RemarkView[] } {
  const c = checkRow(ctx, input.checkId);
  // Optional filters as "? IS NULL OR column = ?": one prepared statement serves every combination.
  const findings = findingViews(
    ctx,
    c.id,
    `(? OR f.dismissed_reason IS NULL) AND (? IS NULL OR f.rule = ?) AND (? IS NULL OR f.severity = ?)
       AND (? IS NULL OR f.teacher_id = ?) AND (? IS NULL OR f.group_id = ?)`,
    input.dismissed ? 1 : 0,
    ...[input.rule, input.severity, input.teacherId, input.groupId].flatMap((v) => [v ?? null, v ?? null]),
  );
  return {
    check: {
      ...checkSummary(ctx, c, staffShortName(ctx, c.created_by)),
      conclusions: c.conclusions,
      recheckOn: c.recheck_on,
      portalNote: c.portal_note,
      version: c.version,
    },
    findings,
    remarks: remarkViews(ctx, 'r.check_id = ?', c.id),
  };
}

export function dismissFinding(ctx: Ctx, input: { findingId: number; reason: string }): { ok: true } {
  const actor = requireActor(ctx);
  return mutate(ctx, (rec) => {
    const f = findingRow(ctx, input.findingId);
    assertYearOpen(ctx, checkRow(ctx, f.check_id).year_id);
    // A remark already stands on it: dismissing the finding would leave the teacher a remark
    // about something the deputy called false.
    if (prep(ctx.sqlite, "SELECT 1 FROM remark WHERE check_id = ? AND finding_id = ? AND state <> 'draft' LIMIT 1").get(f.check_id, f.id))
      throw new AppError('conflict', 'По этой находке уже выдано замечание: отклонить её нельзя, подтвердите или измените замечание');
    if (prep(ctx.sqlite, 'SELECT 1 FROM remark WHERE check_id = ? AND finding_id = ? LIMIT 1').get(f.check_id, f.id))
      throw new AppError('conflict', 'Из этой находки уже сделано замечание: сначала удалите его');
    const reason = input.reason.trim();
    prep(ctx.sqlite, 'UPDATE check_finding SET dismissed_reason = ?, dismissed_by = ?, dismissed_at = ? WHERE id = ?').run(
      reason,
      actor.staffId,
      ctx.now().toISOString(),
      f.id,
    );
    rec.audit({
      action: 'check.dismiss',
      entity: 'check_finding',
      entityId: f.id,
      before: { checkId: f.check_id, key: f.key, dismissedReason: f.dismissed_reason },
      after: { dismissedReason: reason },
      reason,
    });
    return { ok: true as const };
  });
}

export function restoreFinding(ctx: Ctx, input: { findingId: number }): { ok: true } {
  requireActor(ctx);
  return mutate(ctx, (rec) => {
    const f = findingRow(ctx, input.findingId);
    assertYearOpen(ctx, checkRow(ctx, f.check_id).year_id);
    if (f.dismissed_reason === null) throw new AppError('conflict', 'Эта находка не отклонена: возвращать нечего');
    prep(ctx.sqlite, 'UPDATE check_finding SET dismissed_reason = NULL, dismissed_by = NULL, dismissed_at = NULL WHERE id = ?').run(f.id);
    rec.audit({
      action: 'check.restore',
      entity: 'check_finding',
      entityId: f.id,
      before: { checkId: f.check_id, key: f.key, dismissedReason: f.dismissed_reason },
      after: { dismissedReason: null },
    });
    return { ok: true as const };
  });
}

export function setReport(ctx: Ctx, input: { checkId: number; conclusions: string; recheckOn: string | null; version: number }): { version: number } {
  requireActor(ctx);
  return mutate(ctx, (rec) => {
    const c = checkRow(ctx, input.checkId);
    assertYearOpen(ctx, c.year_id);
    if (c.version !== input.version)
      throw new AppError('conflict', 'Справку уже изменили, пока вы её редактировали: обновите страницу и повторите', undefined, {
        conclusions: c.conclusions,
        recheckOn: c.recheck_on,
        version: c.version,
      });
    if (input.recheckOn !== null && input.recheckOn < c.date_to) {
      const message = 'Повторная проверка не может быть раньше конца проверенного периода';
      throw new AppError('validation', message, [{ path: ['recheckOn'], message }]);
    }
    prep(ctx.sqlite, 'UPDATE journal_check SET conclusions = ?, recheck_on = ?, version = version + 1 WHERE id = ?').run(input.conclusions, input.recheckOn, c.id);
    rec.audit({
      action: 'check.report',
      entity: 'journal_check',
      entityId: c.id,
      before: { conclusions: c.conclusions, recheckOn: c.recheck_on },
      after: { conclusions: input.conclusions, recheckOn: input.recheckOn },
    });
    return { version: c.version + 1 };
  });
}

export function issueCheck(ctx: Ctx, input: { checkId: number }): { issued: number } {
  requireActor(ctx);
  return mutate(ctx, (rec) => {
    const c = checkRow(ctx, input.checkId);
    assertYearOpen(ctx, c.year_id);
    if (c.status === 'issued') throw new AppError('conflict', 'Проверка уже выдана учителям');
    const today = schoolDate(ctx.now());
    const late = prep(ctx.sqlite, "SELECT COUNT(*) AS n, MIN(deadline) AS first FROM remark WHERE check_id = ? AND state = 'draft' AND deadline < ?").get(c.id, today) as {
      n: number;
      first: string | null;
    };
    // A remark issued past its deadline would turn overdue at once: the teacher never had a day.
    if (late.n > 0)
      throw new AppError('validation', `У ${late.n} замечан${late.n === 1 ? 'ия' : 'ий'} срок уже прошёл (${late.first}): перенесите срок и выдайте снова`);
    const at = ctx.now().toISOString();
    const ids = (prep(ctx.sqlite, "SELECT id FROM remark WHERE check_id = ? AND state = 'draft' ORDER BY id").all(c.id) as { id: number }[]).map((r) => r.id);
    prep(ctx.sqlite, "UPDATE remark SET state = 'open', state_at = ?, version = version + 1 WHERE check_id = ? AND state = 'draft'").run(at, c.id);
    prep(ctx.sqlite, "UPDATE journal_check SET status = 'issued', issued_at = ?, version = version + 1 WHERE id = ?").run(at, c.id);
    rec.audit({ action: 'check.issue', entity: 'journal_check', entityId: c.id, before: { status: 'draft' }, after: { status: 'issued', remarkIds: ids } });
    return { issued: ids.length };
  });
}

export function checkSettings(ctx: Ctx): CheckSettings {
  return loadSettings(ctx).check;
}

export function setCheckSettings(ctx: Ctx, input: CheckSettings): CheckSettings {
  requireActor(ctx);
  return mutate(ctx, (rec) => {
    const before = loadSettings(ctx);
    const after = { ...before, check: input };
    if (prep(ctx.sqlite, 'UPDATE school SET settings = ? WHERE id = 1').run(JSON.stringify(after)).changes === 0)
      throw new AppError('not_found', 'Школа не настроена');
    // Thresholds are not exported: no feed mark.
    rec.audit({ action: 'check.settings', entity: 'school', entityId: 1, before: before.check, after: input });
    return input;
  });
}
