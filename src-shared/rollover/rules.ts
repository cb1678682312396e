// The rollover's defaults, pure so the wizard and the tests read the same rules (issue 11).
//
// Decision per pupil from the year marks (a missing year mark counts as «н/а»):
//   - no failing year mark: promoted to the next grade; grades 9 and 11 graduate;
//   - one or two failing marks («1», «2», «незач», «н/а»): promoted conditionally with those
//     subjects as academic debts (deadline: 15 October of the new year); in grades 9 and 11 a
//     pupil with a failing mark cannot graduate and cannot be promoted, so repeats the year;
//   - three or more failing marks: repeats the year.
// New classes: the pupils of 5А go to 6А (repeaters stay in 5А of the new year); grade 11
// ends; grades 1 and 10 are intake grades, so every letter they had last year exists again.
// A new class copies the groups, teaching load and timetable of the old class of the SAME
// grade and letter (the curriculum and timetable grid fit the grade; copying every old class
// at most once keeps the copied timetable free of teacher clashes), and takes its class
// teacher from the class its pupils come from (5А's class teacher stays with them in 6А).
import type { Decision, NewClass } from '../rpc/rollover';

export const FAILING = new Set(['1', '2', 'незач', 'н/а']);

export function isFailing(value: string | null): boolean {
  return value === null || FAILING.has(value);
}

export interface YearMark {
  subjectId: number;
  value: string | null;
}

export interface DefaultDecision {
  decision: Decision;
  debts: number[];
}

export function defaultDecision(grade: number, marks: YearMark[]): DefaultDecision {
  const failing = marks.filter((m) => isFailing(m.value)).map((m) => m.subjectId);
  const leaving = grade === 9 || grade === 11;
  if (failing.length === 0) return { decision: leaving ? 'graduates' : 'promoted', debts: [] };
  if (failing.length <= 2 && !leaving) return { decision: 'conditional', debts: failing };
  return { decision: 'repeats', debts: [] };
}

export function classKey(grade: number, letter: string): string {
  return `${grade}${letter}`;
}

/** The new class a decision sends a pupil of (grade, letter) to by default; null: none. */
export function defaultTarget(decision: Decision, grade: number, letter: string): string | null {
  if (decision === 'promoted' || decision === 'conditional') return classKey(grade + 1, letter);
  if (decision === 'repeats') return classKey(grade, letter);
  return null;
}

/** The deadline of an academic debt by default: 15 October of the new school year. */
export function defaultDeadline(newStartYear: number): string {
  return `${newStartYear}-10-15`;
}

export interface OldClass {
  id: number;
  grade: number;
  letter: string;
  classTeacherId: number | null;
}

/** The new year's classes: every class some pupil goes to, plus the intake grades 1 and 10. */
export function defaultClasses(old: OldClass[], targets: Iterable<string>): NewClass[] {
  const byKey = new Map(old.map((c) => [classKey(c.grade, c.letter), c]));
  const wanted = new Map<string, { grade: number; letter: string }>();
  for (const c of old) if (c.grade === 1 || c.grade === 10) wanted.set(classKey(c.grade, c.letter), c);
  for (const key of targets) {
    const m = /^(\d{1,2})(.+)$/.exec(key);
    if (m && Number(m[1]) <= 11) wanted.set(key, { grade: Number(m[1]), letter: m[2]! });
  }
  const teacherTaken = new Set<number>();
  return [...wanted.values()]
    .sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru'))
    .map(({ grade, letter }) => {
      const from = byKey.get(classKey(grade - 1, letter));
      let teacher = grade > 1 ? (from?.classTeacherId ?? null) : null;
      // One class teacher per class: a teacher already given a class keeps only that one.
      if (teacher !== null && teacherTaken.has(teacher)) teacher = null;
      if (teacher !== null) teacherTaken.add(teacher);
      return { grade, letter, classTeacherId: teacher, copyFromClassId: byKey.get(classKey(grade, letter))?.id ?? null };
    });
}

/** The start year of the year after one starting on startsOn (2026-09-01 → 2027). */
export function nextStartYear(startsOn: string): number {
  return Number(startsOn.slice(0, 4)) + 1;
}
