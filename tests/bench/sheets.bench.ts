// The whole school's summary sheets (issue 13) on the reference workload, and on the same copy
// one class's year book (print.bench.ts): ≤ 10 s, absolute (the
// issue's figure), for the PDF of every class of the year as print.summarySheets makes it. Runs
// on a copy of the bench database where the year's term marks are arranged by plain SQL (the
// demo generator writes lesson marks only): each pupil × journal × study period gets the rounded
// mean of its lesson marks, the year mark the rounded mean of those, grades 9 and 11 an exam and a
// final mark, and every pupil a promotion decision — a summary sheet as full as at the year's end.
// Loading (one read of term_mark, names, decisions) and rendering are measured apart; the
// baseline reads the same term_mark rows with plain SQL, for the ratio.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sqlite } from '../../db/client';
import { openApp } from '../../src-main/app';
import { migrationsFolder, resourcesDir } from '../../src-main/cli/paths';
import { newDoc } from '../../src-main/services/pdf/doc';
import { SHEET_PAGE } from '../../src-main/services/print/summary-files';
import { sourceHash } from '../../src-main/services/pdf/source';
import { drawSchoolSummary, loadSchoolSummary } from '../../src-main/services/print/summary-school';
import { classYearBench } from './print.bench';
import { row, type BenchRow } from './measure';

const TARGET_MS = 10_000;

/** Term, year, exam and final marks and decisions for the open year, by plain SQL (see above). */
export function arrangeSummary(sqlite: Sqlite): void {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        `INSERT OR IGNORE INTO term_mark (pupil_id, group_id, subject_id, term_id, value)
         SELECT m.pupil_id, l.group_id, l.subject_id, t.id, CAST(CAST(ROUND(AVG(CAST(m.value AS REAL))) AS INTEGER) AS TEXT)
           FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
           JOIN school_year y ON y.id = c.year_id AND y.status = 'open'
           JOIN term t ON t.year_id = y.id AND c.grade BETWEEN t.grade_from AND t.grade_to
                      AND t.kind IN ('quarter', 'half', 'trimester') AND l.date BETWEEN t.starts_on AND t.ends_on
          WHERE m.value IN ('1', '2', '3', '4', '5')
          GROUP BY m.pupil_id, l.group_id, l.subject_id, t.id`,
      )
      .run();
    for (const kind of ['year', 'exam', 'final'])
      sqlite
        .prepare(
          `INSERT OR IGNORE INTO term_mark (pupil_id, group_id, subject_id, term_id, value)
           SELECT tm.pupil_id, tm.group_id, tm.subject_id, y.id, CAST(CAST(ROUND(AVG(CAST(tm.value AS REAL))) AS INTEGER) AS TEXT)
             FROM term_mark tm JOIN term t ON t.id = tm.term_id AND t.kind IN ('quarter', 'half', 'trimester')
             JOIN term y ON y.year_id = t.year_id AND y.kind = ?
             JOIN study_group g ON g.id = tm.group_id JOIN class_unit c ON c.id = g.class_id AND c.grade BETWEEN y.grade_from AND y.grade_to
            WHERE ? = 'year' OR c.grade IN (9, 11)
            GROUP BY tm.pupil_id, tm.group_id, tm.subject_id, y.id`,
        )
        .run(kind, kind);
    sqlite
      .prepare(
        `INSERT OR IGNORE INTO pupil_decision (year_id, pupil_id, from_class_id, to_class_id, decision, council_number, council_date)
         SELECT c.year_id, e.pupil_id, c.id, NULL, CASE WHEN c.grade = 11 THEN 'graduates' ELSE 'promoted' END, '5', '2027-05-28'
           FROM enrolment e JOIN class_unit c ON c.id = e.class_id JOIN school_year y ON y.id = c.year_id AND y.status = 'open'
          WHERE e.to_date IS NULL`,
      )
      .run();
  })();
}

export async function sheetsBenches(dbFile: string, now: Date, quick: boolean): Promise<{ rows: BenchRow[]; info: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'zhurnal-bench-sheets-'));
  try {
    const file = join(dir, 'school.db');
    copyFileSync(dbFile, file);
    const app = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => now, checkOutput: false });
    try {
      const s = app.services;
      arrangeSummary(s.sqlite);
      const login = await app.router.call('auth.login', { login: 'deputy', password: 'demo' }, null);
      if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
      const token = (login.value as { token: string }).token;
      const yearId = s.sqlite.prepare("SELECT id FROM school_year WHERE status = 'open' ORDER BY starts_on DESC LIMIT 1").pluck().get() as number;
      const raw = s.sqlite.prepare(
        `SELECT tm.pupil_id, tm.subject_id, tm.term_id, tm.value, p.surname, p.name FROM term_mark tm
           JOIN study_group g ON g.id = tm.group_id JOIN class_unit c ON c.id = g.class_id JOIN person p ON p.id = tm.pupil_id
          WHERE c.year_id = ?`,
      );
      const runs = quick ? 1 : 3;
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const total: number[] = [];
      const cpu: number[] = [];
      const load: number[] = [];
      const render: number[] = [];
      const base: number[] = [];
      let pages = 0;
      let bytes = 0;
      let marks = 0;
      for (let i = 0; i < runs; i++) {
        let t0 = performance.now();
        marks = raw.all(yearId).length;
        base.push(performance.now() - t0);
        // The whole call as the deputy makes it (session, scope, load, PDF, base64).
        t0 = performance.now();
        const c0 = process.cpuUsage();
        const env = await app.router.call('print.summarySheets', { yearId, format: 'pdf' }, token);
        if (!env.ok) throw new Error(`print.summarySheets: ${env.error.message}`);
        total.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        // This process's CPU time: on a shared machine the wall time also holds others' work.
        cpu.push((c.user + c.system) / 1000);
        bytes = (env.value as { data: string }).data.length * 0.75;
        // The same two halves apart.
        t0 = performance.now();
        const d = loadSchoolSummary(s, yearId);
        const hash = sourceHash(d);
        load.push(performance.now() - t0);
        t0 = performance.now();
        const { doc, finish } = newDoc(s, 'bench', d.school, SHEET_PAGE);
        drawSchoolSummary(doc, d);
        pages = doc.bufferedPageRange().count;
        await finish(hash);
        render.push(performance.now() - t0);
      }
      const value = med(total);
      const baseline = med(base);
      const book = await classYearBench(app, token, quick);
      return {
        rows: [row("the whole school's summary sheets, PDF (ms)", 'ms', value, null, TARGET_MS), ...book.rows],
        info:
          `${book.info}\n` +
          `summary sheets: ${pages} pages, ${Math.round(bytes / 1024)} KB, ${marks} term marks; whole call ${Math.round(value)} ms, CPU ${Math.round(med(cpu))} ms ` +
          `(load + sha256 ${Math.round(med(load))} ms, render ${Math.round(med(render))} ms); plain SQL of the same term marks ${Math.round(baseline)} ms, ratio ${(value / baseline).toFixed(1)}`,
      };
    } finally {
      app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
