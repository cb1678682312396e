// Live updates (issue 10, DESIGN.md §10): committed journal changes reach everyone who has that
// journal open, refused or rolled-back ones never do; only readers of the journal may listen,
// and a session that ends or locks stops its streams. Through the real router and the real
// loopback HTTP host (server-sent events read by a plain HTTP client).
import { request, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost } from '../../src-main/hosts/http/server';
import { JournalEvent } from '../../src-shared/rpc/events';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
let server: Server;
let port: number;
const tokens: Record<string, string> = {};
const login = async (l: string) => (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z');
  sc = await buildTinySchool(app);
  await addUser(app, 'stranger', ['teacher']);
  app.services.sqlite
    .prepare("INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,2,'2026-09-01')")
    .run(sc.g5a, sc.rus, sc.other);
  for (const l of ['teacher', 'other', 'deputy', 'admin', 'stranger']) tokens[l] = await login(l);
  ({ server, port } = await startHttpHost({ router: app.router, staticDir: null, port: 0, log: () => {} }));
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  app.dispose();
});

const journal = () => ({ groupId: sc.g5a, subjectId: sc.rus });
const nameOf = (l: string) => `Тестова ${l[0]}. И.`;
const cell = (date: string, pupilId: number, value: string, version?: number) => ({
  lesson: { ...journal(), date, slot: 2 },
  pupilId,
  marks: [{ value, workTypeId: sc.wtAnswer }],
  absence: null,
  ...(version === undefined ? {} : { version }),
});

/** Waits for a condition with a deadline (no fixed sleeps). */
async function until(what: string, cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function listen(token: string | null, ref = journal()) {
  const events: JournalEvent[] = [];
  const ended: { code: string }[] = [];
  const sub = await app.router.subscribe(token, ref, (e) => events.push(e), { onEnd: (r) => ended.push(r) });
  return { sub, events, ended };
}

describe('the event bus behind Router.subscribe', () => {
  it('announces a committed cell, lesson, term mark and file change with its author', async () => {
    const { sub, events } = await listen(tokens.other!);
    if (!sub.ok) throw new Error(sub.error.message);
    const [pupil] = sc.pupils;
    const r = await app.call<any>('journal.setCell', cell('2026-11-23', pupil, '5'), tokens.teacher);
    await app.call(
      'journal.setLesson',
      { lesson: { ...journal(), date: '2026-11-23', slot: 2 }, topic: 'Имя существительное' },
      tokens.teacher,
    );
    await app.call('journal.setTermMark', { ...journal(), termId: sc.q2, pupilId: pupil, value: '5' }, tokens.teacher);
    await app.call(
      'journal.attachFile',
      {
        lesson: { ...journal(), date: '2026-11-23', slot: 2 },
        name: 'задание.txt',
        mime: 'text/plain',
        data: Buffer.from('упр. 1').toString('base64'),
      },
      tokens.teacher,
    );
    sub.close();
    for (const e of events) expect(JournalEvent.safeParse(e).success).toBe(true);
    // The first mark of a planned lesson creates its row: readers learn the column's id first.
    expect(events.map((e) => e.type)).toEqual(['lesson', 'cell', 'lesson', 'termMark', 'lesson']);
    const by = { staffId: sc.teacher, name: nameOf('teacher') };
    expect(events[0]).toMatchObject({ type: 'lesson', lesson: { lessonId: r.lessonId, date: '2026-11-23', slot: 2, version: 0 }, by });
    expect(events[1]).toEqual({ type: 'cell', ...journal(), cell: r.cell, by });
    const v = (
      app.services.sqlite.prepare('SELECT version FROM cell_version WHERE lesson_id = ? AND pupil_id = ?').get(r.lessonId, pupil) as any
    ).version;
    expect(events[1]!.type === 'cell' && events[1]!.cell.version).toBe(v);
    expect(events[2]).toMatchObject({ type: 'lesson', lesson: { lessonId: r.lessonId, topic: 'Имя существительное', version: 1 }, by });
    expect(events[2]).not.toHaveProperty('lesson.editable');
    const tm = app.services.sqlite
      .prepare('SELECT value, version FROM term_mark WHERE pupil_id = ? AND group_id = ? AND subject_id = ? AND term_id = ?')
      .get(pupil, sc.g5a, sc.rus, sc.q2) as { value: string; version: number };
    expect(events[3]).toMatchObject({ type: 'termMark', termId: sc.q2, pupilId: pupil, termMark: tm, version: tm.version, by });
    expect(events[4]).toMatchObject({ type: 'lesson', lesson: { files: [{ name: 'задание.txt' }] } });
  });

  it('announces nothing for a refused edit, nor for a pasted column rolled back after its first cell was written', async () => {
    const { sub, events } = await listen(tokens.other!);
    if (!sub.ok) throw new Error(sub.error.message);
    const [a, , c] = sc.pupils;
    const stale = await app.router.call('journal.setCell', cell('2026-11-23', a, '2', 0), tokens.teacher!);
    expect(stale.ok || stale.error.code).toBe('conflict');
    // The first cell is written inside the transaction, the second is stale: all rolled back.
    const pasted = await app.router.call(
      'journal.setCells',
      { edits: [cell('2026-11-26', a, '4'), cell('2026-11-23', c, '4', 99)] },
      tokens.teacher!,
    );
    expect(pasted.ok || pasted.error.code).toBe('conflict');
    const none = app.services.sqlite.prepare("SELECT COUNT(*) AS n FROM lesson WHERE date = '2026-11-26'").get() as { n: number };
    expect(none.n).toBe(0);
    // A committed edit after them arrives, alone: the bus delivers synchronously at the commit.
    await app.call('journal.setCell', cell('2026-11-23', a, '3'), tokens.teacher);
    sub.close();
    expect(events.map((e) => e.type === 'cell' && e.cell.marks.map((m) => m.value))).toEqual([['3']]);
  });

  it('delivers only the journal subscribed to, and nothing after close()', async () => {
    const math = await listen(tokens.teacher!, { groupId: sc.g5a, subjectId: sc.math });
    const rus = await listen(tokens.teacher!);
    if (!math.sub.ok || !rus.sub.ok) throw new Error('subscribe failed');
    rus.sub.close();
    await app.call('journal.setCell', cell('2026-11-23', sc.pupils[0], '4'), tokens.other);
    math.sub.close();
    expect(math.events).toEqual([]);
    expect(rus.events).toEqual([]);
  });

  it('refuses listeners who may not read the journal', async () => {
    const no = async (token: string | null, ref: unknown = journal()) => {
      const r = await app.router.subscribe(token, ref as any, () => {});
      if (r.ok) {
        r.close();
        throw new Error('subscribed');
      }
      return r.error.code;
    };
    expect(await no(tokens.stranger!)).toBe('forbidden');
    expect(await no(tokens.admin!)).toBe('forbidden');
    expect(await no(null)).toBe('unauthenticated');
    expect(await no('forged-token')).toBe('unauthenticated');
    expect(await no(tokens.teacher!, { groupId: 0, subjectId: sc.rus })).toBe('validation');
    // The deputy reads every journal; the class teacher reads other subjects of their class.
    const d = await app.router.subscribe(tokens.deputy!, journal(), () => {});
    const ct = await app.router.subscribe(tokens.teacher!, { groupId: sc.g5a, subjectId: sc.math }, () => {});
    expect([d.ok, ct.ok]).toEqual([true, true]);
    if (d.ok) d.close();
    if (ct.ok) ct.close();
  });

  it('ends the subscriptions of a session that locks or signs out', async () => {
    const t1 = await login('teacher');
    const t2 = await login('teacher');
    const locked = await listen(t1);
    const out = await listen(t2);
    await app.call('auth.lock', {}, t1);
    expect(locked.ended).toEqual([expect.objectContaining({ code: 'unauthenticated' })]);
    expect(out.ended).toEqual([]);
    await app.call('auth.logout', {}, t2);
    expect(out.ended).toEqual([expect.objectContaining({ code: 'unauthenticated' })]);
    await app.call('journal.setCell', cell('2026-11-23', sc.pupils[0], '5'), tokens.other);
    expect([locked.events, out.events]).toEqual([[], []]);
  });
});

/** A plain HTTP client reading /events: frames as they arrive. */
function openStream(token: string | null, ref: { groupId: number; subjectId: number } = journal()) {
  const frames: string[] = [];
  let buf = '';
  let ended = false;
  const answer = new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/events?groupId=${ref.groupId}&subjectId=${ref.subjectId}`,
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      },
      (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          buf += c;
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            frames.push(buf.slice(0, i));
            buf = buf.slice(i + 2);
          }
        });
        res.on('end', () => (ended = true));
        resolve(res);
      },
    );
    req.on('error', reject);
    req.end();
  });
  const data = () => frames.filter((f) => f.startsWith('data: ')).map((f) => JSON.parse(f.slice(6)) as unknown);
  return { answer, frames, data, isEnded: () => ended };
}

describe('GET /events on the loopback HTTP host', () => {
  it('streams a committed edit, sent over HTTP, to another teacher as server-sent events', async () => {
    const s = openStream(tokens.other!);
    const res = await s.answer;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    await until('the stream to open', () => s.frames.includes(': open'));
    const body = JSON.stringify(cell('2026-11-23', sc.pupils[0], '2'));
    const saved = await fetch(`http://127.0.0.1:${port}/rpc/journal.setCell`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tokens.teacher}` },
      body,
    });
    const value = ((await saved.json()) as { value: { cell: unknown } }).value;
    await until('the event', () => s.data().length === 1, 1000);
    const e = JournalEvent.parse(s.data()[0]);
    expect(e).toEqual({ type: 'cell', ...journal(), cell: value.cell, by: { staffId: sc.teacher, name: nameOf('teacher') } });
    res.destroy();
    // The host forgets the closed stream.
    await until('the listener to go', () => !app.services.events!.hasListeners(sc.g5a, sc.rus));
  });

  it('refuses a stream without a session or without access, with the JSON envelope', async () => {
    const get = (query: string, token?: string) =>
      fetch(`http://127.0.0.1:${port}/events?${query}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    const ref = `groupId=${sc.g5a}&subjectId=${sc.rus}`;
    for (const [token, status, code] of [
      [undefined, 401, 'unauthenticated'],
      [tokens.stranger, 403, 'forbidden'],
      [tokens.admin, 403, 'forbidden'],
    ] as const) {
      const res = await get(ref, token);
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ ok: false, error: { code } });
    }
    expect((await get('groupId=x&subjectId=1', tokens.teacher)).status).toBe(400);
    expect(app.services.events!.listenerCount()).toBe(0);
  });

  it('ends the stream when its session signs out', async () => {
    const t = await login('teacher');
    const s = openStream(t);
    expect((await s.answer).statusCode).toBe(200);
    await until('the stream to open', () => s.frames.includes(': open'));
    await app.call('auth.logout', {}, t);
    await until('the stream to end', s.isEnded, 1000);
    expect(s.frames.at(-1)).toMatch(/^event: end\ndata: .*"unauthenticated"/);
  });
});
