// The rollover wizard's state, pure so it is unit-tested: the plan built from the draft, and
// the edits the steps make (a decision with its default class and debts, a class renamed,
// added or removed with its pupils following).
import type { z } from 'zod';
import type { Decision, NewClass, RolloverPlan, rolloverMethods } from '../../../src-shared/rpc/rollover';
import { classKey, defaultDeadline, defaultTarget, FAILING } from '../../../src-shared/rollover/rules';

export type Draft = z.output<(typeof rolloverMethods)['rollover.draft']['output']>;
export type DraftPupil = Draft['pupils'][number];
export type Check = z.output<(typeof rolloverMethods)['rollover.check']['output']>;
export type Preview = z.output<(typeof rolloverMethods)['rollover.preview']['output']>;

export const STEPS = ['preconditions', 'decisions', 'classes', 'calendar', 'apply'] as const;
export type Step = (typeof STEPS)[number];
export const DECISIONS: readonly Decision[] = ['promoted', 'conditional', 'repeats', 'graduates', 'leaves'];

export function planFromDraft(d: Draft): RolloverPlan {
  return {
    classes: d.classes.map((c) => ({ ...c })),
    pupils: d.pupils.map((p) => ({ pupilId: p.pupilId, decision: p.decision, toClass: p.toClass, debts: p.debts.map((x) => ({ ...x })) })),
  };
}

/** Changing a decision moves the pupil to that decision's default class and debts. */
export function setDecision(plan: RolloverPlan, draft: Draft, pupilId: number, decision: Decision): RolloverPlan {
  const src = draft.pupils.find((p) => p.pupilId === pupilId);
  if (!src) return plan;
  const m = /^(\d{1,2})(.+)$/.exec(src.fromClass);
  const grade = Number(m?.[1]);
  const letter = m?.[2] ?? '';
  const deadline = defaultDeadline(Number(draft.newYear.startsOn.slice(0, 4)));
  const debts =
    decision === 'conditional' ? src.yearMarks.filter((x) => x.value === null || FAILING.has(x.value)).map((x) => ({ subjectId: x.subjectId, deadline })) : [];
  return updatePupil(plan, pupilId, { decision, toClass: defaultTarget(decision, grade, letter), debts });
}

export function updatePupil(plan: RolloverPlan, pupilId: number, change: Partial<RolloverPlan['pupils'][number]>): RolloverPlan {
  return { ...plan, pupils: plan.pupils.map((p) => (p.pupilId === pupilId ? { ...p, ...change } : p)) };
}

/** Toggles one subject as a debt of a conditionally promoted pupil. */
export function toggleDebt(plan: RolloverPlan, pupilId: number, subjectId: number, deadline: string): RolloverPlan {
  const p = plan.pupils.find((x) => x.pupilId === pupilId);
  if (!p) return plan;
  const has = p.debts.some((d) => d.subjectId === subjectId);
  return updatePupil(plan, pupilId, { debts: has ? p.debts.filter((d) => d.subjectId !== subjectId) : [...p.debts, { subjectId, deadline }] });
}

export function setDebtDeadline(plan: RolloverPlan, pupilId: number, deadline: string): RolloverPlan {
  const p = plan.pupils.find((x) => x.pupilId === pupilId);
  return p ? updatePupil(plan, pupilId, { debts: p.debts.map((d) => ({ ...d, deadline })) }) : plan;
}

/** Edits one new class; a new letter renames it, and its pupils follow it. */
export function updateClass(plan: RolloverPlan, key: string, change: Partial<NewClass>): RolloverPlan {
  const old = plan.classes.find((c) => classKey(c.grade, c.letter) === key);
  if (!old) return plan;
  const next = { ...old, ...change };
  const nextKey = classKey(next.grade, next.letter);
  return {
    classes: plan.classes.map((c) => (c === old ? next : c)),
    pupils: nextKey === key ? plan.pupils : plan.pupils.map((p) => (p.toClass === key ? { ...p, toClass: nextKey } : p)),
  };
}

export function addClass(plan: RolloverPlan, c: NewClass): RolloverPlan {
  return { ...plan, classes: [...plan.classes, c].sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru')) };
}

/** Removing a class leaves its pupils without a class: preview names each of them. */
export function removeClass(plan: RolloverPlan, key: string): RolloverPlan {
  return {
    classes: plan.classes.filter((c) => classKey(c.grade, c.letter) !== key),
    pupils: plan.pupils.map((p) => (p.toClass === key ? { ...p, toClass: null } : p)),
  };
}

export function counts(plan: RolloverPlan): Record<Decision, number> {
  const out: Record<Decision, number> = { promoted: 0, conditional: 0, repeats: 0, graduates: 0, leaves: 0 };
  for (const p of plan.pupils) out[p.decision]++;
  return out;
}
