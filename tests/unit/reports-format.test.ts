// The reports' number formatting, chart scaling and PDF column widths, held to values written
// out by hand (Russian decimal comma, half away from zero, «nice» axis steps).
import { describe, expect, it } from 'vitest';
import { labelStride, layoutChart, niceStep, valueAxis } from '../../src-shared/reports/chart';
import { formatCell, formatNumber, roundTo } from '../../src-shared/reports/format';
import type { ReportChart } from '../../src-shared/reports/model';
import { shareWidths } from '../../src-main/services/reports/pdf';

describe('numbers in reports', () => {
  it.each([
    [4.125, 2, '4,13'],
    [4.1666, 2, '4,17'],
    [1.005, 2, '1,01'],
    [4, 2, '4,00'],
    [87.5, 1, '87,5'],
    [87.45, 1, '87,5'],
    [12, 0, '12'],
    [2.5, 0, '3'],
    [-1.25, 1, '−1,3'],
    [-0.004, 2, '0,00'],
    [0, 1, '0,0'],
    [Number.NaN, 1, '—'],
    [Number.POSITIVE_INFINITY, 0, '—'],
  ])('%d with %d digits is «%s»', (n, digits, text) => {
    expect(formatNumber(n, digits)).toBe(text);
  });

  it('rounds half away from zero for the XLSX, keeping numbers numeric', () => {
    expect(roundTo(4.125, 2)).toBe(4.13);
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(-0.001, 2)).toBe(0);
    expect(Object.is(roundTo(-0.001, 2), -0)).toBe(false);
  });

  it('writes cells: text as is, null empty, numbers by the digits', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(undefined)).toBe('');
    expect(formatCell('5 4 3')).toBe('5 4 3');
    expect(formatCell(3.14159, 2)).toBe('3,14');
    expect(formatCell(7)).toBe('7');
  });
});

const chart = (values: (number | null)[][], over: Partial<ReportChart> = {}): ReportChart => ({
  kind: 'chart',
  chart: 'bars',
  title: 't',
  categories: values[0]!.map((_, i) => String(i + 1)),
  series: values.map((v, i) => ({ name: `s${i}`, values: v })),
  ...over,
});

describe('chart scaling', () => {
  it.each([
    [5, 1],
    [7, 2],
    [10, 2],
    [23, 5],
    [48, 10],
    [120, 50],
    [0.9, 0.2],
    [0, 1],
  ])('a max of %d gives ticks every %d', (max, step) => {
    expect(niceStep(max)).toBeCloseTo(step, 10);
  });

  it('runs the axis from 0 to a whole step above the data, or to the given max', () => {
    expect(valueAxis(chart([[3, 17, 9]]))).toEqual({ max: 20, ticks: [0, 5, 10, 15, 20] });
    expect(valueAxis(chart([[4.2, 3.8]], { max: 5 }))).toEqual({ max: 5, ticks: [0, 1, 2, 3, 4, 5] });
    // Nothing but zeros or nulls: still an axis, never a division by zero.
    expect(valueAxis(chart([[0, null]]))).toEqual({ max: 1, ticks: [0, 1] });
    // Counts never get a fractional step.
    expect(valueAxis(chart([[1, 2]])).ticks).toEqual([0, 1, 2]);
  });

  it('lays bars side by side in their category, heights proportional to the values', () => {
    const L = layoutChart(chart([[10, 20], [5, null]]), { x: 0, y: 0, w: 220, h: 120 }, { axis: 20, bottom: 20 });
    expect(L.plot).toEqual({ x: 20, y: 0, w: 200, h: 100 });
    expect(L.max).toBe(20);
    // Two categories of 100 pt; the group is 80 pt, two series 40 pt each; null draws no bar.
    expect(L.bars.map((b) => [b.series, b.category, b.x, b.y, b.w, b.h])).toEqual([
      [0, 0, 30, 50, 40, 50],
      [0, 1, 130, 0, 40, 100],
      [1, 0, 70, 75, 40, 25],
    ]);
    expect(L.labels).toEqual([
      { text: '1', x: 70 },
      { text: '2', x: 170 },
    ]);
  });

  it('breaks a line where a value is missing', () => {
    const L = layoutChart(chart([[5, 4, null, 3]], { chart: 'line', max: 5 }), { x: 0, y: 0, w: 400, h: 100 }, { axis: 0, bottom: 0 });
    expect(L.lines[0]!.map((run) => run.map((p) => [p.x, p.y]))).toEqual([
      [
        [50, 0],
        [150, 20],
      ],
      [[350, 40]],
    ]);
  });

  it('thins crowded category labels', () => {
    expect(labelStride(10, 20)).toBe(1);
    expect(labelStride(60, 20)).toBe(3);
    expect(labelStride(61, 20)).toBe(4);
  });
});

describe('PDF column widths', () => {
  it('shares the width by the relative widths when every column fits', () => {
    expect(shareWidths([1, 3], [10, 10], 400)).toEqual([100, 300]);
  });
  it('keeps a column at its longest word and takes the room from the others in proportion', () => {
    const w = shareWidths([1, 1, 2], [60, 10, 10], 200);
    expect(w[0]).toBe(60);
    expect(w[1]).toBeCloseTo(140 / 3, 9);
    expect(w[2]).toBeCloseTo(280 / 3, 9);
  });
  it('scales the minimums down together when even they do not fit', () => {
    expect(shareWidths([1, 1], [150, 50], 100)).toEqual([75, 25]);
  });
});
