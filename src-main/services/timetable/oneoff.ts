// One-off changes of single lessons: an extra lesson, a cancelled one, a moved one. Each leaves
// a stored row that regeneration respects (a cancelled row keeps its slot empty).
import type { Sqlite } from '../../../db/client';
import { weekday } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { LessonSlot } from '../../../src-shared/rpc/journal';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { assertTermOpen, groupGrade, termOfDate } from '../journal/access';
import type { LessonRow } from '../journal/lessons';
import { prep } from '../sql';
import { lessonData, yearOf } from './generate';

const invalid = (message: string, field?: string) => new AppError('validation', message, field ? [{ path: [field], message }] : undefined);

function rowAt(sqlite: Sqlite, l: LessonSlot): LessonRow | undefined {
  return prep(sqlite, 'SELECT * FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ? AND part = 0').get(
    l.groupId,
    l.subjectId,
    l.date,
    l.slot,
  ) as LessonRow | undefined;
}

/** The teacher of a planned slot (no row yet); undefined when the timetable has none. */
function plannedTeacher(sqlite: Sqlite, l: LessonSlot): number | undefined {
  const r = prep(
    sqlite,
    `SELECT teacher_id FROM timetable_entry WHERE group_id = ? AND subject_id = ? AND weekday = ? AND slot = ? AND draft = 0
       AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) LIMIT 1`,
  ).get(l.groupId, l.subjectId, weekday(l.date), l.slot, l.date, l.date) as { teacher_id: number } | undefined;
  return r?.teacher_id;
}

/** Is the group busy at date/slot (a stored lesson, or a planned one without a row)? */
function groupBusy(sqlite: Sqlite, groupId: number, date: string, slot: number): boolean {
  if (prep(sqlite, 'SELECT 1 FROM lesson WHERE group_id = ? AND date = ? AND slot = ? AND cancelled = 0 LIMIT 1').get(groupId, date, slot))
    return true;
  return !!prep(
    sqlite,
    `SELECT 1 FROM timetable_entry t WHERE t.group_id = ? AND t.weekday = ? AND t.slot = ? AND t.draft = 0
       AND t.valid_from <= ? AND (t.valid_to IS NULL OR t.valid_to >= ?)
       AND NOT EXISTS (SELECT 1 FROM lesson l WHERE l.group_id = t.group_id AND l.subject_id = t.subject_id AND l.date = ? AND l.slot = t.slot)
     LIMIT 1`,
  ).get(groupId, weekday(date), slot, date, date, date);
}

/** The study period holding the date must exist (no lessons in holidays) and be open. */
function assertLessonDay(ctx: Ctx, groupId: number, date: string, field: string): void {
  yearOf(ctx.sqlite, groupGrade(ctx, groupId).yearId);
  const term = termOfDate(ctx, groupId, date);
  if (!term) throw invalid('Эта дата не входит ни в один учебный период класса', field);
  assertTermOpen(term);
}

export function addLesson(ctx: Ctx, input: { lesson: LessonSlot; teacherId: number }) {
  const l = input.lesson;
  if (!prep(ctx.sqlite, 'SELECT 1 FROM subject WHERE id = ?').get(l.subjectId)) throw invalid('Нет такого предмета', 'subjectId');
  return mutate(ctx, (rec) => {
    const s = ctx.sqlite;
    assertLessonDay(ctx, l.groupId, l.date, 'date');
    const teacher = prep(
      s,
      `SELECT 1 FROM staff_user u WHERE u.id = ? AND u.disabled = 0
         AND EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role IN ('teacher','classTeacher'))`,
    ).get(input.teacherId);
    if (!teacher) throw invalid('Выберите учителя из списка сотрудников', 'teacherId');
    if (groupBusy(s, l.groupId, l.date, l.slot)) throw invalid('В это время у группы уже есть урок: выберите другой урок дня', 'slot');
    const old = rowAt(s, l);
    let id: number;
    if (old) {
      // A cancelled lesson of the same subject in the slot comes back as the extra one.
      prep(s, "UPDATE lesson SET cancelled = 0, origin = 'extra', planned_teacher_id = ?, actual_teacher_id = ?, version = version + 1 WHERE id = ?").run(
        input.teacherId,
        input.teacherId,
        old.id,
      );
      id = old.id;
    } else
      id = Number(
        prep(
          s,
          `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, origin)
             VALUES (?,?,?,?,?,?,1,'extra')`,
        ).run(l.groupId, l.subjectId, l.date, l.slot, input.teacherId, input.teacherId).lastInsertRowid,
      );
    rec.audit({ action: 'timetable.lesson_extra', entity: 'lesson', entityId: id, after: { ...l, teacherId: input.teacherId }, feed: 'upsert' });
    return { lessonId: id };
  });
}

export function cancelLesson(ctx: Ctx, input: { lesson: LessonSlot }) {
  const l = input.lesson;
  return mutate(ctx, (rec) => {
    const s = ctx.sqlite;
    assertLessonDay(ctx, l.groupId, l.date, 'date');
    const row = rowAt(s, l);
    if (row?.cancelled) throw new AppError('conflict', 'Этот урок уже отменён');
    let id: number;
    if (row) {
      const why = lessonData(s, row.id);
      if (why) throw invalid(`Урок нельзя отменить: ${why}. Сначала удалите их или перенесите урок`, 'lesson');
      prep(s, 'UPDATE lesson SET cancelled = 1, version = version + 1 WHERE id = ?').run(row.id);
      id = row.id;
    } else {
      const teacher = plannedTeacher(s, l);
      if (teacher === undefined) throw new AppError('not_found', 'В расписании нет такого урока');
      id = Number(
        prep(
          s,
          `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, cancelled)
             VALUES (?,?,?,?,?,?,1,1)`,
        ).run(l.groupId, l.subjectId, l.date, l.slot, teacher, teacher).lastInsertRowid,
      );
    }
    // The portal may have been sent the lesson: it is deleted there (the exporter skips cancelled rows).
    rec.audit({ action: 'timetable.lesson_cancel', entity: 'lesson', entityId: id, after: l, feed: row ? 'delete' : undefined });
    return { lessonId: id };
  });
}

export function moveLesson(ctx: Ctx, input: { lesson: LessonSlot; to: { date: string; slot: number } }) {
  const l = input.lesson;
  const to = input.to;
  if (l.date === to.date && l.slot === to.slot) throw invalid('Урок уже стоит в это время', 'to');
  return mutate(ctx, (rec) => {
    const s = ctx.sqlite;
    assertLessonDay(ctx, l.groupId, l.date, 'date');
    assertLessonDay(ctx, l.groupId, to.date, 'to');
    const row = rowAt(s, l);
    if (row?.cancelled) throw new AppError('not_found', 'Этот урок отменён: переносить нечего');
    const teacher = row ? row.planned_teacher_id : plannedTeacher(s, l);
    if (teacher === undefined) throw new AppError('not_found', 'В расписании нет такого урока');
    if (groupBusy(s, l.groupId, to.date, to.slot)) throw invalid('В это время у группы уже есть урок: выберите другое время', 'to');
    // A cancelled row of the same subject at the target holds nothing: the moved lesson takes its place.
    const target = rowAt(s, { ...l, date: to.date, slot: to.slot });
    if (target) prep(s, 'DELETE FROM lesson WHERE id = ?').run(target.id);
    const from = `${l.date}#${l.slot}`;
    let id: number;
    if (row) {
      // The lesson keeps its id: marks, absences, files and extra columns move with it.
      prep(
        s,
        "UPDATE lesson SET date = ?, slot = ?, origin = 'moved', moved_from = COALESCE(moved_from, ?), version = version + 1 WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ?",
      ).run(to.date, to.slot, from, l.groupId, l.subjectId, l.date, l.slot);
      id = row.id;
    } else
      id = Number(
        prep(
          s,
          `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, origin, moved_from)
             VALUES (?,?,?,?,?,?,1,'moved',?)`,
        ).run(l.groupId, l.subjectId, to.date, to.slot, teacher, teacher, from).lastInsertRowid,
      );
    // The slot it left stays empty: a cancelled row there keeps regeneration from refilling it.
    prep(
      s,
      `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, cancelled)
         VALUES (?,?,?,?,?,?,1,1)`,
    ).run(l.groupId, l.subjectId, l.date, l.slot, teacher, teacher);
    rec.audit({ action: 'timetable.lesson_move', entity: 'lesson', entityId: id, before: l, after: { ...l, ...to }, feed: row ? 'upsert' : undefined });
    return { lessonId: id };
  });
}
