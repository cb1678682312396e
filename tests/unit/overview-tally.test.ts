// The overview's pure sums: the R7 norm table and its proration, the due date of an entry, and
// the completeness tally. Expected values are worked out by hand from the contract's tables.
import { describe, expect, it } from 'vitest';
import { CheckSettings } from '../../src-shared/domain';
import { dueDate, expectedPerPupil, periodNorm } from '../../src-main/services/overview/norm';
import { tally, worstShare, type MonthFact } from '../../src-main/services/overview/tally';
import { monthsBetween } from '../../src-main/services/overview/completeness';

const s = CheckSettings.parse({});

describe('the R7 norm', () => {
  it('follows the table: 1 h → 3, 2 h → 5, ≥ 3 h → 7 a quarter; 5 a half-year for 1 h, twice the quarter else; trimester × 4/3', () => {
    expect([1, 2, 3, 5].map((h) => periodNorm('quarter', h, s))).toEqual([3, 5, 7, 7]);
    expect([1, 2, 3].map((h) => periodNorm('half', h, s))).toEqual([5, 10, 14]);
    expect([1, 2, 3].map((h) => periodNorm('trimester', h, s))).toEqual([4, 7, 9]);
    // As the check's R7: a load under 2 h (0.5 h, 1.5 h) is in the 1 h row.
    expect(periodNorm('quarter', 0.5, s)).toBe(3);
    expect(periodNorm('quarter', 1.5, s)).toBe(3);
    expect(periodNorm('quarter', 2, { ...s, normQuarter2h: 6 })).toBe(6);
  });

  it('prorates by the period school days inside the range', () => {
    // 10 school days in the quarter, 4 of them in the range: 5 × 4/10 = 2 for 2 h.
    const days = ['09-01', '09-02', '09-03', '09-04', '09-07', '09-08', '09-09', '09-10', '09-11', '09-14'].map((d) => `2026-${d}`);
    const q = [{ kind: 'quarter' as const, startsOn: '2026-09-01', endsOn: '2026-09-14' }];
    expect(expectedPerPupil(q, days, 2, '2026-09-01', '2026-09-04', s)).toBeCloseTo(2);
    expect(expectedPerPupil(q, days, 2, '2026-09-15', '2026-09-30', s)).toBe(0);
    // A day in the range but outside every period adds nothing.
    expect(expectedPerPupil(q, [...days, '2026-09-15'], 3, '2026-09-01', '2026-09-30', s)).toBeCloseTo(7);
  });
});

describe('the due date of an entry', () => {
  const days = ['2026-11-05', '2026-11-06', '2026-11-09', '2026-11-10'];
  it('is the entryDays-th school day after the lesson; a lesson off the calendar counts from the next school day', () => {
    expect(dueDate(days, '2026-11-06', 1)).toBe('2026-11-09'); // Friday → Monday
    expect(dueDate(days, '2026-11-06', 0)).toBe('2026-11-06');
    expect(dueDate(days, '2026-11-07', 1)).toBe('2026-11-09'); // a Saturday lesson: Monday
    expect(dueDate(days, '2026-11-09', 2)).toBeNull(); // the calendar ends first
  });
});

const fact = (over: Partial<MonthFact>): MonthFact => ({
  groupId: 1,
  subjectId: 1,
  classId: 10,
  teacherId: 100,
  month: '2026-09',
  held: 2,
  topic: 2,
  homework: 2,
  attendance: 2,
  marks: 0,
  ...over,
});

describe('the tally', () => {
  const months = ['2026-09', '2026-10'];
  it('sums held lessons per class, teacher, school and month; marks-only rows (columns) add marks; other months are ignored', () => {
    const facts = [
      fact({ held: 2, topic: 1, homework: 1, attendance: 2, marks: 6 }),
      fact({ held: 0, topic: 0, homework: 0, attendance: 0, marks: 3 }), // a control-work column
      // Teacher 100's marks-only row comes first: the marks still go to 200, who held the lesson.
      fact({ month: '2026-10', held: 0, topic: 0, homework: 0, attendance: 0, marks: 0 }),
      fact({ month: '2026-10', teacherId: 200, held: 1, topic: 1, homework: 1, attendance: 0, marks: 1 }),
      fact({ month: '2026-10', groupId: 2, classId: 11, teacherId: null, held: 1, topic: 1, homework: 1, attendance: 1 }),
      fact({ month: '2026-08', marks: 50 }),
    ];
    // Journal 1:1 owes 10 marks in September, 4 in October; journal 2:1 nothing (no load).
    const t = tally(months, facts, [], [], (g, _s, m) => (g === 1 ? (m === '2026-09' ? 10 : 4) : 0));
    const sep = t.byClass.get(10)![0]!;
    expect(sep.held).toBe(2);
    expect(sep.topic).toEqual({ num: 1, den: 2 });
    expect(sep.homework).toEqual({ num: 1, den: 2 });
    expect(sep.attendance).toEqual({ num: 2, den: 2 });
    expect(sep.marks).toEqual({ num: 9, den: 10 }); // 6 + 3 of 10
    expect(sep.onTime).toEqual({ num: 0, den: 0 });
    const oct = t.byClass.get(10)![1]!;
    expect(oct.marks).toEqual({ num: 1, den: 4 });
    expect(oct.attendance).toEqual({ num: 0, den: 1 });
    // October's marks go to the teacher who held the journal's lessons that month, not to 100.
    expect(t.byTeacher.get(200)![1]!.marks).toEqual({ num: 1, den: 4 });
    expect(t.byTeacher.get(100)![1]!.marks).toEqual({ num: 0, den: 0 });
    expect(t.school[1]!.held).toBe(2);
    expect(t.byClass.get(11)![1]!.marks).toEqual({ num: 0, den: 0 });
  });

  it('adds the days to their weeks and the judged lessons to month, class, teacher and week', () => {
    const days = [
      { date: '2026-09-07', held: 3, topic: 2, homework: 3, attendance: 3 },
      { date: '2026-09-09', held: 1, topic: 1, homework: 0, attendance: 0 },
      { date: '2026-10-01', held: 2, topic: 0, homework: 2, attendance: 1 },
      { date: '2026-08-31', held: 9, topic: 0, homework: 0, attendance: 0 },
    ];
    const timed = [
      { classId: 10, teacherId: 100, date: '2026-09-08', onTime: true },
      { classId: 10, teacherId: 100, date: '2026-09-10', onTime: false },
      { classId: 11, teacherId: null, date: '2026-10-01', onTime: false },
    ];
    const t = tally(months, [], days, timed, () => 0);
    expect(t.weeks.get('2026-09-07')).toMatchObject({ held: 4, topic: { num: 3, den: 4 }, homework: { num: 3, den: 4 }, attendance: { num: 3, den: 4 }, onTime: { num: 1, den: 2 } });
    // 1 October is a Thursday: the week of Monday 28 September.
    expect(t.weeks.get('2026-09-28')).toMatchObject({ held: 2, topic: { num: 0, den: 2 }, onTime: { num: 0, den: 1 } });
    expect(t.weeks.has('2026-08-31')).toBe(false);
    expect(t.byClass.get(10)![0]!.onTime).toEqual({ num: 1, den: 2 });
    expect(t.byTeacher.get(100)![0]!.onTime).toEqual({ num: 1, den: 2 });
    expect(t.school[1]!.onTime).toEqual({ num: 0, den: 1 });
  });

  it('caps a journal-month at its norm, so one journal cannot cover another', () => {
    const t = tally(['2026-09'], [fact({ marks: 30 }), fact({ groupId: 2, marks: 0 })], [], [], () => 10);
    expect(t.school[0]!.marks).toEqual({ num: 10, den: 20 });
  });

  it('ranks by the worst share of any metric in any month', () => {
    const t = tally(months, [fact({ topic: 1 })], [], [], () => 0);
    expect(worstShare(t.byClass.get(10)!)).toBe(0.5);
    expect(worstShare([])).toBe(1);
  });

  it('lists the months of a range', () => {
    expect(monthsBetween('2026-09-01', '2027-01-15')).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
    expect(monthsBetween('2026-09-01', '2026-09-01')).toEqual(['2026-09']);
  });
});
