// Reading one year's calendar: the year itself (by id or the current one), its terms with
// their closed state and mark counts, its special days and week lengths.
import type { Sqlite } from '../../../db/client';
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { GRADE_MAX, GRADE_MIN, type CalendarDay, type CalendarTerm, type StudyKind } from '../../../src-shared/rpc/calendar';
import type { Ctx } from '../context';
import { currentYear } from '../school/handlers';
import { prep } from '../sql';
import type { TermRow } from '../school/terms';
import { schoolDays } from './days';
import type { StudyRow } from './periods';

export interface YearRow {
  id: number;
  label: string;
  starts_on: string;
  ends_on: string;
  status: 'open' | 'archived';
}

/** The year asked for, or the current (open) one. */
export function loadYear(ctx: Ctx, yearId: number | undefined): YearRow {
  const id = yearId ?? currentYear(ctx, schoolDate(ctx.now()))?.id;
  const row =
    id === undefined
      ? undefined
      : (prep(ctx.sqlite, 'SELECT id, label, starts_on, ends_on, status FROM school_year WHERE id = ?').get(id) as YearRow | undefined);
  if (!row) throw new AppError('not_found', yearId === undefined ? 'Учебный год ещё не создан' : 'Нет такого учебного года');
  return row;
}

/** The year for a change: archived years are read-only. */
export function writableYear(ctx: Ctx, yearId: number | undefined): YearRow {
  const y = loadYear(ctx, yearId);
  if (y.status === 'archived') throw new AppError('locked', `Учебный год ${y.label} в архиве: его календарь уже не меняется`);
  return y;
}

const KIND_ORDER =
  "CASE kind WHEN 'quarter' THEN 0 WHEN 'trimester' THEN 0 WHEN 'half' THEN 0 WHEN 'year' THEN 1 WHEN 'exam' THEN 2 ELSE 3 END";

export function yearTerms(sqlite: Sqlite, yearId: number): CalendarTerm[] {
  const rows = prep(
    sqlite,
    `SELECT id, kind, number, starts_on, ends_on, grade_from, grade_to,
            closed_at IS NOT NULL OR EXISTS (SELECT 1 FROM term_closure c WHERE c.term_id = term.id) AS closed,
            (SELECT COUNT(*) FROM term_mark m WHERE m.term_id = term.id) AS marks
       FROM term WHERE year_id = ? ORDER BY grade_from, ${KIND_ORDER}, number`,
  ).all(yearId) as (Omit<TermRow, 'closed_at'> & { closed: number; marks: number })[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    number: r.number,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    gradeFrom: r.grade_from,
    gradeTo: r.grade_to,
    closed: r.closed === 1,
    marks: r.marks,
  }));
}

export function studyRows(terms: readonly CalendarTerm[]): StudyRow[] {
  return terms
    .filter((t): t is CalendarTerm & { kind: StudyKind } => t.kind === 'quarter' || t.kind === 'half' || t.kind === 'trimester')
    .map(({ id, kind, number, startsOn, endsOn, gradeFrom, gradeTo }) => ({ id, kind, number, startsOn, endsOn, gradeFrom, gradeTo }));
}

export function yearDays(sqlite: Sqlite, yearId: number): CalendarDay[] {
  return prep(
    sqlite,
    `SELECT id, date, kind, grade_from AS gradeFrom, grade_to AS gradeTo, as_weekday AS asWeekday, note
         FROM calendar_day WHERE year_id = ? ORDER BY date, grade_from, id`,
  ).all(yearId) as CalendarDay[];
}

export function yearWeeks(sqlite: Sqlite, yearId: number): { grade: number; daysPerWeek: 5 | 6 }[] {
  const set = new Map(
    (
      prep(sqlite, 'SELECT grade, days_per_week FROM year_grade WHERE year_id = ?').all(yearId) as {
        grade: number;
        days_per_week: number;
      }[]
    ).map((r) => [r.grade, r.days_per_week]),
  );
  const out: { grade: number; daysPerWeek: 5 | 6 }[] = [];
  for (let g = GRADE_MIN; g <= GRADE_MAX; g++) out.push({ grade: g, daysPerWeek: set.get(g) === 6 ? 6 : 5 });
  return out;
}

/**
 * Lessons (not cancelled) of the year's classes in grades from..to on a day that is not a
 * school day of their grade: what a calendar change leaves for the timetable's regeneration.
 */
export function lessonsOffCalendar(sqlite: Sqlite, yearId: number, from: number, to: number): number {
  let n = 0;
  for (let g = from; g <= to; g++) {
    const days = new Set(schoolDays(sqlite, yearId, g).map((d) => d.date));
    const rows = prep(
      sqlite,
      `SELECT l.date, COUNT(*) AS n FROM lesson l JOIN study_group sg ON sg.id = l.group_id JOIN class_unit c ON c.id = sg.class_id
        WHERE c.year_id = ? AND c.grade = ? AND l.cancelled = 0 GROUP BY l.date`,
    ).all(yearId, g) as { date: string; n: number }[];
    for (const r of rows) if (!days.has(r.date)) n += r.n;
  }
  return n;
}
