// The class results and attendance of the whole demo school, as the deputy builds them, against
// plain SQL over the demo's own term marks and absences (the issue: «generate each report from the
// demo school and check its content against the database»).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openApp, type App } from '../../src-main/app';
import { createDemoDatabase } from '../../src-main/demo/create';
import { migrationsFolder, resourcesDir } from '../helpers/app';
import { table, type ReportJson } from '../helpers/reports-b';

const TODAY = '2026-11-20';
const now = () => new Date(`${TODAY}T09:00:00Z`);
const dir = mkdtempSync(join(tmpdir(), 'zhurnal-reports-b-'));
let app: App;
let token: string;

beforeAll(async () => {
  await createDemoDatabase(join(dir, 'demo.db'), { today: TODAY, now });
  app = openApp({ dbFile: join(dir, 'demo.db'), migrationsFolder, resourcesDir, now, checkOutput: true });
  const env = await app.router.call('auth.login', { login: 'deputy', password: 'demo' }, null);
  if (!env.ok) throw new Error(env.error.message);
  token = (env.value as { token: string }).token;
}, 120_000);
afterAll(() => {
  app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function build(request: unknown): Promise<ReportJson> {
  const env = await app.router.call('reports.build', { request }, token);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as ReportJson;
}

it("counts the whole school's pupils with current marks in each journal as plain SQL does", async () => {
  const from = '2026-09-01';
  // (pupil, journal) pairs with a digit mark in the period, of pupils in the journal's group then.
  const assessed = app.services.sqlite
    .prepare(
      `SELECT COUNT(*) FROM (SELECT DISTINCT m.pupil_id, l.group_id, l.subject_id FROM mark m JOIN lesson l ON l.id = m.lesson_id
        WHERE l.date BETWEEN ? AND ? AND l.cancelled = 0 AND m.value IN ('1', '2', '3', '4', '5')
          AND EXISTS (SELECT 1 FROM group_member g WHERE g.pupil_id = m.pupil_id AND g.group_id = l.group_id AND g.from_date <= ? AND (g.to_date IS NULL OR g.to_date >= ?)))`,
    )
    .pluck()
    .get(from, TODAY, TODAY, from) as number;
  expect(assessed).toBeGreaterThan(100);
  const r = await build({ kind: 'results', classId: null, period: { kind: 'dates', from, to: TODAY } });
  const total = table(r, 'По классам').total!;
  // «5» + «4» + «3» + «2» + н/а over every pupil × journal: each assessed pair once.
  expect((total.slice(4, 9) as number[]).reduce((a, b) => a + b, 0)).toBe(assessed);
  const subjects = table(r, 'По предметам');
  expect(subjects.rows.reduce((a, row) => a + (row[2] as number), 0)).toBe(assessed);
});

it("counts the whole school's absences by reason as plain SQL does", async () => {
  const from = '2026-09-01';
  const rows = app.services.sqlite
    .prepare(
      `SELECT a.reason, COUNT(*) AS n FROM absence a JOIN lesson l ON l.id = a.lesson_id JOIN study_group g ON g.id = l.group_id
        WHERE l.held = 1 AND l.cancelled = 0 AND l.part = 0 AND l.date BETWEEN ? AND ?
          AND EXISTS (SELECT 1 FROM enrolment e WHERE e.pupil_id = a.pupil_id AND e.class_id = g.class_id AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?))
        GROUP BY a.reason`,
    )
    .all(from, TODAY, TODAY, from) as { reason: string; n: number }[];
  const by = Object.fromEntries(rows.map((x) => [x.reason, x.n]));
  expect(rows.length).toBeGreaterThan(1);
  const r = await build({ kind: 'attendance', classId: null, period: { kind: 'dates', from, to: TODAY } });
  const total = table(r, 'Пропуски уроков по классам').total!;
  // Учеников, б, у, п, н, всего, уважит., неуважит., оп
  const n = (k: string) => by[k] ?? 0;
  expect(total.slice(3, 11)).toEqual([n('б'), n('у'), n('п'), n('н'), n('б') + n('у') + n('п') + n('н'), n('б') + n('у'), n('п') + n('н'), n('оп')]);
});
