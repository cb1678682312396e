// The completeness overview (issue 12) on the reference workload: overview.completeness through
// the real router as the deputy calls it (session, permission, output validation), over the
// whole year up to the bench's "today" (late May: ~58,000 lessons, ~500,000 marks). Target:
// ≤ 500 ms, absolute (the figure); a raw count of the same lessons and marks is shown
// as the baseline for scale, not judged.
import type { App } from '../../src-main/app';
import { medianMs, type BenchRow } from './measure';

export async function overviewBenches(app: App, quick: boolean): Promise<{ rows: BenchRow[]; info: string }> {
  const login = await app.router.call('auth.login', { login: 'deputy', password: 'demo' }, null);
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
  const token = (login.value as { token: string }).token;
  const s = app.services.sqlite;
  const call = async () => {
    const r = await app.router.call('overview.completeness', {}, token);
    if (!r.ok) throw new Error(`overview.completeness failed: ${r.error.message}`);
    return r.value as { months: string[]; byClass: unknown[]; byTeacher: unknown[] };
  };
  const first = await call();
  const raw = s.prepare(
    `SELECT (SELECT COUNT(*) FROM lesson l WHERE l.date BETWEEN ? AND ?) +
            (SELECT COUNT(*) FROM lesson l JOIN mark m ON m.lesson_id = l.id WHERE l.date BETWEEN ? AND ?) AS n`,
  );
  const from = `${first.months[0]}-01`;
  const to = `${first.months.at(-1)}-31`;
  const runs = quick ? 3 : 9;
  const value = await medianMs(call, runs, 2);
  const baseline = await medianMs(() => raw.get(from, to, from, to), runs, 2);
  return {
    rows: [{ name: 'completeness overview, whole year (ms)', value: Math.round(value * 10) / 10, unit: 'ms', baseline: null, ratio: null, target: 500 }],
    info: `overview: ${first.months.length} months, ${first.byClass.length} classes, ${first.byTeacher.length} teachers; completeness ${value.toFixed(1)} ms (raw count of the same lessons and marks ${baseline.toFixed(1)} ms)`,
  };
}
