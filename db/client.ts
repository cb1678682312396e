// Opens the school database: the one place that sets pragmas and applies migrations.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type Sqlite = Database.Database;

export class DbVersionFromFutureError extends Error {
  constructor(
    readonly dbVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `База данных записана более новой версией программы (схема ${dbVersion}, эта программа знает ${appVersion}). ` +
        `Обновите программу. / The database was written by a newer version (schema ${dbVersion} > ${appVersion}).`,
    );
    this.name = 'DbVersionFromFutureError';
  }
}

export interface OpenOptions {
  migrationsFolder: string;
  readonly?: boolean;
  /**
   * Called before pending migrations touch an existing database (not a new one), with the
   * schema version it will move to: the app takes a verified backup here. A throw stops the
   * start, so no migration ever runs without its backup. (A hook, not an import: db/ knows
   * nothing of the services that make backups.)
   */
  beforeMigrate?: (sqlite: Sqlite, fromVersion: number, toVersion: number) => void;
}

/**
 * Marks are legal records: synchronous=FULL even in WAL (better-sqlite3 would default to NORMAL),
 * so a committed mark survives a power cut.
 */
function applyPragmas(sqlite: Sqlite): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

export function openDatabase(file: string, opts: OpenOptions): { db: Db; sqlite: Sqlite } {
  const sqlite = new Database(file);
  try {
    applyPragmas(sqlite);
    migrate(sqlite, opts.migrationsFolder, opts.beforeMigrate);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  const db = drizzle(sqlite, { schema }) as Db;
  return { db, sqlite };
}

/**
 * A read-only second connection for long reads (the full export): in WAL mode it reads one
 * snapshot inside a transaction while the main connection goes on writing.
 */
export function openReader(file: string): Sqlite {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/**
 * Applies pending migrations in one transaction. user_version holds the number of applied
 * migrations, so a database from a newer app (more migrations than we know) is refused
 * before anything touches it.
 */
export function migrate(sqlite: Sqlite, migrationsFolder: string, beforeMigrate?: OpenOptions['beforeMigrate']): void {
  const migrations = readMigrationFiles({ migrationsFolder });
  const known = migrations.length;
  const current = sqlite.pragma('user_version', { simple: true }) as number;
  if (current > known) throw new DbVersionFromFutureError(current, known);
  if (current === known) return;
  // user_version 0 is a new, empty file: nothing to lose, nothing to back up.
  if (current > 0) beforeMigrate?.(sqlite, current, known);
  // Foreign keys cannot be toggled inside a transaction; migrations that rebuild tables need them off.
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      for (const m of migrations.slice(current)) for (const stmt of m.sql) if (stmt.trim()) sqlite.exec(stmt);
      sqlite.pragma(`user_version = ${known}`);
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`migration left ${broken.length} foreign key violations`);
    })();
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

export { schema };
