// The check's rows (journal_check, check_finding, remark) typed once, their RPC views, and the
// guards every check mutation shares: the row exists, its year is not archived, its version.
import { RULES, type CheckScope, type FindingView, type RuleId, type Severity } from '../../../src-shared/check/rules';
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { CheckSummary, RemarkState, RemarkView } from '../../../src-shared/rpc/check';
import type { Ctx } from '../context';
import { prep } from '../sql';

export interface CheckRow {
  id: number;
  year_id: number;
  date_from: string;
  date_to: string;
  scope: string;
  status: 'draft' | 'issued';
  created_by: number;
  created_at: string;
  ran_at: string;
  issued_at: string | null;
  conclusions: string;
  recheck_on: string | null;
  portal_note: string | null;
  version: number;
}

export interface FindingRow {
  id: number;
  check_id: number;
  rule: RuleId;
  severity: Severity;
  key: string;
  teacher_id: number | null;
  group_id: number | null;
  subject_id: number | null;
  lesson_id: number | null;
  pupil_id: number | null;
  date: string | null;
  text: string;
  detail: string;
  dismissed_reason: string | null;
  dismissed_by: number | null;
  dismissed_at: string | null;
}

export interface RemarkRow {
  id: number;
  check_id: number;
  finding_id: number | null;
  rule: RuleId | null;
  finding_key: string | null;
  teacher_id: number;
  group_id: number | null;
  subject_id: number | null;
  lesson_id: number | null;
  pupil_id: number | null;
  text: string;
  deadline: string;
  state: RemarkState;
  fixed_by: 'teacher' | 'recheck' | null;
  reply: string | null;
  created_by: number;
  created_at: string;
  state_at: string;
  rechecked_at: string | null;
  version: number;
}

export function checkRow(ctx: Pick<Ctx, 'sqlite'>, id: number): CheckRow {
  const row = prep(ctx.sqlite, 'SELECT * FROM journal_check WHERE id = ?').get(id) as CheckRow | undefined;
  if (!row) throw new AppError('not_found', 'Нет такой проверки: обновите список проверок');
  return row;
}

export function findingRow(ctx: Pick<Ctx, 'sqlite'>, id: number): FindingRow {
  const row = prep(ctx.sqlite, 'SELECT * FROM check_finding WHERE id = ?').get(id) as FindingRow | undefined;
  if (!row) throw new AppError('not_found', 'Нет такой находки: обновите проверку');
  return row;
}

export function remarkRow(ctx: Pick<Ctx, 'sqlite'>, id: number): RemarkRow {
  const row = prep(ctx.sqlite, 'SELECT * FROM remark WHERE id = ?').get(id) as RemarkRow | undefined;
  if (!row) throw new AppError('not_found', 'Нет такого замечания: обновите список замечаний');
  return row;
}

/** An archived year is read-only (DESIGN.md §11): its checks and remarks too. */
export function assertYearOpen(ctx: Pick<Ctx, 'sqlite'>, yearId: number): void {
  const y = prep(ctx.sqlite, 'SELECT status, label FROM school_year WHERE id = ?').get(yearId) as { status: string; label: string } | undefined;
  if (!y) throw new AppError('not_found', 'Нет такого учебного года');
  if (y.status !== 'open') throw new AppError('locked', `Учебный год ${y.label} в архиве: его проверки доступны только для чтения`);
}

export function parseScope(raw: string): CheckScope {
  const s = JSON.parse(raw) as Partial<CheckScope>;
  return { classIds: s.classIds ?? [], teacherIds: s.teacherIds ?? [], subjectIds: s.subjectIds ?? [] };
}

const STATE_RU: Record<RemarkState, string> = {
  draft: 'ещё не выдано',
  open: 'выдано',
  acknowledged: 'прочитано учителем',
  fixed: 'отмечено исправленным',
  verified: 'уже подтверждено',
  overdue: 'просрочено',
};

/** A versioned state change: the caller saw this version, in one of these states. */
export function assertRemark(r: RemarkRow, version: number | undefined, allowed: readonly RemarkState[], action: string): void {
  if (version !== undefined && r.version !== version)
    throw new AppError('conflict', 'Замечание уже изменили, пока вы его читали: обновите список и повторите', undefined, { state: r.state, version: r.version });
  if (!allowed.includes(r.state))
    throw new AppError('conflict', `Нельзя ${action}: замечание ${STATE_RU[r.state]}`, undefined, { state: r.state, version: r.version });
}

type Names = { surname: string; name: string; patronymic: string | null };

// One query for a view's names: the lists hold hundreds of rows and a query per row adds up.
const REMARK_SELECT = `
  SELECT r.*, tp.surname AS t_surname, tp.name AS t_name, tp.patronymic AS t_patronymic,
         g.name AS group_name, s.name AS subject_name, l.date AS lesson_date, l.slot AS lesson_slot,
         pp.surname AS p_surname, pp.name AS p_name
    FROM remark r
    JOIN staff_user tu ON tu.id = r.teacher_id JOIN person tp ON tp.id = tu.person_id
    LEFT JOIN study_group g ON g.id = r.group_id
    LEFT JOIN subject s ON s.id = r.subject_id
    LEFT JOIN lesson l ON l.id = r.lesson_id
    LEFT JOIN person pp ON pp.id = r.pupil_id`;

type RemarkJoined = RemarkRow & {
  t_surname: string;
  t_name: string;
  t_patronymic: string | null;
  group_name: string | null;
  subject_name: string | null;
  lesson_date: string | null;
  lesson_slot: number | null;
  p_surname: string | null;
  p_name: string | null;
};

const pupilName = (surname: string | null, name: string | null) => (surname === null ? null : `${surname} ${name ?? ''}`.trim());

function remarkOf(r: RemarkJoined): RemarkView {
  return {
    id: r.id,
    checkId: r.check_id,
    findingId: r.finding_id,
    rule: r.rule,
    teacherId: r.teacher_id,
    teacherName: shortName({ surname: r.t_surname, name: r.t_name, patronymic: r.t_patronymic }),
    groupId: r.group_id,
    groupName: r.group_name,
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    lessonId: r.lesson_id,
    lessonDate: r.lesson_date,
    lessonSlot: r.lesson_slot,
    pupilId: r.pupil_id,
    pupilName: pupilName(r.p_surname, r.p_name),
    text: r.text,
    deadline: r.deadline,
    state: r.state,
    fixedBy: r.fixed_by,
    reply: r.reply,
    createdAt: r.created_at,
    stateAt: r.state_at,
    version: r.version,
  };
}

/** Remarks matching a WHERE clause over `r` (remark), deadline first. */
export function remarkViews(ctx: Pick<Ctx, 'sqlite'>, where: string, ...params: unknown[]): RemarkView[] {
  const rows = prep(ctx.sqlite, `${REMARK_SELECT} WHERE ${where} ORDER BY r.deadline, r.id`).all(...params) as RemarkJoined[];
  return rows.map(remarkOf);
}

export function remarkView(ctx: Pick<Ctx, 'sqlite'>, id: number): RemarkView {
  const v = remarkViews(ctx, 'r.id = ?', id)[0];
  if (!v) throw new AppError('not_found', 'Нет такого замечания: обновите список замечаний');
  return v;
}

type FindingJoined = FindingRow & {
    t_surname: string | null;
    t_name: string | null;
    t_patronymic: string | null;
    p_surname: string | null;
    p_name: string | null;
    group_name: string | null;
    subject_name: string | null;
    remark_id: number | null;
  };

/** Findings of a check by rule number, then class, date and id (the order the deputy reviews them). */
export function findingViews(ctx: Pick<Ctx, 'sqlite'>, checkId: number, where: string, ...params: unknown[]): FindingView[] {
  const rows = prep(
    ctx.sqlite,
    `SELECT f.*, tp.surname AS t_surname, tp.name AS t_name, tp.patronymic AS t_patronymic, g.name AS group_name,
            s.name AS subject_name, pp.surname AS p_surname, pp.name AS p_name, rm.remark_id
       FROM check_finding f
       -- remark has no finding_id index: one grouped pass over the check's remarks (remark_check)
       -- instead of a scan per finding.
       LEFT JOIN (SELECT finding_id, MIN(id) AS remark_id FROM remark WHERE check_id = ? AND finding_id IS NOT NULL GROUP BY finding_id) rm
         ON rm.finding_id = f.id
       LEFT JOIN staff_user tu ON tu.id = f.teacher_id LEFT JOIN person tp ON tp.id = tu.person_id
       LEFT JOIN study_group g ON g.id = f.group_id
       LEFT JOIN subject s ON s.id = f.subject_id
       LEFT JOIN person pp ON pp.id = f.pupil_id
      WHERE f.check_id = ? AND ${where}
      ORDER BY CAST(substr(f.rule, 2) AS INTEGER), g.name, f.date, f.id`,
  ).all(checkId, checkId, ...params) as FindingJoined[];
  return rows.map((f) => ({
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    key: f.key,
    teacherId: f.teacher_id,
    teacherName: f.t_surname === null ? null : shortName({ surname: f.t_surname, name: f.t_name ?? '', patronymic: f.t_patronymic }),
    groupId: f.group_id,
    groupName: f.group_name,
    subjectId: f.subject_id,
    subjectName: f.subject_name,
    lessonId: f.lesson_id,
    pupilId: f.pupil_id,
    pupilName: pupilName(f.p_surname, f.p_name),
    date: f.date,
    text: f.text,
    detail: JSON.parse(f.detail) as FindingView['detail'],
    dismissedReason: f.dismissed_reason,
    remarkId: f.remark_id,
  }));
}

const REMARK_STATES: RemarkState[] = ['draft', 'open', 'acknowledged', 'fixed', 'verified', 'overdue'];

export function checkSummary(ctx: Pick<Ctx, 'sqlite'>, c: CheckRow, createdBy: string): CheckSummary {
  const sev = prep(
    ctx.sqlite,
    'SELECT severity, COUNT(*) AS n FROM check_finding WHERE check_id = ? AND dismissed_reason IS NULL GROUP BY severity',
  ).all(c.id) as { severity: Severity; n: number }[];
  const dismissed = (prep(ctx.sqlite, 'SELECT COUNT(*) AS n FROM check_finding WHERE check_id = ? AND dismissed_reason IS NOT NULL').get(c.id) as { n: number }).n;
  const byState = prep(ctx.sqlite, 'SELECT state, COUNT(*) AS n FROM remark WHERE check_id = ? GROUP BY state').all(c.id) as { state: RemarkState; n: number }[];
  const findings = { error: 0, warning: 0, info: 0 };
  for (const r of sev) findings[r.severity] = r.n;
  const remarks = Object.fromEntries(REMARK_STATES.map((s) => [s, 0])) as Record<RemarkState, number>;
  for (const r of byState) remarks[r.state] = r.n;
  return {
    id: c.id,
    from: c.date_from,
    to: c.date_to,
    scope: parseScope(c.scope),
    status: c.status,
    createdBy,
    createdAt: c.created_at,
    ranAt: c.ran_at,
    issuedAt: c.issued_at,
    findings,
    dismissed,
    remarks,
  };
}

export function staffShortName(ctx: Pick<Ctx, 'sqlite'>, staffId: number): string {
  const p = prep(ctx.sqlite, 'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?').get(staffId) as
    | Names
    | undefined;
  return p ? shortName(p) : '';
}

/** The rule's severity from the one table, whatever a rule put in its finding. */
export const severityOf = (rule: RuleId): Severity => RULES[rule].severity;
