// Replacing the study periods of a grade range, planned without the database: which existing
// term rows stay as they are, which change in place, which are new and which go. Term marks
// point at term rows, so a row is kept (and changed in place) wherever a row of the same kind
// and number still exists, and only rows nobody needs any more are deleted.
import type { StudyKind } from '../../../src-shared/rpc/calendar';

export interface StudyRow {
  id: number;
  kind: StudyKind;
  number: number;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export type TargetRow = Omit<StudyRow, 'id'> & { id: number | null };

export interface PeriodPlan {
  /** The study rows of every grade the change touches, after it (id null: a new row). */
  target: TargetRow[];
  /** Existing rows that change in place, as they were. */
  changed: StudyRow[];
  /** Existing rows that are deleted. */
  deleted: StudyRow[];
}

const overlaps = (r: { gradeFrom: number; gradeTo: number }, g: { gradeFrom: number; gradeTo: number }) =>
  r.gradeFrom <= g.gradeTo && g.gradeFrom <= r.gradeTo;
const same = (a: Omit<StudyRow, 'id'>, b: Omit<StudyRow, 'id'>) =>
  a.kind === b.kind &&
  a.number === b.number &&
  a.startsOn === b.startsOn &&
  a.endsOn === b.endsOn &&
  a.gradeFrom === b.gradeFrom &&
  a.gradeTo === b.gradeTo;

export function planPeriods(
  existing: readonly StudyRow[],
  range: { gradeFrom: number; gradeTo: number },
  kind: StudyKind,
  periods: readonly { startsOn: string; endsOn: string }[],
): PeriodPlan {
  const touched = existing.filter((r) => overlaps(r, range));
  // Grades of a touched row outside the range keep that row's periods.
  const wanted: Omit<StudyRow, 'id'>[] = [];
  for (const r of touched) {
    if (r.gradeFrom < range.gradeFrom) wanted.push({ ...r, gradeTo: range.gradeFrom - 1 });
    if (r.gradeTo > range.gradeTo) wanted.push({ ...r, gradeFrom: range.gradeTo + 1 });
  }
  periods.forEach((p, i) => wanted.push({ kind, number: i + 1, startsOn: p.startsOn, endsOn: p.endsOn, ...range }));

  const pool = new Set(touched);
  const target: TargetRow[] = wanted.map((w) => ({ ...w, id: null }));
  // First the rows that stay exactly as they are, then the closest row of the same kind and number.
  for (const t of target) {
    const keep = [...pool].find((r) => same(r, t));
    if (keep) {
      t.id = keep.id;
      pool.delete(keep);
    }
  }
  const changed: StudyRow[] = [];
  for (const t of target) {
    if (t.id !== null) continue;
    const candidates = [...pool].filter((r) => r.kind === t.kind && r.number === t.number && overlaps(r, t));
    const pick =
      candidates.find((r) => r.gradeFrom === t.gradeFrom && r.gradeTo === t.gradeTo) ??
      candidates.find((r) => r.gradeFrom === t.gradeFrom) ??
      candidates[0];
    if (pick) {
      t.id = pick.id;
      pool.delete(pick);
      changed.push(pick);
    }
  }
  return { target, changed, deleted: [...pool] };
}
