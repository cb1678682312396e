// The client outbox against the real school network host (helper "host"'s HTTPS host with its
// version, pairing and device gates) and the real client (openClient: pinned TLS, outbox): a
// client paired with a code from the administrator, the host stopped, edits queued, the client
// closed and opened again, the host back on the same port with the same certificate: every
// edit applied once (plain SQL), its key kept under the device's scope.
// The SIGKILL of a client process and an answer lost on the way: tests/integration/outbox.test.ts.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, type ClientHandle } from '../../src-main/network/client/open';
import { createNetworkControl } from '../../src-main/network/host/control-impl';
import { APP_VERSION } from '../../src-main/version';
import type { OutboxEntry } from '../../src-shared/rpc/outbox';
import { createTestApp, tempDir, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let s: TinySchool;
let control: ReturnType<typeof createNetworkControl>;
let port: number;
let stateDir: string;
const clients = new Set<ClientHandle>();

beforeAll(async () => {
  app = createTestApp();
  s = await buildTinySchool(app);
  control = createNetworkControl({
    services: app.services,
    router: app.router,
    stateDir: join(app.dir, 'host'),
    version: APP_VERSION,
    mdns: false,
    log: () => {},
  });
  app.services.network = control;
  port = (await control.serve('127.0.0.1', 0)).port!;
  stateDir = tempDir('zhurnal-outbox-net-');
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await control?.close();
  app?.dispose();
  rmSync(stateDir, { recursive: true, force: true });
});

async function open(pairCode?: string): Promise<ClientHandle> {
  const c = await openClient({
    stateDir,
    hostUrl: `https://127.0.0.1:${port}`,
    connectTimeoutMs: 1_000,
    ...(pairCode ? { pairCode, name: 'Кабинет 12' } : {}),
  });
  clients.add(c);
  return c;
}

const slot = (date: string) => ({ groupId: s.g5a, subjectId: s.rus, date, slot: 2 });
const cell = (date: string, pupilId: number, mark: string) => ({
  lesson: slot(date),
  pupilId,
  marks: [{ value: mark, workTypeId: s.wtAnswer }],
  absence: null,
});
const rows = <T>(q: string, ...p: unknown[]) => app.services.sqlite.prepare(q).all(...p) as T[];

describe('the outbox with the real school network host', () => {
  it('queues while the host is stopped and applies each edit once when it is back', async () => {
    const admin = await app.call<{ token: string }>('auth.login', { login: 'admin', password: TEST_PASSWORD });
    const { code } = await app.call<{ code: string }>('network.createPairingCode', {}, admin.token);
    let client = await open(code);
    const login = await client.router.call('auth.login', { login: 'teacher', password: TEST_PASSWORD }, null);
    expect(login.ok).toBe(true);
    const token = (login as { value: { token: string } }).value.token;
    for (const date of ['2026-11-19', '2026-11-23'])
      expect((await client.router.call('journal.setLesson', { lesson: slot(date), held: true }, token)).ok).toBe(true);
    const before = rows<{ n: number }>("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'journal.cell'")[0]!.n;

    await control.stop();
    const edits = [cell('2026-11-23', s.pupils[0], '5'), cell('2026-11-23', s.pupils[2], '4'), cell('2026-11-19', s.pupils[0], '3')];
    for (const e of edits)
      expect(await client.router.call('journal.setCell', e, token)).toMatchObject({ ok: false, error: { code: 'queued' } });
    client.close();
    clients.delete(client);

    // The same PC starts again, then the host comes back on the same port with the same certificate.
    client = await open();
    expect((await control.serve('127.0.0.1', port)).serving).toBe(true);
    const deadline = Date.now() + 15_000;
    const pending = async () => {
      const env = await client.router.call('outbox.list', {}, token);
      return env.ok ? (env.value as { entries: OutboxEntry[] }).entries.length : -1;
    };
    while ((await pending()) !== 0) {
      if (Date.now() > deadline) throw new Error('the outbox was not sent within 15 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(
      rows('SELECT l.date, m.pupil_id, m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id ORDER BY l.date, m.pupil_id, m.value'),
    ).toEqual(
      [
        { date: '2026-11-19', pupil_id: s.pupils[0], value: '3' },
        { date: '2026-11-23', pupil_id: s.pupils[0], value: '5' },
        { date: '2026-11-23', pupil_id: s.pupils[2], value: '4' },
      ].sort((a, b) => a.date.localeCompare(b.date) || a.pupil_id - b.pupil_id),
    );
    expect(rows<{ n: number }>("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'journal.cell'")[0]!.n - before).toBe(3);
    const device = rows<{ id: number }>('SELECT id FROM device')[0]!.id;
    expect(rows<{ n: number }>('SELECT COUNT(*) AS n FROM idempotency_key WHERE scope = ?', `device:${device}`)[0]!.n).toBe(5);
  }, 45_000);
});
