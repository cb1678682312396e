// Class results, attendance and the teacher's report (issue 13) on the reference workload,
// through reports.build as the deputy calls it (session, permission, output validation):
// - «Итоги успеваемости» of the whole school for the first quarter (term marks) — target 2 s;
// - the same over the whole year's current marks (~480,000 marks aggregated): judged against the
//   raw SQL aggregate of the same marks measured alternately (≤ 3×), as the machine's load moves both;
// - «Посещаемость» of the whole school over the year, and one teacher's report over the year.
// The other rows are absolute (2 s), their work being a fraction of the year's marks.
import type { App } from '../../src-main/app';
import { compare, medianMs, row, type BenchRow } from './measure';

export async function reportsBBenches(app: App, quick: boolean): Promise<{ rows: BenchRow[]; info: string }> {
  const login = await app.router.call('auth.login', { login: 'deputy', password: 'demo' }, null);
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
  const token = (login.value as { token: string }).token;
  const s = app.services.sqlite;
  const year = s.prepare('SELECT id, starts_on, ends_on FROM school_year ORDER BY starts_on DESC LIMIT 1').get() as { id: number; starts_on: string; ends_on: string };
  const q1 = s.prepare("SELECT id FROM term WHERE year_id = ? AND kind = 'quarter' AND number = 1").pluck().get(year.id) as number;
  const teacher = s.prepare("SELECT u.id FROM staff_user u WHERE u.login = 'teacher'").pluck().get() as number;
  const dates = { kind: 'dates', from: year.starts_on, to: year.ends_on };
  const build = (request: unknown) => async () => {
    const r = await app.router.call('reports.build', { request }, token);
    if (!r.ok) throw new Error(`reports.build failed: ${r.error.message}`);
    return r.value;
  };
  const runs = quick ? 3 : 7;
  const term = await medianMs(build({ kind: 'results', classId: null, period: { kind: 'term', termId: q1 } }), runs, 1);
  const attendance = await medianMs(build({ kind: 'attendance', classId: null, period: dates }), runs, 1);
  const teacherMs = await medianMs(build({ kind: 'teacher', teacherId: teacher, period: dates }), runs, 1);
  const raw = s.prepare('SELECT m.pupil_id, l.group_id, l.subject_id, SUM(m.weight) FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.date BETWEEN ? AND ? GROUP BY 1, 2, 3');
  const { value: yearMarks, baseline } = await compare(build({ kind: 'results', classId: null, period: dates }), () => raw.all(year.starts_on, year.ends_on), runs);
  const ms = (n: number) => Math.round(n * 10) / 10;
  const r = (name: string, value: number, target: number): BenchRow => ({ name, value: ms(value), unit: 'ms', baseline: null, ratio: null, target });
  return {
    rows: [
      r('class results, whole school, I quarter (ms)', term, 2000),
      row('class results, whole school, year of current marks vs raw aggregate', 'ms', yearMarks, baseline, 3),
      r('attendance, whole school, year (ms)', attendance, 2000),
      r("teacher's report, year (ms)", teacherMs, 2000),
    ],
    info: `reports: results by term ${term.toFixed(0)} ms, by the year's marks ${yearMarks.toFixed(0)} ms (raw aggregate of the same marks ${baseline.toFixed(0)} ms), attendance ${attendance.toFixed(0)} ms, teacher ${teacherMs.toFixed(0)} ms`,
  };
}
