// The outbox against the real portal double: a full package is stored before it is sent,
// reaches the portal exactly once through dropped requests, lost answers and 5xx, and the
// portal's diary then equals the local journal.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../src-main/demo/create';
import { openApp, type App } from '../../src-main/app';
import { localFullPayload } from '../helpers/export';
import { queueFullPackage, queueIncrementalPackage } from '../../src-main/services/export/outbox';
import { PORTAL_TOKEN_KEY, syncOutbox } from '../../src-main/services/export/sync';
import { backoffMs } from '../../src-main/services/export/transport';
import type { Ctx } from '../../src-main/services/context';
import { canonicalDiary } from '../../src-shared/export/keys';
import { startPortal } from '../portal/server';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

let now = new Date('2026-11-26T15:00:00Z');
let app: App;
let ctx: Ctx;
let portal: Awaited<ReturnType<typeof startPortal>>;
beforeAll(async () => {
  const dir = tempDir();
  await createDemoDatabase(join(dir, 'school.db'), { big: false, today: '2026-11-26', now: () => now });
  app = openApp({ dbFile: join(dir, 'school.db'), migrationsFolder, resourcesDir, now: () => now });
  ctx = { ...app.services, actor: null };
  portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: 'secret-token' });
  const settings = JSON.parse(
    (app.services.sqlite.prepare('SELECT settings FROM school WHERE id = 1').get() as { settings: string }).settings,
  );
  app.services.sqlite.prepare('UPDATE school SET settings = ? WHERE id = 1').run(JSON.stringify({ ...settings, exportUrl: portal.url }));
  app.services.sqlite.prepare('INSERT INTO secret (key, value) VALUES (?, ?)').run(PORTAL_TOKEN_KEY, 'secret-token');
});
afterAll(async () => {
  await portal.close();
  app.close();
});

const state = async () => (await (await fetch(`${portal.url}__state`)).json()) as any;
const row = (id: string) =>
  app.services.sqlite.prepare('SELECT state, attempts, last_error, receipt FROM export_package WHERE id = ?').get(id) as any;

describe('outbox', () => {
  it('stores the package before sending, then delivers it once through every fault', async () => {
    const p = await queueFullPackage(ctx, 'тест');
    expect(row(p.id)).toMatchObject({ state: 'queued', attempts: 0 });
    portal.setFaults({ dropRequest: 1, fail5xx: 1, dropResponse: 1 });
    const seen: string[] = [];
    for (let i = 0; i < 6 && row(p.id).state !== 'done'; i++) {
      const r = await syncOutbox(ctx, { timeoutMs: 20_000 });
      if (r.waiting) seen.push(r.waiting.error);
      now = new Date(now.getTime() + 31 * 60_000); // past any backoff
    }
    expect(row(p.id)).toMatchObject({ state: 'done', attempts: 4 });
    expect(seen).toHaveLength(3);
    expect(JSON.parse(row(p.id).receipt)).toMatchObject({ packageId: p.id, payloadSha256: p.sha256, duplicate: true });
    const s = await state();
    const school = Object.values(s.schools)[0] as any;
    expect(s.packages[p.id].applies).toBe(1);
    const local = await localFullPayload(app.services, '2026-11-26');
    expect(school.diary).toEqual(canonicalDiary(local));
  });

  it('sends the day’s edits as an incremental package, and the portal again equals the journal', async () => {
    const login = async (l: string) =>
      ((await app.router.call('auth.login', { login: l, password: 'demo' }, null)) as { ok: true; value: { token: string } }).value.token;
    const call = async (token: string, method: string, input: unknown) => {
      const env = await app.router.call(method, input, token);
      if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
      return env.value as any;
    };
    const teacher = await login('teacher');
    const work = await call(teacher, 'journal.myWork', { date: '2026-11-23' });
    const own = work.load.find((l: any) => l.access === 'write');
    const j = await call(teacher, 'journal.open', { groupId: own.groupId, subjectId: own.subjectId });
    const lesson = j.lessons.filter((l: any) => l.lessonId && l.date <= '2026-11-26').at(-1);
    const slot = { groupId: own.groupId, subjectId: own.subjectId, date: lesson.date, slot: lesson.slot };
    const pupils = j.pupils.filter((p: any) => p.to === null);
    const wt = j.workTypes.find((w: any) => !w.isMakeUp).id;
    await call(teacher, 'journal.setCell', { lesson: slot, pupilId: pupils[0].id, marks: [{ value: '5', workTypeId: wt }], absence: null });
    await call(teacher, 'journal.setCell', { lesson: slot, pupilId: pupils[1].id, marks: [], absence: 'б' });
    // A cell emptied after the full package: the portal must forget it.
    const filled = j.cells.find((c: any) => c.lessonId !== lesson.lessonId && c.marks.length > 0);
    const filledLesson = j.lessons.find((l: any) => l.lessonId === filled.lessonId);
    await call(teacher, 'journal.setCell', {
      lesson: { ...slot, date: filledLesson.date, slot: filledLesson.slot },
      pupilId: filled.pupilId,
      marks: [],
      absence: null,
    });
    await call(teacher, 'journal.setLesson', { lesson: slot, topic: 'Повторение', homework: 'Упр. 7' });
    await call(teacher, 'journal.setTermMark', {
      groupId: own.groupId,
      subjectId: own.subjectId,
      termId: j.term.id,
      pupilId: pupils[2].id,
      value: '4',
    });
    const admin = await login('admin');
    const teacherPerson = (await call(admin, 'staff.list', {})).staff.find((s: any) => s.login === 'teacher2');
    await call(admin, 'uid.set', { personId: teacherPerson.personId, uid: '99887766' });

    const p = (await queueIncrementalPackage(ctx, 'тест'))!;
    expect(p.kind).toBe('incremental');
    const sent = await syncOutbox(ctx);
    expect(sent.done).toEqual([p.id]);
    const s = await state();
    expect(s.packages[p.id].applies).toBe(1);
    const school = Object.values(s.schools)[0] as any;
    const local = await localFullPayload(app.services, '2026-11-26');
    expect(school.diary).toEqual(canonicalDiary(local));
    // Nothing new: nothing to send.
    expect(await queueIncrementalPackage(ctx, 'тест')).toBeNull();
  });

  it('a key the portal does not accept is not a refusal of the package: it waits, and says to check the key', async () => {
    app.services.sqlite.prepare("UPDATE secret SET value = 'plain:wrong-key-1' WHERE key = ?").run(PORTAL_TOKEN_KEY);
    const p = await queueFullPackage(ctx, 'тест');
    const r = await syncOutbox(ctx);
    expect(r.refused).toEqual([]);
    expect(r.waiting).toMatchObject({ id: p.id, error: expect.stringContaining('ключ') });
    expect(row(p.id)).toMatchObject({ state: 'queued', last_error: expect.stringContaining('401') });
    expect((await syncOutbox(ctx)).sent).toBe(0); // backoff
    app.services.sqlite.prepare("UPDATE secret SET value = 'plain:secret-token' WHERE key = ?").run(PORTAL_TOKEN_KEY);
    expect((await syncOutbox(ctx, { force: true })).done).toEqual([p.id]);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, () => 0)).toBe(2_500);
    expect(backoffMs(1, () => 1)).toBe(5_000);
    expect(backoffMs(4, () => 1)).toBe(40_000);
    expect(backoffMs(30, () => 1)).toBe(30 * 60_000);
  });
});
