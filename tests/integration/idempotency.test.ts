// Idempotency keys on the host (DESIGN.md §10): a client outbox resends an edit whose answer it
// never saw; the host must apply each key once and give the first answer again. Counted with
// plain SQL on the host's database, through the router and through the real loopback HTTP host.
// One school for the file; each test edits its own lesson, so counts are per lesson.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost } from '../../src-main/hosts/http/server';
import { KEY_DAYS } from '../../src-main/rpc/idempotency';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

/** Mondays and Thursdays of 5А Русский язык (slot 2) in the second quarter, one per test. */
const DATES = ['2026-11-05', '2026-11-09', '2026-11-12', '2026-11-16', '2026-11-19', '2026-11-23', '2026-11-26'] as const;
type LessonDate = (typeof DATES)[number];

let app: TestApp;
let s: TinySchool;
let token: string;
beforeAll(async () => {
  app = createTestApp();
  s = await buildTinySchool(app);
  ({ token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD }));
  // The lesson rows exist before: a cell edit is then one mark and one audit record.
  for (const date of DATES) await app.call('journal.setLesson', { lesson: slot(date), held: true }, token);
}, 30_000);
afterAll(() => app?.dispose());

const slot = (date: LessonDate) => ({ groupId: s.g5a, subjectId: s.rus, date, slot: 2 });
const count = (sql: string, ...p: unknown[]) => (app.services.sqlite.prepare(sql).get(...p) as { n: number }).n;
const marks = (date: LessonDate) => count('SELECT COUNT(*) AS n FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.date = ?', date);
const markValues = (date: LessonDate) =>
  app.services.sqlite.prepare('SELECT m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.date = ?').all(date);
const lessonId = (date: LessonDate) => count('SELECT id AS n FROM lesson WHERE date = ?', date);
const audits = (date: LessonDate) =>
  count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'journal.cell' AND entity_id LIKE ?", `${lessonId(date)}:%`);
const keyRows = (key: string) => count('SELECT COUNT(*) AS n FROM idempotency_key WHERE key = ?', key);

const edit = (date: LessonDate, pupil: number, value: string, workTypeId = s.wtAnswer) => ({
  lesson: slot(date),
  pupilId: pupil,
  marks: [{ value, workTypeId }],
  absence: null,
});

describe('a mutation with an idempotency key', () => {
  it('sent twice in a row is applied once and answered the same', async () => {
    const d = '2026-11-23';
    const key = randomUUID();
    const first = await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(first.ok).toBe(true);
    const second = await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(second).toEqual(first);
    expect([marks(d), audits(d)]).toEqual([1, 1]);
    // A later edit of the same cell under a new key is a new edit.
    const other = await app.router.call('journal.setCell', edit(d, s.pupils[0], '4'), token, { idempotencyKey: randomUUID() });
    expect(other.ok).toBe(true);
    expect(audits(d)).toBe(2);
    // The first key's replay still answers the first edit's outcome, and changes nothing.
    const replay = await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(replay).toEqual(first);
    expect(markValues(d)).toEqual([{ value: '4' }]);
    expect(audits(d)).toBe(2);
  });

  it('whose answer was an error replays the same error even when the edit would now pass', async () => {
    const d = '2026-11-19';
    const key = randomUUID();
    const bad = edit(d, s.pupils[0], '5', 9999);
    const first = await app.router.call('journal.setCell', bad, token, { idempotencyKey: key });
    expect(first.ok).toBe(false);
    // The work type now exists: a fresh key goes through, the stored key does not run again.
    app.services.sqlite.prepare("INSERT INTO work_type (id, name, weight, is_control, is_make_up) VALUES (9999, 'Диктант', 1, 0, 0)").run();
    const replay = await app.router.call('journal.setCell', bad, token, { idempotencyKey: key });
    expect(replay).toEqual(first);
    expect(marks(d)).toBe(0);
    const fresh = await app.router.call('journal.setCell', bad, token, { idempotencyKey: randomUUID() });
    expect(fresh.ok).toBe(true);
    expect(marks(d)).toBe(1);
  });

  it('refused for the session is not stored: the same key goes through after a new login', async () => {
    const d = '2026-11-16';
    const key = randomUUID();
    const refused = await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), 'no-such-token', { idempotencyKey: key });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(keyRows(key)).toBe(0);
    const ok = await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(ok.ok).toBe(true);
    expect(marks(d)).toBe(1);
  });

  it('is kept per device: the same key from another device is another edit', async () => {
    const d = '2026-11-12';
    const key = randomUUID();
    // A paired device and a session made through it (sessions belong to their device).
    app.services.sqlite
      .prepare("INSERT INTO device (id, name, token_hash, paired_at) VALUES (7, 'Кабинет 7', 'test-device-7', '2026-11-26T07:00:00Z')")
      .run();
    const viaDevice = await app.router.call('auth.login', { login: 'teacher', password: TEST_PASSWORD }, null, { deviceId: 7 });
    const deviceToken = (viaDevice as { value: { token: string } }).value.token;
    await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), deviceToken, { idempotencyKey: key, deviceId: 7 });
    await app.router.call('journal.setCell', edit(d, s.pupils[1], '5'), token, { idempotencyKey: key });
    expect(app.services.sqlite.prepare('SELECT scope FROM idempotency_key WHERE key = ? ORDER BY scope').all(key)).toEqual([
      { scope: 'device:7' },
      { scope: 'local' },
    ]);
    expect(marks(d)).toBe(2);
  });

  it('must look like a UUID and name the same method when replayed', async () => {
    const d = '2026-11-09';
    const long = await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), token, { idempotencyKey: 'x'.repeat(65) });
    expect(long).toMatchObject({ ok: false, error: { code: 'validation' } });
    const odd = await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), token, { idempotencyKey: "'; DROP TABLE mark; --" });
    expect(odd).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(marks(d)).toBe(0);
    const key = randomUUID();
    await app.router.call('journal.setCell', edit(d, s.pupils[0], '5'), token, { idempotencyKey: key });
    const other = await app.router.call('journal.setLesson', { lesson: slot(d), topic: 'Причастие' }, token, { idempotencyKey: key });
    expect(other).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(count("SELECT COUNT(*) AS n FROM lesson WHERE topic = 'Причастие'")).toBe(0);
  });

  it(`is forgotten after ${KEY_DAYS} days, a few old keys at a time`, async () => {
    const old = new Date(app.clock.now.getTime() - (KEY_DAYS + 1) * 86_400_000).toISOString();
    // Older than every key so far, as keys are inserted in time order.
    app.services.sqlite.exec('CREATE TEMP TABLE kept AS SELECT * FROM idempotency_key; DELETE FROM idempotency_key');
    const ins = app.services.sqlite.prepare(
      "INSERT INTO idempotency_key (scope, key, method, envelope, at) VALUES ('local', ?, 'journal.setCell', '{}', ?)",
    );
    for (let i = 0; i < 50; i++) ins.run(`old-key-${String(i).padStart(4, '0')}`, old);
    app.services.sqlite.exec('INSERT INTO idempotency_key SELECT * FROM kept; DROP TABLE kept');
    const before = count('SELECT COUNT(*) AS n FROM idempotency_key');
    const key = randomUUID();
    await app.router.call('journal.setCell', edit('2026-11-05', s.pupils[0], '5'), token, { idempotencyKey: key });
    expect(count('SELECT COUNT(*) AS n FROM idempotency_key WHERE at < ?', app.clock.now.toISOString())).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM idempotency_key')).toBe(before - 50 + 1);
    expect(keyRows(key)).toBe(1);
  });
});

describe('the loopback HTTP host', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    ({ server, url: base } = await startHttpHost({ router: app.router, staticDir: null, port: 0, log: () => {} }));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = async (body: unknown, key: string) => {
    const res = await fetch(`${base}rpc/journal.setCell`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown };
  };

  it('applies copies that arrive at once exactly once, with the same answer', async () => {
    const d = '2026-11-26';
    const key = randomUUID();
    const answers = await Promise.all([1, 2, 3, 4].map(() => post(edit(d, s.pupils[2], '3'), key)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect([marks(d), audits(d), keyRows(key)]).toEqual([1, 1, 1]);
  });
});
