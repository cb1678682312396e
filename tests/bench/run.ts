// npm run bench -- [--quick] [--json FILE] [--db FILE] [--only journal|export|network|timetable|rollover|grid|check|overview|reports|print]: benchmarks on
// the reference workload (DESIGN.md §7), each as a ratio against a raw-SQL baseline measured
// in the same run. Exits 1 when any row misses its target, so CI fails on a regression.
// npm run bench -- --check FILE judges the rows a run saved with --json, the same way.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoDatabase } from '../../src-main/demo/create';
import { openApp } from '../../src-main/app';
import { resolveSession } from '../../src-main/services/auth/sessions';
import { migrationsFolder, parseArgs, resourcesDir } from '../../src-main/cli/paths';
import { checkBenches } from './check';
import { exportBenches } from './export.bench';
import { journalBenches } from './journal.bench';
import { networkBenches } from './network.bench';
import { gridBenches } from './grid.bench';
import { rolloverBenches } from './rollover.bench';
import { timetableBenches } from './timetable.bench';
import { overviewBenches } from './overview';
import { sheetsBenches } from './sheets.bench';
import { reportsBBenches } from './reports-b.bench';
import { printTable, verdict, type BenchRow } from './measure';

const args = parseArgs(process.argv.slice(2));
const quick = args.quick === true;
const only = typeof args.only === 'string' ? args.only : null;
// Late in the school year, so every generated lesson of the big school lies in the past.
const NOW = new Date('2027-05-31T15:00:00Z');

async function measure(): Promise<BenchRow[]> {
  // The grid's render in Chromium runs on the small demo school of its own host (grid.bench.ts).
  const grid = only === null || only === 'grid' ? await gridBenches(quick) : null;
  if (grid) console.log(grid.info);
  if (only === 'grid') return saved(grid!.rows);
  const dir = mkdtempSync(join(tmpdir(), 'zhurnal-bench-'));
  const dbFile = typeof args.db === 'string' ? args.db : join(dir, 'big.db');
  try {
    if (!existsSync(dbFile)) {
      const t0 = performance.now();
      const s = await createDemoDatabase(dbFile, { big: true, today: '2027-05-31', now: () => NOW });
      console.log(
        `reference school: ${s.pupils} pupils, ${s.classes} classes, ${s.teachers} teachers, ${s.lessons} lessons, ${s.marks} marks, ${s.absences} absences (${Math.round(performance.now() - t0)} ms)`,
      );
    }
    const app = openApp({ dbFile, migrationsFolder, resourcesDir, now: () => NOW, checkOutput: false });
    const login = await app.router.call('auth.login', { login: 'teacher', password: 'demo' }, null);
    if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
    const token = (login.value as { token: string }).token;
    const actor = resolveSession(app.services, token, false);
    const rows: BenchRow[] = [];
    if (only === null || only === 'journal') {
      const journal = await journalBenches(app, actor, token, quick);
      console.log(journal.info);
      rows.push(...journal.rows);
    }
    if (only === null || only === 'export') {
      const exported = await exportBenches(app, quick, dbFile);
      console.log(exported.info);
      rows.push(...exported.rows);
    }
    if (only === null || only === 'timetable') {
      const timetable = await timetableBenches(app, actor, quick);
      console.log(timetable.info);
      rows.push(...timetable.rows);
    }
    if (only === null || only === 'check') {
      const check = await checkBenches(app, quick);
      console.log(check.info);
      rows.push(...check.rows);
    }
    if (only === null || only === 'overview') {
      const overview = await overviewBenches(app, quick);
      console.log(overview.info);
      rows.push(...overview.rows);
    }
    if (only === null || only === 'reports') {
      const reports = await reportsBBenches(app, quick);
      console.log(reports.info);
      rows.push(...reports.rows);
    }
    app.close();
    // The school network: the host in a child process on the same file, which this one has closed.
    if (only === null || only === 'network') {
      const network = await networkBenches(dbFile, quick, NOW);
      for (const line of network.info) console.log(line);
      rows.push(...network.rows);
    }
    if (only === null || only === 'rollover') {
      const rolled = await rolloverBenches(dbFile, NOW);
      console.log(rolled.info);
      rows.push(...rolled.rows);
    }
    if (only === null || only === 'print') {
      const sheets = await sheetsBenches(dbFile, NOW, quick);
      console.log(sheets.info);
      rows.push(...sheets.rows);
    }
    if (grid) rows.push(...grid.rows);
    return saved(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function saved(rows: BenchRow[]): BenchRow[] {
  if (typeof args.json === 'string') writeFileSync(args.json, JSON.stringify(rows, null, 2));
  return rows;
}

async function main() {
  const rows = typeof args.check === 'string' ? (JSON.parse(readFileSync(args.check, 'utf8')) as BenchRow[]) : await measure();
  console.log('');
  printTable(rows);
  const { failed, exitCode } = verdict(rows);
  if (failed.length)
    console.error(`\n${failed.length} of ${rows.length} benchmarks missed their target: ${failed.map((r) => r.name).join('; ')}`);
  else if (exitCode) console.error('\nno benchmark was measured');
  process.exitCode = exitCode;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
