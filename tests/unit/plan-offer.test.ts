// The КТП walk, from a table written by hand: plan A (2 h), B (1 h), C (3 h) — the line
// A A B C C C. Each row: the lessons (h held, n not held, a:X accepted topic X), the day that
// is "today" (the index of the last lesson on or before it; -1 none), the offers expected, and
// the progress (given, position, expected, delta).
import { describe, expect, it } from 'vitest';
import { offerTopics } from '../../src-shared/plan/offer';

const TOPICS = [
  { id: 1, hours: 2 }, // A
  { id: 2, hours: 1 }, // B
  { id: 3, hours: 3 }, // C
];
const NAME: Record<number, string> = { 1: 'A', 2: 'B', 3: 'C', 99: '?' };
const ID: Record<string, number> = { A: 1, B: 2, C: 3, Z: 99 };

interface Row {
  name: string;
  lessons: string;
  today: number;
  offers: string;
  progress: [given: number, position: number, expected: number, delta: number];
}

const TABLE: Row[] = [
  { name: 'in order', lessons: 'h h h h', today: 1, offers: 'A A B C', progress: [2, 2, 2, 0] },
  { name: 'a lesson not held falls behind', lessons: 'h n h h', today: 2, offers: 'A - A B', progress: [2, 2, 3, -1] },
  { name: 'accepting a later topic jumps ahead', lessons: 'a:C h h h', today: 0, offers: 'C* C C -', progress: [1, 4, 1, 3] },
  { name: 'accepting an earlier topic goes back', lessons: 'h h h a:A h h', today: 3, offers: 'A A B A* A B', progress: [4, 1, 4, -3] },
  { name: 'the same two-hour topic accepted twice', lessons: 'a:A a:A h', today: 2, offers: 'A* A* B', progress: [3, 3, 3, 0] },
  {
    name: 'more lessons than hours: nothing left, expected capped',
    lessons: 'h h h h h h h',
    today: 6,
    offers: 'A A B C C C -',
    progress: [6, 6, 6, 0],
  },
  { name: 'a topic not of this plan counts as held', lessons: 'a:Z h', today: 1, offers: 'A A', progress: [2, 2, 2, 0] },
  { name: 'nothing to date', lessons: 'h h', today: -1, offers: 'A A', progress: [0, 0, 0, 0] },
  { name: 'not held to date, then ahead by accepting', lessons: 'n n a:B h', today: 2, offers: '- - B* C', progress: [1, 3, 3, 0] },
];

const dateOf = (i: number) => `2026-11-${String(i + 1).padStart(2, '0')}`;

describe('offerTopics (КТП walk)', () => {
  for (const row of TABLE)
    it(row.name, () => {
      const lessons = row.lessons.split(' ').map((s, i) => ({
        date: dateOf(i),
        held: s !== 'n',
        planTopicId: s.startsWith('a:') ? ID[s.slice(2)]! : null,
      }));
      const today = row.today < 0 ? '2026-10-31' : dateOf(row.today);
      const { offers, progress } = offerTopics(TOPICS, lessons, today);
      const shown = offers.map((o) => (o.topicId === null ? '-' : NAME[o.topicId]! + (o.accepted ? '*' : ''))).join(' ');
      expect(shown).toBe(row.offers);
      const [given, position, expected, delta] = row.progress;
      expect(progress).toEqual({ given, position, expected, totalHours: 6, delta });
    });

  // The walk from a count of earlier lessons (none accepted a topic), by hand on the line A A B C C C.
  const PREFIXED: {
    name: string;
    prefix: { held: number; notHeld: number };
    lessons: string;
    offers: string;
    progress: [number, number, number, number];
  }[] = [
    {
      name: '3 held and 1 not held before: C C next, one behind',
      prefix: { held: 3, notHeld: 1 },
      lessons: 'h h',
      offers: 'C C',
      progress: [5, 5, 6, -1],
    },
    {
      name: 'more held before than hours: nothing left',
      prefix: { held: 7, notHeld: 0 },
      lessons: 'h',
      offers: '-',
      progress: [6, 6, 6, 0],
    },
    {
      name: 'accepting the first topic after two held goes back',
      prefix: { held: 2, notHeld: 0 },
      lessons: 'a:A h',
      offers: 'A* A',
      progress: [4, 2, 4, -2],
    },
  ];
  for (const row of PREFIXED)
    it(`prefix: ${row.name}`, () => {
      const lessons = row.lessons
        .split(' ')
        .map((s, i) => ({ date: dateOf(i), held: s !== 'n', planTopicId: s.startsWith('a:') ? ID[s.slice(2)]! : null }));
      const { offers, progress } = offerTopics(TOPICS, lessons, dateOf(lessons.length - 1), row.prefix);
      expect(offers.map((o) => (o.topicId === null ? '-' : NAME[o.topicId]! + (o.accepted ? '*' : ''))).join(' ')).toBe(row.offers);
      const [given, position, expected, delta] = row.progress;
      expect(progress).toEqual({ given, position, expected, totalHours: 6, delta });
    });

  it('an empty plan offers nothing', () => {
    const { offers, progress } = offerTopics([], [{ date: dateOf(0), held: true, planTopicId: null }], dateOf(0));
    expect(offers).toEqual([{ topicId: null, accepted: false }]);
    expect(progress).toEqual({ given: 0, position: 0, expected: 0, totalHours: 0, delta: 0 });
  });
});
