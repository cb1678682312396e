// npm run bench must fail CI when a row misses its target (issue 9, part 11): the pass/fail
// rule on rows written by hand, and the exit code of the real runner judging saved rows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { passes, verdict, type BenchRow } from '../bench/measure';

const ratioRow = (value: number, baseline: number, target: number): BenchRow => ({
  name: `ratio ${value}/${baseline} ≤ ${target}`,
  value,
  unit: 'ms',
  baseline,
  ratio: value / baseline,
  target,
});
const valueRow = (value: number, target: number): BenchRow => ({ name: `value ${value} ≤ ${target}`, value, unit: 'ms', baseline: null, ratio: null, target });

describe('bench verdict', () => {
  it('judges the ratio when there is a baseline, the value otherwise; the target itself passes', () => {
    expect(passes(ratioRow(3, 2, 2))).toBe(true); // 1.5 ≤ 2, although the value 3 > 2
    expect(passes(ratioRow(4, 2, 2))).toBe(true); // exactly at the target
    expect(passes(ratioRow(5, 2, 2))).toBe(false);
    expect(passes(valueRow(100, 100))).toBe(true);
    expect(passes(valueRow(100.5, 100))).toBe(false);
    expect(passes({ ...valueRow(1, 2), value: Number.NaN })).toBe(false);
  });

  it('fails the run when any row misses, or when nothing was measured', () => {
    expect(verdict([ratioRow(3, 2, 2), valueRow(50, 100)])).toEqual({ failed: [], exitCode: 0 });
    const miss = valueRow(210, 100);
    expect(verdict([ratioRow(3, 2, 2), miss])).toEqual({ failed: [miss], exitCode: 1 });
    expect(verdict([]).exitCode).toBe(1);
  });
});

describe('npm run bench exit code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhurnal-bench-verdict-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const runner = fileURLToPath(new URL('../bench/run.ts', import.meta.url));
  const judge = (rows: BenchRow[]) => {
    const file = join(dir, `rows-${rows.length}-${rows.map((r) => r.value).join('-')}.json`);
    writeFileSync(file, JSON.stringify(rows));
    return spawnSync(process.execPath, ['--import', 'tsx', runner, '--check', file], { encoding: 'utf8' });
  };

  it('is 0 when every row holds and 1 when one misses, naming it', () => {
    const ok = judge([ratioRow(3, 2, 2), valueRow(50, 100)]);
    expect(ok.status).toBe(0);
    const bad = judge([ratioRow(3, 2, 2), valueRow(210, 100)]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('value 210 ≤ 100');
    expect(bad.stdout).toMatch(/value 210 ≤ 100 .* NO/);
  });
});
