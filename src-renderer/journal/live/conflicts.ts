// A stale edit refused with `conflict` (school network, DESIGN.md §10): what the teacher wrote,
// what is there now, and who changed it (the host's message names them). Pure: the dialog shows
// it, useJournal builds it.
import { formatCell } from '../../../src-shared/journal/cell';
import type { LessonView } from '../../../src-shared/rpc/journal';
import type { MethodInput } from '../../../src-shared/rpc/registry';
import type { Cell } from '../model';

/** One grid edit, as useJournal takes it. */
export interface CellEditLike {
  lesson: LessonView;
  pupilId: number;
  next: Cell;
}
export type LessonPatch = Omit<MethodInput<'journal.setLesson'>, 'lesson' | 'version'>;

export type Conflict =
  /** edits: the whole batch (a pasted column is written all or none); mine/current: the refused cell. */
  | { kind: 'cells'; message: string; edits: CellEditLike[]; mine: Cell; current: Cell }
  | { kind: 'term'; message: string; pupilId: number; mine: string | null; current: string | null }
  | { kind: 'lesson'; message: string; col: string; patch: LessonPatch; current: LessonView };

/** The edit of a batch the refusal names (issues path ['edits', i]); 0 for a single edit. */
export function conflictIndex(issues: readonly { path: (string | number)[] }[]): number {
  const i = issues[0]?.path[1];
  return typeof i === 'number' ? i : 0;
}

export interface ConflictRow {
  field: 'value' | 'topic' | 'homework' | 'noHomework' | 'held' | 'workTypeId' | 'actualTeacherId';
  mine: string;
  current: string;
}

const text = (v: unknown): string => (v === null || v === undefined || v === '' ? '' : String(v));

/** What to show side by side: the value, or each lesson field the edit set. */
export function conflictRows(c: Conflict, names: { workType(id: number): string; teacher(id: number): string }): ConflictRow[] {
  if (c.kind === 'cells') return [{ field: 'value', mine: formatCell(c.mine), current: formatCell(c.current) }];
  if (c.kind === 'term') return [{ field: 'value', mine: text(c.mine), current: text(c.current) }];
  const show = (field: keyof LessonPatch, v: unknown): string => {
    if (field === 'workTypeId') return typeof v === 'number' ? names.workType(v) : '';
    if (field === 'actualTeacherId') return typeof v === 'number' ? names.teacher(v) : '';
    if (field === 'held' || field === 'noHomework') return v ? '✓' : '✗';
    return text(v);
  };
  return (Object.keys(c.patch) as (keyof LessonPatch)[])
    .filter((f) => c.patch[f] !== undefined)
    .map((f) => ({ field: f, mine: show(f, c.patch[f]), current: show(f, c.current[f]) }));
}
