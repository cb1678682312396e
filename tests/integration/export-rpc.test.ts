// Export through the router: configuration (the key stays secret), manual uploads, the
// schedule, and the monthly diary check («Проверка дневника») against the portal double.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../src-main/demo/create';
import { openApp, type App } from '../../src-main/app';
import { lastDailySlot, lastFullSlot, runDue } from '../../src-main/services/export/schedule';
import { startPortal } from '../portal/server';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

let now = new Date('2026-11-26T12:00:00Z');
let app: App;
let portal: Awaited<ReturnType<typeof startPortal>>;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  const dir = tempDir();
  await createDemoDatabase(join(dir, 'school.db'), { big: false, today: '2026-11-26', now: () => now });
  app = openApp({ dbFile: join(dir, 'school.db'), migrationsFolder, resourcesDir, now: () => now, checkOutput: true });
  portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: 'portal-secret-token' });
  for (const l of ['admin', 'teacher', 'director']) {
    const env = await app.router.call('auth.login', { login: l, password: 'demo' }, null);
    tokens[l] = (env as { ok: true; value: { token: string } }).value.token;
  }
});
afterAll(async () => {
  await portal.close();
  app.close();
});

const as = (login: string) => async (method: string, input: unknown) => {
  const env = await app.router.call(method, input, tokens[login]!);
  if (!env.ok) throw Object.assign(new Error(`${method}: ${env.error.message}`), { code: env.error.code });
  return env.value as any;
};

describe('export over RPC', () => {
  it('is configured by the administrator; the key is never shown or audited', async () => {
    await as('admin')('export.configure', { url: portal.url, token: 'portal-secret-token', dailyAt: '18:00', fullDay: 1 });
    const status = await as('admin')('export.status', {});
    expect(status.settings).toEqual({ url: portal.url, dailyAt: '18:00', fullDay: 1, tokenSet: true, tokenSealed: false });
    // Stored as is on this host (no safeStorage), never in plain sight of the RPC or the audit log.
    expect(app.services.sqlite.prepare("SELECT value FROM secret WHERE key = 'portal_token'").pluck().get()).toBe(
      'plain:portal-secret-token',
    );
    expect(JSON.stringify(status)).not.toContain('portal-secret-token');
    const audit = app.services.sqlite.prepare('SELECT before, after FROM audit_event').all();
    expect(JSON.stringify(audit)).not.toContain('portal-secret-token');
    await expect(as('teacher')('export.configure', { url: '' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('uploads the whole year on demand, then compares the month: everything matches', async () => {
    const r = await as('admin')('export.runFull', {});
    expect(r).toMatchObject({ package: { kind: 'full', state: 'done' }, error: null });
    const check = await as('teacher')('export.reconcile', { month: '2026-11' });
    expect(check.journals.length).toBeGreaterThan(2);
    expect(check.journals.every((j: any) => j.same && j.lessons.length === 0)).toBe(true);
    expect(check.journals.every((j: any) => j.local.marks === j.portal.marks)).toBe(true);
    // A teacher compares only their own journals and their class.
    const all = await as('director')('export.reconcile', { month: '2026-11' });
    expect(all.journals.length).toBeGreaterThan(check.journals.length);
  });

  it('shows an edit not yet sent down to the lesson, and the next upload mends it', async () => {
    const j = (await as('teacher')('journal.list', {})).journals.find((x: any) => x.access === 'write');
    const journal = await as('teacher')('journal.open', { groupId: j.groupId, subjectId: j.subjectId });
    const cell = journal.cells.find(
      (c: any) => c.marks.length > 0 && journal.lessons.find((l: any) => l.lessonId === c.lessonId)?.date.startsWith('2026-11'),
    );
    const lesson = journal.lessons.find((l: any) => l.lessonId === cell.lessonId);
    const value = cell.marks[0].value === '5' ? '4' : '5';
    await as('teacher')('journal.setCell', {
      lesson: { groupId: j.groupId, subjectId: j.subjectId, date: lesson.date, slot: lesson.slot },
      pupilId: cell.pupilId,
      marks: [{ value, workTypeId: cell.marks[0].workTypeId }],
      absence: null,
    });
    const before = await as('teacher')('export.reconcile', { month: '2026-11', groupId: j.groupId, subjectId: j.subjectId });
    expect(before.journals[0]).toMatchObject({
      same: false,
      lessons: [{ lessonId: cell.lessonId, date: lesson.date, problem: 'different' }],
    });
    const sent = await as('admin')('export.sendNow', {});
    expect(sent.package).toMatchObject({ kind: 'incremental', state: 'done' });
    const after = await as('teacher')('export.reconcile', { month: '2026-11', groupId: j.groupId, subjectId: j.subjectId });
    expect(after.journals[0]).toMatchObject({ same: true, lessons: [] });
  });

  it('runs the daily export at its time, catches up a missed day, and warns when late', async () => {
    const services = { ...app.services, actor: null };
    // Same evening, before 18:00: nothing is due (the full went out today).
    expect((await runDue(services)).built).toEqual([]);
    // A mark, then the app is off until the next day's afternoon: the missed daily runs at start.
    await as('teacher')('journal.myWork', {});
    const j = (await as('teacher')('journal.list', {})).journals.find((x: any) => x.access === 'write');
    const open = await as('teacher')('journal.open', { groupId: j.groupId, subjectId: j.subjectId });
    const lesson = open.lessons.filter((l: any) => l.lessonId && l.date <= '2026-11-26').at(-1);
    const pupil = open.pupils.find((p: any) => p.to === null);
    await as('teacher')('journal.setCell', {
      lesson: { groupId: j.groupId, subjectId: j.subjectId, date: lesson.date, slot: lesson.slot },
      pupilId: pupil.id,
      marks: [],
      absence: 'н',
    });
    now = new Date('2026-11-27T10:00:00Z');
    const due = await runDue(services);
    expect(due.built).toEqual(['incremental']);
    expect(due.sync?.done).toHaveLength(1);
    expect((await runDue(services)).built).toEqual([]);
    // Offline for days: the status warns.
    await portal.close();
    now = new Date('2026-11-30T10:00:00Z');
    const login = await app.router.call('auth.login', { login: 'admin', password: 'demo' }, null);
    tokens.admin = (login as { ok: true; value: { token: string } }).value.token;
    const status = await as('admin')('export.status', {});
    expect(status.dailyLate).toBe(true);
  });
});

describe('schedule slots', () => {
  it('finds the last daily and monthly moments in Moscow time', () => {
    expect(lastDailySlot(new Date('2026-11-26T16:00:00Z'), '18:00').toISOString()).toBe('2026-11-26T15:00:00.000Z');
    expect(lastDailySlot(new Date('2026-11-26T14:00:00Z'), '18:00').toISOString()).toBe('2026-11-25T15:00:00.000Z');
    expect(lastFullSlot(new Date('2026-11-26T14:00:00Z'), 1, '18:00').toISOString()).toBe('2026-11-01T15:00:00.000Z');
    expect(lastFullSlot(new Date('2027-01-01T10:00:00Z'), 1, '18:00').toISOString()).toBe('2026-12-01T15:00:00.000Z');
  });
});
