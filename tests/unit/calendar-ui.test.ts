// The calendar tab's pure logic: spans in the day list, default dates for a switched kind.
import { describe, expect, it } from 'vitest';
import type { CalendarDay, CalendarTerm } from '../../src-shared/rpc/calendar';
import { defaultPeriods, groupDays, issueMap, markTerms, rangePeriods } from '../../src-renderer/year/calendar/model';

let nextId = 1;
const day = (date: string, over: Partial<CalendarDay> = {}): CalendarDay => ({
  id: nextId++,
  date,
  kind: 'holiday',
  gradeFrom: 10,
  gradeTo: 11,
  asWeekday: null,
  note: 'Осенние каникулы',
  ...over,
});
const term = (
  kind: CalendarTerm['kind'],
  number: number,
  startsOn: string,
  endsOn: string,
  gradeFrom: number,
  gradeTo: number,
): CalendarTerm => ({
  id: nextId++,
  kind,
  number,
  startsOn,
  endsOn,
  gradeFrom,
  gradeTo,
  closed: false,
  marks: 0,
});
const YEAR = { startsOn: '2027-09-01', endsOn: '2028-05-31' };

describe('groupDays', () => {
  it('joins consecutive days of one holiday and keeps other grades, notes and working days apart', () => {
    const spans = groupDays([
      day('2026-10-26'),
      day('2026-10-25'),
      day('2026-10-27'),
      day('2026-11-04', { gradeFrom: 1, gradeTo: 11, note: 'День народного единства' }),
      day('2026-10-28', { gradeFrom: 1, gradeTo: 11, note: 'Карантин' }),
      day('2026-10-29'),
      day('2026-12-05', { kind: 'workday', asWeekday: 1, note: null }),
      day('2026-12-06', { kind: 'workday', asWeekday: 1, note: null }),
    ]).map((s) => `${s.from}..${s.to} ${s.kind} ${s.gradeFrom}-${s.gradeTo} ${s.ids.length}`);
    expect(spans).toEqual([
      '2026-10-25..2026-10-27 holiday 10-11 3',
      '2026-10-28..2026-10-28 holiday 1-11 1',
      '2026-10-29..2026-10-29 holiday 10-11 1',
      '2026-11-04..2026-11-04 holiday 1-11 1',
      '2026-12-05..2026-12-05 workday 10-11 1',
      '2026-12-06..2026-12-06 workday 10-11 1',
    ]);
  });
});

describe('defaultPeriods', () => {
  it('keeps the stored dates when the kind is unchanged', () => {
    const halves = [term('half', 2, '2028-01-10', '2028-05-31', 10, 11), term('half', 1, '2027-09-01', '2027-12-27', 10, 11)];
    expect(defaultPeriods('half', YEAR, halves)).toEqual([
      { startsOn: '2027-09-01', endsOn: '2027-12-27' },
      { startsOn: '2028-01-10', endsOn: '2028-05-31' },
    ]);
  });
  it('gives trimesters the usual dates, with 29 February in a leap year', () => {
    expect(defaultPeriods('trimester', YEAR, [])).toEqual([
      { startsOn: '2027-09-01', endsOn: '2027-11-30' },
      { startsOn: '2027-12-01', endsOn: '2028-02-29' },
      { startsOn: '2028-03-01', endsOn: '2028-05-31' },
    ]);
    expect(defaultPeriods('trimester', { startsOn: '2026-09-01', endsOn: '2027-05-31' }, [])[1]!.endsOn).toBe('2027-02-28');
    expect(defaultPeriods('quarter', YEAR, [])).toHaveLength(4);
  });
});

describe('range helpers', () => {
  it('picks a range’s own periods in order and the mark rows of its grades', () => {
    const terms = [
      term('quarter', 2, '2027-11-05', '2027-12-28', 1, 9),
      term('quarter', 1, '2027-09-01', '2027-10-24', 1, 9),
      term('half', 1, '2027-09-01', '2027-12-28', 10, 11),
      term('year', 1, '2027-09-01', '2028-05-31', 1, 9),
      term('exam', 1, '2028-05-25', '2028-05-31', 9, 9),
      term('exam', 1, '2028-05-25', '2028-05-31', 11, 11),
    ];
    expect(rangePeriods(terms, { gradeFrom: 1, gradeTo: 9 }).map((t) => t.number)).toEqual([1, 2]);
    expect(markTerms(terms, { gradeFrom: 1, gradeTo: 9 }).map((t) => `${t.kind}${t.gradeFrom}`)).toEqual(['year1', 'exam9']);
    expect(
      issueMap([
        { path: ['periods', 1, 'startsOn'], message: 'a' },
        { path: ['periods', 1, 'startsOn'], message: 'b' },
      ]),
    ).toEqual({ 'periods.1.startsOn': 'a' });
  });
});

describe('the journal’s term of a date', () => {
  it('is the study period, not the exam or final row that shares the last days of May', async () => {
    const { termOfDate } = await import('../../src-renderer/journal/model');
    const terms = [
      { id: 1, kind: 'exam' as const, number: 1, startsOn: '2027-05-25', endsOn: '2027-05-31', gradeFrom: 9, gradeTo: 9, closed: true },
      { id: 2, kind: 'quarter' as const, number: 4, startsOn: '2027-03-30', endsOn: '2027-05-31', gradeFrom: 1, gradeTo: 9, closed: false },
    ];
    expect(termOfDate(terms, '2027-05-27')?.id).toBe(2);
  });
});
