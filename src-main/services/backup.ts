// Automatic backups with SQLite's online backup API: a consistent copy while the app keeps
// working, one a day, the last `keep` days kept. Marks are legal records; a broken disk or a
// deleted file must not lose a term's work.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { schoolDate } from '../../src-shared/dates';
import type { Services } from './context';

const NAME = /^zhurnal-(\d{4}-\d{2}-\d{2})\.db$/;

export interface BackupResult {
  file: string | null;
  kept: string[];
}

/** Makes today's backup unless it exists, then removes all but the newest `keep`. */
export async function backupIfDue(s: Services, dir: string, keep = 14): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true });
  const today = schoolDate(s.now());
  const target = join(dir, `zhurnal-${today}.db`);
  let made: string | null = null;
  const exists = (() => {
    try {
      return statSync(target).size > 0;
    } catch {
      return false;
    }
  })();
  if (!exists) {
    const partial = `${target}.partial`;
    rmSync(partial, { force: true });
    await s.sqlite.backup(partial);
    // One self-contained file (no -wal beside it), and a copy that does not pass its own
    // integrity check is not a backup.
    const check = new Database(partial);
    try {
      check.pragma('journal_mode = DELETE');
      const ok = check.pragma('integrity_check', { simple: true });
      if (ok !== 'ok') throw new Error(`backup failed its integrity check: ${String(ok)}`);
    } finally {
      check.close();
    }
    renameSync(partial, target);
    made = target;
  }
  const all = readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort()
    .reverse();
  for (const old of all.slice(keep)) for (const f of [old, `${old}-wal`, `${old}-shm`]) rmSync(join(dir, f), { force: true });
  return { file: made, kept: all.slice(0, keep) };
}
