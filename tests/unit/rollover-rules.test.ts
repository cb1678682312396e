// The rollover's default decisions and class mapping, against tables written from the issue
// (ISSUE 11 "Year rollover") and the rule documented in src-shared/rollover/rules.ts.
import { describe, expect, it } from 'vitest';
import { defaultClasses, defaultDeadline, defaultDecision, defaultTarget, nextStartYear } from '../../src-shared/rollover/rules';

const m = (...values: (string | null)[]) => values.map((value, i) => ({ subjectId: i + 1, value }));

describe('default decision from the year marks', () => {
  const table: [grade: number, marks: (string | null)[], decision: string, debts: number[]][] = [
    [5, ['5', '4', '3'], 'promoted', []],
    [5, ['5', 'зач', 'осв'], 'promoted', []],
    [5, ['2', '4', '3'], 'conditional', [1]],
    [5, ['5', 'н/а', '2'], 'conditional', [2, 3]],
    [5, ['незач', '4', '1'], 'conditional', [1, 3]],
    [5, ['2', '2', '2'], 'repeats', []],
    [5, ['4', null, '4'], 'conditional', [2]],
    [1, [], 'promoted', []],
    [9, ['3', '4'], 'graduates', []],
    [11, ['5', '5'], 'graduates', []],
    [9, ['2', '4'], 'repeats', []],
    [11, ['н/а'], 'repeats', []],
    [10, ['2', '4'], 'conditional', [1]],
    [10, ['3', '4'], 'promoted', []],
  ];
  it.each(table)('grade %i, marks %j → %s %j', (grade, marks, decision, debts) => {
    expect(defaultDecision(grade, m(...marks))).toEqual({ decision, debts });
  });
});

describe('default target class', () => {
  it('sends 5А up to 6А, keeps a repeater in 5А, and graduates and leavers nowhere', () => {
    expect(defaultTarget('promoted', 5, 'А')).toBe('6А');
    expect(defaultTarget('conditional', 10, 'Б')).toBe('11Б');
    expect(defaultTarget('repeats', 5, 'А')).toBe('5А');
    expect(defaultTarget('graduates', 11, 'А')).toBeNull();
    expect(defaultTarget('leaves', 3, 'В')).toBeNull();
  });

  it('dates a debt 15 October of the new year and knows the next start year', () => {
    expect(nextStartYear('2026-09-01')).toBe(2027);
    expect(defaultDeadline(2027)).toBe('2027-10-15');
  });
});

describe('default new classes', () => {
  // Old year: 1А 1Б (teachers 1, 2), 4А (3), 5А (4), 9А (5), 10А (6), 11А (7).
  const old = [
    { id: 11, grade: 1, letter: 'А', classTeacherId: 1 },
    { id: 12, grade: 1, letter: 'Б', classTeacherId: 2 },
    { id: 14, grade: 4, letter: 'А', classTeacherId: 3 },
    { id: 15, grade: 5, letter: 'А', classTeacherId: 4 },
    { id: 19, grade: 9, letter: 'А', classTeacherId: 5 },
    { id: 20, grade: 10, letter: 'А', classTeacherId: 6 },
    { id: 21, grade: 11, letter: 'А', classTeacherId: 7 },
  ];

  it('maps every class up one grade with its teacher, ends grade 11, opens new first and tenth grades', () => {
    // Targets the pupils go to: 2А 2Б (from 1А 1Б), 5А (4А), 6А (5А), 11А (10А), a repeater in 5А.
    const got = defaultClasses(old, ['2А', '2Б', '5А', '6А', '11А', '5А']);
    expect(got).toEqual([
      { grade: 1, letter: 'А', classTeacherId: null, copyFromClassId: 11 },
      { grade: 1, letter: 'Б', classTeacherId: null, copyFromClassId: 12 },
      { grade: 2, letter: 'А', classTeacherId: 1, copyFromClassId: null },
      { grade: 2, letter: 'Б', classTeacherId: 2, copyFromClassId: null },
      { grade: 5, letter: 'А', classTeacherId: 3, copyFromClassId: 15 },
      { grade: 6, letter: 'А', classTeacherId: 4, copyFromClassId: null },
      { grade: 10, letter: 'А', classTeacherId: 5, copyFromClassId: 20 },
      { grade: 11, letter: 'А', classTeacherId: 6, copyFromClassId: 21 },
    ]);
  });

  it('never makes one teacher the class teacher of two classes', () => {
    const got = defaultClasses([{ id: 1, grade: 5, letter: 'А', classTeacherId: 9 }], ['6А', '5А']);
    expect(got.filter((c) => c.classTeacherId === 9)).toHaveLength(1);
  });
});
