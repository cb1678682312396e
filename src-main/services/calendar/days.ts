// Which dates are school days for a grade, and whose weekday timetable each follows: the one
// place that reads the calendar (terms, holidays, working days, the week length). Lesson
// generation, the journal and the rollover all ask here.
import type { Sqlite } from '../../../db/client';
import { addDays, weekday } from '../../../src-shared/dates';
import { prep } from '../sql';

export interface SchoolDay {
  date: string;
  /** The weekday (1 Monday … 7 Sunday) whose timetable this day follows (a transferred working day differs). */
  asWeekday: number;
}

/** Study-period kinds: a date outside every one of them has no lessons. */
export const STUDY_KINDS = ['quarter', 'half', 'trimester'] as const;

/** The calendar of one grade, as the rule below needs it (already filtered to the grade). */
export interface GradeCalendar {
  periods: { startsOn: string; endsOn: string }[];
  daysPerWeek: number;
  special: { date: string; kind: 'holiday' | 'workday'; asWeekday: number | null }[];
}

/**
 * The rule, without the database (the template and the demo use it on a calendar not yet
 * written): days inside one of the periods, on the first daysPerWeek weekdays, minus holidays,
 * plus working days (inside or outside the usual week and the periods), ascending.
 */
export function computeSchoolDays(cal: GradeCalendar, from?: string, to?: string): SchoolDay[] {
  const holidays = new Set(cal.special.filter((d) => d.kind === 'holiday').map((d) => d.date));
  const workdays = new Map(cal.special.filter((d) => d.kind === 'workday').map((d) => [d.date, d.asWeekday ?? weekday(d.date)]));
  const out = new Map<string, number>();
  for (const p of cal.periods) {
    const start = from && from > p.startsOn ? from : p.startsOn;
    const end = to && to < p.endsOn ? to : p.endsOn;
    for (let d = start; d <= end; d = addDays(d, 1)) {
      if (holidays.has(d)) continue;
      const w = workdays.get(d);
      if (w !== undefined) out.set(d, w);
      else if (weekday(d) <= cal.daysPerWeek) out.set(d, weekday(d));
    }
  }
  // A working day outside the study periods (a Saturday after a term) still counts.
  for (const [d, w] of workdays) if (!out.has(d) && (!from || d >= from) && (!to || d <= to) && !holidays.has(d)) out.set(d, w);
  return [...out].map(([date, asWeekday]) => ({ date, asWeekday })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** One grade's calendar as stored. */
export function gradeCalendar(sqlite: Sqlite, yearId: number, grade: number): GradeCalendar {
  const periods = prep(
    sqlite,
    `SELECT starts_on AS startsOn, ends_on AS endsOn FROM term WHERE year_id = ? AND ? BETWEEN grade_from AND grade_to
       AND kind IN ('quarter', 'half', 'trimester') ORDER BY starts_on`,
  ).all(yearId, grade) as { startsOn: string; endsOn: string }[];
  const week =
    (
      prep(sqlite, 'SELECT days_per_week FROM year_grade WHERE year_id = ? AND grade = ?').get(yearId, grade) as
        { days_per_week: number } | undefined
    )?.days_per_week ?? 5;
  const special = prep(
    sqlite,
    'SELECT date, kind, as_weekday AS asWeekday FROM calendar_day WHERE year_id = ? AND ? BETWEEN grade_from AND grade_to',
  ).all(yearId, grade) as GradeCalendar['special'];
  return { periods, daysPerWeek: week, special };
}

/**
 * The school days of one grade in one year, ascending: days inside one of the grade's study
 * periods, on the first days_per_week weekdays (year_grade, default 5), minus holidays that
 * cover the grade, plus working days that cover it (inside or outside the usual week).
 */
export function schoolDays(sqlite: Sqlite, yearId: number, grade: number, from?: string, to?: string): SchoolDay[] {
  return computeSchoolDays(gradeCalendar(sqlite, yearId, grade), from, to);
}
