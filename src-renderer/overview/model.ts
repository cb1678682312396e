// The completeness table's logic (pure): shares, their colour band, the pivot of one metric
// over the months, rows with the worst cell first, and the worst cells as a short list.
import type { Completeness, CompletenessRow, Metric, Share } from '../../src-shared/rpc/overview';

/** num / den, or null where nothing was measured (a dash, not a 0 %). */
export function ratio(s: Share): number | null {
  return s.den > 0 ? s.num / s.den : null;
}

/** "85 %" (rounded down: 99.6 % is not yet everything), "—" for nothing measured. */
export function percent(s: Share): string {
  const r = ratio(s);
  return r === null ? '—' : `${Math.floor(r * 100 + 1e-9)} %`;
}

export type Band = 'good' | 'fair' | 'poor' | 'none';

/** ≥ 90 % good, ≥ 70 % fair, below poor: the colour of a cell. */
export function band(s: Share): Band {
  const r = ratio(s);
  if (r === null) return 'none';
  return r >= 0.9 ? 'good' : r >= 0.7 ? 'fair' : 'poor';
}

export interface PivotRow {
  id: number;
  name: string;
  cells: Share[];
  /** The row's lowest share of this metric (null: nothing measured in any month). */
  worst: number | null;
}

/** One metric over the months; rows with the worst cell first, rows with no data last. */
export function pivot(rows: readonly CompletenessRow[], metric: Metric): PivotRow[] {
  return rows
    .map((r) => {
      const cells = r.months.map((c) => c[metric]);
      const shares = cells.map(ratio).filter((x): x is number => x !== null);
      return { id: r.id, name: r.name, cells, worst: shares.length ? Math.min(...shares) : null };
    })
    .sort((a, b) => {
      if (a.worst === null || b.worst === null) return a.worst === b.worst ? a.name.localeCompare(b.name, 'ru') : a.worst === null ? 1 : -1;
      return a.worst - b.worst || a.name.localeCompare(b.name, 'ru');
    });
}

export interface WorstCell {
  name: string;
  month: string;
  share: Share;
}

/** The n lowest cells of a metric (row × month), lowest first: what to look at first. */
export function worstCells(rows: readonly CompletenessRow[], months: readonly string[], metric: Metric, n: number): WorstCell[] {
  const out: WorstCell[] = [];
  for (const r of rows) r.months.forEach((c, i) => c[metric].den > 0 && out.push({ name: r.name, month: months[i]!, share: c[metric] }));
  return out.sort((a, b) => ratio(a.share)! - ratio(b.share)! || b.share.den - a.share.den).slice(0, n);
}

/** Sum of cells (the school's months into the year so far). */
export function total(cells: readonly Completeness[]): Completeness {
  const sum = (m: Metric): Share => ({ num: cells.reduce((s, c) => s + c[m].num, 0), den: cells.reduce((s, c) => s + c[m].den, 0) });
  return { held: cells.reduce((s, c) => s + c.held, 0), topic: sum('topic'), homework: sum('homework'), attendance: sum('attendance'), marks: sum('marks'), onTime: sum('onTime') };
}
