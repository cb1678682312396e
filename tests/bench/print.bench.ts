// Printing one class's journal for the year (issue 13): every subject's spreads, the attendance
// and summary sheets and the remarks, for the class with the most lessons, through the RPC as
// the deputy starts and collects it: ≤ 5 s, absolute (the figure). Runs on the sheets
// bench's copy, whose term marks and decisions are arranged, so the book is as full as in May.
// The baseline reads the same lessons, marks and absences with plain SQL, for the ratio.
import type { App } from '../../src-main/app';
import { row, type BenchRow } from './measure';

const TARGET_MS = 5_000;

export async function classYearBench(app: App, token: string, quick: boolean): Promise<{ rows: BenchRow[]; info: string }> {
  const s = app.services.sqlite;
  const cls = s
    .prepare(
      `SELECT c.id, c.grade || c.letter AS name, count(*) AS n FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
        JOIN school_year y ON y.id = c.year_id AND y.status = 'open' GROUP BY c.id ORDER BY n DESC LIMIT 1`,
    )
    .get() as { id: number; name: string; n: number };
  const raw = [
    'SELECT l.* FROM lesson l JOIN study_group g ON g.id = l.group_id WHERE g.class_id = ?',
    'SELECT m.* FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN mark m ON m.lesson_id = l.id WHERE g.class_id = ?',
    'SELECT a.* FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN absence a ON a.lesson_id = l.id WHERE g.class_id = ?',
  ].map((q) => s.prepare(q));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const total: number[] = [];
  const base: number[] = [];
  let bytes = 0;
  for (let i = 0; i < (quick ? 1 : 3); i++) {
    let t0 = performance.now();
    for (const q of raw) q.all(cls.id);
    base.push(performance.now() - t0);
    t0 = performance.now();
    const started = await app.router.call('print.classYearStart', { classId: cls.id }, token);
    if (!started.ok) throw new Error(`print.classYearStart: ${started.error.message}`);
    const { jobId } = started.value as { jobId: string };
    for (;;) {
      const job = await app.router.call('print.classYearJob', { jobId }, token);
      if (!job.ok) throw new Error(`print.classYearJob: ${job.error.message}`);
      const v = job.value as { state: string; file: { data: string } | null; error: string | null };
      if (v.state === 'failed') throw new Error(`class year print failed: ${v.error}`);
      if (v.state === 'done') {
        bytes = v.file!.data.length * 0.75;
        break;
      }
      await new Promise((r) => setImmediate(r));
    }
    total.push(performance.now() - t0);
  }
  const value = med(total);
  const baseline = med(base);
  return {
    rows: [row("one class's journal for the year, PDF (ms)", 'ms', value, null, TARGET_MS)],
    info: `class year ${cls.name}: ${cls.n} lessons, ${Math.round(bytes / 1024)} KB; ${Math.round(value)} ms; plain SQL of its lessons, marks, absences ${Math.round(baseline)} ms, ratio ${(value / baseline).toFixed(1)}`,
  };
}
