// Generated lessons and the portal (issue 11), against the portal double: a full package does
// not carry the year's untouched coming lessons (no flood), a coming lesson that got data
// reaches the portal with the next package, and a cancelled lesson the portal knew is deleted there.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal } from '../portal/server';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
let portal: Awaited<ReturnType<typeof startPortal>>;
const tokens: Record<string, string> = {};
const TODAY = '2026-11-26';
beforeAll(async () => {
  app = createTestApp(`${TODAY}T07:00:00Z`);
  sc = await buildTinySchool(app);
  portal = await startPortal({ dbFile: join(app.dir, 'portal.db'), token: 'portal-secret-token' });
  for (const l of ['teacher', 'deputy', 'admin'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
  await app.call('export.configure', { url: portal.url, token: 'portal-secret-token' }, tokens.admin);
  await app.call('timetable.generate', { yearId: sc.year }, tokens.deputy);
});
afterAll(async () => {
  await portal.close();
  app.dispose();
});

/** The lesson ids the portal holds, read from its own store. */
function portalLessons(): number[] {
  const db = new Database(join(app.dir, 'portal.db'), { readonly: true });
  try {
    return db.prepare('SELECT id FROM lessons ORDER BY id').pluck().all() as number[];
  } finally {
    db.close();
  }
}
const ids = (sql: string, ...p: unknown[]) => app.services.sqlite.prepare(sql).pluck().all(...p) as number[];

describe('generated lessons on the portal', () => {
  it('a full package carries the lessons up to today, none of the untouched coming ones', async () => {
    expect(ids('SELECT id FROM lesson WHERE date > ?', TODAY).length).toBeGreaterThan(10);
    const r = await app.call<any>('export.runFull', {}, tokens.admin);
    expect(r).toMatchObject({ package: { state: 'done' }, error: null });
    expect(portalLessons()).toEqual(ids('SELECT id FROM lesson WHERE date <= ? AND cancelled = 0 ORDER BY id', TODAY));
  });

  it('a coming lesson that got data reaches the portal with the next package', async () => {
    const lesson = { groupId: sc.g5a, subjectId: sc.rus, date: '2026-12-03', slot: 2 };
    await app.call('journal.setLesson', { lesson, homework: 'Упр. 40' }, tokens.teacher);
    const id = ids("SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date = '2026-12-03' AND slot = 2", sc.g5a, sc.rus)[0]!;
    expect(portalLessons()).not.toContain(id);
    await app.call('export.sendNow', {}, tokens.admin);
    expect(portalLessons()).toContain(id);
  });

  it('a cancelled lesson the portal knew is deleted there', async () => {
    // Monday 23 November is past: the full package sent its (empty) lesson.
    const id = ids("SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date = '2026-11-23' AND slot = 2", sc.g5a, sc.rus)[0]!;
    expect(portalLessons()).toContain(id);
    await app.call('timetable.cancelLesson', { lesson: { groupId: sc.g5a, subjectId: sc.rus, date: '2026-11-23', slot: 2 } }, tokens.deputy);
    await app.call('export.sendNow', {}, tokens.admin);
    expect(portalLessons()).not.toContain(id);
    // And the next full package does not bring it back.
    await app.call('export.runFull', {}, tokens.admin);
    expect(portalLessons()).toEqual(
      ids('SELECT id FROM lesson WHERE cancelled = 0 AND (date <= ? OR homework IS NOT NULL) ORDER BY id', TODAY),
    );
  });
});
