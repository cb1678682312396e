// Pure logic of the timetable and substitution screens (unit-tested in tests/unit/timetable-model.test.ts).
import type { SubstitutionView, TimetableEntryView } from '../../../src-shared/rpc/timetable';

export interface Teacher {
  id: number;
  name: string;
}

/** The teachers who have lessons that day (by the timetable), alphabetically, for «who is absent». */
export function teachersOfDay(lessons: readonly SubstitutionView[]): Teacher[] {
  const by = new Map<number, string>();
  for (const l of lessons) if (l.plannedTeacherId !== null) by.set(l.plannedTeacherId, l.plannedTeacherName ?? '');
  return [...by].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id - b.id);
}

/** The lessons shown: those of the absent teacher, or every substituted one when none is chosen. */
export function lessonsShown(lessons: readonly SubstitutionView[], absentId: number | null): SubstitutionView[] {
  return absentId === null
    ? lessons.filter((l) => l.actualTeacherId !== l.plannedTeacherId)
    : lessons.filter((l) => l.plannedTeacherId === absentId);
}

/**
 * Who may replace in this lesson: every teacher but the timetabled one and those teaching
 * another lesson in the same slot that day (main checks again).
 */
export function freeTeachers(all: readonly Teacher[], lessons: readonly SubstitutionView[], lesson: SubstitutionView): Teacher[] {
  const busy = new Set(
    lessons
      .filter((l) => l.slot === lesson.slot && !(l.groupId === lesson.groupId && l.subjectId === lesson.subjectId))
      .map((l) => l.actualTeacherId),
  );
  return all.filter((t) => t.id !== lesson.plannedTeacherId && !busy.has(t.id));
}

export function isSubstituted(l: SubstitutionView): boolean {
  return l.actualTeacherId !== l.plannedTeacherId;
}

export const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;

/** One group's week: entries keyed "weekday/slot"; slots 1..max used (at least 7). */
export function weekGrid(entries: readonly TimetableEntryView[], groupId: number): { slots: number[]; cell: Map<string, TimetableEntryView> } {
  const cell = new Map<string, TimetableEntryView>();
  let max = 7;
  for (const e of entries)
    if (e.groupId === groupId) {
      cell.set(`${e.weekday}/${e.slot}`, e);
      if (e.slot > max) max = e.slot;
    }
  return { slots: Array.from({ length: max }, (_, i) => i + 1), cell };
}

/** The groups present in a timetable, by class then group name. */
export function groupsOf(entries: readonly TimetableEntryView[]): { id: number; label: string }[] {
  const by = new Map<number, { id: number; label: string; cls: string }>();
  for (const e of entries)
    by.set(e.groupId, { id: e.groupId, cls: e.className, label: e.groupName === e.className ? e.className : `${e.className} · ${e.groupName}` });
  const grade = (c: string) => Number(/^\d+/.exec(c)?.[0] ?? 0);
  return [...by.values()]
    .sort((a, b) => grade(a.cls) - grade(b.cls) || a.label.localeCompare(b.label, 'ru'))
    .map(({ id, label }) => ({ id, label }));
}

/** The subjects present in a timetable, alphabetically. */
export function subjectsOf(entries: readonly TimetableEntryView[]): { id: number; name: string }[] {
  const by = new Map<number, string>();
  for (const e of entries) by.set(e.subjectId, e.subjectName);
  return [...by].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}
