// What this page knows of each cell's, lesson's and term mark's version (school network,
// DESIGN.md §10). Edits send the version they were made on; answers and live events only ever
// move a key forward, so an older answer arriving late never overwrites a newer change.
import type { JournalView } from '../../../src-shared/rpc/journal';
import { cellKey, colKey } from '../model';

export const lessonKey = (col: string) => `${col}#lesson`;
export const termKey = (pupilId: number) => `term#${pupilId}`;

export class VersionBook {
  private readonly known = new Map<string, number>();
  /** Term marks: the version an edit names (0 once removed), apart from the order above. */
  private readonly edit = new Map<string, number>();

  static fromView(view: JournalView): VersionBook {
    const book = new VersionBook();
    const colOf = new Map<number, string>();
    for (const l of view.lessons) {
      book.known.set(lessonKey(colKey(l)), l.version);
      if (l.lessonId !== null) colOf.set(l.lessonId, colKey(l));
    }
    for (const c of view.cells) {
      const col = colOf.get(c.lessonId);
      if (col) book.known.set(cellKey(col, c.pupilId), c.version);
    }
    for (const t of view.termMarks) {
      book.known.set(termKey(t.pupilId), t.version);
      book.edit.set(termKey(t.pupilId), t.version);
    }
    return book;
  }

  /** The version an edit of this key names: a removed term mark's is 0 whatever its order. */
  editVersion(key: string): number {
    return this.edit.get(key) ?? this.get(key);
  }

  /** A term mark as now known: its own version, or 0 when there is none. */
  setEditVersion(key: string, version: number): void {
    this.edit.set(key, version);
  }

  /** The version an edit of this key is made on (0: never written). */
  get(key: string): number {
    return this.known.get(key) ?? 0;
  }

  /** The host's answer or a re-read: kept unless this page already knows a newer one. */
  accept(key: string, version: number): boolean {
    if (version < this.get(key)) return false;
    this.known.set(key, version);
    return true;
  }

  /** A change announced live: true only when it is news to this page (not its own echo). */
  newer(key: string, version: number): boolean {
    if (version <= this.get(key)) return false;
    this.known.set(key, version);
    return true;
  }
}
