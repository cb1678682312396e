// The check's rule R18 (issue 12): the journal against the portal's diary, as findings naming
// the pupil, the lesson and both values. Asynchronous (the portal); the check runs it when the
// export is configured and records why not otherwise. Never throws: a portal that cannot be
// asked is a note in Russian (journal_check.portal_note), not a failed check.
import { RULES, type CheckScope, type Finding } from '../../../src-shared/check/rules';
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { compareWithDiary, type CellDiff, type DiaryPair, type JournalComparison } from './diary-compare';
import { portalToken } from './sync';

export interface DiaryRun {
  from: string;
  to: string;
  scope: CheckScope;
  /** The day of the check (default: the school's today); later lessons are not judged. */
  today?: string;
  /** Narrow to one journal (a remark's re-check at its deadline). */
  journal?: { groupId: number; subjectId: number };
}

/** The journals of the period in the check's scope: AND between the lists, OR within one. */
function pairsForCheck(ctx: Ctx, from: string, to: string, scope: CheckScope, journal: DiaryRun['journal']): DiaryPair[] {
  const list = (ids: readonly number[]) => JSON.stringify(ids);
  return prep(
    ctx.sqlite,
    `SELECT DISTINCT l.group_id AS groupId, l.subject_id AS subjectId, g.name AS groupName, s.name AS subjectName
     FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
       JOIN school_year y ON y.id = c.year_id JOIN subject s ON s.id = l.subject_id
     WHERE l.date BETWEEN @from AND @to AND y.status <> 'archived'
       AND (@g IS NULL OR (l.group_id = @g AND l.subject_id = @s))
       AND (@nc = 0 OR c.id IN (SELECT value FROM json_each(@classes)))
       AND (@ns = 0 OR l.subject_id IN (SELECT value FROM json_each(@subjects)))
       AND (@nt = 0 OR EXISTS (SELECT 1 FROM teaching_load tl WHERE tl.group_id = l.group_id AND tl.subject_id = l.subject_id
             AND tl.teacher_id IN (SELECT value FROM json_each(@teachers)) AND tl.valid_from <= @to AND (tl.valid_to IS NULL OR tl.valid_to >= @from))
         OR EXISTS (SELECT 1 FROM lesson x WHERE x.group_id = l.group_id AND x.subject_id = l.subject_id AND x.date BETWEEN @from AND @to
             AND COALESCE(x.actual_teacher_id, x.planned_teacher_id) IN (SELECT value FROM json_each(@teachers))))
     ORDER BY g.name, s.name`,
  ).all({
    from,
    to,
    g: journal?.groupId ?? null,
    s: journal?.subjectId ?? null,
    nc: scope.classIds.length,
    classes: list(scope.classIds),
    ns: scope.subjectIds.length,
    subjects: list(scope.subjectIds),
    nt: scope.teacherIds.length,
    teachers: list(scope.teacherIds),
  }) as DiaryPair[];
}

const ruDate = (d: string) => d.split('-').reverse().join('.');
const shown = (v: string | null) => (v === null ? 'пусто' : `«${v}»`);
const FIELD: Record<Exclude<CellDiff['field'], 'cell'>, string> = { held: 'проведение', topic: 'тема', homework: 'домашнее задание' };

function findingsOf(ctx: Ctx, c: JournalComparison, from: string, to: string): Finding[] {
  const { pair } = c;
  const lessonTeacher = prep(ctx.sqlite, 'SELECT COALESCE(actual_teacher_id, planned_teacher_id) FROM lesson WHERE id = ?').pluck();
  // The journal's teacher: the load in force at the end of the period (else the latest one).
  const loadTeacher = prep(
    ctx.sqlite,
    `SELECT teacher_id FROM teaching_load WHERE group_id = ? AND subject_id = ? AND draft = 0 AND valid_from <= ?
     ORDER BY (valid_to IS NULL OR valid_to >= ?) DESC, valid_from DESC LIMIT 1`,
  ).pluck();
  const journalTeacher = () => (loadTeacher.get(pair.groupId, pair.subjectId, to, to) as number | undefined) ?? null;
  const teacherOf = (lessonId: number) => (lessonTeacher.get(lessonId) as number | null | undefined) ?? journalTeacher();
  const base = { rule: 'R18' as const, severity: RULES.R18.severity, groupId: pair.groupId, subjectId: pair.subjectId };
  const place = `${pair.groupName}, ${pair.subjectName}`;

  // Nothing of the period on the portal: one finding for the journal, not one per lesson.
  if ((c.remote?.lessons ?? 0) === 0 && c.local.lessons > 0)
    return [
      {
        ...base,
        key: `R18:j${pair.groupId}:${pair.subjectId}`,
        teacherId: journalTeacher(),
        lessonId: null,
        pupilId: null,
        date: null,
        text: `${place}: уроки за ${ruDate(from)}–${ruDate(to)} не выгружены в электронный дневник (в журнале ${c.local.lessons}, в дневнике 0)`,
        detail: { problem: 'journal-missing', ours: c.local.lessons, theirs: 0, marksOurs: c.local.marks, absencesOurs: c.local.absences },
      },
    ];

  const out: Finding[] = [];
  for (const l of c.lessons) {
    const at = `${place}, урок ${ruDate(l.date)}${l.slot > 0 ? ` (${l.slot}-й)` : ''}`;
    const lesson = { ...base, teacherId: teacherOf(l.lessonId), lessonId: l.lessonId, date: l.date };
    if (l.problem !== 'different') {
      out.push({
        ...lesson,
        key: `R18:l${l.lessonId}`,
        pupilId: null,
        text:
          l.problem === 'missing' ? `${at}: урока нет в электронном дневнике` : `${at}: урок есть в электронном дневнике, но не в журнале`,
        detail: { problem: l.problem, slot: l.slot },
      });
      continue;
    }
    const diffs = c.cells.filter((d) => d.lessonId === l.lessonId);
    const fields = diffs.filter((d) => d.field !== 'cell');
    if (fields.length > 0 || diffs.length === 0)
      out.push({
        ...lesson,
        key: `R18:l${l.lessonId}`,
        pupilId: null,
        text:
          fields.length > 0
            ? `${at}: ${fields.map((d) => `${FIELD[d.field as keyof typeof FIELD]} в журнале ${shown(d.ours)}, в дневнике ${shown(d.theirs)}`).join('; ')}`
            : `${at}: урок в электронном дневнике отличается от журнала`,
        detail: Object.fromEntries([
          ['problem', 'different'],
          ['slot', l.slot],
          ...fields.flatMap((d) => [
            [`${d.field}Ours`, d.ours],
            [`${d.field}Theirs`, d.theirs],
          ]),
        ]) as Finding['detail'],
      });
    for (const d of diffs.filter((x) => x.field === 'cell'))
      out.push({
        ...lesson,
        // A cell of a pupil the school cannot name (not in the group) still gets a stable key.
        key: `R18:l${l.lessonId}:p${d.pupilId ?? '?'}`,
        pupilId: d.pupilId,
        text: `${at}, ${d.pupilName ?? 'ученик не из этой группы'}: в журнале ${shown(d.ours)}, в дневнике ${shown(d.theirs)}`,
        detail: { problem: 'cell', slot: l.slot, pupil: d.pupilName, ours: d.ours, theirs: d.theirs },
      });
  }
  return out;
}

export async function diaryFindings(ctx: Ctx, run: DiaryRun): Promise<{ findings: Finding[]; note: string | null }> {
  try {
    const url = loadSettings(ctx).exportUrl;
    const token = portalToken(ctx);
    if (!url || !token) return { findings: [], note: 'Выгрузка на портал не настроена: сверка с электронным дневником не выполнялась' };
    const today = run.today ?? schoolDate(ctx.now());
    const to = run.to < today ? run.to : today;
    if (to < run.from) return { findings: [], note: null };
    const pairs = pairsForCheck(ctx, run.from, to, run.scope, run.journal);
    const compared = await compareWithDiary(ctx, { url, token }, pairs, run.from, to);
    const teachers = new Set(run.scope.teacherIds);
    const findings = compared
      .flatMap((c) => findingsOf(ctx, c, run.from, to))
      .filter((f) => teachers.size === 0 || (f.teacherId !== null && teachers.has(f.teacherId)));
    return { findings, note: null };
  } catch (e) {
    // The check goes on without R18 and says why; the portal's own words are already Russian.
    if (e instanceof AppError) return { findings: [], note: `Сверка с электронным дневником не выполнена. ${e.message}` };
    console.error('diaryFindings', e);
    return { findings: [], note: 'Сверка с электронным дневником не выполнена из-за внутренней ошибки: повторите проверку позже' };
  }
}
