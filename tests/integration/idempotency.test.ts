// Idempotency keys on the host (DESIGN.md §10): a client outbox resends an edit whose answer it
// never saw; the host must apply each key once and give the first answer again. Counted with
// plain SQL on the host's database, through the router and through the real loopback HTTP host.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpHost } from '../../src-main/hosts/http/server';
import { KEY_DAYS } from '../../src-main/rpc/idempotency';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let s: TinySchool;
let token: string;
beforeEach(async () => {
  app = createTestApp();
  s = await buildTinySchool(app);
  Object.assign(SLOT, { groupId: s.g5a, subjectId: s.rus });
  ({ token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD }));
  // The lesson row exists before: a cell edit is then one mark and one audit record.
  await app.call('journal.setLesson', { lesson: SLOT, held: true }, token);
});
afterEach(() => app.dispose());

const count = (sql: string, ...p: unknown[]) => (app.services.sqlite.prepare(sql).get(...p) as { n: number }).n;
const marks = () => count('SELECT COUNT(*) AS n FROM mark');
const audits = () => count('SELECT COUNT(*) AS n FROM audit_event');
const keys = () => count('SELECT COUNT(*) AS n FROM idempotency_key');

const SLOT = { groupId: 0, subjectId: 0, date: '2026-11-23', slot: 2 };
const edit = (pupil: number, value: string, workTypeId = s.wtAnswer) => ({
  lesson: { groupId: s.g5a, subjectId: s.rus, date: '2026-11-23', slot: 2 },
  pupilId: pupil,
  marks: [{ value, workTypeId }],
  absence: null,
});

describe('a mutation with an idempotency key', () => {
  it('sent twice in a row is applied once and answered the same', async () => {
    const key = randomUUID();
    const before = { marks: marks(), audits: audits() };
    const first = await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(first.ok).toBe(true);
    const second = await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(second).toEqual(first);
    expect(marks() - before.marks).toBe(1);
    expect(audits() - before.audits).toBe(1);
    // A later edit of the same cell under a new key is a new edit.
    const other = await app.router.call('journal.setCell', edit(s.pupils[0], '4'), token, { idempotencyKey: randomUUID() });
    expect(other.ok).toBe(true);
    expect(audits() - before.audits).toBe(2);
    // The first key's replay now still answers the first edit's outcome, and changes nothing.
    const replay = await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(replay).toEqual(first);
    expect(app.services.sqlite.prepare('SELECT value FROM mark').all()).toEqual([{ value: '4' }]);
  });

  it('whose answer was an error replays the same error even when the edit would now pass', async () => {
    const key = randomUUID();
    const bad = edit(s.pupils[0], '5', 9999);
    const first = await app.router.call('journal.setCell', bad, token, { idempotencyKey: key });
    expect(first.ok).toBe(false);
    // The work type now exists: a fresh key goes through, the stored key does not run again.
    app.services.sqlite.prepare("INSERT INTO work_type (id, name, weight, is_control, is_make_up) VALUES (9999, 'Диктант', 1, 0, 0)").run();
    const replay = await app.router.call('journal.setCell', bad, token, { idempotencyKey: key });
    expect(replay).toEqual(first);
    expect(marks()).toBe(0);
    const fresh = await app.router.call('journal.setCell', bad, token, { idempotencyKey: randomUUID() });
    expect(fresh.ok).toBe(true);
    expect(marks()).toBe(1);
  });

  it('refused for the session is not stored: the same key goes through after a new login', async () => {
    const key = randomUUID();
    const refused = await app.router.call('journal.setCell', edit(s.pupils[0], '5'), 'no-such-token', { idempotencyKey: key });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(keys()).toBe(0);
    const ok = await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(ok.ok).toBe(true);
    expect(marks()).toBe(1);
  });

  it('is kept per device: the same key from another device is another edit', async () => {
    const key = randomUUID();
    await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: key, deviceId: 7 });
    await app.router.call('journal.setCell', edit(s.pupils[2], '5'), token, { idempotencyKey: key });
    expect(app.services.sqlite.prepare('SELECT scope FROM idempotency_key ORDER BY scope').all()).toEqual([{ scope: 'device:7' }, { scope: 'local' }]);
    expect(marks()).toBe(2);
  });

  it('must look like a UUID and name the same method when replayed', async () => {
    const long = await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: 'x'.repeat(65) });
    expect(long).toMatchObject({ ok: false, error: { code: 'validation' } });
    const odd = await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: "'; DROP TABLE mark; --" });
    expect(odd).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(marks()).toBe(0);
    const key = randomUUID();
    await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: key });
    const lesson = { lesson: { groupId: s.g5a, subjectId: s.rus, date: '2026-11-23', slot: 2 }, topic: 'Причастие' };
    const other = await app.router.call('journal.setLesson', lesson, token, { idempotencyKey: key });
    expect(other).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(count("SELECT COUNT(*) AS n FROM lesson WHERE topic = 'Причастие'")).toBe(0);
  });

  it(`is forgotten after ${KEY_DAYS} days, a few old keys at a time`, async () => {
    const old = new Date(app.clock.now.getTime() - (KEY_DAYS + 1) * 86_400_000).toISOString();
    const ins = app.services.sqlite.prepare("INSERT INTO idempotency_key (scope, key, method, envelope, at) VALUES ('local', ?, 'journal.setCell', '{}', ?)");
    for (let i = 0; i < 50; i++) ins.run(`old-key-${String(i).padStart(4, '0')}`, old);
    await app.router.call('journal.setCell', edit(s.pupils[0], '5'), token, { idempotencyKey: randomUUID() });
    expect(count('SELECT COUNT(*) AS n FROM idempotency_key WHERE at < ?', app.clock.now.toISOString())).toBe(0);
    expect(keys()).toBe(1);
  });
});

describe('the loopback HTTP host', () => {
  let server: Server;
  let base: string;
  beforeEach(async () => {
    ({ server, url: base } = await startHttpHost({ router: app.router, staticDir: null, port: 0, log: () => {} }));
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  const post = async (body: unknown, key: string) => {
    const res = await fetch(`${base}rpc/journal.setCell`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('applies two copies that arrive at once exactly once, with the same answer', async () => {
    const key = randomUUID();
    const before = audits();
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(edit(s.pupils[2], '3'), key)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(marks()).toBe(1);
    expect(audits() - before).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM idempotency_key WHERE key = ?', key)).toBe(1);
  });
});
