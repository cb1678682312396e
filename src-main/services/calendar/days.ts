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

/**
 * The school days of one grade in one year, ascending: days inside one of the grade's study
 * periods, on the first days_per_week weekdays (year_grade, default 5), minus holidays that
 * cover the grade, plus working days that cover it (inside or outside the usual week).
 */
export function schoolDays(sqlite: Sqlite, yearId: number, grade: number, from?: string, to?: string): SchoolDay[] {
  const periods = prep(
    sqlite,
    `SELECT starts_on, ends_on FROM term WHERE year_id = ? AND ? BETWEEN grade_from AND grade_to
       AND kind IN ('quarter', 'half', 'trimester') ORDER BY starts_on`,
  ).all(yearId, grade) as { starts_on: string; ends_on: string }[];
  const week = (prep(sqlite, 'SELECT days_per_week FROM year_grade WHERE year_id = ? AND grade = ?').get(yearId, grade) as
    | { days_per_week: number }
    | undefined)?.days_per_week ?? 5;
  const special = prep(
    sqlite,
    'SELECT date, kind, as_weekday FROM calendar_day WHERE year_id = ? AND ? BETWEEN grade_from AND grade_to',
  ).all(yearId, grade) as { date: string; kind: 'holiday' | 'workday'; as_weekday: number | null }[];
  const holidays = new Set(special.filter((d) => d.kind === 'holiday').map((d) => d.date));
  const workdays = new Map(special.filter((d) => d.kind === 'workday').map((d) => [d.date, d.as_weekday ?? weekday(d.date)]));
  const out = new Map<string, number>();
  for (const p of periods) {
    const start = from && from > p.starts_on ? from : p.starts_on;
    const end = to && to < p.ends_on ? to : p.ends_on;
    for (let d = start; d <= end; d = addDays(d, 1)) {
      if (holidays.has(d)) continue;
      const w = workdays.get(d);
      if (w !== undefined) out.set(d, w);
      else if (weekday(d) <= week) out.set(d, weekday(d));
    }
  }
  // A working day outside the study periods (a Saturday after a term) still counts.
  for (const [d, w] of workdays) if (!out.has(d) && (!from || d >= from) && (!to || d <= to) && !holidays.has(d)) out.set(d, w);
  return [...out].map(([date, asWeekday]) => ({ date, asWeekday })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
