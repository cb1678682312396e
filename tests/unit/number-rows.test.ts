// readNumberRows: SQLite's group_concat text of numbers back into rows (the check's packed
// marks and plan topics). Expected rows are written out by hand.
import { describe, expect, it } from 'vitest';
import { readNumberRows, rowCount } from '../../src-main/services/check/number-rows';

const rows = (text: string, width: number) => {
  const out: number[][] = [];
  readNumberRows(text, width, (f) => out.push([...f]));
  return out;
};

describe('readNumberRows', () => {
  it('reads integers and REALs as SQLite prints them', () => {
    expect(rows('12,33,1.0;7,5,2.5;3,0,0.125', 3)).toEqual([
      [12, 33, 1],
      [7, 5, 2.5],
      [3, 0, 0.125],
    ]);
  });
  it('gives the same doubles as Number() for decimals', () => {
    for (const x of ['0.1', '0.3', '1.7', '9.99', '123.456', '0.30000000000000004']) expect(rows(`1,${x}`, 2)[0]![1]).toBe(Number(x));
  });
  it('falls back to Number() on a sign or an exponent', () => {
    expect(rows('-3,1e-7;4,5', 2)).toEqual([
      [-3, 1e-7],
      [4, 5],
    ]);
  });
  it('leaves missing fields 0 and ignores extra ones', () => {
    expect(rows('1;2,3,4', 2)).toEqual([
      [1, 0],
      [2, 3],
    ]);
  });
  it('reads nothing from an empty text', () => {
    expect(rows('', 2)).toEqual([]);
    expect(rowCount('')).toBe(0);
    expect(rowCount('1,2;3,4;5,6')).toBe(3);
  });
});
