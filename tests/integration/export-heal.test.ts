// The export chain heals and never goes backwards (issue 9), against the real portal double:
// a refused package gives way to a full one at once; a full package supersedes the packages
// waiting before it; a second "gap" for the same package escalates to a full one; a receipt
// for another package or other bytes is an error, never "done"; one send at a time per
// database, and a package done stays done even when another process finishes it mid-send;
// a key or address that cannot work is refused when it is saved. After each: the portal's
// diary equals the journal (computed with plain SQL, tests/helpers/expected-diary.ts).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src-main/app';
import { createDemoDatabase } from '../../src-main/demo/create';
import type { Ctx } from '../../src-main/services/context';
import { mutate } from '../../src-main/services/mutate';
import { queueFullPackage, queueIncrementalPackage } from '../../src-main/services/export/outbox';
import { PORTAL_TOKEN_KEY, syncOutbox } from '../../src-main/services/export/sync';
import { startPortal, type Portal } from '../portal/server';
import { portalState } from '../portal/state';
import { expectedDiary } from '../helpers/expected-diary';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

const TODAY = '2026-11-26';
let now = new Date(`${TODAY}T08:00:00Z`);
let app: App;
let ctx: Ctx;
let portal: Portal;
let admin: string;

beforeAll(async () => {
  const dir = tempDir();
  await createDemoDatabase(join(dir, 'school.db'), { big: false, today: TODAY, now: () => now });
  app = openApp({ dbFile: join(dir, 'school.db'), migrationsFolder, resourcesDir, now: () => now });
  ctx = { ...app.services, actor: null };
  portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: 'heal-token-1' });
  const login = await app.router.call('auth.login', { login: 'admin', password: 'demo' }, null);
  if (!login.ok) throw new Error(login.error.message);
  admin = (login.value as { token: string }).token;
  await call('export.configure', { url: portal.url, token: 'heal-token-1' });
  await queueFullPackage(ctx, 'начало');
  expect((await syncOutbox(ctx)).done).toHaveLength(1);
}, 60_000);
afterAll(async () => {
  await portal.close();
  app.close();
});

async function call(method: string, input: unknown): Promise<any> {
  const env = await app.router.call(method, input, admin);
  if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code });
  return env.value;
}

const db = () => app.services.sqlite;
const row = (id: string) =>
  db().prepare('SELECT kind, state, attempts, last_error, receipt FROM export_package WHERE id = ?').get(id) as {
    kind: string;
    state: string;
    attempts: number;
    last_error: string | null;
    receipt: string | null;
  };
const waiting = () => db().prepare("SELECT id FROM export_package WHERE state IN ('queued', 'sending')").pluck().all() as string[];
let topicN = 0;

/** One journal edit with its change-feed mark: a lesson's topic. */
function edit(): void {
  const lesson = db()
    .prepare('SELECT id FROM lesson ORDER BY id LIMIT 1 OFFSET ?')
    .pluck()
    .get(topicN % 50) as number;
  mutate(ctx, (rec) => {
    db().prepare('UPDATE lesson SET topic = ? WHERE id = ?').run(`Тема ${++topicN}`, lesson);
    rec.audit({ action: 'test', entity: 'lesson', entityId: lesson, feed: 'upsert' });
  });
}

async function incremental() {
  edit();
  now = new Date(now.getTime() + 1000);
  return (await queueIncrementalPackage(ctx, 'тест'))!;
}

/** Sends until nothing waits, moving the clock past each backoff. */
async function settle(): Promise<void> {
  portal.setFaults({ reset: true });
  for (let i = 0; i < 6 && waiting().length; i++) {
    const r = await syncOutbox(ctx, { timeoutMs: 30_000 });
    if (r.waiting) now = new Date(Date.parse(r.waiting.nextAttemptAt) + 1);
  }
  expect(waiting()).toEqual([]);
  const school = Object.values(portalState(portal.store).schools)[0]!;
  expect(school.diary).toEqual(expectedDiary(db(), TODAY));
}

describe('the chain heals', () => {
  it('a refused package supersedes every later queued incremental and a full package goes at once', async () => {
    const [a, b, c] = [await incremental(), await incremental(), await incremental()];
    portal.setFaults({ reset: true, refuse: 1 });
    const r = await syncOutbox(ctx);
    expect(r.refused).toEqual([a.id]);
    expect(row(a.id)).toMatchObject({ state: 'refused', last_error: expect.stringContaining('Портал отклонил пакет (422') });
    expect(row(b.id).state).toBe('superseded');
    expect(row(c.id).state).toBe('superseded');
    // The repair went in the same pass: a full package, delivered.
    expect(r.done).toHaveLength(1);
    expect(row(r.done[0]!).kind).toBe('full');
    const audit = db()
      .prepare("SELECT after FROM audit_event WHERE action = 'export.refused' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(audit).superseded).toEqual([b.id, c.id]);
    // The chain goes on with dailies again.
    const d = await incremental();
    expect(d.kind).toBe('incremental');
    expect((await syncOutbox(ctx)).done).toEqual([d.id]);
    await settle();
  });

  it('a refused full package is replaced too, but its repair waits for a backoff (no rebuild loop)', async () => {
    const f = await queueFullPackage(ctx, 'тест');
    portal.setFaults({ reset: true, refuse: 5 });
    const r = await syncOutbox(ctx, { force: true });
    // One refusal, one repair queued, and the pass ends there even though it was forced.
    expect(r.refused).toEqual([f.id]);
    expect(r.sent).toBe(1);
    const repair = db().prepare("SELECT id, kind, next_attempt_at FROM export_package WHERE state = 'queued'").all() as {
      id: string;
      kind: string;
      next_attempt_at: string;
    }[];
    expect(repair).toHaveLength(1);
    expect(repair[0]!.kind).toBe('full');
    expect(repair[0]!.next_attempt_at > now.toISOString()).toBe(true);
    expect((await syncOutbox(ctx)).sent).toBe(0);
    await settle();
  });

  it('a queued full package supersedes the older queued incrementals; the portal never sees them', async () => {
    const [a, b] = [await incremental(), await incremental()];
    const full = await queueFullPackage(ctx, 'тест');
    expect([row(a.id).state, row(b.id).state]).toEqual(['superseded', 'superseded']);
    expect((await syncOutbox(ctx)).done).toEqual([full.id]);
    const stored = portalState(portal.store).packages;
    expect(stored[a.id]).toBeUndefined();
    expect(stored[b.id]).toBeUndefined();
    await settle();
  });

  it('a second "gap" for the same package escalates to a full package', async () => {
    // The portal lost a package it had acknowledged (restored from its backup, say): marked
    // done here without ever reaching it, the next incremental starts past the portal's state.
    const lost = await incremental();
    db().prepare("UPDATE export_package SET state = 'done', receipt = '{}' WHERE id = ?").run(lost.id);
    const next = await incremental();
    const first = await syncOutbox(ctx);
    expect(first.waiting).toMatchObject({ id: next.id, error: expect.stringContaining('не получил один из предыдущих пакетов') });
    expect(row(next.id).state).toBe('queued');
    now = new Date(Date.parse(first.waiting!.nextAttemptAt) + 1);
    const second = await syncOutbox(ctx);
    expect(row(next.id).state).toBe('superseded');
    expect(second.done).toHaveLength(1);
    expect(row(second.done[0]!).kind).toBe('full');
    await settle();
  });

  it('a receipt for another package or other bytes is recorded as an error, never done', async () => {
    for (const turn of ['packageId', 'payloadSha256']) {
      const p = await incremental();
      portal.setFaults({ reset: true, wrongReceipt: 1 });
      if (turn === 'payloadSha256') portal.setFaults({ wrongReceipt: 1 }); // the fault alternates: id, then sha
      const r = await syncOutbox(ctx);
      expect(r.done).toEqual([]);
      expect(row(p.id)).toMatchObject({ state: 'queued', receipt: null, last_error: expect.stringContaining('Квитанция портала') });
      const mismatch = db()
        .prepare("SELECT count(*) FROM audit_event WHERE action = 'export.receipt_mismatch' AND entity_id = ?")
        .pluck()
        .get(p.id);
      expect(mismatch).toBe(1);
      // The resend gets the true receipt (the portal applied it once) and only then is it done.
      portal.setFaults({ reset: true });
      const again = await syncOutbox(ctx, { force: true });
      expect(again, JSON.stringify(again)).toMatchObject({ done: [p.id] });
      expect(JSON.parse(row(p.id).receipt!)).toMatchObject({ packageId: p.id, duplicate: true });
      expect(portalState(portal.store).packages[p.id]!.applies).toBe(1);
    }
    await settle();
  });
});

describe('one send at a time', () => {
  it('"send now" during a scheduled send on a slow portal waits for it, and a done package stays done', async () => {
    const a = await incremental();
    const b = await incremental();
    // The scheduled send gives up on a slow answer (the portal applies, then answers late).
    portal.setFaults({ reset: true, delayMs: 1_500, delayCount: 1 });
    const scheduled = syncOutbox(ctx, { timeoutMs: 300 });
    let scheduledEnded = 0;
    void scheduled.then(() => (scheduledEnded = Date.now()));
    // «Отправить сейчас» is pressed while the portal sits on the scheduled send's answer.
    const deadline = Date.now() + 10_000;
    while (!portal.store.db.prepare("SELECT 1 FROM deliveries WHERE package_id = ? AND outcome = 'applied'").get(a.id)) {
      if (Date.now() > deadline) throw new Error(`the scheduled send never reached the portal: ${JSON.stringify(await scheduled)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const sendNow = syncOutbox(ctx, { force: true, timeoutMs: 30_000 });
    const [s1, s2] = await Promise.all([scheduled, sendNow]);
    expect(s1.waiting?.id).toBe(a.id);
    expect(s2.done).toEqual([a.id, b.id]);
    // The second pass started only after the first had ended: its first request came later.
    const deliveries = portal.store.db
      .prepare('SELECT package_id, at, outcome FROM deliveries WHERE package_id IN (?, ?) ORDER BY id')
      .all(a.id, b.id) as { package_id: string; at: string; outcome: string }[];
    expect(
      deliveries.map((d) => [d.package_id, d.outcome]),
      JSON.stringify([deliveries, s1, s2]),
    ).toEqual([
      [a.id, 'applied'],
      [a.id, 'duplicate'],
      [b.id, 'applied'],
    ]);
    expect(Date.parse(deliveries[1]!.at)).toBeGreaterThanOrEqual(scheduledEnded - 5);
    expect([row(a.id).state, row(b.id).state]).toEqual(['done', 'done']);
    expect((await syncOutbox(ctx, { force: true })).sent).toBe(0);
    await settle();
  });

  it('a package another process finished during our send is not put back into the queue', async () => {
    const p = await incremental();
    portal.setFaults({ reset: true, delayMs: 1_000, delayCount: 1 });
    const send = syncOutbox(ctx, { timeoutMs: 200 });
    while (row(p.id).state !== 'sending') await new Promise((r) => setImmediate(r));
    // Another process (a second app on the same file) delivered it meanwhile.
    db()
      .prepare("UPDATE export_package SET state = 'done', receipt = '{\"other\":true}', done_at = ? WHERE id = ?")
      .run(now.toISOString(), p.id);
    const r = await send;
    expect(r.waiting).toBeNull();
    expect(row(p.id)).toMatchObject({ state: 'done', receipt: '{"other":true}' });
    expect(waiting()).toEqual([]);
    db().prepare('UPDATE export_package SET receipt = NULL WHERE id = ?').run(p.id);
  });
});

describe('a key or address that cannot work', () => {
  it('is refused when saved, with a Russian message that says what to do', async () => {
    const refused = async (input: unknown) => {
      const env = await app.router.call('export.configure', input, admin);
      expect(env.ok).toBe(false);
      return env.ok ? null : env.error;
    };
    expect(await refused({ token: 'ключ-доступа-1' })).toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/русской раскладке.*английскую/),
    });
    expect((await refused({ token: 'abc def ghi' }))?.message).toMatch(/пробелы/);
    expect((await refused({ token: 'key\u0007with-bell' }))?.message).toMatch(/недопустимые символы/);
    expect((await refused({ url: 'portal.example.ru' }))?.message).toMatch(/записан неверно/);
    expect((await refused({ url: 'ftp://portal.example.ru/' }))?.message).toMatch(/https:\/\//);
    expect((await refused({ url: 'https://user:pw@portal.example.ru/' }))?.message).toMatch(/пароль/);
    // Nothing changed: the old key still works.
    expect(db().prepare('SELECT value FROM secret WHERE key = ?').pluck().get(PORTAL_TOKEN_KEY)).toBe('plain:heal-token-1');
  });

  it('a key stored before the check existed stops the send with that message, not "no connection"', async () => {
    db().prepare("UPDATE secret SET value = 'plain:ключ-доступа-1' WHERE key = ?").run(PORTAL_TOKEN_KEY);
    await expect(syncOutbox(ctx)).rejects.toThrow(/русской раскладке/);
    const status = await call('export.status', {});
    expect(status.problem).toMatch(/русской раскладке/);
    db().prepare("UPDATE secret SET value = 'plain:heal-token-1' WHERE key = ?").run(PORTAL_TOKEN_KEY);
    expect((await call('export.status', {})).problem).toBeNull();
  });

  it('an address without a trailing slash is stored with one, so the API path stays under it', async () => {
    await call('export.configure', { url: portal.url.replace(/\/$/, '') });
    expect((await call('export.status', {})).settings.url).toBe(portal.url);
  });
});

describe('messages a user can act on', () => {
  it('«Проверка дневника» with the portal unreachable or refusing the key says what to do, in Russian', async () => {
    const login = await app.router.call('auth.login', { login: 'deputy', password: 'demo' }, null);
    if (!login.ok) throw new Error(login.error.message);
    const deputy = (login.value as { token: string }).token;
    const reconcile = async () => {
      const env = await app.router.call('export.reconcile', { month: '2026-11' }, deputy);
      expect(env.ok).toBe(false);
      return env.ok ? '' : env.error.message;
    };
    db().prepare("UPDATE secret SET value = 'plain:another-key-9' WHERE key = ?").run(PORTAL_TOKEN_KEY);
    expect(await reconcile()).toMatch(/^Портал не принял ключ доступа \(401\): проверьте ключ/);
    db().prepare("UPDATE secret SET value = 'plain:heal-token-1' WHERE key = ?").run(PORTAL_TOKEN_KEY);
    const gone = await startPortal({ dbFile: join(tempDir(), 'gone.db'), token: 'x-token-123' });
    await gone.close();
    await call('export.configure', { url: gone.url });
    expect(await reconcile()).toMatch(
      /^Нет связи с порталом: портал не принимает соединения по этому адресу \(ECONNREFUSED\)\. Проверьте подключение к интернету и адрес портала/,
    );
    await call('export.configure', { url: portal.url });
  });
});
