// The wizard's plan edits (src-renderer/year/rollover/wizard.ts): a decision brings its default
// class and debts, a renamed class takes its pupils along, a removed one leaves them classless.
import { describe, expect, it } from 'vitest';
import { addClass, counts, planFromDraft, removeClass, setDecision, toggleDebt, updateClass, type Draft } from '../../src-renderer/year/rollover/wizard';

const draft: Draft = {
  fromYear: { id: 1, label: '2026/2027' },
  newYear: { label: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31' },
  oldClasses: [{ id: 5, name: '5А', grade: 5 }],
  teachers: [{ id: 9, name: 'Петрова А. И.' }],
  subjects: [
    { id: 1, name: 'Математика' },
    { id: 2, name: 'Русский язык' },
  ],
  classes: [
    { grade: 5, letter: 'А', classTeacherId: null, copyFromClassId: 5 },
    { grade: 6, letter: 'А', classTeacherId: 9, copyFromClassId: null },
  ],
  pupils: [
    {
      pupilId: 100,
      name: 'Андреев П.',
      fromClassId: 5,
      fromClass: '5А',
      yearMarks: [
        { subjectId: 1, subjectName: 'Математика', value: '2' },
        { subjectId: 2, subjectName: 'Русский язык', value: '4' },
      ],
      decision: 'promoted',
      toClass: '6А',
      debts: [],
    },
  ],
};

describe('rollover wizard plan', () => {
  it('a conditional decision takes the failing subjects as debts with 15 October; repeats goes back to 5А', () => {
    let plan = planFromDraft(draft);
    plan = setDecision(plan, draft, 100, 'conditional');
    expect(plan.pupils[0]).toEqual({ pupilId: 100, decision: 'conditional', toClass: '6А', debts: [{ subjectId: 1, deadline: '2027-10-15' }] });
    plan = toggleDebt(plan, 100, 2, '2027-10-15');
    expect(plan.pupils[0]!.debts.map((d) => d.subjectId)).toEqual([1, 2]);
    plan = setDecision(plan, draft, 100, 'repeats');
    expect(plan.pupils[0]).toEqual({ pupilId: 100, decision: 'repeats', toClass: '5А', debts: [] });
    expect(setDecision(plan, draft, 100, 'leaves').pupils[0]!.toClass).toBeNull();
    expect(counts(plan)).toEqual({ promoted: 0, conditional: 0, repeats: 1, graduates: 0, leaves: 0 });
  });

  it('renaming a class moves its pupils; removing one leaves them without a class; added classes sort', () => {
    let plan = updateClass(planFromDraft(draft), '6А', { letter: 'Б' });
    expect(plan.pupils[0]!.toClass).toBe('6Б');
    expect(plan.classes.map((c) => c.letter)).toEqual(['А', 'Б']);
    plan = addClass(plan, { grade: 1, letter: 'В', classTeacherId: null, copyFromClassId: null });
    expect(plan.classes.map((c) => `${c.grade}${c.letter}`)).toEqual(['1В', '5А', '6Б']);
    plan = removeClass(plan, '6Б');
    expect(plan.pupils[0]!.toClass).toBeNull();
    expect(plan.classes).toHaveLength(2);
  });
});
