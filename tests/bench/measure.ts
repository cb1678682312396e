// Timing helpers for benchmarks: medians over repeated runs, and the result row format
// of DESIGN.md §8 ({name, value, unit, baseline, ratio, target}).

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  ratio: number | null;
  /** The upper bound the ratio (or, without a baseline, the value) must stay under. */
  target: number;
}

/** Median wall time of fn in milliseconds, after warm-up runs. */
export async function medianMs(fn: () => unknown, runs: number, warmup = Math.min(20, runs)): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Interleaves measured and baseline runs in rounds, so a noisy moment (the other core busy,
 * a checkpoint) hits both sides alike instead of skewing the ratio.
 */
export async function compare(
  measured: () => unknown,
  baseline: () => unknown,
  runs: number,
): Promise<{ value: number; baseline: number }> {
  const rounds = 5;
  const per = Math.max(3, Math.ceil(runs / rounds));
  const m: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    b.push(await medianMs(baseline, per, r === 0 ? undefined : 2));
    m.push(await medianMs(measured, per, r === 0 ? undefined : 2));
  }
  const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { value: med(m), baseline: med(b) };
}

export function row(name: string, unit: string, value: number, baseline: number | null, target: number): BenchRow {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    name,
    value: round(value),
    unit,
    baseline: baseline === null ? null : round(baseline),
    ratio: baseline ? round(value / baseline) : null,
    target,
  };
}

export function printTable(rows: BenchRow[]): void {
  const head = ['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'ok'];
  const lines = rows.map((r) => {
    const judged = r.ratio ?? r.value;
    return [
      r.name,
      String(r.value),
      r.unit,
      r.baseline === null ? '-' : String(r.baseline),
      r.ratio === null ? '-' : String(r.ratio),
      `≤ ${r.target}`,
      judged <= r.target ? 'yes' : 'NO',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}
