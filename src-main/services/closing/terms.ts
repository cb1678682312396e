// Reading a term with its year, and the classes a closing covers.
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import { prep } from '../sql';
import type { TermRow } from '../school/terms';
import { className } from '../journal/format';

export interface ClosingTerm extends TermRow {
  year_id: number;
  year_label: string;
  year_status: 'open' | 'archived';
}

export interface ClassRow {
  id: number;
  grade: number;
  letter: string;
}

export function loadTerm(ctx: Ctx, termId: number): ClosingTerm {
  const t = prep(
    ctx.sqlite,
    `SELECT t.id, t.year_id, t.kind, t.number, t.starts_on, t.ends_on, t.grade_from, t.grade_to, t.closed_at,
            y.label AS year_label, y.status AS year_status
       FROM term t JOIN school_year y ON y.id = t.year_id WHERE t.id = ?`,
  ).get(termId) as ClosingTerm | undefined;
  if (!t) throw new AppError('not_found', 'Нет такого учебного периода', [{ path: ['termId'], message: 'нет такого периода' }]);
  return t;
}

/** Nothing is closed, reopened or changed in an archived year. */
export function assertYearOpen(t: ClosingTerm): void {
  if (t.year_status === 'archived') throw new AppError('locked', `Учебный год ${t.year_label} в архиве: только чтение`);
}

/** The term's classes (its year, its grades), or the one asked for — refused if not one of them. */
export function termClasses(ctx: Ctx, t: ClosingTerm, classId?: number): ClassRow[] {
  const all = prep(
    ctx.sqlite,
    'SELECT id, grade, letter FROM class_unit WHERE year_id = ? AND grade BETWEEN ? AND ? ORDER BY grade, letter',
  ).all(t.year_id, t.grade_from, t.grade_to) as ClassRow[];
  if (classId === undefined) return all;
  const one = all.filter((c) => c.id === classId);
  if (!one.length)
    throw new AppError('validation', 'Этот класс не учится в этом периоде: выберите класс того же года и параллелей периода', [
      { path: ['classId'], message: 'класс не из этого периода' },
    ]);
  return one;
}

export const classLabel = (c: ClassRow) => className(c.grade, c.letter);

/** When the term was closed for the class (the whole school's closing counts), or null. */
export function closedFor(ctx: Ctx, t: ClosingTerm, classId: number): string | null {
  if (t.closed_at) return t.closed_at;
  const r = prep(ctx.sqlite, 'SELECT closed_at FROM term_closure WHERE term_id = ? AND class_id = ?').get(t.id, classId) as
    { closed_at: string } | undefined;
  return r?.closed_at ?? null;
}

export const termRef = (t: ClosingTerm) => ({ id: t.id, kind: t.kind, number: t.number, startsOn: t.starts_on, endsOn: t.ends_on });
