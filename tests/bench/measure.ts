// Timing helpers for benchmarks: medians over repeated runs, and the result row format
// of DESIGN.md §8 ({name, value, unit, baseline, ratio, target}).
import { readFileSync } from 'node:fs';

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
 * Alternates one measured call and one baseline call, so whatever the machine does meanwhile
 * (the other core busy, a WAL checkpoint, the disk cache) falls on both sides alike; the
 * medians then compare like with like.
 */
export async function compare(
  measured: () => unknown,
  baseline: () => unknown,
  runs: number,
): Promise<{ value: number; baseline: number }> {
  for (let i = 0; i < Math.min(30, runs); i++) {
    await baseline();
    await measured();
  }
  const m: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await baseline();
    b.push(performance.now() - t0);
    t0 = performance.now();
    await measured();
    m.push(performance.now() - t0);
  }
  const med = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
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

/** A row holds when its ratio (or, without a baseline, its value) is at most its target. */
export function passes(r: BenchRow): boolean {
  const judged = r.ratio ?? r.value;
  return Number.isFinite(judged) && judged <= r.target;
}

/** The verdict of a run: the rows that missed their target, and the process exit code. */
export function verdict(rows: BenchRow[]): { failed: BenchRow[]; exitCode: 0 | 1 } {
  const failed = rows.filter((r) => !passes(r));
  // A run that measured nothing has proved nothing.
  return { failed, exitCode: failed.length > 0 || rows.length === 0 ? 1 : 0 };
}

export function printTable(rows: BenchRow[]): void {
  const head = ['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'ok'];
  const lines = rows.map((r) => {
    return [
      r.name,
      String(r.value),
      r.unit,
      r.baseline === null ? '-' : String(r.baseline),
      r.ratio === null ? '-' : String(r.ratio),
      `≤ ${r.target}`,
      passes(r) ? 'yes' : 'NO',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(fmt(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(fmt(l));
}

/**
 * A process's memory from /proc (Linux): VmRSS now, or VmHWM, its peak. VmHWM belongs to the
 * process's own address space; getrusage's maxRSS is not a child's own peak, since Linux carries
 * the parent's resident size at fork over the exec.
 */
export function memMb(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
