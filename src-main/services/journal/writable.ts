// May this journal data still be written? The school year must not be archived and the study
// period holding the date must not be closed for the group's class (the whole school:
// term.closed_at; one class: a term_closure row) — unless the deputy reopened the journal or
// exactly this cell. This runs on every mark save: one indexed statement when nothing is
// closed, a second only when something is.
import { AppError } from '../../../src-shared/errors';
import { termClosedText } from '../../../src-shared/closing/terms';
import type { TermKind } from '../../../src-shared/domain';
import type { Ctx } from '../context';
import { prep } from '../sql';

export interface WritableTarget {
  groupId: number;
  subjectId: number;
  date: string;
  /** The lesson row edited (null: a lesson not yet stored, or the lesson's own fields). */
  lessonId?: number | null | undefined;
  /** The pupil whose cell is edited (absent: the lesson's topic, homework, files). */
  pupilId?: number | null | undefined;
}

interface LockRow {
  status: 'open' | 'archived';
  label: string;
  term_id: number | null;
  kind: TermKind | null;
  number: number | null;
  closed_at: string | null;
}

const archived = (label: string) =>
  new AppError('locked', `Учебный год ${label} в архиве: только чтение. Изменения в нём больше не вносятся`);

function closedError(t: { kind: TermKind; number: number }, at: string): AppError {
  const day = at.slice(0, 10).split('-').reverse().join('.');
  return new AppError(
    'locked',
    `${termClosedText(t)} (${day}): только чтение. Исправление возможно, если заместитель директора откроет журнал или клетку для исправления`,
  );
}

/**
 * An open reopening of the term for this journal (lesson and pupil null), or for this one cell
 * (lesson and pupil set; mark: 'cell'), or for this pupil's term mark (lesson null, pupil set;
 * mark: 'termMark'). A null lesson or pupil never matches a cell reopening (= NULL is false).
 */
function reopened(
  ctx: Ctx,
  termId: number,
  ref: { groupId: number; subjectId: number },
  lessonId: number | null,
  pupilId: number | null,
  mark: 'cell' | 'termMark',
): boolean {
  const sql =
    mark === 'cell'
      ? `SELECT 1 FROM term_reopen WHERE term_id = ? AND group_id = ? AND subject_id = ? AND closed_at IS NULL
           AND ((lesson_id IS NULL AND pupil_id IS NULL) OR (lesson_id = ? AND pupil_id = ?)) LIMIT 1`
      : `SELECT 1 FROM term_reopen WHERE term_id = ? AND group_id = ? AND subject_id = ? AND closed_at IS NULL
           AND lesson_id IS NULL AND (pupil_id IS NULL OR pupil_id = ?) LIMIT 1`;
  const args = mark === 'cell' ? [lessonId, pupilId] : [pupilId];
  return !!prep(ctx.sqlite, sql).get(termId, ref.groupId, ref.subjectId, ...args);
}

/** Throws `locked` when the journal data on this date may not be written (see the file header). */
export function assertWritable(ctx: Ctx, t: WritableTarget): void {
  // The study period (not the year, exam or final rows) holding the date for the group's grade;
  // a closed one first should two overlap.
  const row = prep(
    ctx.sqlite,
    `SELECT y.status, y.label, t.id AS term_id, t.kind, t.number, COALESCE(t.closed_at, tc.closed_at) AS closed_at
       FROM study_group g JOIN class_unit c ON c.id = g.class_id JOIN school_year y ON y.id = c.year_id
       LEFT JOIN term t ON t.year_id = c.year_id AND c.grade BETWEEN t.grade_from AND t.grade_to
            AND t.kind IN ('quarter', 'half', 'trimester') AND ? BETWEEN t.starts_on AND t.ends_on
       LEFT JOIN term_closure tc ON tc.term_id = t.id AND tc.class_id = c.id
       WHERE g.id = ? ORDER BY COALESCE(t.closed_at, tc.closed_at) IS NULL LIMIT 1`,
  ).get(t.date, t.groupId) as LockRow | undefined;
  if (!row) throw new AppError('not_found', 'Нет такой группы');
  if (row.status === 'archived') throw archived(row.label);
  if (row.closed_at === null || row.term_id === null) return;
  // A cell reopening needs both the lesson and the pupil; the lesson's own fields need the journal.
  if (reopened(ctx, row.term_id, t, t.lessonId ?? null, t.pupilId ?? null, 'cell')) return;
  throw closedError({ kind: row.kind!, number: row.number! }, row.closed_at);
}

/**
 * Term, year, exam and final marks: refused when their own term is closed for the pupil's class
 * (or the year is archived), unless the deputy reopened the journal or this pupil's mark
 * (a reopening with lesson null and the pupil set).
 */
export function assertTermMarkWritable(ctx: Ctx, t: { groupId: number; subjectId: number; termId: number; pupilId: number }): void {
  const row = prep(
    ctx.sqlite,
    `SELECT y.status, y.label, t.id AS term_id, t.kind, t.number, COALESCE(t.closed_at, tc.closed_at) AS closed_at
       FROM study_group g JOIN class_unit c ON c.id = g.class_id JOIN school_year y ON y.id = c.year_id
       JOIN term t ON t.id = ? LEFT JOIN term_closure tc ON tc.term_id = t.id AND tc.class_id = c.id
       WHERE g.id = ?`,
  ).get(t.termId, t.groupId) as LockRow | undefined;
  if (!row) throw new AppError('not_found', 'Нет такого учебного периода для этого класса');
  if (row.status === 'archived') throw archived(row.label);
  if (row.closed_at === null) return;
  if (reopened(ctx, t.termId, t, null, t.pupilId, 'termMark')) return;
  throw closedError({ kind: row.kind!, number: row.number! }, row.closed_at);
}
