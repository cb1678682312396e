// The overview's pure renderer logic: percentages and bands, the pivot with the worst cell
// first, the worst cells list, and the charts' geometry. Values worked out by hand.
import { describe, expect, it } from 'vitest';
import type { Completeness, CompletenessRow } from '../../src-shared/rpc/overview';
import { band, percent, pivot, total, worstCells } from '../../src-renderer/overview/model';
import { scaleBars, stack, weekLine } from '../../src-renderer/overview/chart-model';

const z = { num: 0, den: 0 };
const cell = (topic: [number, number], held = topic[1]): Completeness => ({
  held,
  topic: { num: topic[0], den: topic[1] },
  homework: z,
  attendance: z,
  marks: z,
  onTime: z,
});
const row = (id: number, name: string, ...months: Completeness[]): CompletenessRow => ({ id, name, months });

describe('shares', () => {
  it('show as whole percents rounded down, a dash for nothing measured, and a colour band', () => {
    expect(percent({ num: 199, den: 200 })).toBe('99 %');
    expect(percent({ num: 3, den: 3 })).toBe('100 %');
    expect(percent({ num: 7, den: 10 })).toBe('70 %');
    expect(percent(z)).toBe('—');
    expect([band({ num: 9, den: 10 }), band({ num: 7, den: 10 }), band({ num: 69, den: 100 }), band(z)]).toEqual(['good', 'fair', 'poor', 'none']);
  });
});

describe('the pivot', () => {
  const rows = [
    row(1, '5А', cell([9, 10]), cell([10, 10])),
    row(2, '5Б', cell([10, 10]), cell([5, 10])),
    row(3, '6А', cell([0, 0]), cell([0, 0])),
    row(4, '6Б', cell([10, 10]), cell([10, 10])),
    row(5, '5В', cell([1, 2]), cell([0, 0])),
  ];
  it('puts the row with the worst month first, rows without data last', () => {
    const p = pivot(rows, 'topic');
    expect(p.map((r) => r.name)).toEqual(['5Б', '5В', '5А', '6Б', '6А']);
    expect(p[0]!.worst).toBe(0.5);
    expect(p.at(-1)!.worst).toBeNull();
    expect(p[0]!.cells).toEqual([{ num: 10, den: 10 }, { num: 5, den: 10 }]);
  });
  it('lists the worst cells, the larger of equal shares first', () => {
    const w = worstCells(rows, ['2026-09', '2026-10'], 'topic', 3);
    expect(w.map((c) => `${c.name} ${c.month}`)).toEqual(['5Б 2026-10', '5В 2026-09', '5А 2026-09']);
  });
  it('sums cells', () => {
    expect(total([cell([1, 2]), cell([3, 4])]).topic).toEqual({ num: 4, den: 6 });
    expect(total([cell([1, 2]), cell([3, 4])]).held).toBe(6);
  });
});

describe('chart geometry', () => {
  it('spreads weeks over the width and maps 0–100 % to the height, skipping weeks with nothing measured', () => {
    const weeks = [{ value: cell([1, 2]) }, { value: cell([0, 0]) }, { value: cell([4, 4]) }];
    expect(weekLine(weeks, 'topic', 200, 100)).toEqual([
      { x: 0, y: 50 },
      { x: 200, y: 0 },
    ]);
  });
  it('stacks marks best first with the others after, as shares of the class', () => {
    const s = stack({ '2': 1, '5': 2, зачёт: 1, '4': 0 });
    expect(s.map((x) => [x.value, x.share, x.offset])).toEqual([
      ['5', 0.5, 0],
      ['2', 0.25, 0.5],
      ['зачёт', 0.25, 0.75],
    ]);
    expect(stack({})).toEqual([]);
    expect(scaleBars([5, 10, 0])).toEqual([0.5, 1, 0]);
    expect(scaleBars([])).toEqual([]);
  });
});
