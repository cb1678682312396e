import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DbVersionFromFutureError, openDatabase } from '../../db/client';
import { migrationsFolder, tempDir } from '../helpers/app';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}
const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as Journal;
const opened: Database.Database[] = [];
afterEach(() => opened.splice(0).forEach((d) => d.open && d.close()));

describe('migration files', () => {
  it('are numbered in order with strictly increasing timestamps (drizzle skips older ones silently)', () => {
    journal.entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      expect(e.tag.startsWith(String(i).padStart(4, '0') + '_')).toBe(true);
      if (i > 0) expect(e.when).toBeGreaterThan(journal.entries[i - 1]!.when);
    });
  });

  it('has one SQL file per journal entry and no stray ones', () => {
    const sqlFiles = readdirSync(migrationsFolder)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(sqlFiles).toEqual(journal.entries.map((e) => `${e.tag}.sql`));
  });
});

describe('openDatabase', () => {
  it('applies every migration once, records the version and sets the pragmas', () => {
    const file = join(tempDir(), 'a.db');
    const { sqlite } = openDatabase(file, { migrationsFolder });
    opened.push(sqlite);
    expect(sqlite.pragma('user_version', { simple: true })).toBe(journal.entries.length);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    sqlite.close();
    // Reopening applies nothing twice (tables already exist would throw).
    const again = openDatabase(file, { migrationsFolder });
    opened.push(again.sqlite);
    expect(again.sqlite.pragma('user_version', { simple: true })).toBe(journal.entries.length);
  });

  it('refuses a database written by a newer version, without touching it', () => {
    const file = join(tempDir(), 'future.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${journal.entries.length + 3}`);
    raw.exec('CREATE TABLE from_the_future (x)');
    raw.close();
    expect(() => openDatabase(file, { migrationsFolder })).toThrow(DbVersionFromFutureError);
    expect(() => openDatabase(file, { migrationsFolder })).toThrow(/более новой версией/);
    const check = new Database(file);
    opened.push(check);
    expect(check.pragma('user_version', { simple: true })).toBe(journal.entries.length + 3);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'school'").get()).toBeUndefined();
  });

  it('rolls back every migration of a run when one fails', () => {
    const dir = tempDir();
    const folder = join(dir, 'migrations');
    cpSync(migrationsFolder, folder, { recursive: true });
    const bad = {
      idx: journal.entries.length,
      version: '6',
      when: Date.now() + 1e6,
      tag: `${String(journal.entries.length).padStart(4, '0')}_bad`,
      breakpoints: true,
    };
    writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: [...journal.entries, bad] }));
    writeFileSync(join(folder, `${bad.tag}.sql`), 'CREATE TABLE ok_one (x);\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    const file = join(dir, 'b.db');
    expect(() => openDatabase(file, { migrationsFolder: folder })).toThrow();
    const check = new Database(file);
    opened.push(check);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });
});
