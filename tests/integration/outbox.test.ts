// The client outbox end to end (issue 10, "When the host is away"): a real host router behind
// the HTTPS host double (tests/helpers/host-double.ts, the wire protocol of NETWORK.md),
// reached through a switchable TCP proxy; the client is a separate process running the real
// client stack (openClient: pinned TLS, the outbox, its own outbox file). Edits made while the host is away are kept, the client
// is killed (SIGKILL: a PC switched off), a new client process starts on the same state
// folder, the host comes back: every edit is applied exactly once and in order (plain SQL on
// the host's database), and the one the host now refuses is listed for the teacher.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient } from '../../src-main/network/client/open';
import type { Envelope } from '../../src-shared/errors';
import type { JournalView } from '../../src-shared/rpc/journal';
import type { OutboxEntry } from '../../src-shared/rpc/outbox';
import { createTestApp, tempDir, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { startHostDouble, type HostDouble } from '../helpers/host-double';
import { buildTinySchool, type TinySchool } from '../helpers/school';
import { startSwitchProxy, type SwitchProxy } from '../helpers/switch-proxy';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const clientScript = fileURLToPath(new URL('../helpers/outbox-client.ts', import.meta.url));

let app: TestApp;
let s: TinySchool;
let host: HostDouble;
let proxy: SwitchProxy;
let token: string | null = null;
let stateDir: string;
const children = new Set<ChildProcessWithoutNullStreams>();

beforeAll(async () => {
  app = createTestApp();
  s = await buildTinySchool(app);
  host = await startHostDouble(app.router);
  proxy = await startSwitchProxy(host.port);
  stateDir = tempDir('zhurnal-outbox-client-');
  // The double numbers its devices from 1 and does not write them; sessions made through a
  // device name it (session.device_id), so the row must exist.
  app.services.sqlite
    .prepare("INSERT INTO device (id, name, token_hash, paired_at) VALUES (1, 'Кабинет 12', 'host-double-1', '2026-11-26T07:00:00Z')")
    .run();
  // Paired once, through the proxy: the client knows the host by the proxy's address.
  const pairing = await openClient({ stateDir, hostUrl: `https://127.0.0.1:${proxy.port}`, pairCode: host.code, name: 'Кабинет 12' });
  pairing.close();
}, 30_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await proxy?.close();
  await host?.close();
  app?.dispose();
  rmSync(stateDir, { recursive: true, force: true });
});

interface Client {
  /** A call in the session `token` (null before the login). */
  call(method: string, input: unknown): Promise<Envelope<unknown>>;
  kill(): Promise<void>;
}

/** A client process on the shared state folder; resolves when it says it is ready. */
async function startClient(): Promise<Client> {
  const child = spawn(tsx, [clientScript, stateDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const waiting = new Map<number, (env: Envelope<unknown>) => void>();
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') return ready();
    const { id, env } = JSON.parse(line) as { id: number; env: Envelope<unknown> };
    waiting.get(id)?.(env);
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  await Promise.race([isReady, exited.then(() => Promise.reject(new Error(`client exited: ${stderr}`)))]);
  let next = 0;
  return {
    call: (method, input) =>
      new Promise((resolve) => {
        const id = ++next;
        waiting.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ id, method, input, token })}\n`);
      }),
    async kill() {
      child.kill('SIGKILL');
      await exited;
      children.delete(child);
    },
  };
}

const slot = (date: string) => ({ groupId: s.g5a, subjectId: s.rus, date, slot: 2 });
const cell = (date: string, pupilId: number, mark: string | null, absence: string | null = null) => ({
  lesson: slot(date),
  pupilId,
  marks: mark ? [{ value: mark, workTypeId: s.wtAnswer }] : [],
  absence,
});
const sql = <T>(q: string, ...p: unknown[]) => app.services.sqlite.prepare(q).all(...p) as T[];
const keyCount = () => sql<{ n: number }>('SELECT COUNT(*) AS n FROM idempotency_key')[0]!.n;
const cellAudits = () => sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'journal.cell'")[0]!.n;

async function until(what: string, cond: () => Promise<boolean> | boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the outbox of a client whose host is away', () => {
  it('keeps edits through a killed client and applies each once, in order, when the host is back', async () => {
    const [andreev, , volkov] = s.pupils;
    let client = await startClient();
    // Signed in through this client (sessions belong to a device); the lessons exist before,
    // so each cell edit is then one audit record ('journal.cell').
    const login = await client.call('auth.login', { login: 'teacher', password: TEST_PASSWORD });
    token = (login as { value: { token: string } }).value.token;
    for (const date of ['2026-10-19', '2026-11-16', '2026-11-19', '2026-11-23', '2026-11-26'])
      expect((await client.call('journal.setLesson', { lesson: slot(date), held: true })).ok).toBe(true);
    const audits0 = cellAudits();
    const keys0 = keyCount();

    // The answer to this one is lost on the way back (on the kept-alive connection the calls
    // above left open): applied on the host, unknown to the client.
    proxy.setMode('lose-answers');
    const lost = await client.call('journal.setCell', cell('2026-11-16', andreev, '4'));
    expect(lost).toMatchObject({ ok: false, error: { code: 'queued' } });
    expect(cellAudits() - audits0).toBe(1);

    proxy.setMode('down');
    const edits: [string, unknown][] = [
      ['journal.setCell', cell('2026-11-23', andreev, '5')],
      ['journal.setCell', cell('2026-11-23', volkov, '4')],
      ['journal.setCell', cell('2026-11-23', andreev, '3')], // the same cell again: the later value must win
      ['journal.setLesson', { lesson: slot('2026-11-23'), topic: 'Причастный оборот' }],
      ['journal.setCells', { edits: [cell('2026-11-26', andreev, '4'), cell('2026-11-26', volkov, null, 'б')] }],
      ['journal.setCell', cell('2026-10-19', andreev, '5')], // the first quarter, closed before the host is back
      ['journal.setCell', cell('2026-11-19', volkov, '2')],
    ];
    const keys: string[] = [];
    for (const [method, input] of edits) {
      const env = await client.call(method, input);
      expect(env).toMatchObject({ ok: false, error: { code: 'queued', queued: { key: expect.any(String) } } });
      if (!env.ok) keys.push(env.error.queued!.key);
    }
    // The PC is switched off: no clean shutdown of the outbox file.
    await client.kill();
    expect(cellAudits() - audits0).toBe(1);

    // Meanwhile on the host: the deputy closes the first quarter.
    app.services.sqlite.prepare('UPDATE term SET closed_at = ?, closed_by = ? WHERE id = ?').run('2026-11-26T08:00:00Z', s.deputy, s.q1);

    proxy.setMode('up');
    client = await startClient();
    const list = async () => {
      const env = await client.call('outbox.list', {});
      return env.ok ? (env.value as { entries: OutboxEntry[] }).entries : [];
    };
    await until('the outbox to be sent', async () => (await list()).every((e) => e.state !== 'pending'));

    // Every cell as the teacher left it, from the edits above (the closed quarter's one excepted).
    const marks = sql<{ date: string; pupil_id: number; value: string }>(
      'SELECT l.date, m.pupil_id, m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id ORDER BY l.date, m.pupil_id',
    );
    const expected = [
      { date: '2026-11-16', pupil_id: andreev, value: '4' },
      { date: '2026-11-19', pupil_id: volkov, value: '2' },
      { date: '2026-11-23', pupil_id: andreev, value: '3' },
      { date: '2026-11-23', pupil_id: volkov, value: '4' },
      { date: '2026-11-26', pupil_id: andreev, value: '4' },
    ].sort((a, b) => a.date.localeCompare(b.date) || a.pupil_id - b.pupil_id);
    expect(marks).toEqual(expected);
    expect(sql('SELECT l.date, a.pupil_id, a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id')).toEqual([
      { date: '2026-11-26', pupil_id: volkov, reason: 'б' },
    ]);
    expect(sql("SELECT topic FROM lesson WHERE date = '2026-11-23'")).toEqual([{ topic: 'Причастный оборот' }]);
    // Exactly once: one audit record per cell edit (the lost answer's edit included once), in the order made.
    expect(cellAudits() - audits0).toBe(7);
    const andreev23 = sql<{ after: string }>(
      "SELECT a.after FROM audit_event a JOIN lesson l ON a.entity_id = l.id || ':' || ? WHERE a.action = 'journal.cell' AND l.date = '2026-11-23' ORDER BY a.seq",
      String(andreev),
    ).map((r) => (JSON.parse(r.after) as { marks: { value: string }[] }).marks[0]!.value);
    expect(andreev23).toEqual(['5', '3']);
    expect(keyCount() - keys0).toBe(8);

    // The refused one is listed for the teacher with the host's reason, and goes when seen.
    const left = await list();
    expect(left.map((e) => [e.key, e.state, e.error?.code])).toEqual([[keys[5], 'refused', 'locked']]);
    expect(left[0]!.summary).toContain('19.10, 2-й урок');
    expect(await client.call('outbox.dismiss', { key: keys[5] })).toEqual({ ok: true, value: { ok: true } });
    expect(await list()).toEqual([]);
    await client.kill();
  }, 60_000);

  it('keeps an open journal readable with the queued edits while the host is away', async () => {
    const [andreev] = s.pupils;
    const client = await startClient();
    const input = { groupId: s.g5a, subjectId: s.rus };
    expect((await client.call('journal.open', input)).ok).toBe(true);
    proxy.setMode('down');
    expect(await client.call('journal.setCell', cell('2026-11-19', andreev, '5'))).toMatchObject({ ok: false, error: { code: 'queued' } });
    const offline = await client.call('journal.open', input);
    expect(offline.ok).toBe(true);
    const view = (offline as { value: JournalView }).value;
    const lesson19 = view.lessons.find((l) => l.date === '2026-11-19' && l.slot === 2)!;
    expect(view.cells.find((c) => c.lessonId === lesson19.lessonId && c.pupilId === andreev)?.marks.map((m) => m.value)).toEqual(['5']);
    proxy.setMode('up');
    await until(
      'the edit to reach the host',
      () =>
        sql("SELECT 1 FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.date = '2026-11-19' AND m.pupil_id = ?", andreev).length ===
        1,
    );
    await client.kill();
  }, 30_000);
});
