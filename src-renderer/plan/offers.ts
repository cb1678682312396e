// The plan topics a journal's lessons are offered (plan.forJournal), fetched once per journal
// and kept briefly: moving along the lessons must not ask main each time, while a plan saved
// on the «КТП» page or a topic just accepted must show at once (forgetOffers).
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { invoke } from '../rpc/client';

export type JournalPlan = MethodOutput<'plan.forJournal'>;

const KEEP_MS = 30_000;
const cache = new Map<string, { at: number; value: Promise<JournalPlan> }>();

export function journalPlan(groupId: number, subjectId: number, now = Date.now()): Promise<JournalPlan> {
  const key = `${groupId}|${subjectId}`;
  const hit = cache.get(key);
  if (hit && now - hit.at < KEEP_MS) return hit.value;
  const value = invoke('plan.forJournal', { groupId, subjectId });
  // A refusal is not kept: the next lesson asks again.
  value.catch(() => cache.delete(key));
  cache.set(key, { at: now, value });
  return value;
}

/** After a plan is saved or a topic accepted: the next look asks main again. */
export function forgetOffers(): void {
  cache.clear();
}

/** The topic offered for one lesson: only where the lesson has none accepted yet. */
export function offerFor(plan: JournalPlan, date: string, slot: number): { planTopicId: number; topic: string } | null {
  const l = plan.lessons.find((x) => x.date === date && x.slot === slot);
  if (!l || l.accepted || l.planTopicId === null || l.topic === null) return null;
  return { planTopicId: l.planTopicId, topic: l.topic };
}
