// The new check's scope: the choices (classes, teachers, subjects) and how a chosen scope reads
// in one line. Empty lists mean the whole school (CheckScope in src-shared/check/rules.ts).
import type { CheckScope } from '../../src-shared/check/rules';
import type { Role } from '../../src-shared/domain';

export interface Choice {
  id: number;
  name: string;
}

export interface ScopeChoices {
  classes: Choice[];
  teachers: Choice[];
  subjects: Choice[];
}

const collator = new Intl.Collator('ru', { numeric: true });
const sorted = (list: Choice[]) => [...list].sort((a, b) => collator.compare(a.name, b.name));

/** From school.structure and staff.list: every class, every subject, every active teacher. */
export function scopeChoices(
  structure: { classes: { id: number; name: string }[]; subjects: { id: number; name: string }[] },
  staff: { id: number; fullName: string; roles: Role[]; disabled: boolean }[],
): ScopeChoices {
  return {
    classes: sorted(structure.classes.map((c) => ({ id: c.id, name: c.name }))),
    teachers: sorted(staff.filter((s) => !s.disabled && s.roles.includes('teacher')).map((s) => ({ id: s.id, name: s.fullName }))),
    subjects: sorted(structure.subjects.map((s) => ({ id: s.id, name: s.name }))),
  };
}

export const EMPTY_SCOPE: CheckScope = { classIds: [], teacherIds: [], subjectIds: [] };

export const isWholeSchool = (s: CheckScope) => !s.classIds.length && !s.teacherIds.length && !s.subjectIds.length;

/** "5А, 6Б · Иванова Анна Петровна · Математика", or `whole` for the whole school. Unknown ids print as «№ id». */
export function scopeText(s: CheckScope, choices: ScopeChoices | null, whole: string): string {
  if (isWholeSchool(s)) return whole;
  const names = (ids: number[], list: Choice[] | undefined) => ids.map((id) => list?.find((c) => c.id === id)?.name ?? `№ ${id}`).join(', ');
  return [names(s.classIds, choices?.classes), names(s.teacherIds, choices?.teachers), names(s.subjectIds, choices?.subjects)]
    .filter(Boolean)
    .join(' · ');
}

/** Toggles one id in a list, keeping the order the choices have. */
export function toggle(ids: readonly number[], id: number): number[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}
