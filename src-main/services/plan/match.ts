// Saving replaces a plan's whole topic list, but lessons point at topics (lesson.plan_topic_id):
// a topic kept under the same text keeps its id wherever it moves, so a reordered plan still
// names the topics its lessons accepted.

/**
 * For each new topic, the id of an old one with the same text (each old id used once, in order),
 * or null for a new row; and the old ids no longer in the plan.
 */
export function matchTopics(old: readonly { id: number; topic: string }[], next: readonly { topic: string }[]): { ids: (number | null)[]; removed: number[] } {
  const byText = new Map<string, number[]>();
  for (const o of old) byText.set(o.topic, [...(byText.get(o.topic) ?? []), o.id]);
  const ids = next.map((n) => byText.get(n.topic)?.shift() ?? null);
  const kept = new Set(ids.filter((id): id is number => id !== null));
  return { ids, removed: old.filter((o) => !kept.has(o.id)).map((o) => o.id) };
}
