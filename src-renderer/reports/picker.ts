// The scope/period picker's logic, pure (unit-tested): which terms a class has, the default
// choice, the dates a chosen term sets, and what is wrong with a choice before it is sent.
import { isCalendarDate, type TermKind } from '../../src-shared/domain';
import type { ReportClass } from '../../src-shared/rpc/reports';

export interface PickerTerm {
  id: number;
  kind: TermKind;
  number: number;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export interface PickerYear {
  startsOn: string;
  endsOn: string;
}

/** What the user chose: a class, maybe a pupil (null: the whole class), a term (null: the year), a date range. */
export interface PickerValue {
  classId: number | null;
  pupilId: number | null;
  termId: number | null;
  from: string;
  to: string;
}

const STUDY: readonly TermKind[] = ['quarter', 'half', 'trimester'];

/** The class's study periods in date order (the year, exam and final rows are not periods to pick). */
export function studyTerms(terms: readonly PickerTerm[], grade: number | null): PickerTerm[] {
  if (grade === null) return [];
  return terms
    .filter((t) => STUDY.includes(t.kind) && grade >= t.gradeFrom && grade <= t.gradeTo)
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : 0));
}

/** The study period holding the date, else the last one that has begun, else the first. */
export function currentTerm(terms: readonly PickerTerm[], today: string): PickerTerm | null {
  return terms.find((t) => t.startsOn <= today && today <= t.endsOn) ?? [...terms].reverse().find((t) => t.startsOn <= today) ?? terms[0] ?? null;
}

/** The dates a term choice sets: the term's own, or the whole year (up to today where the year still runs). */
export function rangeOf(term: PickerTerm | null, year: PickerYear, today: string): { from: string; to: string } {
  if (term) return { from: term.startsOn, to: term.endsOn };
  return { from: year.startsOn, to: today >= year.startsOn && today <= year.endsOn ? today : year.endsOn };
}

export function defaultPick(classes: readonly ReportClass[], terms: readonly PickerTerm[], year: PickerYear, today: string): PickerValue {
  const cls = classes.find((c) => c.whole) ?? classes[0] ?? null;
  const term = currentTerm(studyTerms(terms, cls?.grade ?? null), today);
  return { classId: cls?.id ?? null, pupilId: null, termId: term?.id ?? null, ...rangeOf(term, year, today) };
}

/** Choosing another class drops the pupil (not in that class) and a term the class's grade does not have. */
export function withClass(v: PickerValue, cls: ReportClass | null, terms: readonly PickerTerm[], year: PickerYear, today: string): PickerValue {
  const own = studyTerms(terms, cls?.grade ?? null);
  const term = own.find((t) => t.id === v.termId) ?? (v.termId === null ? null : currentTerm(own, today));
  const keepRange = term?.id === v.termId;
  return { classId: cls?.id ?? null, pupilId: null, termId: term?.id ?? null, ...(keepRange ? { from: v.from, to: v.to } : rangeOf(term, year, today)) };
}

export type PickerProblem = 'noClass' | 'badDate' | 'reversed' | 'outsideYear';

/** The first thing wrong with the choice (the server checks again and says the same). */
export function pickerProblem(v: PickerValue, year: PickerYear | null): PickerProblem | null {
  if (v.classId === null) return 'noClass';
  if (!isCalendarDate(v.from) || !isCalendarDate(v.to)) return 'badDate';
  if (v.from > v.to) return 'reversed';
  if (year && (v.from < year.startsOn || v.to > year.endsOn)) return 'outsideYear';
  return null;
}
