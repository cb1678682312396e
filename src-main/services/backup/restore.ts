// Restoring a backup into the running app. The live connection (services.sqlite, held by the
// router, the hosts and the timers) stays the same object: the backup's rows replace the live
// rows inside ONE transaction on that connection. So every holder of the connection sees
// either the old database or the restored one, never a mix; no handle goes stale, and a
// second connection (the export's reader) sees the same switch at commit, as SQLite
// guarantees. Swapping the file under open connections instead would leave them reading a
// deleted file or a -wal that belongs to another database.
// The whole restore is synchronous: no other call can write between the safety backup and
// the replacement, so nothing the safety backup missed can be lost.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Sqlite } from '../../../db/client';
import { AppError } from '../../../src-shared/errors';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { listBackups } from './files';
import { backupNow } from './make';
import { auditHead, BackupVerifyError, verifyBackupFile } from './verify';

export interface RestoreResult {
  restoredFrom: string;
  safetyBackup: string;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Ordinary tables of a schema with their writable columns (generated columns cannot be inserted). */
function tablesOf(sqlite: Sqlite, schema: string): Map<string, string[]> {
  const names = sqlite
    .prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const out = new Map<string, string[]>();
  for (const n of names) {
    const cols = sqlite.prepare(`PRAGMA ${schema}.table_xinfo(${q(n)})`).all() as { name: string; hidden: number }[];
    out.set(
      n,
      cols.filter((c) => c.hidden === 0).map((c) => c.name),
    );
  }
  return out;
}

/**
 * Copies a verified backup into a scratch file beside it and brings it to this program's
 * schema (a copy taken before a migration is older). The backup itself is never written.
 */
function stage(file: string, dir: string, migrationsFolder: string): string {
  const staged = join(dir, `.restore-${process.pid}.db`);
  rmSync(staged, { force: true });
  copyFileSync(file, staged);
  const db = new Database(staged);
  try {
    migrate(db, migrationsFolder);
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new BackupVerifyError(`после обновления схемы копия не прошла проверку: ${String(ok)}`);
    if ((db.pragma('foreign_key_check') as unknown[]).length) throw new BackupVerifyError('в копии есть ссылки на несуществующие записи');
  } finally {
    db.close();
  }
  return staged;
}

/**
 * Replaces every row of the live database with the staged copy's, ends every session and
 * audits the restore — all in one transaction. Triggers (the audit log's append-only guard)
 * are dropped and recreated inside it, so outside it they are never missing.
 */
function replaceContent(ctx: Ctx, staged: string, audit: (restoredHead: { seq: number; hash: string }) => void): void {
  const { sqlite } = ctx;
  // Cannot change inside a transaction; rows are consistent as a whole, checked before commit.
  sqlite.pragma('foreign_keys = OFF');
  sqlite.prepare('ATTACH DATABASE ? AS restore_src').run(staged);
  try {
    sqlite.transaction(() => {
      const live = tablesOf(sqlite, 'main');
      const src = tablesOf(sqlite, 'restore_src');
      const same = live.size === src.size && [...live].every(([t, cols]) => src.get(t)?.join(',') === cols.join(','));
      if (!same) throw new AppError('conflict', 'Схема копии не совпадает со схемой программы: восстановление невозможно');
      const triggers = sqlite.prepare("SELECT name FROM main.sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
      for (const t of triggers) sqlite.exec(`DROP TRIGGER main.${q(t)}`);
      for (const t of live.keys()) sqlite.exec(`DELETE FROM main.${q(t)}`);
      for (const [t, cols] of live) {
        const list = cols.map(q).join(', ');
        sqlite.exec(`INSERT INTO main.${q(t)} (${list}) SELECT ${list} FROM restore_src.${q(t)}`);
      }
      // AUTOINCREMENT counters, so new ids continue from the copy's.
      const hasSeq = (schema: string) =>
        sqlite.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE name = 'sqlite_sequence'`).get() !== undefined;
      if (hasSeq('main')) {
        sqlite.exec('DELETE FROM main.sqlite_sequence');
        if (hasSeq('restore_src')) sqlite.exec('INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM restore_src.sqlite_sequence');
      }
      const srcTriggers = sqlite.prepare("SELECT sql FROM restore_src.sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
      for (const sql of srcTriggers) sqlite.exec(sql);
      if ((sqlite.pragma('main.foreign_key_check') as unknown[]).length)
        throw new AppError('conflict', 'В копии есть ссылки на несуществующие записи: восстановление невозможно');
      audit(auditHead(sqlite));
    }).immediate();
  } finally {
    sqlite.prepare('DETACH DATABASE restore_src').run();
    sqlite.pragma('foreign_keys = ON');
  }
}

export function restoreBackup(ctx: Ctx, dir: string, migrationsFolder: string, name: string): RestoreResult {
  const actor = requireActor(ctx);
  // Only a name the folder's own listing holds: the caller cannot point at any other file.
  if (!listBackups(dir).some((b) => b.name === name)) throw new AppError('not_found', `Резервной копии ${name} нет в папке ${dir}`);
  const file = join(dir, name);
  const refuse = (why: string) => new AppError('validation', `Копию ${name} нельзя восстановить: ${why}. Выберите другую копию.`);
  let version: number;
  try {
    version = verifyBackupFile(file).userVersion;
  } catch (e) {
    throw refuse(e instanceof BackupVerifyError ? e.message : String(e));
  }
  const current = ctx.sqlite.pragma('user_version', { simple: true }) as number;
  if (version > current) throw refuse('она сделана более новой версией программы');
  if (version === 0) throw refuse('в ней нет базы журнала');
  let staged: string;
  try {
    staged = stage(file, dir, migrationsFolder);
  } catch (e) {
    rmSync(join(dir, `.restore-${process.pid}.db`), { force: true });
    throw refuse((e as Error).message);
  }
  try {
    const before = auditHead(ctx.sqlite);
    const safety = backupNow(ctx, dir, 'before-restore');
    replaceContent(ctx, staged, (restored) => {
      const now = ctx.now().toISOString();
      // Every session ends, the restored ones too (their tokens were live at backup time).
      ctx.sqlite.prepare('UPDATE session SET ended_at = ? WHERE ended_at IS NULL').run(now);
      // In the restored database, continuing its chain: who restored what, and which head the
      // replaced journal had, so a cut tail is a recorded decision, not an unexplained gap.
      mutate(ctx, (rec) =>
        rec.audit({
          action: 'backup.restore',
          entity: 'backup',
          entityId: name,
          after: {
            restoredFrom: name,
            safetyBackup: safety.name,
            by: actor.login,
            restoredHead: { seq: restored.seq, hash: restored.hash },
            replacedHead: { seq: before.seq, hash: before.hash },
          },
        }),
      );
    });
    return { restoredFrom: name, safetyBackup: safety.name };
  } finally {
    rmSync(staged, { force: true });
  }
}
