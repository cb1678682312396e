// Export benchmarks (issue 5): building the full package of the reference workload against a
// raw baseline of the same rows (a better-sqlite3 scan of the year's lessons, marks and
// absences, JSON.stringify'ed in batches of 10,000), the peak memory of that build (in a child
// process of its own, read from its VmHWM), and building the incremental package of one
// school day of edits.
//
// The child: ZHURNAL_BENCH_EXPORT_DB=FILE node --import tsx tests/bench/export.bench.ts
// builds one full package on FILE and prints {ms, rssBeforeMb, maxRssMb, size} as JSON.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openApp, type App } from '../../src-main/app';
import type { Ctx } from '../../src-main/services/context';
import { mutate } from '../../src-main/services/mutate';
import { queueFullPackage, queueIncrementalPackage } from '../../src-main/services/export/outbox';
import { currentYear } from '../../src-main/services/school/handlers';
import { schoolDate } from '../../src-shared/dates';
import { compare, memMb, row, type BenchRow } from './measure';

const CHILD_ENV = 'ZHURNAL_BENCH_EXPORT_DB';
const NOW_ENV = 'ZHURNAL_BENCH_EXPORT_NOW';
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

interface ChildResult {
  ms: number;
  rssBeforeMb: number;
  maxRssMb: number;
  size: number;
}

/** One full build in a fresh process: its VmHWM is the build's peak, app and runtime included. */
function buildInChild(dbFile: string, now: Date): Promise<ChildResult> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, [CHILD_ENV]: dbFile, [NOW_ENV]: now.toISOString() },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) reject(new Error(`export bench child exited with ${code}: ${out}`));
      else resolve(JSON.parse(line) as ChildResult);
    });
  });
}

async function childMain(dbFile: string, now: Date): Promise<void> {
  const migrationsFolder = fileURLToPath(new URL('../../db/migrations', import.meta.url));
  const resourcesDir = fileURLToPath(new URL('../../resources', import.meta.url));
  const app = openApp({ dbFile, migrationsFolder, resourcesDir, now: () => now, checkOutput: false });
  const ctx: Ctx = { ...app.services, actor: null };
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const p = await queueFullPackage(ctx, 'bench');
  const ms = performance.now() - t0;
  app.services.sqlite.prepare('DELETE FROM export_package WHERE id = ?').run(p.id);
  app.close();
  const result: ChildResult = { ms, rssBeforeMb: mb(rssBefore), maxRssMb: Math.round(memMb('self', 'VmHWM') * 10) / 10, size: p.size };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export async function exportBenches(app: App, quick: boolean, dbFile: string): Promise<{ rows: BenchRow[]; info: string }> {
  const { sqlite } = app.services;
  const ctx: Ctx = { ...app.services, actor: null };
  const now = app.services.now();
  const today = schoolDate(now);
  const year = currentYear(app.services, today);
  if (!year) throw new Error('no current school year in the bench database');
  const maxRowid = (sqlite.prepare('SELECT COALESCE(MAX(rowid), 0) AS n FROM export_package').get() as { n: number }).n;

  // Baseline: the year's lessons, marks and absences straight from better-sqlite3, stringified
  // in batches of 10,000 rows (what a hand-written exporter would at least have to do).
  const scans = [
    sqlite.prepare(
      `SELECT l.* FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?`,
    ),
    sqlite.prepare(
      `SELECT m.* FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN study_group g ON g.id = l.group_id
       JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?`,
    ),
    sqlite.prepare(
      `SELECT a.* FROM absence a JOIN lesson l ON l.id = a.lesson_id JOIN study_group g ON g.id = l.group_id
       JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?`,
    ),
  ];
  let rawRows = 0;
  const raw = () => {
    let chars = 0;
    rawRows = 0;
    for (const s of scans) {
      let batch: unknown[] = [];
      for (const r of s.iterate(year.id)) {
        batch.push(r);
        if (batch.length === 10_000) {
          chars += JSON.stringify(batch).length;
          rawRows += batch.length;
          batch = [];
        }
      }
      chars += JSON.stringify(batch).length;
      rawRows += batch.length;
    }
    return chars;
  };
  let size = 0;
  const full = await compare(
    async () => {
      const p = await queueFullPackage(ctx, 'bench');
      size = p.size;
      // Not left for sending: the bench may run on a copy of a real school (--db).
      sqlite.prepare('DELETE FROM export_package WHERE id = ?').run(p.id);
    },
    raw,
    quick ? 1 : 3,
  );

  // Peak memory of one build, in a process of its own.
  const child = await buildInChild(dbFile, now);

  // One school day of edits: every cell and lesson of the busiest recent day recorded again,
  // as if entered that day; then the incremental package that carries them.
  const day = (
    sqlite
      .prepare(
        `SELECT l.date, COUNT(*) AS n FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
         WHERE c.year_id = ? AND l.date <= ? GROUP BY l.date ORDER BY l.date DESC LIMIT 6`,
      )
      .all(year.id, today) as { date: string; n: number }[]
  ).sort((a, b) => b.n - a.n)[0];
  if (!day) throw new Error('no lessons to edit in the bench database');
  const lessons = sqlite.prepare('SELECT id FROM lesson WHERE date = ?').pluck().all(day.date) as number[];
  const cells = sqlite
    .prepare(
      `SELECT lesson_id, pupil_id FROM mark WHERE lesson_id IN (SELECT id FROM lesson WHERE date = ?)
       UNION SELECT lesson_id, pupil_id FROM absence WHERE lesson_id IN (SELECT id FROM lesson WHERE date = ?)`,
    )
    .all(day.date, day.date) as { lesson_id: number; pupil_id: number }[];
  const bump = sqlite.prepare(
    `UPDATE mark SET value = CASE value WHEN '5' THEN '4' WHEN '4' THEN '5' ELSE value END WHERE lesson_id = ? AND pupil_id = ? AND position = 0`,
  );
  const topic = sqlite.prepare('UPDATE lesson SET topic = ? WHERE id = ?');
  let round = 0;
  const editDay = () =>
    mutate(ctx, (rec) => {
      round++;
      for (const id of lessons) {
        topic.run(`Тема урока ${round}`, id);
        rec.audit({ action: 'bench.lesson', entity: 'lesson', entityId: id, feed: 'upsert' });
      }
      for (const c of cells) {
        bump.run(c.lesson_id, c.pupil_id);
        rec.audit({ action: 'bench.cell', entity: 'cell', entityId: `${c.lesson_id}:${c.pupil_id}`, feed: 'upsert' });
      }
    });
  // The package chain must not start here: the first incremental after none would be a full one.
  editDay();
  await queueIncrementalPackage(ctx, 'bench');
  const times: number[] = [];
  let incSize = 0;
  for (let i = 0; i < (quick ? 3 : 7); i++) {
    editDay();
    const t0 = performance.now();
    const p = await queueIncrementalPackage(ctx, 'bench');
    times.push(performance.now() - t0);
    if (!p || p.kind !== 'incremental') throw new Error('expected an incremental package');
    incSize = p.size;
  }
  times.sort((a, b) => a - b);
  const incremental = times[Math.floor(times.length / 2)]!;
  sqlite.prepare('DELETE FROM export_package WHERE rowid > ?').run(maxRowid);

  return {
    rows: [
      row('full export (build package) vs raw scan+JSON', 'ms', full.value, full.baseline, 2),
      row('full export peak memory', 'MB', child.maxRssMb, null, 300),
      row('incremental package for one school day', 'ms', incremental, null, 100),
    ],
    info:
      `export: full package ${mb(size)} MB gzip (${rawRows} raw rows in the baseline); child build ${Math.round(child.ms)} ms, ` +
      `RSS ${child.rssBeforeMb} MB after opening, ${child.maxRssMb} MB peak; one day ${day.date}: ${lessons.length} lessons, ` +
      `${cells.length} cells, incremental ${Math.round(incSize / 1024)} KB gzip`,
  };
}

const childDb = process.env[CHILD_ENV];
if (childDb)
  childMain(childDb, new Date(process.env[NOW_ENV] ?? Date.now())).catch((e) => {
    console.error(e);
    process.exit(1);
  });
