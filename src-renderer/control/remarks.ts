// The remarks list's logic: the states in the order the deputy works through them, what she
// may do with a remark in each state and deadlines (the link into the journal: remarks/remarks.ts).
import type { RemarkState, RemarkView } from '../../src-shared/rpc/check';
import { addDays } from './period';

/** What needs her first: overdue, then fixed (to verify), then the ones still with teachers. */
export const STATE_ORDER: readonly RemarkState[] = ['overdue', 'fixed', 'open', 'acknowledged', 'draft', 'verified'];

export type RemarkAction = 'verify' | 'reopen' | 'delete';

/** The deputy's buttons by state (the state machine of CHECK.md; main checks again). */
export function remarkActions(state: RemarkState): RemarkAction[] {
  switch (state) {
    case 'fixed':
      return ['verify', 'reopen'];
    case 'overdue':
      return ['reopen'];
    case 'draft':
      return ['delete'];
    default:
      return [];
  }
}

export interface StateGroup {
  state: RemarkState;
  remarks: RemarkView[];
}

const collator = new Intl.Collator('ru', { numeric: true });

/** Non-empty groups in STATE_ORDER; inside one, the nearest deadline first, then the teacher. */
export function groupByState(list: readonly RemarkView[]): StateGroup[] {
  return STATE_ORDER.map((state) => ({
    state,
    remarks: list
      .filter((r) => r.state === state)
      .sort((a, b) => a.deadline.localeCompare(b.deadline) || collator.compare(a.teacherName, b.teacherName) || a.id - b.id),
  })).filter((g) => g.remarks.length > 0);
}

export function countByState(list: readonly RemarkView[]): Partial<Record<RemarkState, number>> {
  const c: Partial<Record<RemarkState, number>> = {};
  for (const r of list) c[r.state] = (c[r.state] ?? 0) + 1;
  return c;
}

/** The default deadline: today + the school's remark days (calendar days). */
export const defaultDeadline = (today: string, days: number) => addDays(today, days);

/** Past its deadline and not done: shown in red even before the re-check marks it overdue. */
export function isLate(r: RemarkView, today: string): boolean {
  return r.deadline < today && (r.state === 'open' || r.state === 'acknowledged' || r.state === 'overdue');
}

/** The teachers that have remarks, for the per-teacher list (their one-page PDF). */
export function remarkTeachers(list: readonly RemarkView[]): { id: number; name: string }[] {
  const m = new Map<number, string>();
  for (const r of list) m.set(r.teacherId, r.teacherName);
  return [...m].map(([id, name]) => ({ id, name })).sort((a, b) => collator.compare(a.name, b.name));
}
