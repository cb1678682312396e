// The calendar tab's logic, without React: grouping stored days into spans for the list,
// default dates for a new kind of periods, and labels. Unit-tested in tests/unit/calendar-ui.test.ts.
import { addDays } from '../../../src-shared/dates';
import type { CalendarDay, CalendarTerm, StudyKind } from '../../../src-shared/rpc/calendar';

/** Consecutive days with the same kind, grades, weekday and note: one line in the list. */
export interface DaySpan {
  ids: number[];
  from: string;
  to: string;
  kind: CalendarDay['kind'];
  gradeFrom: number;
  gradeTo: number;
  asWeekday: number | null;
  note: string | null;
}

const nextDay = (d: string): string => addDays(d, 1);

export function groupDays(days: readonly CalendarDay[]): DaySpan[] {
  const sorted = [...days].sort(
    (a, b) => a.gradeFrom - b.gradeFrom || a.gradeTo - b.gradeTo || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0),
  );
  const spans: DaySpan[] = [];
  for (const d of sorted) {
    const last = spans.at(-1);
    if (
      last &&
      d.kind === 'holiday' &&
      last.kind === 'holiday' &&
      last.gradeFrom === d.gradeFrom &&
      last.gradeTo === d.gradeTo &&
      last.note === d.note &&
      nextDay(last.to) === d.date
    ) {
      last.to = d.date;
      last.ids.push(d.id);
    } else
      spans.push({
        ids: [d.id],
        from: d.date,
        to: d.date,
        kind: d.kind,
        gradeFrom: d.gradeFrom,
        gradeTo: d.gradeTo,
        asWeekday: d.asWeekday,
        note: d.note,
      });
  }
  return spans.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.gradeFrom - b.gradeFrom));
}

/** "26.11.2026" */
export const dmy = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}.${d.slice(0, 4)}`;

export interface PeriodDraft {
  startsOn: string;
  endsOn: string;
}

/**
 * The periods a range starts with when its kind is switched: the current ones when the kind
 * is unchanged, otherwise the school's usual dates for that kind in this year.
 */
export function defaultPeriods(
  kind: StudyKind,
  year: { startsOn: string; endsOn: string },
  current: readonly CalendarTerm[],
): PeriodDraft[] {
  const same = current.filter((t) => t.kind === kind).sort((a, b) => a.number - b.number);
  if (same.length) return same.map((t) => ({ startsOn: t.startsOn, endsOn: t.endsOn }));
  const y = Number(year.startsOn.slice(0, 4));
  const a = (md: string) => `${y}-${md}`;
  const b = (md: string) => `${y + 1}-${md}`;
  const feb = (y + 1) % 4 === 0 && ((y + 1) % 100 !== 0 || (y + 1) % 400 === 0) ? '02-29' : '02-28';
  if (kind === 'quarter')
    return [
      { startsOn: year.startsOn, endsOn: a('10-24') },
      { startsOn: a('11-05'), endsOn: a('12-28') },
      { startsOn: b('01-12'), endsOn: b('03-20') },
      { startsOn: b('03-30'), endsOn: year.endsOn },
    ];
  if (kind === 'half')
    return [
      { startsOn: year.startsOn, endsOn: a('12-28') },
      { startsOn: b('01-12'), endsOn: year.endsOn },
    ];
  return [
    { startsOn: year.startsOn, endsOn: a('11-30') },
    { startsOn: a('12-01'), endsOn: b(feb) },
    { startsOn: b('03-01'), endsOn: year.endsOn },
  ];
}

/** The study periods of one grade range, by number. */
export function rangePeriods(terms: readonly CalendarTerm[], range: { gradeFrom: number; gradeTo: number }): CalendarTerm[] {
  return terms
    .filter(
      (t) =>
        (t.kind === 'quarter' || t.kind === 'half' || t.kind === 'trimester') &&
        t.gradeFrom === range.gradeFrom &&
        t.gradeTo === range.gradeTo,
    )
    .sort((a, b) => a.number - b.number);
}

/** The rows that hold marks only (year, exam, final) for grades inside the range. */
export function markTerms(terms: readonly CalendarTerm[], range: { gradeFrom: number; gradeTo: number }): CalendarTerm[] {
  return terms.filter(
    (t) => (t.kind === 'year' || t.kind === 'exam' || t.kind === 'final') && range.gradeFrom <= t.gradeFrom && t.gradeTo <= range.gradeTo,
  );
}

/** Issues from a validation error keyed "periods.1.startsOn" → message, for the inputs. */
export function issueMap(issues: readonly { path: readonly (string | number)[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.join('.');
    if (!(key in out)) out[key] = i.message;
  }
  return out;
}
