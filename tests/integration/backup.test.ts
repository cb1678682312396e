import { cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { openApp } from '../../src-main/app';
import { backupIfDue } from '../../src-main/services/backup/make';
import { verifyAuditChain } from '../../src-main/services/mutate';
import { addUser, createTestApp, migrationsFolder, resourcesDir, TEST_PASSWORD, tableCounts, tempDir, type TestApp } from '../helpers/app';

let app: TestApp;
beforeEach(() => {
  app = createTestApp('2026-11-26T07:00:00Z');
});
afterEach(() => app.dispose());

/** Plain SQL on a file, independent of the code under test. */
function readFile<T>(file: string, sql: string): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as T;
  } finally {
    db.close();
  }
}

function lastAudit(a: TestApp): { action: string; entity_id: string | null; after: string | null } {
  return a.services.sqlite.prepare('SELECT action, entity_id, after FROM audit_event ORDER BY seq DESC LIMIT 1').get() as never;
}

/** Overwrites whole pages (page 1 of 4 KiB is spared, so the file still opens): b-tree pages SQLite finds broken. */
function scribble(file: string, at: number, length: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length, 0x5a), 0, length, at);
  closeSync(fd);
}

async function admin(a: TestApp): Promise<string> {
  await addUser(a, 'admin', ['administrator']);
  return (await a.call<{ token: string }>('auth.login', { login: 'admin', password: TEST_PASSWORD })).token;
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return (e as { body: { code: string; message: string } }).body;
  }
  throw new Error('expected a refusal');
}

describe('automatic backup', () => {
  it('makes one consistent copy a day and keeps only the newest ones', async () => {
    await addUser(app, 'teacher', ['teacher']);
    const dir = join(app.dir, 'backups');
    const first = await backupIfDue(app.services, dir, 3);
    expect(first.file).toBe(join(dir, 'zhurnal-2026-11-26.db'));
    const copy = new Database(first.file!, { readonly: true });
    expect(copy.prepare("SELECT login FROM staff_user WHERE login = 'teacher'").get()).toEqual({ login: 'teacher' });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    // The same day: nothing new.
    expect((await backupIfDue(app.services, dir, 3)).file).toBeNull();
    for (let i = 0; i < 4; i++) {
      app.clock.advance(24 * 3600_000);
      await backupIfDue(app.services, dir, 3);
    }
    expect(readdirSync(dir).sort()).toEqual(['zhurnal-2026-11-28.db', 'zhurnal-2026-11-29.db', 'zhurnal-2026-11-30.db']);
    expect(existsSync(join(dir, 'zhurnal-2026-11-30.db.partial'))).toBe(false);
  });

  it('two overlapping runs (a timer and the start-up catch-up) make one verified copy', async () => {
    const dir = join(app.dir, 'backups');
    const [a, b] = await Promise.all([backupIfDue(app.services, dir), backupIfDue(app.services, dir)]);
    expect(a.file).toBe(join(dir, 'zhurnal-2026-11-26.db'));
    expect(b.file).toBe(a.file);
    expect(readdirSync(dir)).toEqual(['zhurnal-2026-11-26.db']);
    const made = app.services.sqlite.prepare("SELECT COUNT(*) FROM audit_event WHERE action = 'backup.create'").pluck().get();
    const failed = app.services.sqlite.prepare("SELECT COUNT(*) FROM audit_event WHERE action = 'backup.failed'").pluck().get();
    expect([made, failed]).toEqual([1, 0]);
  });

  it('records a verified backup in the audit log with the audit head it carries', async () => {
    const dir = join(app.dir, 'backups');
    const head = app.services.sqlite.prepare('SELECT MAX(seq) FROM audit_event').pluck().get() as number;
    await backupIfDue(app.services, dir);
    expect(readFile<number>(join(dir, 'zhurnal-2026-11-26.db'), 'SELECT MAX(seq) FROM audit_event')).toBe(head);
    const rec = lastAudit(app);
    expect(rec).toMatchObject({ action: 'backup.create', entity_id: 'zhurnal-2026-11-26.db' });
    expect(JSON.parse(rec.after!)).toMatchObject({ auditSeq: head, mirror: 'off' });
  });

  it('deletes a copy that fails its integrity check, records the failure and shows it to the administrator', async () => {
    const token = await admin(app);
    const dir = join(app.dir, 'backups');
    const err = await backupIfDue(app.services, dir, 14, { beforeVerify: (f) => scribble(f, 4096, 8192) }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/не прошла проверку и удалена/);
    expect(readdirSync(dir)).toEqual([]);
    expect(lastAudit(app)).toMatchObject({ action: 'backup.failed', entity_id: 'zhurnal-2026-11-26.db' });
    const list = await app.call<any>('backup.list', {}, token);
    expect(list.backups).toEqual([]);
    expect(list.events[0]).toMatchObject({ action: 'backup.failed', name: 'zhurnal-2026-11-26.db', message: expect.stringMatching(/целостности/) });
    // The next run tries again and succeeds.
    expect((await backupIfDue(app.services, dir)).file).toBe(join(dir, 'zhurnal-2026-11-26.db'));
  });

  it('refuses a copy whose audit log is not the live one (a record more than the source)', async () => {
    const dir = join(app.dir, 'backups');
    const forge = (f: string) => {
      const db = new Database(f);
      db.prepare(
        "INSERT INTO audit_event (at, action, entity, prev_hash, hash) VALUES ('2026-11-26T07:00:00Z', 'forged', 'x', 'p', 'h')",
      ).run();
      db.close();
    };
    await expect(backupIfDue(app.services, dir, 14, { beforeVerify: forge })).rejects.toThrow(/журнал изменений копии расходится/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('backup before a migration', () => {
  /** A copy of the migrations folder without its last migration: an older program's schema. */
  function olderMigrations(dir: string): { folder: string; latest: number } {
    const folder = join(dir, 'older-migrations');
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalFile = join(folder, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
    const latest = journal.entries.length;
    journal.entries.pop();
    writeFileSync(journalFile, JSON.stringify(journal));
    return { folder, latest };
  }

  it('takes a verified copy of the old schema before migrating an existing database, and none for a new one', () => {
    const dir = tempDir();
    try {
      const { folder, latest } = olderMigrations(dir);
      const file = join(dir, 'school.db');
      const old = openDatabase(file, { migrationsFolder: folder });
      old.sqlite.prepare("INSERT INTO person (surname, name) VALUES ('Старова', 'Анна')").run();
      // A second folder chosen earlier: the copy goes there as well.
      const usb = join(dir, 'usb');
      mkdirSync(usb);
      old.sqlite
        .prepare("INSERT INTO school (id, code, name, is_demo, settings, pseudonym_secret, created_at) VALUES (1, '1', 'Ш', 0, ?, 'x', 'now')")
        .run(JSON.stringify({ backupMirrorDir: usb }));
      old.sqlite.close();
      expect(existsSync(join(dir, 'backups'))).toBe(false);

      const now = new Date('2026-11-26T07:00:00.123Z');
      const upgraded = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => now });
      const backups = readdirSync(join(dir, 'backups'));
      expect(backups).toEqual([`zhurnal-2026-11-26T070000123Z-before-migration-v${latest}.db`]);
      const copy = join(dir, 'backups', backups[0]!);
      expect(readFile<number>(copy, 'PRAGMA user_version')).toBe(latest - 1);
      expect(readFile<string>(copy, "SELECT surname FROM person WHERE name = 'Анна'")).toBe('Старова');
      expect(readFile<string>(copy, 'PRAGMA integrity_check')).toBe('ok');
      expect(readFile<string>(copy, 'PRAGMA journal_mode')).toBe('delete');
      expect(readdirSync(usb)).toEqual(backups);
      upgraded.close();

      // Opening the now current database again: no migration, no new backup.
      openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => now }).close();
      expect(readdirSync(join(dir, 'backups'))).toHaveLength(1);
      // A new database: nothing to back up.
      mkdirSync(join(dir, 'new'));
      openApp({ dbFile: join(dir, 'new', 'school.db'), migrationsFolder, resourcesDir }).close();
      expect(existsSync(join(dir, 'new', 'backups'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a copy made before a migration can be restored: it is brought to the current schema', async () => {
    const dir = app.dir;
    const { folder } = olderMigrations(dir);
    const file = join(dir, 'old.db');
    const old = openDatabase(file, { migrationsFolder: folder });
    old.sqlite.prepare("INSERT INTO person (surname, name) VALUES ('Старова', 'Анна')").run();
    old.sqlite.close();
    const upgraded = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => app.clock.now, backupDir: app.services.backupDir! });
    upgraded.close();
    const token = await admin(app);
    const name = readdirSync(app.services.backupDir!).find((n) => n.includes('before-migration'))!;
    await app.call('backup.restore', { name, confirm: true }, token);
    expect(app.services.sqlite.prepare("SELECT surname FROM person WHERE name = 'Анна'").pluck().get()).toBe('Старова');
    expect(app.services.sqlite.pragma('user_version', { simple: true })).toBe(readFile<number>(join(dir, 'school.db'), 'PRAGMA user_version'));
  });
});

describe('second backup folder', () => {
  it('accepts only an existing, writable folder other than the primary one', async () => {
    const token = await admin(app);
    const set = (dir: string) => app.call<{ mirrorDir: string }>('backup.setMirror', { dir }, token);
    const filePath = join(app.dir, 'a-file');
    writeFileSync(filePath, 'x');
    for (const [dir, message] of [
      ['relative/usb', /полный путь/],
      [join(app.dir, 'no-such-folder'), /не найдена/],
      [filePath, /файл, а не папка/],
      [app.services.backupDir!, /основная папка/],
    ] as const) {
      const err = await refusal(set(dir));
      expect(err.code).toBe('validation');
      expect(err.message).toMatch(message);
    }
    expect(readFile<string>(app.file, 'SELECT settings FROM school')).not.toContain('backupMirrorDir');
    // school.updateSettings cannot slip an unchecked folder past the same rules.
    expect((await refusal(app.call('school.updateSettings', { settings: { backupMirrorDir: 'relative' } }, token))).code).toBe('validation');
  });

  it('copies every backup there; a missing drive is a warning, not a failed backup', async () => {
    const token = await admin(app);
    const usb = join(app.dir, 'usb');
    mkdirSync(usb);
    expect(await app.call('backup.setMirror', { dir: usb }, token)).toEqual({ mirrorDir: usb });
    const made = await app.call<{ name: string; mirror: string }>('backup.create', {}, token);
    expect(made.mirror).toBe('ok');
    expect(readdirSync(usb)).toEqual([made.name]);
    expect(readFile<string>(join(usb, made.name), 'PRAGMA integrity_check')).toBe('ok');
    const daily = await backupIfDue(app.services, app.services.backupDir!);
    expect(daily.mirror).toBe('ok');
    expect(readdirSync(usb).sort()).toEqual(['zhurnal-2026-11-26.db', made.name].sort());

    // The drive is unplugged.
    rmSync(usb, { recursive: true });
    app.clock.advance(24 * 3600_000);
    const next = await backupIfDue(app.services, app.services.backupDir!);
    expect(next.file).toBe(join(app.services.backupDir!, 'zhurnal-2026-11-27.db'));
    expect(next.mirror).toBe('failed');
    // A day later the session has expired: sign in again to look.
    const again = (await app.call<{ token: string }>('auth.login', { login: 'admin', password: TEST_PASSWORD })).token;
    const list = await app.call<any>('backup.list', {}, again);
    expect(list.backups.map((b: { name: string }) => b.name)).toContain('zhurnal-2026-11-27.db');
    expect(list.events[0]).toMatchObject({ action: 'backup.mirror_failed', name: 'zhurnal-2026-11-27.db', message: expect.stringMatching(/недоступна/) });
  });
});

describe('restore', () => {
  it('brings back the state of the copy, backs up the replaced state first, ends every session and audits it', async () => {
    const token = await admin(app);
    await app.call('school.updateSettings', { name: 'Школа до копии' }, token);
    const { name } = await app.call<{ name: string }>('backup.create', {}, token);
    const headOfCopy = readFile<number>(join(app.services.backupDir!, name), 'SELECT MAX(seq) FROM audit_event');
    // Later work, which the restore must undo.
    app.clock.advance(5 * 60_000);
    await app.call('school.updateSettings', { name: 'Школа после копии' }, token);
    await addUser(app, 'newcomer', ['teacher']);
    const other = (await app.call<{ token: string }>('auth.login', { login: 'newcomer', password: TEST_PASSWORD })).token;
    const replacedHead = app.services.sqlite.prepare('SELECT MAX(seq) FROM audit_event').pluck().get() as number;

    app.clock.advance(60_000);
    const result = await app.call<{ restoredFrom: string; safetyBackup: string }>('backup.restore', { name, confirm: true }, token);
    expect(result.restoredFrom).toBe(name);
    expect(result.safetyBackup).toMatch(/^zhurnal-2026-11-26T070600000Z-before-restore\.db$/);

    const db = app.services.sqlite;
    expect(db.prepare('SELECT name FROM school').pluck().get()).toBe('Школа до копии');
    expect(db.prepare("SELECT COUNT(*) FROM staff_user WHERE login = 'newcomer'").pluck().get()).toBe(0);
    // The replaced state is kept in the safety backup.
    const safety = join(app.services.backupDir!, result.safetyBackup);
    expect(readFile<string>(safety, 'SELECT name FROM school')).toBe('Школа после копии');
    expect(readFile<number>(safety, "SELECT COUNT(*) FROM staff_user WHERE login = 'newcomer'")).toBe(1);
    // Sessions: the caller's and the restored ones are over; signing in again works.
    expect((await refusal(app.call('backup.list', {}, token))).code).toBe('unauthenticated');
    expect((await refusal(app.call('auth.me', {}, other))).code).toBe('unauthenticated');
    expect(db.prepare('SELECT COUNT(*) FROM session WHERE ended_at IS NULL').pluck().get()).toBe(0);
    const again = (await app.call<{ token: string }>('auth.login', { login: 'admin', password: TEST_PASSWORD })).token;
    expect(await app.call('auth.me', {}, again)).toMatchObject({ user: { login: 'admin' } });
    // Audited in the restored database, on its chain, which still verifies.
    const rec = db.prepare("SELECT seq, after FROM audit_event WHERE action = 'backup.restore'").get() as { seq: number; after: string };
    expect(rec.seq).toBe(headOfCopy + 1);
    expect(JSON.parse(rec.after)).toMatchObject({
      restoredFrom: name,
      safetyBackup: result.safetyBackup,
      by: 'admin',
      restoredHead: { seq: headOfCopy },
      replacedHead: { seq: replacedHead },
    });
    expect(verifyAuditChain({ sqlite: db })).toBeNull();
    // The audit log is append-only again (its triggers came back) and the file is sound.
    expect(() => db.prepare('DELETE FROM audit_event').run()).toThrow();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses a corrupt backup and changes nothing', async () => {
    const token = await admin(app);
    const { name } = await app.call<{ name: string }>('backup.create', {}, token);
    const dir = app.services.backupDir!;
    cpSync(join(dir, name), join(dir, 'zhurnal-2026-11-20.db'));
    scribble(join(dir, 'zhurnal-2026-11-20.db'), 4096, 8192);
    writeFileSync(join(dir, 'zhurnal-2026-11-21.db'), 'not a database at all, just text');
    const files = readdirSync(dir).sort();
    const before = tableCounts(app);
    for (const bad of ['zhurnal-2026-11-20.db', 'zhurnal-2026-11-21.db']) {
      const err = await refusal(app.call('backup.restore', { name: bad, confirm: true }, token));
      expect(err.code).toBe('validation');
      expect(err.message).toMatch(new RegExp(`Копию ${bad.replace(/\./g, '\\.')} нельзя восстановить`));
    }
    expect(tableCounts(app)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(files);
    // The session goes on.
    expect(await app.call('auth.me', {}, token)).toMatchObject({ user: { login: 'admin' } });
  });

  it('takes names only from the folder listing: no path, no file outside it', async () => {
    const token = await admin(app);
    for (const name of ['../school.db', '/etc/passwd', 'zhurnal-2026-11-26.db/../../school.db', '..\\school.db', 'school.db'])
      expect((await refusal(app.call('backup.restore', { name, confirm: true }, token))).code).toBe('validation');
    // Well-formed, but not in the folder.
    expect((await refusal(app.call('backup.restore', { name: 'zhurnal-2026-01-01.db', confirm: true }, token))).code).toBe('not_found');
    expect((await refusal(app.call('backup.restore', { name: 'zhurnal-2026-01-01.db', confirm: false }, token))).code).toBe('validation');
  });

  it('is for the administrator only', async () => {
    await addUser(app, 'deputy', ['deputy', 'director', 'teacher', 'supervisor']);
    const token = (await app.call<{ token: string }>('auth.login', { login: 'deputy', password: TEST_PASSWORD })).token;
    for (const [method, input] of [
      ['backup.list', {}],
      ['backup.create', {}],
      ['backup.setMirror', { dir: '' }],
      ['backup.restore', { name: 'zhurnal-2026-11-26.db', confirm: true }],
    ] as const)
      expect((await refusal(app.call(method, input, token))).code).toBe('forbidden');
  });
});
