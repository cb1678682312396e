// A new demo database file in one call: used by `npm run demo` and by `serve` when its FILE
// does not exist yet.
import { renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/client';
import { schoolDate } from '../../src-shared/dates';
import { generateDemoSchool, type DemoSummary } from './generate';

export interface CreateDemoOptions {
  big?: boolean;
  /** School date the demo is "as of"; defaults to today's date in Moscow from now(). */
  today?: string;
  seed?: number;
  now?: () => Date;
  /**
   * Where the SQL migrations are. Defaults to db/migrations next to this source file; a
   * bundled build must pass its own path (import.meta.url then points into the bundle).
   */
  migrationsFolder?: string;
}

export function sourceMigrationsFolder(): string {
  return fileURLToPath(new URL('../../db/migrations', import.meta.url));
}

/**
 * Creates (migrates and fills) the database at file, closes it, and returns the counts.
 * It is built aside and renamed into place: a generator that fails halfway must not leave a
 * half-filled file that the next start would open as if it were a school.
 */
export async function createDemoDatabase(file: string, opts: CreateDemoOptions = {}): Promise<DemoSummary> {
  const partial = `${file}.creating`;
  const leftovers = (f: string) => [f, `${f}-wal`, `${f}-shm`];
  for (const f of leftovers(partial)) rmSync(f, { force: true });
  const summary = await fill(partial, opts);
  for (const f of leftovers(file)) rmSync(f, { force: true });
  renameSync(partial, file);
  return summary;
}

async function fill(file: string, opts: CreateDemoOptions): Promise<DemoSummary> {
  const now = opts.now ?? (() => new Date());
  const { sqlite } = openDatabase(file, { migrationsFolder: opts.migrationsFolder ?? sourceMigrationsFolder() });
  try {
    const summary = await generateDemoSchool(sqlite, {
      big: opts.big ?? false,
      today: opts.today ?? schoolDate(now()),
      now,
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
    });
    // Fold the WAL into the main file so the database is one self-contained file to copy.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    return summary;
  } finally {
    // Closing the last connection removes the -wal and -shm files, so the rename moves one file.
    sqlite.close();
  }
}
