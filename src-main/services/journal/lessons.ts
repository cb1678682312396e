// Lessons are addressed by slot (group, subject, date, slot). A timetable slot without a row
// yet is a planned lesson; the first edit creates its row (audited, in the same transaction).
import { weekday } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { LessonSlot, LessonView } from '../../../src-shared/rpc/journal';
import type { Ctx } from '../context';
import type { Recorder } from '../mutate';
import { prep } from '../sql';
import type { NameIndex } from '../privacy/name-index';
import { lessonFindings } from '../privacy/school';

/** A new lesson has no topic, homework or files: nothing to look names up in. */
const EMPTY_INDEX: NameIndex = new Map();

export interface LessonRow {
  id: number;
  group_id: number;
  subject_id: number;
  date: string;
  slot: number;
  planned_teacher_id: number | null;
  actual_teacher_id: number | null;
  held: number;
  topic: string | null;
  homework: string | null;
  no_homework: number;
  work_type_id: number | null;
  version: number;
  part: number;
  weight: number | null;
  origin: 'timetable' | 'extra' | 'moved';
  cancelled: number;
  moved_from: string | null;
  plan_topic_id: number | null;
}

export interface ResolvedLesson {
  row: LessonRow | null;
  groupId: number;
  subjectId: number;
  date: string;
  slot: number;
  /** 0: the lesson; 1, 2…: a control-work column (its row always exists). */
  part: number;
  plannedTeacherId: number | null;
  actualTeacherId: number | null;
}

export function lessonById(ctx: Ctx, id: number): LessonRow | undefined {
  return prep(ctx.sqlite, 'SELECT * FROM lesson WHERE id = ?').get(id) as LessonRow | undefined;
}

const BY_SLOT = 'SELECT * FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ? AND part = ?';

export function resolveLesson(ctx: Ctx, ref: LessonSlot): ResolvedLesson {
  const part = ref.part ?? 0;
  const at = { groupId: ref.groupId, subjectId: ref.subjectId, date: ref.date, slot: ref.slot, part };
  const row = prep(ctx.sqlite, BY_SLOT).get(ref.groupId, ref.subjectId, ref.date, ref.slot, part) as LessonRow | undefined;
  if (part > 0) {
    // A column exists only once added (journal.addColumn); its teacher is the lesson's, so a
    // substitution recorded on the lesson after the column was added counts for it too.
    const lesson = prep(ctx.sqlite, BY_SLOT).get(ref.groupId, ref.subjectId, ref.date, ref.slot, 0) as LessonRow | undefined;
    if (!row || !lesson) throw new AppError('not_found', 'Такой колонки у урока нет: обновите журнал');
    if (lesson.cancelled) throw new AppError('not_found', 'Этот урок отменён: его нет в журнале');
    return { row, ...at, plannedTeacherId: lesson.planned_teacher_id, actualTeacherId: lesson.actual_teacher_id };
  }
  if (row?.cancelled) throw new AppError('not_found', 'Этот урок отменён: его нет в журнале');
  if (row) return { row, ...at, plannedTeacherId: row.planned_teacher_id, actualTeacherId: row.actual_teacher_id };
  const planned = prep(
    ctx.sqlite,
    `SELECT teacher_id FROM timetable_entry WHERE group_id = ? AND subject_id = ? AND weekday = ? AND slot = ? AND draft = 0
       AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) LIMIT 1`,
  ).get(ref.groupId, ref.subjectId, weekday(ref.date), ref.slot, ref.date, ref.date) as { teacher_id: number } | undefined;
  if (!planned) throw new AppError('not_found', 'В расписании нет такого урока');
  return { row: null, ...at, plannedTeacherId: planned.teacher_id, actualTeacherId: planned.teacher_id };
}

/** Inside a mutation: the lesson's id, creating the row for a planned lesson. */
export function ensureLessonRow(ctx: Ctx, rec: Recorder, l: ResolvedLesson): LessonRow {
  if (l.row) return l.row;
  // An earlier edit in the same transaction (a pasted column) may have created it already.
  const made = prep(ctx.sqlite, BY_SLOT).get(l.groupId, l.subjectId, l.date, l.slot, 0) as LessonRow | undefined;
  if (made) return made;
  const id = Number(
    prep(
      ctx.sqlite,
      'INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held) VALUES (?,?,?,?,?,?,1)',
    ).run(l.groupId, l.subjectId, l.date, l.slot, l.plannedTeacherId, l.actualTeacherId).lastInsertRowid,
  );
  rec.audit({
    action: 'journal.lesson_create',
    entity: 'lesson',
    entityId: id,
    after: { groupId: l.groupId, subjectId: l.subjectId, date: l.date, slot: l.slot, teacherId: l.actualTeacherId },
    feed: 'upsert',
  });
  const row = lessonById(ctx, id)!;
  // Readers with this journal open learn the column's new id before the edit that made it.
  if (ctx.actor && ctx.events?.hasListeners(l.groupId, l.subjectId)) {
    const { editable: _, ...lesson } = toLessonView(row, [], false, null, EMPTY_INDEX);
    ctx.events.record({ type: 'lesson', groupId: l.groupId, subjectId: l.subjectId, lesson, byStaffId: ctx.actor.staffId });
  }
  return row;
}

/** «Фамилия И. О.» of the teacher who substituted a stored lesson; null when the timetabled one taught it. */
export function substituteName(ctx: Ctx, r: Pick<LessonRow, 'planned_teacher_id' | 'actual_teacher_id'>): string | null {
  if (r.planned_teacher_id === null || r.actual_teacher_id === null || r.planned_teacher_id === r.actual_teacher_id) return null;
  const p = prep(
    ctx.sqlite,
    'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?',
  ).get(r.actual_teacher_id) as { surname: string; name: string; patronymic: string | null } | undefined;
  return p ? shortName(p) : null;
}

/** The RPC shape of a stored lesson. */
export function toLessonView(
  r: Pick<
    LessonRow,
    | 'id'
    | 'date'
    | 'slot'
    | 'held'
    | 'topic'
    | 'homework'
    | 'no_homework'
    | 'work_type_id'
    | 'planned_teacher_id'
    | 'actual_teacher_id'
    | 'version'
    | 'part'
    | 'weight'
    | 'origin'
    | 'moved_from'
    | 'plan_topic_id'
  >,
  files: LessonView['files'],
  editable: boolean,
  actualTeacherName: string | null,
  index: NameIndex,
): LessonView {
  return {
    lessonId: r.id,
    date: r.date,
    slot: r.slot,
    held: r.held === 1,
    topic: r.topic,
    homework: r.homework,
    noHomework: r.no_homework === 1,
    workTypeId: r.work_type_id,
    plannedTeacherId: r.planned_teacher_id,
    actualTeacherId: r.actual_teacher_id,
    actualTeacherName,
    files,
    editable,
    privacy: lessonFindings(index, { topic: r.topic, homework: r.homework, files }),
    version: r.version,
    part: r.part,
    weight: r.weight,
    origin: r.origin,
    movedFrom: r.moved_from,
    planTopicId: r.plan_topic_id,
  };
}
