// The geometry of a report's chart, computed once for both renderings (the screen's SVG and the
// PDF's vector drawing): the value axis with «nice» ticks, bars per category and series, the
// line's points (a gap where a value is missing), and the legend. Coordinates are in the
// caller's units with y growing downwards, as in SVG and pdfkit.
import type { ReportChart } from './model';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The step between ticks: 1, 2 or 5 × 10^k, so an axis of about `target` ticks reads well. */
export function niceStep(max: number, target = 5): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / target;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

/** The axis from 0 to the chart's max, or to the data's max rounded up to a whole step; never empty. */
export function valueAxis(chart: Pick<ReportChart, 'series' | 'max'>, integers = true): { max: number; ticks: number[] } {
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const top = chart.max ?? Math.max(0, ...values);
  let step = niceStep(top || 1);
  if (integers && values.every(Number.isInteger)) step = Math.max(1, Math.round(step));
  const max = chart.max ?? Math.max(step, Math.ceil(top / step) * step);
  const ticks: number[] = [];
  for (let v = 0; v <= max + step / 1e6; v += step) ticks.push(Number(v.toFixed(6)));
  return { max, ticks };
}

export interface BarRect extends Box {
  series: number;
  category: number;
  value: number;
}

export interface LinePoint {
  x: number;
  y: number;
  value: number;
  category: number;
}

export interface ChartLayout {
  plot: Box;
  max: number;
  /** Value ticks with their y. */
  ticks: { value: number; y: number }[];
  /** Category labels centred under their slot. */
  labels: { text: string; x: number }[];
  bars: BarRect[];
  /** One polyline per series: runs of consecutive values (a missing value breaks the line). */
  lines: LinePoint[][][];
}

/** Lays the chart out in `area`; `axis` is room left of the plot for tick labels, `bottom` below it for category labels. */
export function layoutChart(chart: ReportChart, area: Box, room: { axis: number; bottom: number } = { axis: 28, bottom: 18 }): ChartLayout {
  const plot: Box = { x: area.x + room.axis, y: area.y, w: Math.max(1, area.w - room.axis), h: Math.max(1, area.h - room.bottom) };
  const { max, ticks } = valueAxis(chart);
  const yOf = (v: number) => plot.y + plot.h - (Math.min(Math.max(v, 0), max) / max) * plot.h;
  const n = Math.max(1, chart.categories.length);
  const slot = plot.w / n;
  const centre = (i: number) => plot.x + slot * (i + 0.5);
  const layout: ChartLayout = {
    plot,
    max,
    ticks: ticks.map((value) => ({ value, y: yOf(value) })),
    labels: chart.categories.map((text, i) => ({ text, x: centre(i) })),
    bars: [],
    lines: [],
  };
  if (chart.chart === 'bars') {
    const k = chart.series.length;
    const group = slot * 0.8;
    const bw = group / k;
    chart.series.forEach((s, si) =>
      s.values.forEach((v, ci) => {
        if (v === null || !Number.isFinite(v)) return;
        const y = yOf(v);
        layout.bars.push({ series: si, category: ci, value: v, x: centre(ci) - group / 2 + si * bw, y, w: bw, h: plot.y + plot.h - y });
      }),
    );
  } else {
    layout.lines = chart.series.map((s) => {
      const runs: LinePoint[][] = [];
      let run: LinePoint[] = [];
      s.values.forEach((v, ci) => {
        if (v === null || !Number.isFinite(v)) {
          if (run.length) runs.push(run);
          run = [];
        } else run.push({ x: centre(ci), y: yOf(v), value: v, category: ci });
      });
      if (run.length) runs.push(run);
      return runs;
    });
  }
  return layout;
}

/** Series colours, the same on the screen and on paper (distinguishable in greyscale too). */
export const SERIES_COLOURS = ['#2f5d9e', '#d9822b', '#3c8d4f', '#9b3b8f', '#7a7a7a', '#c23b3b'];
export const seriesColour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length]!;

/** Category labels to show when they would crowd: every k-th, so at most `fit` are drawn. */
export function labelStride(count: number, fit: number): number {
  return count <= fit || fit < 1 ? 1 : Math.ceil(count / fit);
}
