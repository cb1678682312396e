// checks.run and checks.rerun: the rules over a period and a scope, stored as one check with its
// findings in one audited transaction. R18 (the portal's diary) is asynchronous: it is awaited
// FIRST, then the synchronous rules run and everything is written without another await, so no
// journal value read for the findings can change before they are stored.
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { CheckScope, Finding } from '../../../src-shared/check/rules';
import { requireActor, type Ctx } from '../context';
import { diaryFindings } from '../export/diary-findings';
import { PORTAL_TOKEN_KEY } from '../export/sync';
import { mutate } from '../mutate';
import { loadSettings } from '../school/settings';
import { hasSecret } from '../secrets';
import { prep } from '../sql';
import { runRules } from './engine';
import { assertYearOpen, checkRow, parseScope, severityOf, type CheckRow } from './store';

export const PORTAL_OFF_NOTE = 'Выгрузка на портал не настроена: сверка с электронным дневником (R18) не выполнялась';

export interface Diary {
  findings: Finding[];
  note: string | null;
}

export function exportConfigured(ctx: Ctx): boolean {
  return !!loadSettings(ctx).exportUrl && hasSecret(ctx, PORTAL_TOKEN_KEY);
}

/**
 * R18 for a period, then `then` with it: synchronously when the export is off (the router's
 * transaction still holds), after the portal answers otherwise. Never throws for the portal:
 * a failure becomes the check's portal note.
 */
export function withDiary<T>(ctx: Ctx, run: { from: string; to: string; scope: CheckScope }, then: (d: Diary) => T): T | Promise<T> {
  if (!exportConfigured(ctx)) return then({ findings: [], note: PORTAL_OFF_NOTE });
  return diaryFindings(ctx, run)
    .catch((e: unknown) => ({ findings: [], note: `Сверка с электронным дневником не выполнена: ${e instanceof Error ? e.message : String(e)}` }))
    .then(then);
}

const invalid = (message: string, path: (string | number)[]) => new AppError('validation', message, [{ path, message }]);

/** The open year that holds the whole period (checks never cross years or touch archived ones). */
function periodYear(ctx: Ctx, from: string, to: string): number {
  const today = schoolDate(ctx.now());
  if (from > today) throw invalid('Период проверки ещё не начался: выберите прошедший или текущий месяц', ['from']);
  const y = prep(ctx.sqlite, 'SELECT id, status FROM school_year WHERE starts_on <= ? AND ends_on >= ? ORDER BY status = \'open\' DESC LIMIT 1').get(from, to) as
    | { id: number; status: string }
    | undefined;
  if (!y) throw invalid('Период проверки должен лежать внутри одного учебного года', ['to']);
  assertYearOpen(ctx, y.id);
  return y.id;
}

function assertScope(ctx: Ctx, yearId: number, scope: CheckScope): void {
  const s = ctx.sqlite;
  const lists: [keyof CheckScope, string, string][] = [
    ['classIds', 'SELECT 1 FROM class_unit WHERE id = ? AND year_id = ?', 'нет такого класса в этом учебном году'],
    ['teacherIds', 'SELECT 1 FROM staff_user WHERE id = ? AND ? > 0', 'нет такого учителя'],
    ['subjectIds', 'SELECT 1 FROM subject WHERE id = ? AND ? > 0', 'нет такого предмета'],
  ];
  for (const [field, sql, message] of lists)
    scope[field].forEach((id, i) => {
      if (!prep(s, sql).get(id, yearId)) throw invalid(`Область проверки: ${message} (обновите списки)`, ['scope', field, i]);
    });
}

/** A rule that reports one key twice would break the check's unique key: the first one wins. */
function uniqueByKey(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => !seen.has(f.key) && seen.add(f.key));
}

function countByRule(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[f.rule] = (out[f.rule] ?? 0) + 1;
  return out;
}

/** The rules (and R18's findings) of a period, as the check stores them. */
function findingsOf(ctx: Ctx, run: { from: string; to: string; scope: CheckScope }, diary: Diary): Finding[] {
  const settings = loadSettings(ctx).check;
  const today = schoolDate(ctx.now());
  return uniqueByKey([...runRules(ctx, { ...run, today, settings }), ...diary.findings]);
}

const FINDING_COLS = 'rule, severity, teacher_id, group_id, subject_id, lesson_id, pupil_id, date, text, detail';
const findingValues = (f: Finding) => [
  f.rule,
  severityOf(f.rule),
  f.teacherId,
  f.groupId,
  f.subjectId,
  f.lessonId,
  f.pupilId,
  f.date,
  f.text,
  JSON.stringify(f.detail ?? {}),
];

export function runCheck(ctx: Ctx, input: { from: string; to: string; scope: CheckScope }): { checkId: number } | Promise<{ checkId: number }> {
  const actor = requireActor(ctx);
  const run = { from: input.from, to: input.to, scope: input.scope };
  // Refused before the portal is asked; asked again inside the transaction below.
  assertScope(ctx, periodYear(ctx, run.from, run.to), run.scope);
  return withDiary(ctx, run, (diary) =>
    mutate(ctx, (rec) => {
      const yearId = periodYear(ctx, run.from, run.to);
      assertScope(ctx, yearId, run.scope);
      const findings = findingsOf(ctx, run, diary);
      const at = ctx.now().toISOString();
      const checkId = Number(
        prep(
          ctx.sqlite,
          `INSERT INTO journal_check (year_id, date_from, date_to, scope, status, created_by, created_at, ran_at, portal_note)
           VALUES (?,?,?,?, 'draft', ?,?,?,?)`,
        ).run(yearId, run.from, run.to, JSON.stringify(run.scope), actor.staffId, at, at, diary.note).lastInsertRowid,
      );
      const ins = prep(ctx.sqlite, `INSERT INTO check_finding (check_id, key, ${FINDING_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
      for (const f of findings) ins.run(checkId, f.key, ...findingValues(f));
      // One record per run, not per finding: a month of a school is thousands of findings.
      rec.audit({
        action: 'check.run',
        entity: 'journal_check',
        entityId: checkId,
        after: { yearId, from: run.from, to: run.to, scope: run.scope, findings: findings.length, byRule: countByRule(findings), portalNote: diary.note },
      });
      return { checkId };
    }),
  );
}

function assertDraft(c: CheckRow): void {
  if (c.status !== 'draft')
    throw new AppError('conflict', 'Проверка уже выдана учителям: её находки не пересчитываются, запустите новую проверку');
}

export function rerunCheck(ctx: Ctx, input: { checkId: number }): { checkId: number } | Promise<{ checkId: number }> {
  requireActor(ctx);
  const first = checkRow(ctx, input.checkId);
  assertYearOpen(ctx, first.year_id);
  assertDraft(first);
  const run = { from: first.date_from, to: first.date_to, scope: parseScope(first.scope) };
  return withDiary(ctx, run, (diary) =>
    mutate(ctx, (rec) => {
      // Re-read inside the transaction: the check may have been issued while the portal answered.
      const c = checkRow(ctx, input.checkId);
      assertYearOpen(ctx, c.year_id);
      assertDraft(c);
      const findings = findingsOf(ctx, run, diary);
      const s = ctx.sqlite;
      const old = new Map(
        (prep(s, 'SELECT id, key, dismissed_reason FROM check_finding WHERE check_id = ?').all(c.id) as { id: number; key: string; dismissed_reason: string | null }[]).map(
          (r) => [r.key, r],
        ),
      );
      // A finding found again keeps its row: its id (the remarks' link) and its dismissal.
      const upd = prep(
        s,
        `UPDATE check_finding SET rule = ?, severity = ?, teacher_id = ?, group_id = ?, subject_id = ?, lesson_id = ?, pupil_id = ?,
           date = ?, text = ?, detail = ? WHERE id = ?`,
      );
      const ins = prep(s, `INSERT INTO check_finding (check_id, key, ${FINDING_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
      let added = 0;
      let kept = 0;
      for (const f of findings) {
        const had = old.get(f.key);
        if (had) {
          upd.run(...findingValues(f), had.id);
          old.delete(f.key);
          kept++;
        } else {
          ins.run(c.id, f.key, ...findingValues(f));
          added++;
        }
      }
      // Gone now: a remark made from it keeps its own place and key (its re-check looks for
      // the key), only the link to the vanished row goes.
      const unlink = prep(s, 'UPDATE remark SET finding_id = NULL WHERE check_id = ? AND finding_id = ?');
      const del = prep(s, 'DELETE FROM check_finding WHERE id = ?');
      for (const gone of old.values()) {
        unlink.run(c.id, gone.id);
        del.run(gone.id);
      }
      const at = ctx.now().toISOString();
      prep(s, 'UPDATE journal_check SET ran_at = ?, portal_note = ?, version = version + 1 WHERE id = ?').run(at, diary.note, c.id);
      rec.audit({
        action: 'check.rerun',
        entity: 'journal_check',
        entityId: c.id,
        before: { ranAt: c.ran_at, findings: kept + old.size },
        after: { findings: findings.length, added, kept, removed: old.size, byRule: countByRule(findings), portalNote: diary.note },
      });
      return { checkId: c.id };
    }),
  );
}
