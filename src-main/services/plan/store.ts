// Reading lesson plans (КТП) and the one rule of who may write one: a teacher, for a subject
// and grade of their own teaching load in force in the plan's year.
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { PlanTopicView, PlanView } from '../../../src-shared/rpc/plan';
import type { Actor, Ctx } from '../context';
import { currentYear } from '../school/handlers';
import { prep } from '../sql';

export interface PlanRow {
  id: number;
  year_id: number;
  teacher_id: number;
  subject_id: number;
  grade: number;
  updated_at: string;
}

interface TopicRow {
  id: number;
  position: number;
  topic: string;
  hours: number;
  work_type_id: number | null;
}

export const SEES_ALL = (actor: Actor) => actor.roles.includes('deputy') || actor.roles.includes('director');
const teaches = (actor: Actor) => actor.roles.includes('teacher') || actor.roles.includes('classTeacher');

/** The open year the plans are of; refused when none is set up. */
export function planYear(ctx: Ctx): { id: number; starts_on: string; ends_on: string } {
  const year = currentYear(ctx, schoolDate(ctx.now()));
  if (!year) throw new AppError('not_found', 'Учебный год не задан: планы составляют на открытый учебный год');
  return year;
}

export function findPlan(ctx: Ctx, yearId: number, teacherId: number, subjectId: number, grade: number): PlanRow | undefined {
  return prep(
    ctx.sqlite,
    'SELECT id, year_id, teacher_id, subject_id, grade, updated_at FROM plan WHERE year_id = ? AND teacher_id = ? AND subject_id = ? AND grade = ?',
  ).get(yearId, teacherId, subjectId, grade) as PlanRow | undefined;
}

export function planTopics(ctx: Ctx, planId: number): PlanTopicView[] {
  const rows = prep(ctx.sqlite, 'SELECT id, position, topic, hours, work_type_id FROM plan_topic WHERE plan_id = ? ORDER BY position').all(
    planId,
  ) as TopicRow[];
  return rows.map((r) => ({ id: r.id, position: r.position, topic: r.topic, hours: r.hours, workTypeId: r.work_type_id }));
}

/**
 * Does the teacher teach this subject to a group of this grade in the year, under a load in
 * force now or later (not a draft)? Only then is the plan theirs to write.
 */
export function teachesSubjectGrade(ctx: Ctx, teacherId: number, yearId: number, subjectId: number, grade: number): boolean {
  return !!prep(
    ctx.sqlite,
    `SELECT 1 FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
       WHERE tl.teacher_id = ? AND c.year_id = ? AND tl.subject_id = ? AND c.grade = ? AND tl.draft = 0
         AND (tl.valid_to IS NULL OR tl.valid_to >= ?) LIMIT 1`,
  ).get(teacherId, yearId, subjectId, grade, schoolDate(ctx.now()));
}

/** The caller may save this teacher's plan: it is their own and they teach the subject × grade. */
export function mayWrite(ctx: Ctx, actor: Actor, teacherId: number, yearId: number, subjectId: number, grade: number): boolean {
  return teaches(actor) && actor.staffId === teacherId && teachesSubjectGrade(ctx, teacherId, yearId, subjectId, grade);
}

export function assertMayWrite(ctx: Ctx, actor: Actor, yearId: number, subjectId: number, grade: number): void {
  if (!mayWrite(ctx, actor, actor.staffId, yearId, subjectId, grade))
    throw new AppError(
      'forbidden',
      `Вы не ведёте этот предмет в ${grade}-х классах в этом году: КТП составляет учитель, у которого есть такая нагрузка`,
    );
}

export function staffName(ctx: Ctx, staffId: number): string | null {
  const p = prep(
    ctx.sqlite,
    'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?',
  ).get(staffId) as { surname: string; name: string; patronymic: string | null } | undefined;
  return p ? shortName(p) : null;
}

export function subjectName(ctx: Ctx, subjectId: number): string {
  const s = prep(ctx.sqlite, 'SELECT name FROM subject WHERE id = ?').get(subjectId) as { name: string } | undefined;
  if (!s) throw new AppError('not_found', 'Нет такого предмета');
  return s.name;
}

/** A plan as the RPC shows it; an empty one (planId null) where the teacher has none yet. */
export function planView(ctx: Ctx, actor: Actor, yearId: number, teacherId: number, subjectId: number, grade: number): PlanView {
  const row = findPlan(ctx, yearId, teacherId, subjectId, grade);
  const teacherName = staffName(ctx, teacherId);
  if (teacherName === null) throw new AppError('not_found', 'Нет такого учителя');
  return {
    planId: row?.id ?? null,
    yearId,
    teacherId,
    teacherName,
    subjectId,
    subjectName: subjectName(ctx, subjectId),
    grade,
    access: mayWrite(ctx, actor, teacherId, yearId, subjectId, grade) ? 'write' : 'read',
    updatedAt: row?.updated_at ?? null,
    topics: row ? planTopics(ctx, row.id) : [],
  };
}
