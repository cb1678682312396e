// Versions of queued edits (DESIGN.md §10: every cell, lesson and term mark has a version, an
// edit names the version it was made on). While the host is away the grid learns no new
// versions, so a teacher's second edit of the same cell names the same version as the first.
// Once the first goes through, the second would be a false `conflict` with the teacher's own
// edit: its base version is moved to the one the first produced. Only an exact match moves:
// an entry made on another version (the host's copy changed meanwhile) still meets its conflict.
import type { OutboxMethod } from '../../../src-shared/rpc/outbox';
import type { QueuedEdit } from './outbox-view';

type Slot = { groupId: number; subjectId: number; date: string; slot: number };
type Versioned = { version?: number };
type CellIn = Versioned & { lesson: Slot; pupilId: number };
type TermIn = Versioned & { groupId: number; subjectId: number; termId: number; pupilId: number };

const slotId = (l: Slot) => `${l.groupId}/${l.subjectId}/${l.date}/${l.slot}`;
const cellId = (c: CellIn) => `cell ${slotId(c.lesson)}#${c.pupilId}`;
const termId = (t: TermIn) => `term ${t.groupId}/${t.subjectId}/${t.termId}#${t.pupilId}`;
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Place → the version the applied edit was made on and the one it produced. */
type Moves = Map<string, { from: number; to: number }>;

/** What an applied edit changed, from its input and the host's answer. */
export function versionMoves(e: QueuedEdit, answer: unknown): Moves {
  const moves: Moves = new Map();
  const put = (id: string, from: number | undefined, to: number | undefined) => {
    if (from !== undefined && to !== undefined) moves.set(id, { from, to });
  };
  const a = answer as Record<string, unknown> | null;
  if (!a) return moves;
  if (e.method === 'journal.setCell') {
    const i = e.input as CellIn;
    put(cellId(i), i.version, num((a.cell as Versioned | undefined)?.version));
  } else if (e.method === 'journal.setCells') {
    const edits = (e.input as { edits: CellIn[] }).edits;
    const cells = (a.cells as { cell?: Versioned }[] | undefined) ?? [];
    edits.forEach((i, n) => put(cellId(i), i.version, num(cells[n]?.cell?.version)));
  } else if (e.method === 'journal.setLesson') {
    const i = e.input as Versioned & { lesson: Slot };
    put(`lesson ${slotId(i.lesson)}`, i.version, num(a.version));
  } else {
    const i = e.input as TermIn;
    // A removed term mark is named 0 by its next edit.
    const tm = a.termMark as Versioned | null | undefined;
    put(termId(i), i.version, tm === null ? 0 : num(tm?.version));
  }
  return moves;
}

/** A later queued edit with its base versions moved; null when nothing in it moves. */
export function rebased(later: QueuedEdit, moves: Moves): unknown | null {
  if (moves.size === 0) return null;
  let changed = false;
  const move = <T extends Versioned>(id: string, x: T): T => {
    const m = moves.get(id);
    if (!m || x.version !== m.from) return x;
    changed = true;
    return { ...x, version: m.to };
  };
  const method: OutboxMethod = later.method;
  let input: unknown;
  if (method === 'journal.setCell') input = move(cellId(later.input as CellIn), later.input as CellIn);
  else if (method === 'journal.setCells') {
    const i = later.input as { edits: CellIn[] };
    input = { ...i, edits: i.edits.map((c) => move(cellId(c), c)) };
  } else if (method === 'journal.setLesson') {
    const i = later.input as Versioned & { lesson: Slot };
    input = move(`lesson ${slotId(i.lesson)}`, i);
  } else input = move(termId(later.input as TermIn), later.input as TermIn);
  return changed ? input : null;
}
