// Who may read or write which journal (DESIGN.md §3), and the lesson-level rules every edit
// checks: enrolment, future lessons, held flag, closed terms.
import { AppError } from '../../../src-shared/errors';
import type { Actor, Ctx } from '../context';
import { prep } from '../sql';
import type { TermRow } from '../school/terms';

export type { TermRow };

export type JournalAccess = 'write' | 'read' | 'substitute';

const SEES_ALL = new Set(['deputy', 'director']);

/**
 * The caller's access to a group's subject over a date range: their own load writes, a lesson
 * they substituted is written one lesson at a time, their own class and the deputy/director read.
 */
export function journalAccess(ctx: Ctx, actor: Actor, groupId: number, subjectId: number, from: string, to: string): JournalAccess | null {
  const s = ctx.sqlite;
  const teaches = actor.roles.includes('teacher') || actor.roles.includes('classTeacher');
  if (
    teaches &&
    prep(
      s,
      `SELECT 1 FROM teaching_load WHERE teacher_id = ? AND group_id = ? AND subject_id = ? AND draft = 0
         AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) LIMIT 1`,
    ).get(actor.staffId, groupId, subjectId, to, from)
  )
    return 'write';
  if (actor.roles.some((r) => SEES_ALL.has(r))) return 'read';
  if (
    prep(s, 'SELECT 1 FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE g.id = ? AND c.class_teacher_id = ?').get(
      groupId,
      actor.staffId,
    )
  )
    return 'read';
  if (
    teaches &&
    prep(s, 'SELECT 1 FROM lesson WHERE group_id = ? AND subject_id = ? AND actual_teacher_id = ? AND cancelled = 0 AND date BETWEEN ? AND ? LIMIT 1').get(
      groupId,
      subjectId,
      actor.staffId,
      from,
      to,
    )
  )
    return 'substitute';
  return null;
}

/** May the caller enter data for this one lesson? Own load on that date, or they taught it. */
export function canEditLesson(
  ctx: Ctx,
  actor: Actor,
  l: { groupId: number; subjectId: number; date: string; actualTeacherId: number | null },
): boolean {
  if (!(actor.roles.includes('teacher') || actor.roles.includes('classTeacher'))) return false;
  if (l.actualTeacherId === actor.staffId) return true;
  return !!prep(
    ctx.sqlite,
    `SELECT 1 FROM teaching_load WHERE teacher_id = ? AND group_id = ? AND subject_id = ? AND draft = 0
       AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) LIMIT 1`,
  ).get(actor.staffId, l.groupId, l.subjectId, l.date, l.date);
}

export function groupGrade(ctx: Ctx, groupId: number): { grade: number; yearId: number; classId: number } {
  const g = prep(
    ctx.sqlite,
    'SELECT c.grade, c.year_id, c.id AS class_id FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE g.id = ?',
  ).get(groupId) as { grade: number; year_id: number; class_id: number } | undefined;
  if (!g) throw new AppError('not_found', 'Нет такой группы');
  return { grade: g.grade, yearId: g.year_id, classId: g.class_id };
}

/**
 * The group's terms in the journal's order (study periods by date, then the year, the exam and
 * the final mark); closed_at is the term's own or its closure for the group's class.
 */
export function termsFor(ctx: Ctx, groupId: number): TermRow[] {
  const { grade, yearId, classId } = groupGrade(ctx, groupId);
  return prep(
    ctx.sqlite,
    `SELECT t.id, t.kind, t.number, t.starts_on, t.ends_on, t.grade_from, t.grade_to, COALESCE(t.closed_at, tc.closed_at) AS closed_at
       FROM term t LEFT JOIN term_closure tc ON tc.term_id = t.id AND tc.class_id = ?
       WHERE t.year_id = ? AND ? BETWEEN t.grade_from AND t.grade_to
       ORDER BY CASE t.kind WHEN 'year' THEN 1 WHEN 'exam' THEN 2 WHEN 'final' THEN 3 ELSE 0 END, t.starts_on`,
  ).all(classId, yearId, grade) as TermRow[];
}

/** The study period (quarter, half, trimester — never the year, exam or final rows) that holds the date for this group's grade (null in holidays). */
export function termOfDate(ctx: Ctx, groupId: number, date: string): TermRow | null {
  return (
    (prep(
      ctx.sqlite,
      `SELECT t.id, t.kind, t.number, t.starts_on, t.ends_on, t.grade_from, t.grade_to, t.closed_at
       FROM study_group g JOIN class_unit c ON c.id = g.class_id
       JOIN term t ON t.year_id = c.year_id AND c.grade BETWEEN t.grade_from AND t.grade_to
       WHERE g.id = ? AND t.kind IN ('quarter', 'half', 'trimester') AND ? BETWEEN t.starts_on AND t.ends_on LIMIT 1`,
    ).get(groupId, date) as TermRow | undefined) ?? null
  );
}

/**
 * Superseded by assertWritable / assertTermMarkWritable (writable.ts), which also see a term
 * closed for one class, reopenings and archived years: this only sees a school-wide closure.
 * Kept for callers not yet moved; call assertWritable(ctx, { groupId, subjectId, date, lessonId, pupilId }).
 */
export function assertTermOpen(term: TermRow | null): void {
  if (term?.closed_at)
    throw new AppError(
      'locked',
      `${term.kind === 'half' ? 'Полугодие' : term.kind === 'year' ? 'Год' : 'Четверть'} закрыт${term.kind === 'quarter' ? 'а' : term.kind === 'half' ? 'о' : ''} заместителем директора: изменения запрещены`,
    );
}

export function isMember(ctx: Ctx, pupilId: number, groupId: number, date: string): boolean {
  return !!prep(
    ctx.sqlite,
    'SELECT 1 FROM group_member WHERE pupil_id = ? AND group_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?) LIMIT 1',
  ).get(pupilId, groupId, date, date);
}
