// Substitutions («замены»): the deputy records who replaces the timetabled teacher in a lesson
// (the absent teacher need not sign in). The lesson row gets actual_teacher_id, created from the
// timetable when needed; the substitute then writes that lesson and reads its journal in the
// term where they taught (journalAccess 'substitute').
import type { Sqlite } from '../../../db/client';
import { addDays, schoolDate, weekday } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { LessonSlot } from '../../../src-shared/rpc/journal';
import type { SubstitutionView } from '../../../src-shared/rpc/timetable';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { assertTermOpen, termOfDate } from '../journal/access';
import { ensureLessonRow, resolveLesson } from '../journal/lessons';
import { className } from '../journal/format';
import { listTeachers } from '../journal/view';
import { prep } from '../sql';
import { yearOf } from './generate';

const invalid = (message: string, field?: string) => new AppError('validation', message, field ? [{ path: [field], message }] : undefined);

interface DayRow {
  lesson_id: number | null;
  group_id: number;
  group_name: string;
  grade: number;
  letter: string;
  subject_id: number;
  subject_name: string;
  date: string;
  slot: number;
  planned: number | null;
  actual: number | null;
}

/**
 * Lessons of one date (stored rows, and timetable slots without a row), optionally only those
 * whose planned or actual teacher is `teacherId`, or only substituted ones.
 */
function lessonsOn(sqlite: Sqlite, date: string, only: { actual?: number; substituted?: boolean } = {}): DayRow[] {
  return prep(
    sqlite,
    `WITH day AS (
         SELECT l.id AS lesson_id, l.group_id, l.subject_id, l.date, l.slot, l.planned_teacher_id AS planned, l.actual_teacher_id AS actual
           FROM lesson l WHERE l.date = @date AND l.part = 0 AND l.cancelled = 0
         UNION ALL
         SELECT NULL, t.group_id, t.subject_id, @date, t.slot, t.teacher_id, t.teacher_id FROM timetable_entry t
           JOIN study_group g ON g.id = t.group_id JOIN class_unit c ON c.id = g.class_id JOIN school_year y ON y.id = c.year_id
           WHERE t.weekday = @wd AND t.draft = 0 AND t.valid_from <= @date AND (t.valid_to IS NULL OR t.valid_to >= @date)
             AND @date BETWEEN y.starts_on AND y.ends_on
             AND NOT EXISTS (SELECT 1 FROM lesson l WHERE l.group_id = t.group_id AND l.subject_id = t.subject_id AND l.date = @date AND l.slot = t.slot)
       )
       SELECT d.*, g.name AS group_name, c.grade, c.letter, s.name AS subject_name
         FROM day d JOIN study_group g ON g.id = d.group_id JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = d.subject_id
        WHERE (@actual IS NULL OR d.actual = @actual) AND (@subst = 0 OR d.actual IS NOT d.planned)
        ORDER BY d.slot, c.grade, c.letter, g.name, s.name`,
  ).all({ date, wd: weekday(date), actual: only.actual ?? null, subst: only.substituted ? 1 : 0 }) as DayRow[];
}

function namer(sqlite: Sqlite) {
  const cache = new Map<number, string | null>();
  return (id: number | null): string | null => {
    if (id === null) return null;
    if (!cache.has(id)) {
      const p = prep(sqlite, 'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?').get(id) as
        | { surname: string; name: string; patronymic: string | null }
        | undefined;
      cache.set(id, p ? shortName(p) : null);
    }
    return cache.get(id)!;
  };
}

function toView(ctx: Ctx, r: DayRow, name: (id: number | null) => string | null): SubstitutionView {
  return {
    lessonId: r.lesson_id,
    groupId: r.group_id,
    groupName: r.group_name,
    className: className(r.grade, r.letter),
    subjectId: r.subject_id,
    subjectName: r.subject_name,
    date: r.date,
    slot: r.slot,
    plannedTeacherId: r.planned,
    plannedTeacherName: name(r.planned),
    actualTeacherId: r.actual,
    actualTeacherName: name(r.actual),
    termId: termOfDate(ctx, r.group_id, r.date)?.id ?? null,
  };
}

export function listDay(ctx: Ctx, input: { date: string }) {
  const name = namer(ctx.sqlite);
  return {
    date: input.date,
    lessons: lessonsOn(ctx.sqlite, input.date).map((r) => toView(ctx, r, name)),
    teachers: listTeachers(ctx).teachers,
  };
}

/** The caller's substitutions from two weeks back to two weeks ahead, nearest first. */
export function mySubstitutions(ctx: Ctx) {
  const me = requireActor(ctx).staffId;
  const today = schoolDate(ctx.now());
  const rows = prep(
    ctx.sqlite,
    `SELECT date FROM lesson WHERE actual_teacher_id = ? AND planned_teacher_id IS NOT actual_teacher_id AND cancelled = 0 AND part = 0
       AND date BETWEEN ? AND ? GROUP BY date ORDER BY date`,
  ).all(me, addDays(today, -14), addDays(today, 14)) as { date: string }[];
  const name = namer(ctx.sqlite);
  const lessons = rows.flatMap((d) => lessonsOn(ctx.sqlite, d.date, { actual: me, substituted: true }).map((r) => toView(ctx, r, name)));
  return { lessons };
}

function viewOf(ctx: Ctx, l: LessonSlot): SubstitutionView {
  const r = lessonsOn(ctx.sqlite, l.date).find((x) => x.group_id === l.groupId && x.subject_id === l.subjectId && x.slot === l.slot);
  if (!r) throw new AppError('not_found', 'В расписании нет такого урока');
  return toView(ctx, r, namer(ctx.sqlite));
}

export function setSubstitution(ctx: Ctx, input: { lesson: LessonSlot; substituteId: number }) {
  const l = input.lesson;
  return mutate(ctx, (rec) => {
    const s = ctx.sqlite;
    const lesson = resolveLesson(ctx, l);
    yearOf(s, (prep(s, 'SELECT c.year_id FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE g.id = ?').get(l.groupId) as { year_id: number }).year_id);
    assertTermOpen(termOfDate(ctx, l.groupId, l.date));
    const ok = prep(
      s,
      `SELECT 1 FROM staff_user u WHERE u.id = ? AND u.disabled = 0
         AND EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role IN ('teacher','classTeacher'))`,
    ).get(input.substituteId);
    if (!ok) throw invalid('Выберите учителя из списка сотрудников', 'substituteId');
    if (input.substituteId === lesson.plannedTeacherId)
      throw invalid('Это учитель по расписанию: чтобы он снова вёл урок, отмените замену', 'substituteId');
    const busy = lessonsOn(s, l.date).find(
      (x) => x.slot === l.slot && x.actual === input.substituteId && !(x.group_id === l.groupId && x.subject_id === l.subjectId),
    );
    if (busy) throw invalid(`У этого учителя в это время урок в ${className(busy.grade, busy.letter)} («${busy.group_name}»)`, 'substituteId');
    const row = ensureLessonRow(ctx, rec, lesson);
    prep(s, 'UPDATE lesson SET actual_teacher_id = ?, version = version + 1 WHERE id = ?').run(input.substituteId, row.id);
    rec.audit({
      action: 'substitution.set',
      entity: 'lesson',
      entityId: row.id,
      before: { actualTeacherId: row.actual_teacher_id },
      after: { actualTeacherId: input.substituteId, plannedTeacherId: row.planned_teacher_id },
      feed: 'upsert',
    });
    return viewOf(ctx, l);
  });
}

export function removeSubstitution(ctx: Ctx, input: { lesson: LessonSlot }) {
  const l = input.lesson;
  return mutate(ctx, (rec) => {
    const s = ctx.sqlite;
    const lesson = resolveLesson(ctx, l);
    assertTermOpen(termOfDate(ctx, l.groupId, l.date));
    if (!lesson.row || lesson.row.actual_teacher_id === lesson.row.planned_teacher_id)
      throw new AppError('not_found', 'На этот урок замена не назначена');
    prep(s, 'UPDATE lesson SET actual_teacher_id = planned_teacher_id, version = version + 1 WHERE id = ?').run(lesson.row.id);
    rec.audit({
      action: 'substitution.remove',
      entity: 'lesson',
      entityId: lesson.row.id,
      before: { actualTeacherId: lesson.row.actual_teacher_id },
      after: { actualTeacherId: lesson.row.planned_teacher_id },
      feed: 'upsert',
    });
    return viewOf(ctx, l);
  });
}
