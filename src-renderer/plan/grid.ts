// The plan editor's rows, pure: add, remove, move, edit, check, and the list plan.save takes.
// Hours stay text while typed ("1", "", "1,5") and are checked only as a whole.
import type { PlanTopicInput, PlanTopicView } from '../../src-shared/rpc/plan';
import { PLAN_HOURS_MAX } from '../../src-shared/rpc/plan';

export interface DraftTopic {
  /** Stable React key of the row while it moves. */
  key: number;
  topic: string;
  hours: string;
  workTypeId: number | null;
}

export type DraftProblem = 'empty' | 'hours';

export function fromTopics(topics: readonly PlanTopicView[]): DraftTopic[] {
  return topics.map((t, i) => ({ key: i + 1, topic: t.topic, hours: String(t.hours), workTypeId: t.workTypeId }));
}

const nextKey = (rows: readonly DraftTopic[]) => rows.reduce((m, r) => Math.max(m, r.key), 0) + 1;

/** A new empty one-hour topic after row `after` (at the end without it). */
export function addTopic(rows: readonly DraftTopic[], after?: number): DraftTopic[] {
  const row: DraftTopic = { key: nextKey(rows), topic: '', hours: '1', workTypeId: null };
  const at = after === undefined ? rows.length : Math.min(rows.length, after + 1);
  return [...rows.slice(0, at), row, ...rows.slice(at)];
}

export function removeTopic(rows: readonly DraftTopic[], i: number): DraftTopic[] {
  return rows.filter((_, j) => j !== i);
}

/** Swaps row i with its neighbour above (-1) or below (+1); at an edge nothing moves. */
export function moveTopic(rows: readonly DraftTopic[], i: number, delta: -1 | 1): DraftTopic[] {
  const j = i + delta;
  if (i < 0 || i >= rows.length || j < 0 || j >= rows.length) return [...rows];
  const out = [...rows];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function updateTopic(rows: readonly DraftTopic[], i: number, patch: Partial<Omit<DraftTopic, 'key'>>): DraftTopic[] {
  return rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
}

/** Hours as the server takes them: a whole number 1..10 (null: not one). */
export function parseHours(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isInteger(n) && n >= 1 && n <= PLAN_HOURS_MAX ? n : null;
}

/** What is wrong with each row (by index); empty when the list may be saved. */
export function checkTopics(rows: readonly DraftTopic[]): Map<number, DraftProblem[]> {
  const out = new Map<number, DraftProblem[]>();
  rows.forEach((r, i) => {
    const p: DraftProblem[] = [];
    if (r.topic.trim() === '') p.push('empty');
    if (parseHours(r.hours) === null) p.push('hours');
    if (p.length) out.set(i, p);
  });
  return out;
}

/** The list for plan.save, or null while a row is wrong. */
export function toInput(rows: readonly DraftTopic[]): PlanTopicInput[] | null {
  if (checkTopics(rows).size > 0) return null;
  return rows.map((r) => ({ topic: r.topic.trim(), hours: parseHours(r.hours)!, workTypeId: r.workTypeId }));
}

/** Hours of the rows that have valid ones. */
export function totalHours(rows: readonly DraftTopic[]): number {
  return rows.reduce((s, r) => s + (parseHours(r.hours) ?? 0), 0);
}

/** Do the rows differ from the saved topics (what a save would change)? */
export function isDirty(rows: readonly DraftTopic[], saved: readonly PlanTopicView[]): boolean {
  if (rows.length !== saved.length) return true;
  return rows.some((r, i) => {
    const s = saved[i]!;
    return r.topic.trim() !== s.topic || parseHours(r.hours) !== s.hours || r.workTypeId !== s.workTypeId;
  });
}

/** Ahead (>0), behind (<0) or on track, as the summary names it. */
export function progressKind(delta: number): 'ahead' | 'behind' | 'onTrack' {
  return delta > 0 ? 'ahead' : delta < 0 ? 'behind' : 'onTrack';
}
