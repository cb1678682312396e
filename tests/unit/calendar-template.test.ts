// The standard year template: expected figures counted off the 2026/27 paper calendar
// (a Python one-liner over the quarter dates and holidays), not from the code.
import { describe, expect, it } from 'vitest';
import { computeSchoolDays } from '../../src-main/services/calendar/days';
import { templateSchoolDays, templateYear, yearOf } from '../../src-main/services/calendar/template';

const tpl = templateYear(2026);
const dates = (grade: number) => templateSchoolDays(tpl, grade).map((d) => d.date);

describe('templateYear', () => {
  it('labels and bounds the year', () => {
    expect([tpl.label, tpl.startsOn, tpl.endsOn]).toEqual(['2026/2027', '2026-09-01', '2027-05-31']);
    expect(yearOf('2027-03-01')).toBe(2026);
    expect(yearOf('2026-09-01')).toBe(2026);
  });

  it('has quarters for 1–9, halves for 10–11, a year row each, exam and final for 9 and 11', () => {
    const rows = tpl.terms.map((t) => `${t.kind}${t.number} ${t.gradeFrom}-${t.gradeTo} ${t.startsOn}..${t.endsOn}`);
    expect(rows).toEqual([
      'quarter1 1-9 2026-09-01..2026-10-24',
      'quarter2 1-9 2026-11-05..2026-12-28',
      'quarter3 1-9 2027-01-12..2027-03-20',
      'quarter4 1-9 2027-03-30..2027-05-31',
      'half1 10-11 2026-09-01..2026-12-28',
      'half2 10-11 2027-01-12..2027-05-31',
      'year1 1-9 2026-09-01..2027-05-31',
      'year1 10-11 2026-09-01..2027-05-31',
      'exam1 9-9 2027-05-25..2027-05-31',
      'final1 9-9 2027-05-25..2027-05-31',
      'exam1 11-11 2027-05-25..2027-05-31',
      'final1 11-11 2027-05-25..2027-05-31',
    ]);
  });

  it('counts 167 school days for grades 2–11 and 162 for grade 1 (the February week)', () => {
    expect(dates(2)).toHaveLength(167);
    for (const g of [3, 5, 9, 10, 11]) expect(dates(g)).toEqual(dates(2));
    expect(dates(1)).toHaveLength(162);
    expect(dates(2).filter((d) => !dates(1).includes(d))).toEqual(['2027-02-15', '2027-02-16', '2027-02-17', '2027-02-18', '2027-02-19']);
  });

  it('gives the Monday off for a weekend holiday and keeps the weekend day itself', () => {
    const off = tpl.days.filter((d) => d.gradeFrom === 1 && d.gradeTo === 11).map((d) => d.date);
    expect(off).toEqual(['2026-11-04', '2027-02-23', '2027-03-08', '2027-05-01', '2027-05-03', '2027-05-09', '2027-05-10']);
  });

  it('closes the autumn and spring breaks for grades 10–11 only, inside their halves', () => {
    const senior = tpl.days.filter((d) => d.gradeFrom === 10).map((d) => d.date);
    expect(senior[0]).toBe('2026-10-25');
    expect(senior).not.toContain('2026-11-04'); // already a holiday for everyone
    expect(senior).toContain('2027-03-21');
    expect(senior.at(-1)).toBe('2027-03-29');
    expect(senior.some((d) => d > '2026-12-28' && d < '2027-01-12')).toBe(false);
  });

  it('a six-day grade studies on Saturdays, but not on a Saturday holiday or in a break', () => {
    const six = templateSchoolDays({ ...tpl, sixDayGrades: [10] }, 10).map((d) => d.date);
    expect(six).toContain('2026-09-05');
    expect(six).not.toContain('2027-05-01');
    expect(six).not.toContain('2026-10-31');
    expect(six.length - dates(10).length).toBe(34); // Saturdays in the halves, less 1 May and the breaks
  });
});

describe('computeSchoolDays', () => {
  it('a working Saturday follows the weekday it is given, even outside the periods', () => {
    const days = computeSchoolDays({
      periods: [{ startsOn: '2026-09-01', endsOn: '2026-09-06' }],
      daysPerWeek: 5,
      special: [
        { date: '2026-09-05', kind: 'workday', asWeekday: 3 },
        { date: '2026-09-02', kind: 'holiday', asWeekday: null },
        { date: '2026-09-12', kind: 'workday', asWeekday: null },
      ],
    });
    expect(days).toEqual([
      { date: '2026-09-01', asWeekday: 2 },
      { date: '2026-09-03', asWeekday: 4 },
      { date: '2026-09-04', asWeekday: 5 },
      { date: '2026-09-05', asWeekday: 3 },
      { date: '2026-09-12', asWeekday: 6 },
    ]);
  });
});
