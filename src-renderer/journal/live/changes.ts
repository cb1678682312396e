// Live events and re-read journals as changes to the open grid (pure; applied by useJournal).
import type { JournalEvent, SharedLesson } from '../../../src-shared/rpc/events';
import type { JournalView } from '../../../src-shared/rpc/journal';
import { cellKey, colKey, type Cell, type TermMark } from '../model';
import { lessonKey, termKey } from './versions';

/** Who made a change; null when it was found by re-reading the journal (no one to name). */
export type Author = { staffId: number; name: string } | null;

export type RemoteChange =
  | { kind: 'cell'; key: string; cell: Cell; version: number; by: Author }
  | { kind: 'lesson'; key: string; col: string; lesson: SharedLesson; version: number; by: Author }
  | { kind: 'term'; key: string; pupilId: number; termMark: TermMark | null; version: number; by: Author };

export interface Where {
  /** The term shown: term marks of other terms are not on this grid. */
  termId: number;
  /** The grid column of a stored lesson, if it is on this grid. */
  colOf(lessonId: number): string | undefined;
}

/** The change an event makes to this grid, or null when it is not on it. */
export function toChange(e: JournalEvent, where: Where): RemoteChange | null {
  switch (e.type) {
    case 'cell': {
      const col = where.colOf(e.cell.lessonId);
      if (!col) return null;
      const { marks, absence } = e.cell;
      return { kind: 'cell', key: cellKey(col, e.cell.pupilId), cell: { marks, absence }, version: e.cell.version, by: e.by };
    }
    case 'lesson': {
      const col = colKey(e.lesson);
      return { kind: 'lesson', key: lessonKey(col), col, lesson: e.lesson, version: e.lesson.version, by: e.by };
    }
    case 'termMark':
      if (e.termId !== where.termId) return null;
      return { kind: 'term', key: termKey(e.pupilId), pupilId: e.pupilId, termMark: e.termMark, version: e.version, by: e.by };
  }
}

/**
 * After a reconnect: everything the re-read journal holds, as changes (the book keeps only the
 * newer ones). A term mark this page shows but the journal no longer has was removed meanwhile.
 */
export function changesFromView(view: JournalView, shownTermMarks: Iterable<number>, versionOf: (key: string) => number): RemoteChange[] {
  const out: RemoteChange[] = [];
  const colOf = new Map<number, string>();
  for (const l of view.lessons) {
    const col = colKey(l);
    if (l.lessonId !== null) colOf.set(l.lessonId, col);
    const { editable: _, ...lesson } = l;
    out.push({ kind: 'lesson', key: lessonKey(col), col, lesson, version: l.version, by: null });
  }
  for (const c of view.cells) {
    const col = colOf.get(c.lessonId);
    if (col)
      out.push({ kind: 'cell', key: cellKey(col, c.pupilId), cell: { marks: c.marks, absence: c.absence }, version: c.version, by: null });
  }
  const present = new Set<number>();
  for (const t of view.termMarks) {
    present.add(t.pupilId);
    out.push({ kind: 'term', key: termKey(t.pupilId), pupilId: t.pupilId, termMark: t, version: t.version, by: null });
  }
  for (const pupilId of shownTermMarks)
    if (!present.has(pupilId)) {
      const key = termKey(pupilId);
      out.push({ kind: 'term', key, pupilId, termMark: null, version: versionOf(key) + 1, by: null });
    }
  return out;
}
