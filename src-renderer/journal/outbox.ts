// The school network client's outbox as the grid shows it (DESIGN.md §10): which cells, term
// marks and lessons of this journal hold an edit not yet saved on the school host, and which
// edits the host refused. Pure: the hook (useOutbox.ts) polls outbox.list and calls these.
import type { JournalView } from '../../src-shared/rpc/journal';
import type { OutboxEntry } from '../../src-shared/rpc/outbox';
import { RpcError } from '../rpc/client';
import { cellKey, colKey } from './model';

/** The host was away: the edit waits in this PC's outbox (keep the value, mark it). */
export const isQueued = (e: unknown): boolean => e instanceof RpcError && e.code === 'queued';

/** The grid's keys (as useJournal's: cellKey, term#pupil, col#lesson) of this journal's pending edits. */
export function unsavedKeys(entries: readonly OutboxEntry[], view: Pick<JournalView, 'group' | 'subject' | 'term'>): Set<string> {
  const keys = new Set<string>();
  for (const e of entries) {
    const t = e.targets;
    if (e.state !== 'pending' || t.groupId !== view.group.id || t.subjectId !== view.subject.id) continue;
    for (const c of t.cells) keys.add(cellKey(colKey(c), c.pupilId));
    for (const l of t.lessons) keys.add(`${colKey(l)}#lesson`);
    for (const m of t.termMarks) if (m.termId === view.term.id) keys.add(`term#${m.pupilId}`);
  }
  return keys;
}

export const refusedEntries = (entries: readonly OutboxEntry[]) => entries.filter((e) => e.state === 'refused');
export const pendingCount = (entries: readonly OutboxEntry[]) => entries.filter((e) => e.state === 'pending').length;

/** Poll again while anything waits (or was just queued here); otherwise the list is read once. */
export const shouldPoll = (entries: readonly OutboxEntry[], queuedHere: number) => queuedHere > 0 || pendingCount(entries) > 0;
