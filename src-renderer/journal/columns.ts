// Control-work columns in the grid (issue 11), pure: where a new column goes, which cells a
// work-type change concerns (the same rule as main's marksToRetype), what a column header says.
import type { CellView, LessonView } from '../../src-shared/rpc/journal';
import { workTypeShort } from '../../src-shared/journal/columns';
import { cellKey, colKey, type Cell, type WorkType } from './model';

/** The lessons with a column put in: replaced when known, else after its lesson's last part. */
export function putColumn(lessons: readonly LessonView[], col: LessonView): LessonView[] {
  const key = colKey(col);
  if (lessons.some((l) => colKey(l) === key)) return lessons.map((l) => (colKey(l) === key ? col : l));
  let at = -1;
  lessons.forEach((l, i) => {
    if (l.date === col.date && l.slot === col.slot && l.part < col.part) at = i;
  });
  const out = [...lessons];
  out.splice(at + 1, 0, col);
  return out;
}

export function dropColumn(lessons: readonly LessonView[], key: string): LessonView[] {
  return lessons.filter((l) => colKey(l) !== key);
}

/** The type a lesson's marks get when it names none: the school's first ordinary type. */
export const effectiveType = (lesson: Pick<LessonView, 'workTypeId'>, types: readonly WorkType[]): number | null =>
  lesson.workTypeId ?? types.find((w) => !w.isMakeUp)?.id ?? null;

/**
 * How many marks of this column a change to `next` (type id, or null for the default) concerns:
 * those of its current type; a weight change concerns them even if the type stays.
 */
export function retypeCount(
  cells: ReadonlyMap<string, Cell>,
  lesson: LessonView,
  pupils: readonly { id: number }[],
  types: readonly WorkType[],
  next: number | null,
  reweigh = false,
): number {
  const from = effectiveType(lesson, types);
  const to = next ?? types.find((w) => !w.isMakeUp)?.id ?? null;
  if (from === null || (from === to && !reweigh)) return 0;
  const col = colKey(lesson);
  let n = 0;
  for (const p of pupils) for (const m of cells.get(cellKey(col, p.id))?.marks ?? []) if (m.workTypeId === from) n++;
  return n;
}

/** The cells a changeWorkType answer brought, keyed as the grid keys them. */
export function retypedCells(lesson: LessonView, cells: readonly CellView[]): [string, CellView][] {
  const col = colKey(lesson);
  return cells.map((c) => [cellKey(col, c.pupilId), c]);
}

/** A column header's second line: its work type's short name («К/р»); nothing for a lesson. */
export function columnLabel(lesson: Pick<LessonView, 'part' | 'workTypeId'>, types: readonly WorkType[]): string | null {
  if (!lesson.part) return null;
  const w = types.find((x) => x.id === lesson.workTypeId);
  return w ? workTypeShort(w.name) : '?';
}

/** The lesson column a column's cells take the pupil's absence from (null for a lesson). */
export const lessonColOf = (l: Pick<LessonView, 'date' | 'slot' | 'part'>): string | null =>
  l.part ? colKey({ date: l.date, slot: l.slot }) : null;

/** The work types of a cell's marks (as the audit stored them), in order, each once. */
export function marksTypes(marks: readonly { workTypeId: number }[], types: readonly WorkType[]): string {
  const names = marks.map((m) => types.find((w) => w.id === m.workTypeId)?.name ?? `#${m.workTypeId}`);
  return [...new Set(names)].join(', ');
}
