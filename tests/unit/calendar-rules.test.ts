// The calendar's validation rules and the study-period planner, without a database.
import { describe, expect, it } from 'vitest';
import { planPeriods, type StudyRow } from '../../src-main/services/calendar/periods';
import { dayIssues, periodIssues } from '../../src-shared/calendar/rules';

const YEAR = { startsOn: '2026-09-01', endsOn: '2027-05-31' };
const Q = [
  { startsOn: '2026-09-01', endsOn: '2026-10-24' },
  { startsOn: '2026-11-05', endsOn: '2026-12-28' },
  { startsOn: '2027-01-12', endsOn: '2027-03-20' },
  { startsOn: '2027-03-30', endsOn: '2027-05-31' },
];
const paths = (issues: { path: unknown[] }[]) => issues.map((i) => i.path.join('.'));

describe('periodIssues', () => {
  it('accepts the standard quarters and halves', () => {
    expect(periodIssues(YEAR, 'quarter', Q)).toEqual([]);
    expect(
      periodIssues(YEAR, 'half', [
        { startsOn: '2026-09-01', endsOn: '2026-12-28' },
        { startsOn: '2027-01-12', endsOn: '2027-05-31' },
      ]),
    ).toEqual([]);
  });
  it('wants 4 quarters, 3 trimesters, 2 halves', () => {
    expect(paths(periodIssues(YEAR, 'trimester', Q))).toEqual(['periods']);
    expect(paths(periodIssues(YEAR, 'half', Q.slice(0, 3)))).toEqual(['periods']);
  });
  it('keeps periods inside the year, each after the previous one', () => {
    expect(paths(periodIssues(YEAR, 'quarter', [{ startsOn: '2026-08-31', endsOn: '2026-10-24' }, ...Q.slice(1)]))).toEqual([
      'periods.0.startsOn',
    ]);
    expect(paths(periodIssues(YEAR, 'quarter', [...Q.slice(0, 3), { startsOn: '2027-03-30', endsOn: '2027-06-01' }]))).toEqual([
      'periods.3.endsOn',
    ]);
    expect(paths(periodIssues(YEAR, 'quarter', [Q[0]!, { startsOn: '2026-10-24', endsOn: '2026-12-28' }, ...Q.slice(2)]))).toEqual([
      'periods.1.startsOn',
    ]);
    expect(paths(periodIssues(YEAR, 'quarter', [Q[1]!, Q[0]!, ...Q.slice(2)]))).toEqual(['periods.1.startsOn']);
    // Back to back with no break is allowed.
    expect(periodIssues(YEAR, 'quarter', [Q[0]!, { startsOn: '2026-10-25', endsOn: '2026-12-28' }, ...Q.slice(2)])).toEqual([]);
  });
});

describe('dayIssues', () => {
  it('wants a working day with its weekday (Monday to Saturday), a holiday without one', () => {
    expect(dayIssues(YEAR, { kind: 'workday', date: '2026-12-05', asWeekday: 1 })).toEqual([]);
    expect(paths(dayIssues(YEAR, { kind: 'workday', date: '2026-12-05' }))).toEqual(['asWeekday']);
    expect(paths(dayIssues(YEAR, { kind: 'workday', date: '2026-12-05', asWeekday: 7 }))).toEqual(['asWeekday']);
    expect(paths(dayIssues(YEAR, { kind: 'holiday', date: '2026-12-05', asWeekday: 2 }))).toEqual(['asWeekday']);
    expect(paths(dayIssues(YEAR, { kind: 'workday', date: '2026-12-05', until: '2026-12-06', asWeekday: 1 }))).toEqual(['until']);
  });
  it('keeps days inside the year and spans to 62 days', () => {
    expect(paths(dayIssues(YEAR, { kind: 'holiday', date: '2026-08-31' }))).toEqual(['date']);
    expect(paths(dayIssues(YEAR, { kind: 'holiday', date: '2027-05-30', until: '2027-06-02' }))).toEqual(['until']);
    expect(dayIssues(YEAR, { kind: 'holiday', date: '2026-12-01', until: '2027-01-31' })).toEqual([]);
    expect(paths(dayIssues(YEAR, { kind: 'holiday', date: '2026-12-01', until: '2027-02-01' }))).toEqual(['until']);
  });
});

const row = (
  id: number,
  kind: StudyRow['kind'],
  number: number,
  p: { startsOn: string; endsOn: string },
  gradeFrom: number,
  gradeTo: number,
): StudyRow => ({
  id,
  kind,
  number,
  ...p,
  gradeFrom,
  gradeTo,
});
const STANDARD: StudyRow[] = [
  ...Q.map((p, i) => row(i + 1, 'quarter', i + 1, p, 1, 9)),
  row(5, 'half', 1, { startsOn: '2026-09-01', endsOn: '2026-12-28' }, 10, 11),
  row(6, 'half', 2, { startsOn: '2027-01-12', endsOn: '2027-05-31' }, 10, 11),
];

describe('planPeriods', () => {
  it('the same periods again change nothing', () => {
    const p = planPeriods(STANDARD, { gradeFrom: 1, gradeTo: 9 }, 'quarter', Q);
    expect([p.changed, p.deleted]).toEqual([[], []]);
    expect(p.target.map((t) => t.id)).toEqual([1, 2, 3, 4]);
  });
  it('new dates update the rows in place', () => {
    const p = planPeriods(STANDARD, { gradeFrom: 1, gradeTo: 9 }, 'quarter', [
      ...Q.slice(0, 2),
      { startsOn: '2027-01-11', endsOn: '2027-03-20' },
      Q[3]!,
    ]);
    expect(p.changed.map((r) => r.id)).toEqual([3]);
    expect(p.target.map((t) => t.id)).toEqual([1, 2, 3, 4]);
  });
  it('a range inside another splits it: the lower part keeps the rows, the upper part and the range get new ones', () => {
    const p = planPeriods(STANDARD, { gradeFrom: 5, gradeTo: 7 }, 'trimester', [
      Q[0]!,
      Q[1]!,
      { startsOn: '2027-01-12', endsOn: '2027-05-31' },
    ]);
    const show = p.target.map((t) => `${t.id ?? 'new'} ${t.kind}${t.number} ${t.gradeFrom}-${t.gradeTo}`);
    expect(show).toEqual([
      '1 quarter1 1-4',
      'new quarter1 8-9',
      '2 quarter2 1-4',
      'new quarter2 8-9',
      '3 quarter3 1-4',
      'new quarter3 8-9',
      '4 quarter4 1-4',
      'new quarter4 8-9',
      'new trimester1 5-7',
      'new trimester2 5-7',
      'new trimester3 5-7',
    ]);
    expect(p.deleted).toEqual([]);
  });
  it('a range that changes kind deletes the old rows', () => {
    const p = planPeriods(STANDARD, { gradeFrom: 10, gradeTo: 11 }, 'quarter', Q);
    expect(p.deleted.map((r) => r.id)).toEqual([5, 6]);
    expect(p.target.every((t) => t.id === null && t.kind === 'quarter')).toBe(true);
  });
});
