// Who may report on which class (PRINT.md «Who may print/see what»): deputy and director any
// class; the class teacher their own class whole; a teacher the classes they teach in, for the
// reports about their own journals only. Checked before any lookup that could leak existence:
// a refused caller cannot tell an unknown class from someone else's.
import { dotDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { Actor, Ctx } from '../context';
import { prep } from '../sql';

const SEES_ALL = new Set(['deputy', 'director']);

export const seesAll = (actor: Actor) => actor.roles.some((r) => SEES_ALL.has(r));

/** True when the caller may report on the whole class (all its pupils, all subjects). */
export function leadsClass(ctx: Ctx, actor: Actor, classId: number): boolean {
  if (seesAll(actor)) return true;
  return !!prep(ctx.sqlite, 'SELECT 1 FROM class_unit WHERE id = ? AND class_teacher_id = ?').get(classId, actor.staffId);
}

/**
 * The whole-class scope every class report needs: forbidden (with what is allowed) unless the
 * caller sees everything or leads the class; then not_found for an unknown class.
 */
export function assertWholeClass(ctx: Ctx, actor: Actor, classId: number, what: string): ClassInfo {
  if (!leadsClass(ctx, actor, classId))
    throw new AppError('forbidden', `${what} доступен заместителю директора, директору и классному руководителю этого класса`);
  return classInfo(ctx, classId);
}

export interface ClassInfo {
  id: number;
  yearId: number;
  grade: number;
  /** «5А» */
  label: string;
  yearStartsOn: string;
  yearEndsOn: string;
  yearLabel: string;
  classTeacherId: number | null;
}

interface ClassRow {
  id: number;
  year_id: number;
  grade: number;
  letter: string;
  starts_on: string;
  ends_on: string;
  label: string;
  class_teacher_id: number | null;
}

export function classInfo(ctx: Ctx, classId: number): ClassInfo {
  const c = prep(
    ctx.sqlite,
    `SELECT c.id, c.year_id, c.grade, c.letter, c.class_teacher_id, y.starts_on, y.ends_on, y.label
       FROM class_unit c JOIN school_year y ON y.id = c.year_id WHERE c.id = ?`,
  ).get(classId) as ClassRow | undefined;
  if (!c) throw new AppError('not_found', 'Нет такого класса: выберите класс из списка');
  return {
    id: c.id,
    yearId: c.year_id,
    grade: c.grade,
    label: `${c.grade}${c.letter}`,
    yearStartsOn: c.starts_on,
    yearEndsOn: c.ends_on,
    yearLabel: c.label,
    classTeacherId: c.class_teacher_id,
  };
}

/** A report's dates must lie in the class's school year (a typo like 2062 is refused, not printed empty). */
export function assertInYear(c: ClassInfo, from: string, to: string): void {
  if (from < c.yearStartsOn || to > c.yearEndsOn)
    throw new AppError(
      'validation',
      `Период должен лежать в учебном году ${c.yearLabel} (${dotDate(c.yearStartsOn)} — ${dotDate(c.yearEndsOn)}): исправьте даты`,
    );
}
