// The plan editor's rows (src-renderer/plan/grid.ts): edits as a teacher makes them, and what a
// save would send, against values written out by hand.
import { describe, expect, it } from 'vitest';
import { addTopic, checkTopics, fromTopics, isDirty, moveTopic, parseHours, removeTopic, toInput, totalHours, updateTopic } from '../../src-renderer/plan/grid';

const saved = [
  { id: 10, position: 1, topic: 'Фонетика', hours: 2, workTypeId: null },
  { id: 11, position: 2, topic: 'Глагол', hours: 1, workTypeId: 5 },
];

describe('plan editor rows', () => {
  it('adds, moves and removes rows, keeping each row’s key', () => {
    let rows = fromTopics(saved);
    rows = addTopic(rows, 0); // between the two
    expect(rows.map((r) => [r.key, r.topic, r.hours])).toEqual([
      [1, 'Фонетика', '2'],
      [3, '', '1'],
      [2, 'Глагол', '1'],
    ]);
    rows = updateTopic(rows, 1, { topic: '  Лексика ', hours: '3' });
    rows = moveTopic(rows, 1, -1);
    expect(rows.map((r) => r.key)).toEqual([3, 1, 2]);
    expect(moveTopic(rows, 0, -1).map((r) => r.key)).toEqual([3, 1, 2]);
    expect(moveTopic(rows, 2, 1).map((r) => r.key)).toEqual([3, 1, 2]);
    expect(toInput(rows)).toEqual([
      { topic: 'Лексика', hours: 3, workTypeId: null },
      { topic: 'Фонетика', hours: 2, workTypeId: null },
      { topic: 'Глагол', hours: 1, workTypeId: 5 },
    ]);
    expect(totalHours(rows)).toBe(6);
    rows = removeTopic(rows, 0);
    expect(isDirty(rows, saved)).toBe(false);
    expect(addTopic(rows).at(-1)).toEqual({ key: 3, topic: '', hours: '1', workTypeId: null });
  });

  it.each([
    ['1', 1],
    ['10', 10],
    [' 2 ', 2],
    ['2,0', 2],
    ['0', null],
    ['11', null],
    ['1,5', null],
    ['', null],
    ['два', null],
    ['-1', null],
  ])('hours %j → %j', (text, n) => expect(parseHours(text)).toBe(n));

  it('names the wrong rows and sends nothing while one is wrong', () => {
    const rows = [
      { key: 1, topic: 'Фонетика', hours: '2', workTypeId: null },
      { key: 2, topic: '  ', hours: '1', workTypeId: null },
      { key: 3, topic: 'Глагол', hours: '0', workTypeId: null },
      { key: 4, topic: '', hours: 'x', workTypeId: null },
    ];
    expect([...checkTopics(rows)]).toEqual([
      [1, ['empty']],
      [2, ['hours']],
      [3, ['empty', 'hours']],
    ]);
    expect(toInput(rows)).toBeNull();
    expect(isDirty(fromTopics(saved), saved)).toBe(false);
    expect(isDirty(updateTopic(fromTopics(saved), 1, { workTypeId: null }), saved)).toBe(true);
  });
});
