// Changing the work type of a lesson or column whose marks are already entered (issue 11):
// the marks of the old type follow the new one only when the caller says so, each cell's
// before/after audited, its version bumped and the cell fed to the exporter again.
import { AppError } from '../../../src-shared/errors';
import { retypeMessage } from '../../../src-shared/journal/columns';
import type { CellView } from '../../../src-shared/rpc/journal';
import { requireActor, type Ctx } from '../context';
import type { Recorder } from '../mutate';
import type { LessonRow } from '../journal/lessons';
import { bumpCellVersion } from '../journal/versions';
import { prep } from '../sql';
import { defaultWorkType } from './rows';

export interface RetypeMark {
  pupil_id: number;
  position: number;
}

/**
 * The marks a change of the lesson's work type would concern: those entered with its current
 * type (the school default when it names none). Other types the teacher chose on purpose
 * (a homework mark at the same lesson, a make-up) keep theirs.
 */
export function marksToRetype(
  ctx: Ctx,
  row: Pick<LessonRow, 'id' | 'work_type_id'>,
  next: number | null,
  /** The weight changes: the marks of the type concern it even if the type stays. */
  reweigh = false,
): RetypeMark[] {
  const dflt = defaultWorkType(ctx);
  const from = row.work_type_id ?? dflt;
  const to = next ?? dflt;
  if (from === null || (from === to && !reweigh)) return [];
  return prep(ctx.sqlite, 'SELECT pupil_id, position FROM mark WHERE lesson_id = ? AND work_type_id = ? ORDER BY pupil_id, position').all(
    row.id,
    from,
  ) as RetypeMark[];
}

/** The refusal of a work-type change over entered marks: its `current` names how many. */
export function retypeRefusal(n: number): AppError {
  const message = retypeMessage(n);
  return new AppError('validation', message, [{ path: ['workTypeId'], message }], { marksToRetype: n });
}

type Mark = { value: string; workTypeId: number; weight: number };

/** Inside a mutation: rewrites the marks' type and weight, one audit record and event per cell. */
export function applyRetype(
  ctx: Ctx,
  rec: Recorder,
  row: Pick<LessonRow, 'id' | 'group_id' | 'subject_id'>,
  marks: RetypeMark[],
  workTypeId: number,
  weight: number,
): CellView[] {
  const out: CellView[] = [];
  const pupils = [...new Set(marks.map((m) => m.pupil_id))];
  const read = prep(ctx.sqlite, 'SELECT value, work_type_id, weight FROM mark WHERE lesson_id = ? AND pupil_id = ? ORDER BY position');
  const upd = prep(ctx.sqlite, 'UPDATE mark SET work_type_id = ?, weight = ? WHERE lesson_id = ? AND pupil_id = ? AND position = ?');
  const absence = prep(ctx.sqlite, 'SELECT reason FROM absence WHERE lesson_id = ? AND pupil_id = ?');
  const cellMarks = (pupilId: number): Mark[] =>
    (read.all(row.id, pupilId) as { value: string; work_type_id: number; weight: number }[]).map((m) => ({
      value: m.value,
      workTypeId: m.work_type_id,
      weight: m.weight,
    }));
  for (const pupilId of pupils) {
    const before = cellMarks(pupilId);
    for (const m of marks) if (m.pupil_id === pupilId) upd.run(workTypeId, weight, row.id, pupilId, m.position);
    const after = cellMarks(pupilId);
    const version = bumpCellVersion(ctx, row.id, pupilId);
    const reason = (absence.get(row.id, pupilId) as { reason: CellView['absence'] } | undefined)?.reason ?? null;
    rec.audit({
      action: 'journal.work_type',
      entity: 'cell',
      entityId: `${row.id}:${pupilId}`,
      before: { marks: before, absence: reason },
      after: { marks: after, absence: reason },
      feed: 'upsert',
    });
    const cell = { lessonId: row.id, pupilId, marks: after as CellView['marks'], absence: reason, version };
    out.push(cell);
    ctx.events?.record({ type: 'cell', groupId: row.group_id, subjectId: row.subject_id, cell, byStaffId: requireActor(ctx).staffId });
  }
  return out;
}
