// The school calendar of the demo year: terms with the usual St Petersburg holidays,
// public holidays, and the list of school days lessons are generated on.
import { addDays, weekday } from '../../src-shared/dates';

export interface TermDef {
  kind: 'quarter' | 'half' | 'year';
  number: number;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export interface YearCalendar {
  label: string;
  startsOn: string;
  endsOn: string;
  terms: TermDef[];
  /** Every weekday with lessons for grades 2–11, ascending. */
  schoolDays: string[];
  /** The first-graders' extra February week (no lessons for grade 1 on these days). */
  firstGradeBreak: { from: string; to: string };
}

/** The school year holding a date: September to August. */
export function yearOf(today: string): number {
  const y = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? y : y - 1;
}

export function calendarFor(today: string): YearCalendar {
  const y = yearOf(today);
  const a = (md: string) => `${y}-${md}`;
  const b = (md: string) => `${y + 1}-${md}`;
  // Quarters with the autumn, winter and spring breaks between them; halves share the breaks,
  // so the school is closed for everyone between quarters.
  const quarters: [string, string][] = [
    [a('09-01'), a('10-24')],
    [a('11-05'), a('12-28')],
    [b('01-12'), b('03-20')],
    [b('03-30'), b('05-31')],
  ];
  const terms: TermDef[] = [
    ...quarters.map(([s, e], i) => ({ kind: 'quarter' as const, number: i + 1, startsOn: s, endsOn: e, gradeFrom: 1, gradeTo: 9 })),
    { kind: 'half', number: 1, startsOn: a('09-01'), endsOn: a('12-28'), gradeFrom: 10, gradeTo: 11 },
    { kind: 'half', number: 2, startsOn: b('01-12'), endsOn: b('05-31'), gradeFrom: 10, gradeTo: 11 },
    { kind: 'year', number: 1, startsOn: a('09-01'), endsOn: b('05-31'), gradeFrom: 1, gradeTo: 9 },
    { kind: 'year', number: 1, startsOn: a('09-01'), endsOn: b('05-31'), gradeFrom: 10, gradeTo: 11 },
  ];
  const holidays = publicHolidays(y);
  const schoolDays: string[] = [];
  for (const [s, e] of quarters) {
    for (let d = s; d <= e; d = addDays(d, 1)) if (weekday(d) <= 5 && !holidays.has(d)) schoolDays.push(d);
  }
  return {
    label: `${y}/${y + 1}`,
    startsOn: a('09-01'),
    endsOn: b('05-31'),
    terms,
    schoolDays,
    firstGradeBreak: { from: mondayOnOrAfter(b('02-15')), to: addDays(mondayOnOrAfter(b('02-15')), 6) },
  };
}

function mondayOnOrAfter(d: string): string {
  return addDays(d, (8 - weekday(d)) % 7);
}

/** Fixed public holidays inside the terms; one on a weekend moves to the next Monday. */
function publicHolidays(y: number): Set<string> {
  const out = new Set<string>();
  for (const d of [`${y}-11-04`, `${y + 1}-02-23`, `${y + 1}-03-08`, `${y + 1}-05-01`, `${y + 1}-05-09`]) {
    const wd = weekday(d);
    out.add(wd <= 5 ? d : addDays(d, 8 - wd));
  }
  return out;
}
