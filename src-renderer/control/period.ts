// The check's period. Default: before the 10th the deputy checks the month just ended (its last
// days are still being filled in when the month turns, so the first days of a month are spent
// on the previous one); from the 10th on, the current month up to today. A period never reaches
// past today: the rules judge only lessons up to today, and the report prints the period.
import { isCalendarDate } from '../../src-shared/domain';

export interface Period {
  from: string;
  to: string;
}

/** The day from which the current month becomes the default period. */
export const CURRENT_MONTH_FROM_DAY = 10;

const pad = (n: number) => String(n).padStart(2, '0');

/** Days in a month (month 1..12), by the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "2026-11-26" + n days, on the calendar (no time zone involved). */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The month "YYYY-MM" as a period, cut at today when it holds today; null for a month after today or a bad value. */
export function monthPeriod(month: string, today: string): Period | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const from = `${month}-01`;
  if (from > today) return null;
  const last = `${month}-${pad(daysInMonth(y, mo))}`;
  return { from, to: last < today ? last : today };
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

/** The month the new-check form starts with (see the header). */
export function defaultMonth(today: string): string {
  const month = today.slice(0, 7);
  return Number(today.slice(8, 10)) < CURRENT_MONTH_FROM_DAY ? previousMonth(month) : month;
}

export function defaultPeriod(today: string): Period {
  return monthPeriod(defaultMonth(today), today)!;
}

export type PeriodProblem = 'badDate' | 'reversed' | 'future' | 'tooLong';

/** Longest period one check may cover: a school year. */
export const MAX_PERIOD_DAYS = 366;

/** What is wrong with a hand-edited period, or null. */
export function periodProblem(p: Period, today: string): PeriodProblem | null {
  if (!isCalendarDate(p.from) || !isCalendarDate(p.to)) return 'badDate';
  if (p.from > p.to) return 'reversed';
  if (p.from > today) return 'future';
  if (p.from < addDays(p.to, -MAX_PERIOD_DAYS)) return 'tooLong';
  return null;
}

const numeric = (d: string) => d.split('-').reverse().join('.');

/** "01.11.2026 – 26.11.2026" */
export const periodText = (p: Period) => `${numeric(p.from)} – ${numeric(p.to)}`;
