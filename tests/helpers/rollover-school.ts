// The demo school at its year's end (2027-06-10: every lesson of 2026/2027 held), built once
// per process and copied for each test, with the rollover's preconditions arranged by plain SQL.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openApp } from '../../src-main/app';
import { createDemoDatabase } from '../../src-main/demo/create';
import type { Sqlite } from '../../db/client';
import { migrationsFolder, resourcesDir, tempDir, type TestApp } from './app';

export const YEAR_END_NOW = '2027-06-10T07:00:00Z';
export const YEAR_END_TODAY = '2027-06-10';
export const OLD_END = '2027-05-31';

let template: Promise<string> | null = null;

/** The small demo school generated as of 2027-06-10, once per test file. */
export function yearEndTemplate(big = false): Promise<string> {
  return (template ??= (async () => {
    const dir = tempDir('zhurnal-rollover-template-');
    const file = join(dir, 'demo.db');
    await createDemoDatabase(file, { big, today: YEAR_END_TODAY, now: () => new Date(YEAR_END_NOW) });
    return file;
  })());
}

/** A real app on a copy of the template, with a clock the test can move. */
export async function openYearEnd(start = YEAR_END_NOW): Promise<TestApp> {
  const src = await yearEndTemplate();
  const dir = tempDir('zhurnal-rollover-');
  const file = join(dir, 'school.db');
  copyFileSync(src, file);
  mkdirSync(join(dir, 'backups'));
  const clock = {
    now: new Date(start),
    advance(ms: number) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const app = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => clock.now, checkOutput: true, log: () => {} });
  return {
    ...app,
    dir,
    file,
    clock,
    async call<T>(method: string, input: unknown, token: string | null = null): Promise<T> {
      const env = await app.router.call(method, input, token);
      if (!env.ok) throw Object.assign(new Error(`${env.error.code}: ${env.error.message}`), { body: env.error });
      return env.value as T;
    },
    dispose() {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every pupil × journal at the year's end (independent of the rollover's own query). */
export const PUPIL_JOURNALS_SQL = `
  SELECT DISTINCT m.pupil_id, g.id AS group_id, tl.subject_id, t.id AS term_id
    FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
    JOIN school_year y ON y.id = c.year_id AND y.status = 'open'
    JOIN group_member m ON m.group_id = g.id AND m.from_date <= y.ends_on AND (m.to_date IS NULL OR m.to_date >= y.ends_on)
    JOIN term t ON t.year_id = y.id AND t.kind = 'year' AND c.grade BETWEEN t.grade_from AND t.grade_to`;

/** Closes every study period of the open year and gives every pupil × journal a year mark. */
export function arrangeYearEnd(sqlite: Sqlite, mark = '4'): void {
  sqlite.transaction(() => {
    sqlite
      .prepare(
        "UPDATE term SET closed_at = '2027-06-01T09:00:00.000Z' WHERE kind IN ('quarter', 'half', 'trimester') AND year_id IN (SELECT id FROM school_year WHERE status = 'open')",
      )
      .run();
    sqlite
      .prepare(
        `INSERT INTO term_mark (pupil_id, group_id, subject_id, term_id, value) SELECT pupil_id, group_id, subject_id, term_id, ? FROM (${PUPIL_JOURNALS_SQL}) WHERE true
         ON CONFLICT (pupil_id, group_id, subject_id, term_id) DO UPDATE SET value = excluded.value`,
      )
      .run(mark);
  })();
}
