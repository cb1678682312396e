// Control-work columns («одна дата — две колонки», issue 11): a lesson row with the same group,
// subject, date and slot and part 1, 2…, with its own work type and weight. Its cells hold
// marks only; the pupil's absence is the lesson's. Only the portal's lesson (part 0) is exported:
// the columns' marks reach it as marks of that lesson (export/columns.ts).
import { AppError } from '../../../src-shared/errors';
import type { CellView, LessonSlot, LessonView } from '../../../src-shared/rpc/journal';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { lessonForEdit, lessonView, recordLesson } from '../journal/edit';
import { ensureLessonRow, lessonById, type LessonRow } from '../journal/lessons';
import { lastEditor, staleEdit } from '../journal/versions';
import { prep } from '../sql';
import { applyRetype, marksToRetype, retypeRefusal } from './retype';
import { defaultWorkType, lessonOfColumn } from './rows';

const invalid = (message: string, field?: string) => new AppError('validation', message, field ? [{ path: [field], message }] : undefined);

/** Columns a lesson may have besides itself (LessonSlot.part stops at 9). */
const MAX_PART = 9;

type WorkTypeRow = { id: number; weight: number; is_make_up: number };

/** A work type a lesson or column may be set to: it exists and is not the make-up kind. */
function workTypeFor(ctx: Ctx, id: number): WorkTypeRow {
  const w = prep(ctx.sqlite, 'SELECT id, weight, is_make_up FROM work_type WHERE id = ?').get(id) as WorkTypeRow | undefined;
  if (!w) throw invalid('Нет такого вида работы', 'workTypeId');
  if (w.is_make_up === 1) throw invalid('«Отработка» ставится отдельной отметке, а не уроку или колонке', 'workTypeId');
  return w;
}

const columnOnly = (ref: LessonSlot) => {
  if (!ref.part) throw invalid('Укажите колонку урока (part 1, 2…): сам урок так не меняется', 'lesson');
};

/** What a column's audit records show of it. */
const columnState = (r: Pick<LessonRow, 'part' | 'work_type_id' | 'weight'>) => ({
  part: r.part,
  workTypeId: r.work_type_id,
  weight: r.weight,
});

export function addColumn(ctx: Ctx, input: { lesson: LessonSlot; workTypeId: number; weight?: number | null | undefined }): LessonView {
  if (input.lesson.part) throw invalid('Колонка добавляется к самому уроку (part 0)', 'lesson');
  const l = lessonForEdit(ctx, input.lesson);
  workTypeFor(ctx, input.workTypeId);
  return mutate(ctx, (rec) => {
    const lesson = ensureLessonRow(ctx, rec, l);
    if (lesson.held === 0) throw invalid('Урок отмечен как не проведённый: колонку к нему не добавить');
    const { max } = prep(
      ctx.sqlite,
      'SELECT MAX(part) AS max FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ?',
    ).get(l.groupId, l.subjectId, l.date, l.slot) as { max: number };
    if (max >= MAX_PART) throw invalid(`У урока уже ${MAX_PART} дополнительных колонок: удалите лишнюю`);
    const id = Number(
      prep(
        ctx.sqlite,
        `INSERT INTO lesson (group_id, subject_id, date, slot, part, planned_teacher_id, actual_teacher_id, held, work_type_id, weight, origin)
           VALUES (?,?,?,?,?,?,?,1,?,?,?)`,
      ).run(
        l.groupId,
        l.subjectId,
        l.date,
        l.slot,
        max + 1,
        lesson.planned_teacher_id,
        lesson.actual_teacher_id,
        input.workTypeId,
        input.weight ?? null,
        lesson.origin,
      ).lastInsertRowid,
    );
    // No feed: a column is not a lesson of the portal; its marks are fed as cells.
    rec.audit({
      action: 'journal.column_add',
      entity: 'lesson',
      entityId: id,
      after: { lessonId: lesson.id, ...columnState(lessonById(ctx, id)!) },
    });
    const view = lessonView(ctx, id);
    recordLesson(ctx, l, view);
    return view;
  });
}

export function removeColumn(ctx: Ctx, input: { lesson: LessonSlot; version?: number | undefined }): { ok: true } {
  columnOnly(input.lesson);
  const l = lessonForEdit(ctx, input.lesson);
  return mutate(ctx, (rec) => {
    const row = lessonById(ctx, l.row!.id);
    if (!row) throw new AppError('not_found', 'Такой колонки у урока нет: обновите журнал');
    if (input.version !== undefined && row.version !== input.version)
      throw staleEdit('lesson', lastEditor(ctx, 'lesson', row.id), lessonView(ctx, row.id));
    const held = prep(
      ctx.sqlite,
      `SELECT (SELECT COUNT(*) FROM mark WHERE lesson_id = ?) + (SELECT COUNT(*) FROM lesson_file WHERE lesson_id = ?)
         + (SELECT COUNT(*) FROM term_reopen WHERE lesson_id = ?) AS n`,
    ).get(row.id, row.id, row.id) as { n: number };
    if (held.n > 0) throw invalid('В колонке есть отметки: удалите их, тогда колонку можно убрать');
    // The portal may still hold marks the column once had, inside its lesson's cells (a mark
    // removed but not yet exported): once the column row is gone the exporter could no longer
    // tell which lesson they were sent under, so those cells are fed again under the lesson.
    const lessonId = lessonOfColumn(ctx, row).id;
    const written = prep(ctx.sqlite, 'SELECT pupil_id FROM cell_version WHERE lesson_id = ? ORDER BY pupil_id').all(row.id) as {
      pupil_id: number;
    }[];
    for (const { pupil_id: pupilId } of written)
      rec.audit({
        action: 'journal.column_remove',
        entity: 'cell',
        entityId: `${lessonId}:${pupilId}`,
        before: { part: row.part },
        feed: 'upsert',
      });
    // Emptied cells keep their version rows (versions.ts); they go with the column.
    prep(ctx.sqlite, 'DELETE FROM cell_version WHERE lesson_id = ?').run(row.id);
    prep(ctx.sqlite, 'DELETE FROM lesson WHERE id = ?').run(row.id);
    rec.audit({ action: 'journal.column_remove', entity: 'lesson', entityId: row.id, before: columnState(row) });
    return { ok: true as const };
  });
}

export function setColumn(
  ctx: Ctx,
  input: { lesson: LessonSlot; workTypeId?: number | undefined; weight?: number | null | undefined; version?: number | undefined },
): LessonView {
  columnOnly(input.lesson);
  const l = lessonForEdit(ctx, input.lesson);
  if (input.workTypeId !== undefined) workTypeFor(ctx, input.workTypeId);
  return mutate(ctx, (rec) => {
    const row = lessonById(ctx, l.row!.id)!;
    if (input.version !== undefined && row.version !== input.version)
      throw staleEdit('lesson', lastEditor(ctx, 'lesson', row.id), lessonView(ctx, row.id));
    const next = { workTypeId: input.workTypeId ?? row.work_type_id, weight: input.weight === undefined ? row.weight : input.weight };
    const n = marksToRetype(ctx, row, next.workTypeId, next.weight !== row.weight).length;
    if (n > 0) throw retypeRefusal(n);
    prep(ctx.sqlite, 'UPDATE lesson SET work_type_id = ?, weight = ?, version = version + 1 WHERE id = ?').run(
      next.workTypeId,
      next.weight,
      row.id,
    );
    rec.audit({
      action: 'journal.column',
      entity: 'lesson',
      entityId: row.id,
      before: columnState(row),
      after: { part: row.part, ...next },
    });
    const view = lessonView(ctx, row.id);
    recordLesson(ctx, l, view);
    return view;
  });
}

/**
 * The teacher confirmed «Применить тип к N оценкам?»: the lesson or column takes the new type
 * (and weight) and so do the N marks of its old type. A different N (someone entered a mark
 * meanwhile) is refused with the current count, so nothing is applied the teacher did not see.
 */
export function changeWorkType(
  ctx: Ctx,
  input: { lesson: LessonSlot; workTypeId: number | null; weight?: number | null | undefined; applyToMarks: true; marks: number },
): { lesson: LessonView; marks: number; cells: CellView[] } {
  const l = lessonForEdit(ctx, input.lesson);
  if (input.workTypeId === null && l.part > 0) throw invalid('У колонки должен быть вид работы', 'workTypeId');
  const type = input.workTypeId === null ? null : workTypeFor(ctx, input.workTypeId);
  return mutate(ctx, (rec) => {
    const row = l.part > 0 ? lessonById(ctx, l.row!.id)! : ensureLessonRow(ctx, rec, l);
    const weight = input.weight === undefined ? row.weight : input.weight;
    const marks = marksToRetype(ctx, row, input.workTypeId, weight !== row.weight);
    if (marks.length !== input.marks)
      throw new AppError(
        'conflict',
        `Пока вы решали, число отметок прежнего вида изменилось: теперь их ${marks.length}. Подтвердите ещё раз`,
        undefined,
        { marksToRetype: marks.length },
      );
    prep(ctx.sqlite, 'UPDATE lesson SET work_type_id = ?, weight = ?, version = version + 1 WHERE id = ?').run(
      input.workTypeId,
      weight,
      row.id,
    );
    const typeId = input.workTypeId ?? defaultWorkType(ctx)!;
    const typeWeight =
      type?.weight ?? (prep(ctx.sqlite, 'SELECT weight FROM work_type WHERE id = ?').get(typeId) as { weight: number }).weight;
    const cells = applyRetype(ctx, rec, row, marks, typeId, weight ?? typeWeight);
    rec.audit({
      action: l.part > 0 ? 'journal.column' : 'journal.lesson',
      entity: 'lesson',
      entityId: row.id,
      before: columnState(row),
      after: { part: row.part, workTypeId: input.workTypeId, weight, marksRetyped: marks.length },
      ...(l.part > 0 ? {} : { feed: 'upsert' as const }),
    });
    const view = lessonView(ctx, row.id);
    recordLesson(ctx, l, view);
    return { lesson: view, marks: marks.length, cells };
  });
}
