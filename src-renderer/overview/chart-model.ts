// Chart geometry (pure): the weekly completeness lines, stacked marks bars per class, absence
// bars by reason. Inline SVG draws what these return; nothing here knows React.
import type { Completeness, Metric } from '../../src-shared/rpc/overview';
import { ratio } from './model';

export interface Point {
  x: number;
  y: number;
}

/**
 * A polyline per metric over the weeks: x spreads the weeks over the width, y maps 0–100 % to
 * height–0. Weeks with nothing measured break nothing: they are skipped (the line joins across).
 */
export function weekLine(weeks: readonly { value: Completeness }[], metric: Metric, width: number, height: number): Point[] {
  const step = weeks.length > 1 ? width / (weeks.length - 1) : 0;
  const out: Point[] = [];
  weeks.forEach((w, i) => {
    const r = ratio(w.value[metric]);
    if (r !== null) out.push({ x: round(i * step), y: round(height - r * height) });
  });
  return out;
}

export const pointsAttr = (ps: readonly Point[]) => ps.map((p) => `${p.x},${p.y}`).join(' ');

const round = (x: number) => Math.round(x * 10) / 10;

/** Mark values in the order the stacked bars show them (best first), others after. */
export const MARK_ORDER = ['5', '4', '3', '2', '1'];

export interface Segment {
  value: string;
  count: number;
  /** Share of the class's marks (0–1) and where the segment starts. */
  share: number;
  offset: number;
}

/** One class's marks as stacked shares of 100 %: the known values in order, then the rest. */
export function stack(counts: Readonly<Record<string, number>>): Segment[] {
  const total = Object.values(counts).reduce((s, n) => s + n, 0);
  if (total === 0) return [];
  const values = [...MARK_ORDER.filter((v) => counts[v]), ...Object.keys(counts).filter((v) => !MARK_ORDER.includes(v) && counts[v]).sort()];
  let offset = 0;
  return values.map((value) => {
    const share = counts[value]! / total;
    const seg = { value, count: counts[value]!, share, offset };
    offset += share;
    return seg;
  });
}

/** Bar lengths relative to the largest (0–1). */
export function scaleBars(counts: readonly number[]): number[] {
  const max = Math.max(0, ...counts);
  return counts.map((n) => (max > 0 ? n / max : 0));
}
