// The R7 marks norm as the overview measures it (pure): marks per pupil per study period by the
// journal's hours per week, prorated to the school days of one month. The check's R7 judges a
// pupil over a whole term; the overview needs a month's share of that norm, so it keeps the
// fraction instead of rounding down (a month of a 3-mark quarter would otherwise round to 0).
import type { CheckSettings } from '../../../src-shared/domain';
import { termNorm } from '../check/rules/marks';

export type StudyKind = 'quarter' | 'half' | 'trimester';

/**
 * Marks per pupil a whole study period asks for: the check's R7 norm (rules/marks.ts termNorm,
 * the one place for the table), so the overview and the check never disagree on a journal.
 */
export function periodNorm(kind: StudyKind, hoursPerWeek: number, s: CheckSettings): number {
  return termNorm(s, kind, hoursPerWeek);
}

export interface StudyPeriod {
  kind: StudyKind;
  startsOn: string;
  endsOn: string;
}

/**
 * Marks per pupil expected in [from, to] (a month, cut at today): for each period, its norm ×
 * the period's school days inside [from, to] / all its school days. `days` ascending.
 */
export function expectedPerPupil(periods: readonly StudyPeriod[], days: readonly string[], hoursPerWeek: number, from: string, to: string, s: CheckSettings): number {
  let sum = 0;
  for (const p of periods) {
    let all = 0;
    let inside = 0;
    for (const d of days) {
      if (d < p.startsOn || d > p.endsOn) continue;
      all++;
      if (d >= from && d <= to) inside++;
    }
    if (all > 0 && inside > 0) sum += (periodNorm(p.kind, hoursPerWeek, s) * inside) / all;
  }
  return sum;
}

/**
 * The date by which a lesson's entries are due: the entryDays-th school day after the lesson
 * (the lesson's own day counts as day 0; a lesson off the calendar starts from the next school
 * day). Null when the calendar ends first (not due within the year). `days` ascending.
 */
export function dueDate(days: readonly string[], lessonDate: string, entryDays: number): string | null {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < lessonDate) lo = mid + 1;
    else hi = mid;
  }
  const i = days[lo] === lessonDate ? lo + entryDays : lo + Math.max(0, entryDays - 1);
  return days[i] ?? null;
}
