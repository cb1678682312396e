// The client outbox against a fake remote router: the order of sends, one replay at a time,
// what the caller is told, what is kept for the teacher. The fake host remembers keys as the
// real one does (tests/integration/idempotency.test.ts checks the real one).
import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/errors';
import { CellEdit, type JournalView } from '../../src-shared/rpc/journal';
import type { CallOptions } from '../../src-main/rpc/router';
import { QUEUED_MESSAGE, withOutbox, type RemoteRouter, type SendResult } from '../../src-main/network/client/outbox';
import { tempDir } from '../helpers/app';

const LESSON = { groupId: 1, subjectId: 2, date: '2026-11-23', slot: 2 };
const cell = (pupilId: number, value: string) => ({ lesson: LESSON, pupilId, marks: [{ value, workTypeId: 7 }], absence: null });

interface Sent {
  method: string;
  input: unknown;
  token: string | null;
  key?: string;
}

/** A host double: up or away, answers from `answer`, one stored answer per key, sends counted. */
function fakeHost() {
  const host = {
    up: true,
    sent: [] as Sent[],
    /** Applied edits (first sends of a key), in order. */
    applied: [] as Sent[],
    inFlight: 0,
    maxInFlight: 0,
    /** Tokens the host accepts, with their login. */
    sessions: new Map<string, string>([
      ['tok-a', 'anna'],
      ['tok-b', 'boris'],
    ]),
    answer: (_m: string, input: unknown): Envelope<unknown> => ({ ok: true, value: { echo: input } }),
    keys: new Map<string, Envelope<unknown>>(),
    /** Holds every send until released (single-flight checks). */
    gate: null as Promise<void> | null,
  };
  const handle = (method: string, input: unknown, token: string | null): Envelope<unknown> => {
    if (method === 'auth.login') {
      const login = (input as { login: string }).login;
      const fresh = `tok-${login}-${host.sessions.size}`;
      host.sessions.set(fresh, login);
      return { ok: true, value: { token: fresh } };
    }
    const login = token && host.sessions.get(token);
    if (!login) return { ok: false, error: { code: 'unauthenticated', message: 'Требуется вход в систему' } };
    if (method === 'auth.me') return { ok: true, value: { user: { login } } };
    return host.answer(method, input);
  };
  const remote: RemoteRouter = {
    async send(method: string, input: unknown, token: string | null, opts?: CallOptions): Promise<SendResult> {
      host.inFlight++;
      host.maxInFlight = Math.max(host.maxInFlight, host.inFlight);
      try {
        await (host.gate ?? Promise.resolve());
        host.sent.push({ method, input, token, key: opts?.idempotencyKey });
        if (!host.up) return { unreachable: true, reason: 'ECONNREFUSED' };
        const key = opts?.idempotencyKey;
        if (key && host.keys.has(key)) return host.keys.get(key)!;
        const env = handle(method, input, token);
        // As the real host: answers about the session are not the edit's outcome and are not kept.
        if (key && (env.ok || !['unauthenticated', 'session_locked'].includes(env.error.code))) host.keys.set(key, env);
        if (env.ok && key) host.applied.push({ method, input, token, key });
        return env;
      } finally {
        host.inFlight--;
      }
    },
    async call(method, input, token) {
      const r = await remote.send(method, input, token);
      return 'unreachable' in r ? { ok: false, error: { code: 'unavailable', message: 'Сервер школы недоступен' } } : r;
    },
    describe: () => [],
    subscribe: () => Promise.resolve({ ok: true, close: () => {} }),
  };
  return { host, remote };
}

let dir: string;
let fake: ReturnType<typeof fakeHost>;
let ob: ReturnType<typeof withOutbox<RemoteRouter>>;
beforeEach(() => {
  dir = tempDir('zhurnal-outbox-');
  fake = fakeHost();
  ob = withOutbox(fake.remote, dir, { probeMs: 60_000, log: () => {} });
});
afterEach(() => {
  ob.close();
  rmSync(dir, { recursive: true, force: true });
});

const list = async (token = 'tok-a') => {
  const env = await ob.call('outbox.list', {}, token);
  if (!env.ok) throw new Error(env.error.message);
  return (env.value as { entries: { key: string; state: string; summary: string; error: { code: string } | null }[] }).entries;
};
const appliedValues = () => fake.host.applied.map((s) => (s.input as { marks: { value: string }[] }).marks[0]!.value);

describe('the client outbox', () => {
  it('passes an edit through with a key when the host answers, and keeps nothing', async () => {
    const env = await ob.call('journal.setCell', cell(11, '5'), 'tok-a');
    expect(env).toEqual({ ok: true, value: { echo: cell(11, '5') } });
    const edits = fake.host.sent.filter((s) => s.method === 'journal.setCell');
    expect(edits).toHaveLength(1);
    expect(edits[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(await list()).toEqual([]);
  });

  it('queues edits while the host is away and replays them in order, each once', async () => {
    fake.host.up = false;
    const answers = [];
    for (const v of ['5', '4', '3']) answers.push(await ob.call('journal.setCell', cell(11, v), 'tok-a'));
    for (const a of answers) expect(a).toMatchObject({ ok: false, error: { code: 'queued', message: QUEUED_MESSAGE } });
    const keys = answers.map((a) => (a.ok ? '' : a.error.queued!.key));
    expect(new Set(keys).size).toBe(3);
    // Known to be away: later edits do not each wait for a connection attempt.
    expect(fake.host.sent.filter((s) => s.method === 'journal.setCell')).toHaveLength(1);
    expect((await list()).map((e) => [e.key, e.state])).toEqual(keys.map((k) => [k, 'pending']));
    fake.host.up = true;
    await ob.replay();
    await ob.replay();
    expect(appliedValues()).toEqual(['5', '4', '3']);
    expect(fake.host.applied.map((s) => s.key)).toEqual(keys);
    expect(await list()).toEqual([]);
  });

  it('runs one replay at a time and a new edit waits behind the queued ones', async () => {
    fake.host.up = false;
    await ob.call('journal.setCell', cell(11, '5'), 'tok-a');
    await ob.call('journal.setCell', cell(11, '4'), 'tok-a');
    fake.host.up = true;
    let release!: () => void;
    fake.host.gate = new Promise((r) => (release = r));
    const replays = [ob.replay(), ob.replay(), ob.replay()];
    const late = ob.call('journal.setCell', cell(11, '3'), 'tok-a');
    release();
    fake.host.gate = null;
    await Promise.all(replays);
    expect(await late).toMatchObject({ ok: true });
    expect(fake.host.maxInFlight).toBe(1);
    expect(appliedValues()).toEqual(['5', '4', '3']);
  });

  it('keeps an edit the host refuses on replay for the teacher, and goes on with the next', async () => {
    fake.host.up = false;
    await ob.call('journal.setCell', cell(11, '5'), 'tok-a');
    await ob.call('journal.setCell', cell(12, '2'), 'tok-a');
    await ob.call('journal.setCell', cell(13, '4'), 'tok-a');
    fake.host.answer = (_m, input) =>
      (input as { pupilId: number }).pupilId === 12
        ? { ok: false, error: { code: 'conflict', message: 'Эту отметку уже изменил(а) Петрова А. И.' } }
        : { ok: true, value: {} };
    fake.host.up = true;
    await ob.replay();
    expect(appliedValues()).toEqual(['5', '4']);
    const [refused, ...rest] = await list();
    expect(rest).toEqual([]);
    expect(refused).toMatchObject({ state: 'refused', error: { code: 'conflict', message: 'Эту отметку уже изменил(а) Петрова А. И.' } });
    expect(refused!.summary).toBe('23.11, 2-й урок, ученик №12: 2');
    // Another teacher does not see it and cannot dismiss it.
    expect(await list('tok-b')).toEqual([]);
    expect(await ob.call('outbox.dismiss', { key: refused!.key }, 'tok-b')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ob.call('outbox.dismiss', { key: refused!.key }, 'tok-a')).toEqual({ ok: true, value: { ok: true } });
    expect(await list()).toEqual([]);
  });

  it('answers a refusal to the caller who is still waiting, and keeps nothing', async () => {
    fake.host.answer = () => ({ ok: false, error: { code: 'locked', message: 'Четверть закрыта' } });
    expect(await ob.call('journal.setCell', cell(11, '5'), 'tok-a')).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await list()).toEqual([]);
  });

  it('a pending entry cannot be dismissed', async () => {
    fake.host.up = false;
    const q = await ob.call('journal.setCell', cell(11, '5'), 'tok-a');
    const key = q.ok ? '' : q.error.queued!.key;
    expect(await ob.call('outbox.dismiss', { key }, 'tok-a')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await list()).toHaveLength(1);
  });

  it('holds an entry whose session ended until the same login signs in again through this client', async () => {
    await ob.call('auth.login', { login: 'anna', password: 'x' }, null).then((e) => expect(e.ok).toBe(true));
    const annaToken = [...fake.host.sessions].find(([t, l]) => l === 'anna' && t !== 'tok-a')![0];
    fake.host.up = false;
    await ob.call('journal.setCell', cell(11, '5'), annaToken);
    await ob.call('journal.setCell', cell(12, '4'), 'tok-b');
    fake.host.sessions.delete(annaToken); // expired while the host was away
    fake.host.up = true;
    await ob.replay();
    // Boris's edit is not held up behind Anna's.
    expect(appliedValues()).toEqual(['4']);
    expect((await list(annaToken)).map((e) => [e.state, e.error?.code])).toEqual([['pending', 'unauthenticated']]);
    // Held for the session: another replay does not ask the host again.
    const asked = fake.host.sent.length;
    await ob.replay();
    expect(fake.host.sent.length).toBe(asked);
    const login = await ob.call('auth.login', { login: 'anna', password: 'x' }, null);
    expect(login.ok).toBe(true);
    await ob.replay();
    expect(appliedValues()).toEqual(['4', '5']);
    expect(fake.host.applied[1]!.token).toBe((login as { value: { token: string } }).value.token);
    expect(await list(annaToken)).toEqual([]);
  });

  it('holds an entry whose session was locked until a call in that session is answered again (unlocked)', async () => {
    let locked = false;
    fake.host.answer = (m) =>
      locked && m !== 'auth.unlock'
        ? { ok: false, error: { code: 'session_locked', message: 'Сеанс заблокирован' } }
        : { ok: true, value: {} };
    fake.host.up = false;
    await ob.call('journal.setCell', cell(11, '5'), 'tok-a');
    locked = true;
    fake.host.up = true;
    await ob.replay();
    expect(fake.host.applied).toEqual([]);
    locked = false;
    expect((await ob.call('auth.unlock', { password: 'x' }, 'tok-a')).ok).toBe(true);
    await ob.replay();
    expect(appliedValues()).toEqual(['5']);
  });

  it('keeps its entries in the file: a new process sends them', async () => {
    fake.host.up = false;
    await ob.call('journal.setCell', cell(11, '5'), 'tok-a');
    await ob.call('journal.setLesson', { lesson: LESSON, topic: 'Причастие' }, 'tok-a');
    ob.close();
    fake.host.up = true;
    ob = withOutbox(fake.remote, dir, { probeMs: 60_000, log: () => {} });
    expect((await list()).map((e) => e.summary)).toEqual(['23.11, 2-й урок, ученик №11: 5', '23.11, 2-й урок: тема «Причастие»']);
    await ob.replay();
    expect(fake.host.applied.map((s) => s.method)).toEqual(['journal.setCell', 'journal.setLesson']);
  });

  it('replays on its own when the host comes back (the probe)', async () => {
    ob.close();
    ob = withOutbox(fake.remote, dir, { probeMs: 20, log: () => {} });
    fake.host.up = false;
    await ob.call('journal.setCell', cell(11, '5'), 'tok-a');
    fake.host.up = true;
    const deadline = Date.now() + 5000;
    while (fake.host.applied.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(appliedValues()).toEqual(['5']);
  });

  it('answers a malformed edit at once and does not keep it', async () => {
    fake.host.up = false;
    const env = await ob.call('journal.setCell', { lesson: LESSON }, 'tok-a');
    expect(env.ok).toBe(false);
    expect(env.ok || env.error.code).not.toBe('queued');
    expect(await list()).toEqual([]);
  });

  // Edits name versions once helper "live"'s schema is merged (CellEdit.version); until then the
  // outbox refuses the unknown field like the host would, and this test waits for it.
  it.skipIf(!('version' in CellEdit.shape))(
    'moves the base version of a later queued edit of the same cell, so the teacher does not conflict with herself',
    async () => {
      // A host that versions cells: a stale edit is a conflict, a good one bumps the version.
      const versions = new Map<number, number>();
      fake.host.answer = (_m, input) => {
        const i = input as { pupilId: number; version?: number };
        const now = versions.get(i.pupilId) ?? 0;
        if (i.version !== undefined && i.version !== now)
          return { ok: false, error: { code: 'conflict', message: 'Эту отметку уже изменил(а) Петрова А. И.' } };
        versions.set(i.pupilId, now + 1);
        return { ok: true, value: { lessonId: 40, cell: { version: now + 1 } } };
      };
      fake.host.up = false;
      // Both made on version 0: the grid learned no new version while the host was away.
      await ob.call('journal.setCell', { ...cell(11, '5'), version: 0 }, 'tok-a');
      await ob.call('journal.setCell', { ...cell(11, '4'), version: 0 }, 'tok-a');
      // Made on a version someone else's edit has since passed: still a conflict.
      versions.set(12, 3);
      await ob.call('journal.setCell', { ...cell(12, '3'), version: 2 }, 'tok-a');
      fake.host.up = true;
      await ob.replay();
      expect(appliedValues()).toEqual(['5', '4']);
      expect(fake.host.applied.map((a) => (a.input as { version: number }).version)).toEqual([0, 1]);
      expect((await list()).map((e) => [e.state, e.error?.code])).toEqual([['refused', 'conflict']]);
    },
  );

  it('serves the last good journal with the queued edits while the host is away', async () => {
    const view = {
      group: { id: 1, name: '5А', className: '5А', grade: 5 },
      subject: { id: 2, name: 'Русский язык' },
      term: { id: 9 },
      workTypes: [{ id: 7, name: 'Ответ', weight: 1, isControl: false, isMakeUp: false }],
      pupils: [{ id: 11, name: 'Андреев Пётр' }],
      lessons: [{ lessonId: 40, date: '2026-11-23', slot: 2, topic: null, homework: null, held: true, workTypeId: null }],
      cells: [],
      termMarks: [],
    } as unknown as JournalView;
    fake.host.answer = (m) => (m === 'journal.open' ? { ok: true, value: view } : { ok: true, value: {} });
    const input = { groupId: 1, subjectId: 2 };
    expect(await ob.call('journal.open', input, 'tok-a')).toEqual({ ok: true, value: view });
    fake.host.up = false;
    await ob.call('journal.setCell', cell(11, '5'), 'tok-a');
    await ob.call('journal.setLesson', { lesson: LESSON, topic: 'Причастие' }, 'tok-a');
    const offline = await ob.call('journal.open', input, 'tok-a');
    expect(offline.ok).toBe(true);
    const v = (offline as { value: JournalView }).value;
    expect(v.cells).toEqual([{ lessonId: 40, pupilId: 11, marks: [{ value: '5', workTypeId: 7, weight: 1 }], absence: null, version: 0 }]);
    expect(v.lessons[0]!.topic).toBe('Причастие');
    expect((await list())[0]!.summary).toBe('Русский язык, 5А: 23.11, 2-й урок, Андреев Пётр: 5');
    // Another session never saw this journal: it gets the host's answer (unavailable).
    expect(await ob.call('journal.open', input, 'tok-b')).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
