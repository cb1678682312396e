// Reading a lesson's columns: the lesson row of a column, the lesson's absences.
import type { AbsenceReason } from '../../../src-shared/domain';
import type { Ctx } from '../context';
import type { LessonRow } from '../journal/lessons';
import { prep } from '../sql';

/** The lesson (part 0) a column belongs to; it exists while the column does. */
export function lessonOfColumn(ctx: Ctx, col: Pick<LessonRow, 'group_id' | 'subject_id' | 'date' | 'slot'>): LessonRow {
  return prep(ctx.sqlite, 'SELECT * FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ? AND part = 0').get(
    col.group_id,
    col.subject_id,
    col.date,
    col.slot,
  ) as LessonRow;
}

/** A pupil's absence at a lesson (columns have none of their own). */
export function absenceAt(ctx: Ctx, lessonId: number, pupilId: number): AbsenceReason | null {
  const r = prep(ctx.sqlite, 'SELECT reason FROM absence WHERE lesson_id = ? AND pupil_id = ?').get(lessonId, pupilId) as
    { reason: AbsenceReason } | undefined;
  return r?.reason ?? null;
}

/** The work type a lesson's marks get when it names none: the school's first ordinary type. */
export function defaultWorkType(ctx: Ctx): number | null {
  const r = prep(ctx.sqlite, 'SELECT id FROM work_type WHERE is_make_up = 0 ORDER BY id LIMIT 1').get() as { id: number } | undefined;
  return r?.id ?? null;
}
