// Which plan (КТП) topic each lesson of a journal is offered, and where the plan stands to date.
// Pure: main feeds it the plan's topics and the journal's lessons; tests feed it tables.
//
// The plan is a line of hours: topic k covers positions [start_k, start_k + hours_k). Lessons in
// date order walk along it one position each. A lesson that already accepted a plan topic
// counts as that topic (the teacher may skip ahead or go back), and the walk continues from
// there; a lesson marked not held covers nothing.

export interface OfferTopic {
  id: number;
  hours: number;
}

export interface OfferLesson {
  date: string;
  /** Held (or not yet marked otherwise: a planned lesson is held by default). */
  held: boolean;
  /** The plan topic this lesson accepted (null: none, or one not in this plan). */
  planTopicId: number | null;
}

export interface Offer {
  /** The topic offered for (or accepted by) the lesson; null when nothing is left or it was not held. */
  topicId: number | null;
  accepted: boolean;
}

export interface Progress {
  given: number;
  position: number;
  expected: number;
  totalHours: number;
  delta: number;
}

/**
 * Lessons before `lessons` that accepted no plan topic, all on or before today: the walk starts
 * from their count (a check of a month need not build a stand-in for every lesson since September).
 */
export interface OfferPrefix {
  held: number;
  notHeld: number;
}

/**
 * lessons must be in date (then slot) order, cancelled ones left out. today: lessons on or
 * before it count as given and expected.
 */
export function offerTopics(
  topics: readonly OfferTopic[],
  lessons: readonly OfferLesson[],
  today: string,
  prefix: OfferPrefix = { held: 0, notHeld: 0 },
): { offers: Offer[]; progress: Progress } {
  let total = 0;
  for (const t of topics) total += t.hours;
  // Each topic's hours on the line, only when a lesson accepted a topic (a check walks 800 plans).
  let start: Map<number, { from: number; to: number }> | undefined;
  if (lessons.some((l) => l.planTopicId !== null)) {
    start = new Map();
    let from = 0;
    for (const t of topics) {
      start.set(t.id, { from, to: from + t.hours });
      from += t.hours;
    }
  }
  // The topic at each position of the line.
  const at: number[] = [];
  for (const t of topics) for (let h = 0; h < t.hours; h++) at.push(t.id);

  // Each held lesson of the prefix is offered the next position while any is left.
  let pos = Math.min(prefix.held, total);
  let given = pos;
  let scheduled = prefix.held + prefix.notHeld;
  let posToDate = pos;
  const offers: Offer[] = [];
  for (const l of lessons) {
    const range = l.planTopicId === null ? undefined : start!.get(l.planTopicId);
    let offer: Offer;
    if (range) {
      // Inside the accepted topic's hours: one more of them; elsewhere: its first hour is done.
      pos = pos >= range.from && pos < range.to ? pos + 1 : range.from + 1;
      offer = { topicId: l.planTopicId, accepted: true };
    } else if (!l.held) {
      offer = { topicId: null, accepted: false };
    } else if (pos < total) {
      offer = { topicId: at[pos]!, accepted: false };
      pos++;
    } else {
      offer = { topicId: null, accepted: false };
    }
    offers.push(offer);
    if (l.date <= today) {
      scheduled++;
      if (offer.topicId !== null) given++;
      posToDate = pos;
    }
  }
  const expected = Math.min(scheduled, total);
  return { offers, progress: { given, position: posToDate, expected, totalHours: total, delta: posToDate - expected } };
}
