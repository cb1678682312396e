// The report's source data, read straight from journal_check / check_finding / remark: the
// PDF and the XLSX print the same object, and its sha256 (over a canonical JSON without the
// time of printing) goes on every page, so two printouts of unchanged data carry the same sum.
import { CheckScope, RULE_IDS, type RuleId } from '../../../src-shared/check/rules';
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { fullName, shortName, type PersonName } from '../../../src-shared/names';
import type { Services } from '../context';
import { schoolRow } from '../school/settings';
import { prep } from '../sql';

export type RemarkState = 'draft' | 'open' | 'acknowledged' | 'fixed' | 'verified' | 'overdue';

export interface ReportTeacher {
  /** Null: findings nobody in particular answers for. */
  teacherId: number | null;
  person: PersonName | null;
  /** Undismissed findings by rule; rules without findings are absent. */
  counts: Partial<Record<RuleId, number>>;
  total: number;
}

export interface ReportRemark {
  id: number;
  teacherId: number;
  teacher: PersonName;
  group: string | null;
  subject: string | null;
  rule: RuleId | null;
  text: string;
  deadline: string;
  state: RemarkState;
  reply: string | null;
}

export interface ReportData {
  school: string;
  check: {
    id: number;
    year: string;
    dateFrom: string;
    dateTo: string;
    status: 'draft' | 'issued';
    /** The school-local date the rules last ran. */
    ranOn: string;
    issuedAt: string | null;
    conclusions: string;
    recheckOn: string | null;
    portalNote: string | null;
    deputy: PersonName;
  };
  scope: { classes: string[]; teachers: string[]; subjects: string[] };
  /** Rules with at least one undismissed finding, in RULE_IDS order (the table's columns). */
  rules: RuleId[];
  /** The teacher × rule table: teachers by name, «nobody in particular» last. */
  table: ReportTeacher[];
  totals: Partial<Record<RuleId, number>>;
  findings: number;
  dismissed: number;
  remarks: ReportRemark[];
  /** Remarks the deputy wrote herself (no rule). */
  manualRemarks: number;
  /** Everyone the report concerns (findings or remarks), for «Со справкой ознакомлены». */
  teachers: { teacherId: number; person: PersonName }[];
}

interface CheckRow {
  id: number;
  year: string;
  date_from: string;
  date_to: string;
  scope: string;
  status: 'draft' | 'issued';
  ran_at: string;
  issued_at: string | null;
  conclusions: string;
  recheck_on: string | null;
  portal_note: string | null;
  surname: string;
  name: string;
  patronymic: string | null;
}

interface CountRow {
  teacher_id: number | null;
  rule: string;
  n: number;
}

interface StaffRow {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
}

interface RemarkRow extends StaffRow {
  remark_id: number;
  teacher_id: number;
  group_name: string | null;
  subject_name: string | null;
  rule: string | null;
  text: string;
  deadline: string;
  state: RemarkState;
  reply: string | null;
}

const person = (r: StaffRow): PersonName => ({ surname: r.surname, name: r.name, patronymic: r.patronymic });
const byName = (a: PersonName, b: PersonName) => fullName(a).localeCompare(fullName(b), 'ru');
const isRule = (r: string | null): r is RuleId => r !== null && (RULE_IDS as readonly string[]).includes(r);

function checkRow(s: Services, checkId: number): CheckRow {
  const row = prep(
    s.sqlite,
    `SELECT c.id, y.label AS year, c.date_from, c.date_to, c.scope, c.status, c.ran_at, c.issued_at, c.conclusions,
            c.recheck_on, c.portal_note, p.surname, p.name, p.patronymic
       FROM journal_check c JOIN school_year y ON y.id = c.year_id
       JOIN staff_user u ON u.id = c.created_by JOIN person p ON p.id = u.person_id
      WHERE c.id = ?`,
  ).get(checkId) as CheckRow | undefined;
  if (!row) throw new AppError('not_found', 'Проверка не найдена: обновите список проверок');
  return row;
}

/** Names of the scope's ids; an id that no longer exists is left out rather than printed as a number. */
function scopeNames(s: Services, raw: string): ReportData['scope'] {
  // A scope the check service could not have written (hand-edited, truncated) prints as the whole school rather than failing.
  let json: unknown = null;
  try {
    json = JSON.parse(raw);
  } catch {
    json = null;
  }
  const parsed = CheckScope.safeParse(json);
  const scope = parsed.success ? parsed.data : { classIds: [], teacherIds: [], subjectIds: [] };
  const names = (sql: string, ids: number[]) => ids.map((id) => prep(s.sqlite, sql).pluck().get(id) as string | undefined).filter((x): x is string => !!x);
  return {
    classes: names('SELECT grade || letter FROM class_unit WHERE id = ?', scope.classIds).sort((a, b) => a.localeCompare(b, 'ru', { numeric: true })),
    teachers: [...staffNames(s, scope.teacherIds).values()].sort(byName).map(shortName),
    subjects: names('SELECT name FROM subject WHERE id = ?', scope.subjectIds).sort((a, b) => a.localeCompare(b, 'ru')),
  };
}

function staffNames(s: Services, ids: number[]): Map<number, PersonName> {
  const out = new Map<number, PersonName>();
  const stmt = prep(s.sqlite, 'SELECT u.id, p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?');
  for (const id of ids) {
    const r = stmt.get(id) as StaffRow | undefined;
    if (r) out.set(id, person(r));
  }
  return out;
}

function remarkRows(s: Services, checkId: number, teacherId: number | null): ReportRemark[] {
  const rows = prep(
    s.sqlite,
    `SELECT r.id AS remark_id, r.teacher_id, g.name AS group_name, sj.name AS subject_name, r.rule, r.text, r.deadline, r.state, r.reply,
            p.surname, p.name, p.patronymic, u.id
       FROM remark r JOIN staff_user u ON u.id = r.teacher_id JOIN person p ON p.id = u.person_id
       LEFT JOIN study_group g ON g.id = r.group_id LEFT JOIN subject sj ON sj.id = r.subject_id
      WHERE r.check_id = ? AND (? IS NULL OR r.teacher_id = ?)`,
  ).all(checkId, teacherId, teacherId) as RemarkRow[];
  return rows
    .map((r) => ({
      id: r.remark_id,
      teacherId: r.teacher_id,
      teacher: person(r),
      group: r.group_name,
      subject: r.subject_name,
      rule: isRule(r.rule) ? r.rule : null,
      text: r.text,
      deadline: r.deadline,
      state: r.state,
      reply: r.reply,
    }))
    .sort((a, b) => byName(a.teacher, b.teacher) || a.deadline.localeCompare(b.deadline) || a.id - b.id);
}

function checkInfo(s: Services, row: CheckRow): ReportData['check'] {
  return {
    id: row.id,
    year: row.year,
    dateFrom: row.date_from,
    dateTo: row.date_to,
    status: row.status,
    ranOn: schoolDateOf(row.ran_at),
    issuedAt: row.issued_at ? schoolDateOf(row.issued_at) : null,
    conclusions: row.conclusions,
    recheckOn: row.recheck_on,
    portalNote: row.portal_note,
    deputy: person({ id: 0, surname: row.surname, name: row.name, patronymic: row.patronymic }),
  };
}

/** ran_at / issued_at are UTC instants: the school's calendar date (late evening UTC is already tomorrow in Moscow). */
function schoolDateOf(at: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return at;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at.slice(0, 10) : schoolDate(d);
}

export function loadReport(s: Services, checkId: number): ReportData {
  const row = checkRow(s, checkId);
  const counts = prep(
    s.sqlite,
    `SELECT teacher_id, rule, count(*) AS n FROM check_finding
      WHERE check_id = ? AND dismissed_at IS NULL AND dismissed_reason IS NULL GROUP BY teacher_id, rule`,
  ).all(checkId) as CountRow[];
  const dismissed = prep(
    s.sqlite,
    'SELECT count(*) FROM check_finding WHERE check_id = ? AND (dismissed_at IS NOT NULL OR dismissed_reason IS NOT NULL)',
  )
    .pluck()
    .get(checkId) as number;
  const remarks = remarkRows(s, checkId, null);

  const teacherIds = [...new Set(counts.map((c) => c.teacher_id).filter((t): t is number => t !== null))];
  const names = staffNames(s, teacherIds);
  const table = new Map<number | null, ReportTeacher>();
  const totals: Partial<Record<RuleId, number>> = {};
  let findings = 0;
  for (const c of counts) {
    if (!isRule(c.rule)) continue;
    let t = table.get(c.teacher_id);
    if (!t) table.set(c.teacher_id, (t = { teacherId: c.teacher_id, person: c.teacher_id === null ? null : (names.get(c.teacher_id) ?? null), counts: {}, total: 0 }));
    t.counts[c.rule] = (t.counts[c.rule] ?? 0) + c.n;
    t.total += c.n;
    totals[c.rule] = (totals[c.rule] ?? 0) + c.n;
    findings += c.n;
  }
  const rows = [...table.values()].sort((a, b) => (a.person && b.person ? byName(a.person, b.person) : a.person ? -1 : b.person ? 1 : 0));

  const concerned = new Map<number, PersonName>();
  for (const t of rows) if (t.teacherId !== null && t.person) concerned.set(t.teacherId, t.person);
  for (const r of remarks) concerned.set(r.teacherId, r.teacher);

  return {
    school: schoolRow(s)?.name ?? '',
    check: checkInfo(s, row),
    scope: scopeNames(s, row.scope),
    rules: RULE_IDS.filter((r) => totals[r] !== undefined),
    table: rows,
    totals,
    findings,
    dismissed,
    remarks,
    manualRemarks: remarks.filter((r) => r.rule === null).length,
    teachers: [...concerned].map(([teacherId, p]) => ({ teacherId, person: p })).sort((a, b) => byName(a.person, b.person)),
  };
}

export interface TeacherListData {
  school: string;
  check: ReportData['check'];
  teacher: PersonName;
  remarks: ReportRemark[];
}

/** One teacher's remarks; drafts only for readers of the whole check (a teacher sees what was issued). */
export function loadTeacherList(s: Services, checkId: number, teacherId: number, withDrafts: boolean): TeacherListData {
  const row = checkRow(s, checkId);
  const teacher = staffNames(s, [teacherId]).get(teacherId);
  if (!teacher) throw new AppError('not_found', 'Учитель не найден: выберите учителя из списка');
  return {
    school: schoolRow(s)?.name ?? '',
    check: checkInfo(s, row),
    teacher,
    remarks: remarkRows(s, checkId, teacherId).filter((r) => withDrafts || r.state !== 'draft'),
  };
}


