import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupIfDue } from '../../src-main/services/backup/make';
import { addUser, createTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
beforeEach(() => {
  app = createTestApp('2026-11-26T07:00:00Z');
});
afterEach(() => app.dispose());

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
});
