// The standard school year (St Petersburg style): quarters for grades 1–9 and halves for
// 10–11, the year rows, the exam and final rows of grades 9 and 11, public holidays, the
// breaks between quarters (holidays for the half-year grades, whose halves span them) and
// the first-graders' extra February week. The demo and the year rollover both build a year
// from it, so a new year and the demo's year follow one rule.
import type { Sqlite } from '../../../db/client';
import { addDays, weekday } from '../../../src-shared/dates';
import type { TermKind } from '../../../src-shared/domain';
import { computeSchoolDays, STUDY_KINDS, type SchoolDay } from './days';

export interface TemplateTerm {
  kind: TermKind;
  number: number;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export interface TemplateDay {
  date: string;
  kind: 'holiday' | 'workday';
  gradeFrom: number;
  gradeTo: number;
  /** For a working day: the weekday whose timetable it follows. */
  asWeekday: number | null;
  note: string | null;
}

export interface YearTemplate {
  label: string;
  startsOn: string;
  endsOn: string;
  terms: TemplateTerm[];
  days: TemplateDay[];
  /** Grades with a six-day week (the others have five). */
  sixDayGrades: number[];
}

/** The school year holding a date: September to August. */
export function yearOf(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? y : y - 1;
}

export function mondayOnOrAfter(d: string): string {
  return addDays(d, (8 - weekday(d)) % 7);
}

function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function templateYear(startYear: number): YearTemplate {
  const y = startYear;
  const a = (md: string) => `${y}-${md}`;
  const b = (md: string) => `${y + 1}-${md}`;
  const quarters: [string, string][] = [
    [a('09-01'), a('10-24')],
    [a('11-05'), a('12-28')],
    [b('01-12'), b('03-20')],
    [b('03-30'), b('05-31')],
  ];
  const startsOn = a('09-01');
  const endsOn = b('05-31');
  const terms: TemplateTerm[] = [
    ...quarters.map(([s, e], i) => ({ kind: 'quarter' as const, number: i + 1, startsOn: s, endsOn: e, gradeFrom: 1, gradeTo: 9 })),
    { kind: 'half', number: 1, startsOn, endsOn: a('12-28'), gradeFrom: 10, gradeTo: 11 },
    { kind: 'half', number: 2, startsOn: b('01-12'), endsOn, gradeFrom: 10, gradeTo: 11 },
    { kind: 'year', number: 1, startsOn, endsOn, gradeFrom: 1, gradeTo: 9 },
    { kind: 'year', number: 1, startsOn, endsOn, gradeFrom: 10, gradeTo: 11 },
    // Exam and final («итоговая») marks of the graduating grades are given at the year's end.
    ...[9, 11].flatMap((g) =>
      (['exam', 'final'] as const).map((kind) => ({ kind, number: 1, startsOn: b('05-25'), endsOn, gradeFrom: g, gradeTo: g })),
    ),
  ];

  const days: TemplateDay[] = [];
  const holiday = (date: string, gradeFrom: number, gradeTo: number, note: string) =>
    days.push({ date, kind: 'holiday', gradeFrom, gradeTo, asWeekday: null, note });
  // Public holidays; one on a weekend gives the next Monday off (both days are kept, so a
  // six-day grade does not study on a Saturday holiday either).
  const publicDays: [string, string][] = [
    [a('11-04'), 'День народного единства'],
    [b('02-23'), 'День защитника Отечества'],
    [b('03-08'), 'Международный женский день'],
    [b('05-01'), 'Праздник Весны и Труда'],
    [b('05-09'), 'День Победы'],
  ];
  const taken = new Set<string>();
  for (const [d, note] of publicDays) {
    const wd = weekday(d);
    for (const day of wd <= 5 ? [d] : [d, addDays(d, 8 - wd)])
      if (!taken.has(day)) {
        taken.add(day);
        holiday(day, 1, 11, wd <= 5 || day === d ? note : `${note} (перенос)`);
      }
  }
  // The halves of grades 10–11 run through the autumn and spring breaks of the quarters.
  for (let i = 0; i + 1 < quarters.length; i++) {
    const from = addDays(quarters[i]![1], 1);
    const to = addDays(quarters[i + 1]![0], -1);
    // Only the days a half covers need a holiday: the winter break falls between the halves too.
    const inHalf = (d: string) => terms.some((t) => t.kind === 'half' && t.startsOn <= d && d <= t.endsOn);
    const note = from < a('12-01') ? 'Осенние каникулы' : from < b('03-01') ? 'Зимние каникулы' : 'Весенние каникулы';
    for (const d of span(from, to)) if (inHalf(d) && !taken.has(d)) holiday(d, 10, 11, note);
  }
  // The first-graders' extra week in February.
  const feb = mondayOnOrAfter(b('02-15'));
  for (const d of span(feb, addDays(feb, 6))) if (!taken.has(d)) holiday(d, 1, 1, 'Дополнительные каникулы первоклассников');
  days.sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : p.gradeFrom - q.gradeFrom));
  return { label: `${y}/${y + 1}`, startsOn, endsOn, terms, days, sixDayGrades: [] };
}

/** The school days of one grade under a template, by the same rule schoolDays() applies to the stored calendar. */
export function templateSchoolDays(tpl: YearTemplate, grade: number): SchoolDay[] {
  const covers = (r: { gradeFrom: number; gradeTo: number }) => r.gradeFrom <= grade && grade <= r.gradeTo;
  return computeSchoolDays({
    periods: tpl.terms
      .filter((t) => covers(t) && (STUDY_KINDS as readonly string[]).includes(t.kind))
      .sort((p, q) => (p.startsOn < q.startsOn ? -1 : 1)),
    daysPerWeek: tpl.sixDayGrades.includes(grade) ? 6 : 5,
    special: tpl.days.filter(covers),
  });
}

/**
 * Writes a template into an existing year that has no calendar yet: term rows, calendar days
 * and the six-day grades. Raw statements with no transaction of its own: the caller (the demo
 * generator, the rollover) runs it inside its mutate(), so a failure leaves nothing behind.
 */
export function applyTemplate(sqlite: Sqlite, yearId: number, tpl: YearTemplate): void {
  const existing = sqlite.prepare('SELECT COUNT(*) AS n FROM term WHERE year_id = ?').get(yearId) as { n: number };
  if (existing.n > 0) throw new Error(`year ${yearId} already has terms: a template goes into an empty year only`);
  const term = sqlite.prepare('INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?,?,?,?,?,?,?)');
  for (const t of tpl.terms) term.run(yearId, t.kind, t.number, t.startsOn, t.endsOn, t.gradeFrom, t.gradeTo);
  const day = sqlite.prepare(
    'INSERT INTO calendar_day (year_id, date, kind, grade_from, grade_to, as_weekday, note) VALUES (?,?,?,?,?,?,?)',
  );
  for (const d of tpl.days) day.run(yearId, d.date, d.kind, d.gradeFrom, d.gradeTo, d.asWeekday, d.note);
  const week = sqlite.prepare('INSERT INTO year_grade (year_id, grade, days_per_week) VALUES (?,?,6)');
  for (const g of tpl.sixDayGrades) week.run(yearId, g);
}
