// The live-update bus (school network, DESIGN.md §10): journal writers record events inside
// their transaction; the bus announces them only once that transaction has committed. Frames
// follow the transaction nesting: the router's one transaction opens the outer frame and every
// mutate() a savepoint frame inside it. A savepoint that rolls back drops its events, so a
// refused or failed edit is never announced; a commit that fails drops the whole frame.
import { shortName } from '../../src-shared/names';
import type { JournalEvent, RecordedEvent } from '../../src-shared/rpc/events';
import type { Sqlite } from '../../db/client';
import { prep } from './sql';

export type JournalListener = (e: JournalEvent) => void;

const keyOf = (groupId: number, subjectId: number) => `${groupId}:${subjectId}`;

export class JournalEventBus {
  private readonly frames: RecordedEvent[][] = [];
  private readonly listeners = new Map<string, Set<JournalListener>>();

  constructor(
    private readonly sqlite: Sqlite,
    private readonly log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
  ) {}

  /** Opens a frame for one transaction or savepoint; every begin() is followed by one end(). */
  begin(): void {
    this.frames.push([]);
  }

  /**
   * Closes the innermost frame. committed=false drops its events (rolled back). Committed into
   * an outer frame, they wait for the outer commit; at the top they are announced now, unless a
   * transaction this bus does not know of is still open (it might yet roll back: dropped).
   */
  end(committed: boolean): void {
    const frame = this.frames.pop();
    if (!frame) throw new Error('event frame closed twice');
    if (!committed || frame.length === 0) return;
    const outer = this.frames.at(-1);
    if (outer) outer.push(...frame);
    else if (this.sqlite.inTransaction) this.log('journal events dropped: written inside a transaction outside mutate()', null);
    else this.publish(frame);
  }

  /** Inside a transaction: an event to announce after its commit. */
  record(e: RecordedEvent): void {
    const frame = this.frames.at(-1);
    if (!frame) throw new Error('journal events are recorded inside mutate()');
    frame.push(e);
  }

  /** Listens to one journal's committed changes; returns the function that stops it. */
  listen(ref: { groupId: number; subjectId: number }, listener: JournalListener): () => void {
    const key = keyOf(ref.groupId, ref.subjectId);
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key);
    };
  }

  /** Someone has this journal open: worth building an event that costs queries. */
  hasListeners(groupId: number, subjectId: number): boolean {
    return (this.listeners.get(keyOf(groupId, subjectId))?.size ?? 0) > 0;
  }

  listenerCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  private publish(events: RecordedEvent[]): void {
    const names = new Map<number, string>();
    for (const { byStaffId, ...e } of events) {
      const set = this.listeners.get(keyOf(e.groupId, e.subjectId));
      // Nobody has this journal open (the usual case on a single PC): nothing to look up.
      if (!set?.size) continue;
      let name = names.get(byStaffId);
      if (name === undefined) names.set(byStaffId, (name = this.staffName(byStaffId)));
      const event = { ...e, by: { staffId: byStaffId, name } } as JournalEvent;
      // A copy: a listener that stops listening while we deliver must not skip another one.
      for (const l of [...set])
        try {
          l(event);
        } catch (err) {
          this.log('journal event listener failed', err);
        }
    }
  }

  private staffName(staffId: number): string {
    const p = prep(
      this.sqlite,
      'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?',
    ).get(staffId) as { surname: string; name: string; patronymic: string | null } | undefined;
    return p ? shortName(p) : '';
  }
}
