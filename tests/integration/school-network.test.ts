// The school network end to end (issue 10): one host process and three client processes on
// loopback, started as an administrator starts them (`serve --host`, `serve --connect`). The
// steps run in order on one school: pairing (a good code, a wrong one, an expired one), a
// forged certificate on the host's port, a revoked device, a conflict on one cell from two
// clients, a live update seen through another client, and a client outbox filled while the
// host is down, the client SIGKILLed and restarted, then the host back. Every expectation is
// read with plain SQL from the host's database file or from the wire, never from the code
// under test.
import { mkdirSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../src-main/cli/build';
import { createDemoDatabase } from '../../src-main/demo/create';
import { tempDir } from '../helpers/app';
import {
  clientFails,
  clientState,
  freePort,
  groupedFingerprint,
  login,
  NETWORK_NOW,
  openEvents,
  pairDevice,
  pairingCode,
  PinnedAgent,
  rpc,
  rpcOk,
  startClient,
  startHost,
  waitFor,
  wire,
  type ClientProc,
  type HostProc,
} from '../helpers/network';

const TODAY = NETWORK_NOW.slice(0, 10);
const T0 = Date.parse(NETWORK_NOW);
let started = 0;
/** The school's clock for a (re)started process: NETWORK_NOW plus the time the test has run. */
const clockNow = (plusMs = 0) => new Date(T0 + (Date.now() - started) + plusMs).toISOString();

let dir: string;
let dbFile: string;
let listen: string;
let host: HostProc;
let adminToken: string;
const clients: ClientProc[] = [];
const stateDirs: string[] = [];
/** Sessions through each client: 0 and 1 the teacher, 2 the second teacher. */
const tokens: string[] = [];

interface Slot {
  groupId: number;
  subjectId: number;
  date: string;
  slot: number;
}
interface Cell {
  lesson: Slot;
  lessonId: number;
  pupilId: number;
}
let journal: { groupId: number; subjectId: number };
let cells: Cell[];
let workTypeId: number;

function db() {
  return new Database(dbFile, { readonly: true, fileMustExist: true });
}
function sql<T>(query: string, ...params: unknown[]): T[] {
  const d = db();
  try {
    return d.prepare(query).all(...params) as T[];
  } finally {
    d.close();
  }
}
const marksOf = (c: Cell) =>
  sql<{ value: string }>('SELECT value FROM mark WHERE lesson_id = ? AND pupil_id = ? ORDER BY position', c.lessonId, c.pupilId).map(
    (r) => r.value,
  );
const absenceOf = (c: Cell) =>
  sql<{ reason: string }>('SELECT reason FROM absence WHERE lesson_id = ? AND pupil_id = ?', c.lessonId, c.pupilId)[0]?.reason ?? null;
const maxAuditSeq = () => sql<{ s: number }>('SELECT COALESCE(MAX(seq), 0) AS s FROM audit_event')[0]!.s;
/** journal.cell audit rows per cell after `seq`: how many times each edit was applied. */
function cellAudits(afterSeq: number): Map<string, number> {
  const rows = sql<{ id: string; n: number }>(
    "SELECT entity_id AS id, COUNT(*) AS n FROM audit_event WHERE action = 'journal.cell' AND seq > ? GROUP BY entity_id",
    afterSeq,
  );
  return new Map(rows.map((r) => [r.id, r.n]));
}
const cellKey = (c: Cell) => `${c.lessonId}:${c.pupilId}`;
const edit = (c: Cell, marks: string[], absence: string | null = null, version?: number) => ({
  lesson: c.lesson,
  pupilId: c.pupilId,
  marks: marks.map((value) => ({ value, workTypeId })),
  absence,
  ...(version === undefined ? {} : { version }),
});

async function newClient(i: number, pair?: string): Promise<ClientProc> {
  return startClient({ stateDir: stateDirs[i]!, hostUrl: host.url, ...(pair ? { pair } : {}), name: `Кабинет ${i + 1}`, now: clockNow() });
}

beforeAll(async () => {
  started = Date.now();
  dir = tempDir('zhurnal-net-');
  dbFile = join(dir, 'school.db');
  // The interface is built once here, not by four processes racing to build it.
  await ensureRendererBuilt();
  await createDemoDatabase(dbFile, { big: false, today: TODAY, now: () => new Date(NETWORK_NOW) });
  // The cells used: held lessons of the teacher's own journal up to today, their pupils.
  const d = new Database(dbFile);
  try {
    const teacher = d.prepare("SELECT id FROM staff_user WHERE login = 'teacher'").pluck().get() as number;
    const j = d
      .prepare(
        `SELECT tl.group_id AS groupId, tl.subject_id AS subjectId FROM teaching_load tl
           JOIN lesson l ON l.group_id = tl.group_id AND l.subject_id = tl.subject_id
         WHERE tl.teacher_id = ? AND l.held = 1 AND l.date <= ? GROUP BY tl.group_id, tl.subject_id ORDER BY COUNT(*) DESC LIMIT 1`,
      )
      .get(teacher, TODAY) as { groupId: number; subjectId: number };
    journal = j;
    const lessons = d
      .prepare(
        'SELECT id, date, slot FROM lesson WHERE group_id = ? AND subject_id = ? AND held = 1 AND date <= ? ORDER BY date DESC, slot LIMIT 3',
      )
      .all(j.groupId, j.subjectId, TODAY) as { id: number; date: string; slot: number }[];
    const pupils = d
      .prepare(
        'SELECT pupil_id FROM group_member WHERE group_id = ? AND from_date <= ? AND (to_date IS NULL OR to_date >= ?) ORDER BY pupil_id LIMIT 4',
      )
      .pluck();
    cells = lessons.flatMap((l) =>
      (pupils.all(j.groupId, l.date, l.date) as number[]).map((pupilId) => ({
        lesson: { groupId: j.groupId, subjectId: j.subjectId, date: l.date, slot: l.slot },
        lessonId: l.id,
        pupilId,
      })),
    );
    // Absences would forbid ordinary marks: the cells start empty.
    for (const c of cells) {
      d.prepare('DELETE FROM absence WHERE lesson_id = ? AND pupil_id = ?').run(c.lessonId, c.pupilId);
      d.prepare('DELETE FROM mark WHERE lesson_id = ? AND pupil_id = ?').run(c.lessonId, c.pupilId);
    }
    workTypeId = d.prepare('SELECT id FROM work_type WHERE is_make_up = 0 ORDER BY id LIMIT 1').pluck().get() as number;
  } finally {
    d.close();
  }
  expect(cells.length).toBeGreaterThanOrEqual(10);
  for (let i = 0; i < 3; i++) {
    stateDirs.push(join(dir, `client-${i + 1}`));
    mkdirSync(stateDirs[i]!);
  }
  listen = `127.0.0.1:${await freePort()}`;
  host = await startHost({ dbFile, listen, now: clockNow() });
  adminToken = await login(host.loopback, 'admin');
}, 120_000);

afterAll(async () => {
  await Promise.all([host?.kill(), ...clients.map((c) => c.kill())]);
  rmSync(dir, { recursive: true, force: true });
});

describe('school network: a host and three clients on loopback', () => {
  it('prints its address and the SHA-256 of its certificate, and the certificate is the one served', async () => {
    expect(host.url).toBe(`https://${listen}/`);
    // Our own pinned agent accepts the printed fingerprint only: a request through it proves
    // the fingerprint is of the certificate actually served.
    const agent = new PinnedAgent(host.fingerprint);
    const noDevice = await wire(host.url, '/rpc', { agent });
    expect(noDevice.status).toBe(401);
    expect(noDevice.body).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const noVersion = await wire(host.url, '/rpc', { agent, version: null });
    expect(noVersion.status).toBe(426);
    expect(noVersion.body).toMatchObject({ ok: false, error: { code: 'version_mismatch' } });
    agent.destroy();
  });

  it('pairs three clients with one-time codes; a wrong code is refused and pairs nothing', async () => {
    // A new code voids the one before it, so pairings take turns; the processes start side by
    // side. Client 1 pairs on the command line (--pair), clients 2 and 3 start unpaired and
    // pair from their pairing screen's method (device.pair), as a PC set up later would.
    const codes: { code: string; fingerprint: string }[] = [await pairingCode(host, adminToken)];
    const wrong = String((Number(codes[0]!.code) + 1) % 1_000_000).padStart(6, '0');
    const wrongDir = join(dir, 'client-wrong');
    mkdirSync(wrongDir);
    // A wrong code tried while a good one is open: refused, and the good one still pairs.
    const failing = clientFails({ stateDir: wrongDir, hostUrl: host.url, pair: wrong, now: clockNow() });
    const starting = [newClient(0, codes[0]!.code), newClient(1), newClient(2)];
    await waitFor('device 1 paired', () => sql<{ n: number }>('SELECT COUNT(*) AS n FROM device')[0]!.n === 1, 60_000);
    const later = await Promise.all(starting.slice(1));
    for (const [k, c] of later.entries()) {
      const i = k + 1;
      const before = await rpcOk<{ paired: boolean }>(c.url, 'device.status', {});
      expect(before.paired).toBe(false);
      codes.push(await pairingCode(host, adminToken));
      const paired = await rpcOk<{ fingerprint: string; deviceId: number }>(c.url, 'device.pair', {
        hostUrl: host.url,
        code: codes[i]!.code,
        name: `Кабинет ${i + 1}`,
      });
      expect(paired.fingerprint).toBe(host.fingerprint);
    }
    for (const c of codes) {
      expect(c.code).toMatch(/^\d{6}$/);
      expect(c.fingerprint).toBe(host.fingerprint);
    }
    clients.push(await starting[0]!, ...later);
    const failed = await failing!;
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(/^zhurnal: .*[а-яё]/im);
    for (const [i, c] of clients.entries()) {
      const s = clientState(c.stateDir);
      expect(s.fingerprint).toBe(host.fingerprint);
      expect(s.deviceName).toBe(`Кабинет ${i + 1}`);
    }
    const devices = sql<{ id: number; name: string; revoked_at: string | null }>('SELECT id, name, revoked_at FROM device ORDER BY id');
    expect(devices.map((d) => d.name).sort()).toEqual(['Кабинет 1', 'Кабинет 2', 'Кабинет 3']);
    expect(devices.map((d) => d.id).sort()).toEqual(clients.map((c) => clientState(c.stateDir).deviceId).sort());
    // Each code is single use: all three are spent, none is still open.
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM pairing_code WHERE used_at IS NULL AND voided_at IS NULL')[0]!.n).toBe(0);
    // A used code cannot pair a fourth device.
    const agent = new PinnedAgent(host.fingerprint);
    const reuse = await pairDevice(host.url, agent, codes[0]!.code, 'Чужой');
    agent.destroy();
    expect(reuse.status).toBe(403);
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM device')[0]!.n).toBe(3);
  }, 90_000);

  it('logs users in through the clients; their sessions belong to the device', async () => {
    tokens.push(
      ...(await Promise.all([login(clients[0]!.url, 'teacher'), login(clients[1]!.url, 'teacher'), login(clients[2]!.url, 'teacher2')])),
    );
    const bound = sql<{ device_id: number | null }>('SELECT device_id FROM session WHERE device_id IS NOT NULL');
    expect(bound.length).toBeGreaterThanOrEqual(3);
    expect(new Set(bound.map((b) => b.device_id))).toEqual(new Set(clients.map((c) => clientState(c.stateDir).deviceId)));
    // A session made through client 1 is refused when presented through client 2's device.
    const foreign = await rpc(clients[1]!.url, 'journal.list', {}, tokens[0]);
    expect(foreign.body).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  }, 60_000);

  it('shows an edit made through one client live on another, and refuses a stale edit of the same cell as a conflict', async () => {
    const c = cells[0]!;
    const [a, b] = await Promise.all([
      rpcOk<{ cells: { lessonId: number; pupilId: number; version: number }[] }>(clients[0]!.url, 'journal.open', journal, tokens[0]),
      rpcOk<{ cells: { lessonId: number; pupilId: number; version: number }[] }>(clients[1]!.url, 'journal.open', journal, tokens[1]),
    ]);
    const versionIn = (v: typeof a) => v.cells.find((x) => x.lessonId === c.lessonId && x.pupilId === c.pupilId)?.version ?? 0;
    const v0 = versionIn(a);
    expect(versionIn(b)).toBe(v0);

    const stream = await openEvents(clients[1]!.url, journal, tokens[1]!);
    expect(stream.status).toBe(200);
    const before = maxAuditSeq();
    const first = await rpcOk<{ cell: { version: number } }>(clients[0]!.url, 'journal.setCell', edit(c, ['5'], null, v0), tokens[0]);
    expect(first.cell.version).toBeGreaterThan(v0);
    // Client 2's open journal hears of it, with who made it.
    const seen = await stream.next<{
      type: string;
      cell: { lessonId: number; pupilId: number; marks: { value: string }[] };
      by: { name: string };
    }>('the cell event on client 2', (e) => e.type === 'cell' && e.cell.lessonId === c.lessonId && e.cell.pupilId === c.pupilId, 3_000);
    expect(seen.cell.marks.map((m) => m.value)).toEqual(['5']);
    expect(seen.by.name).toBeTruthy();
    stream.close();

    // Client 2 still holds version v0: its edit is a conflict carrying client 1's value.
    const stale = await rpc(clients[1]!.url, 'journal.setCell', edit(c, ['2'], null, v0), tokens[1]);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ ok: false, error: { code: 'conflict', current: { marks: [{ value: '5' }] } } });
    expect(marksOf(c)).toEqual(['5']);
    expect(cellAudits(before).get(cellKey(c))).toBe(1);
    // Choosing "keep mine" resends on the current version, and wins.
    const current = (stale.body as { error: { current: { version: number } } }).error.current.version;
    await rpcOk(clients[1]!.url, 'journal.setCell', edit(c, ['2'], null, current), tokens[1]);
    expect(marksOf(c)).toEqual(['2']);
    expect(cellAudits(before).get(cellKey(c))).toBe(2);
  });

  it('refuses a revoked device before any RPC runs', async () => {
    const s = clientState(clients[2]!.stateDir);
    expect((await rpc(clients[2]!.url, 'journal.list', {}, tokens[2])).body.ok).toBe(true);
    await rpcOk(host.loopback, 'network.revokeDevice', { deviceId: s.deviceId }, adminToken);
    expect(sql<{ revoked_at: string | null }>('SELECT revoked_at FROM device WHERE id = ?', s.deviceId)[0]!.revoked_at).not.toBeNull();
    const through = await rpc(clients[2]!.url, 'journal.list', {}, tokens[2]);
    expect(through.body).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // On the wire, with the device's own credential: 401 even for a public method.
    const agent = new PinnedAgent(host.fingerprint);
    const direct = await wire(host.url, '/rpc/auth.login', { agent, device: s.deviceToken, body: { login: 'teacher2', password: 'demo' } });
    agent.destroy();
    expect(direct.status).toBe(401);
    expect(direct.body).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    // The other clients are not touched.
    expect((await rpc(clients[0]!.url, 'journal.list', {}, tokens[0])).body.ok).toBe(true);
  });

  let forged: HttpsServer;
  it('refuses a forged certificate on the host address: the request never reaches it', async () => {
    await host.stop();
    const fake = await generate([{ name: 'commonName', value: 'zhurnal-host' }], { keySize: 2048, algorithm: 'sha256' });
    const fakeFingerprint = groupedFingerprint(Buffer.from(fake.cert.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    expect(fakeFingerprint).not.toBe(host.fingerprint);
    let connections = 0;
    let requests = 0;
    forged = createHttpsServer({ key: fake.private, cert: fake.cert }, (_req, res) => {
      requests++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true,"value":{"journals":[]}}');
    });
    // TCP connections, not handshakes: a client that drops the socket right after the TLS 1.3
    // handshake may leave the server without its 'secureConnection'.
    forged.on('connection', () => connections++);
    const [addr, port] = listen.split(':') as [string, string];
    await new Promise<void>((r) => forged.listen(Number(port), addr, r));

    const refused = await rpc(clients[1]!.url, 'journal.list', {}, tokens[1]);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    const message = (refused.body as { error: { message: string } }).error.message;
    expect(message).toContain(host.fingerprint);
    expect(message).toContain(fakeFingerprint);
    const status = await rpcOk<{ fingerprintMismatch?: { pinned: string; presented: string } }>(clients[1]!.url, 'device.status', {});
    expect(status.fingerprintMismatch).toEqual({ pinned: host.fingerprint, presented: fakeFingerprint });
    expect(connections).toBeGreaterThan(0);
    expect(requests).toBe(0);
    await new Promise<void>((r) => {
      forged.close(() => r());
      forged.closeAllConnections();
    });
  });

  it('keeps edits in the client outbox while the host is down, across a SIGKILL of the client, and applies each exactly once when the host is back', async () => {
    const before = maxAuditSeq();
    const deviceId = clientState(clients[0]!.stateDir).deviceId;
    const keysBefore = sql<{ n: number }>('SELECT COUNT(*) AS n FROM idempotency_key WHERE scope = ?', `device:${deviceId}`)[0]!.n;
    // Six cells, two of them edited twice: a replay out of order or twice would show.
    const plan: { c: Cell; marks: string[]; absence: string | null }[] = [
      { c: cells[1]!, marks: ['4'], absence: null },
      { c: cells[2]!, marks: [], absence: 'б' },
      { c: cells[3]!, marks: ['3', '5'], absence: null },
      { c: cells[1]!, marks: ['5'], absence: null },
      { c: cells[4]!, marks: ['2'], absence: null },
      { c: cells[5]!, marks: [], absence: 'п' },
      { c: cells[3]!, marks: ['4'], absence: null },
      { c: cells[6]!, marks: ['5', '5'], absence: null },
    ];
    const keys: string[] = [];
    for (const p of plan) {
      const a = await rpc(clients[0]!.url, 'journal.setCell', edit(p.c, p.marks, p.absence), tokens[0]);
      expect(a.status).toBe(202);
      expect(a.body).toMatchObject({ ok: false, error: { code: 'queued', queued: { key: expect.any(String) } } });
      keys.push((a.body as { error: { queued: { key: string } } }).error.queued.key);
    }
    // The open journal stays readable with the queued edits in it.
    const offline = await rpcOk<{ cells: { lessonId: number; pupilId: number; marks: { value: string }[] }[] }>(
      clients[0]!.url,
      'journal.open',
      journal,
      tokens[0],
    );
    const shown = offline.cells.find((x) => x.lessonId === cells[1]!.lessonId && x.pupilId === cells[1]!.pupilId);
    expect(shown?.marks.map((m) => m.value)).toEqual(['5']);

    // The PC is switched off, then on again: the outbox is on disk.
    await clients[0]!.kill();
    clients[0] = await newClient(0);
    const pending = await rpcOk<{ entries: unknown[] }>(clients[0].url, 'outbox.list', {}, tokens[0]);
    expect(pending.entries).toHaveLength(plan.length);
    // Nothing reached the database while the host was away.
    expect(cellAudits(before).size).toBe(0);

    host = await startHost({ dbFile, listen, now: clockNow() });
    const last = new Map(plan.map((p) => [cellKey(p.c), p]));
    await waitFor(
      'the outbox replayed on the host',
      () => [...last.values()].every((p) => JSON.stringify(marksOf(p.c)) === JSON.stringify(p.marks) && absenceOf(p.c) === p.absence),
      20_000,
    );
    await waitFor(
      'the outbox emptied',
      async () => (await rpcOk<{ entries: unknown[] }>(clients[0]!.url, 'outbox.list', {}, tokens[0])).entries.length === 0,
    );
    // Exactly once: one journal.cell audit row per edit, and each cell as its last edit left it.
    const expectedAudits = new Map<string, number>();
    for (const p of plan) expectedAudits.set(cellKey(p.c), (expectedAudits.get(cellKey(p.c)) ?? 0) + 1);
    expect(cellAudits(before)).toEqual(expectedAudits);
    for (const p of last.values()) {
      expect(marksOf(p.c), cellKey(p.c)).toEqual(p.marks);
      expect(absenceOf(p.c), cellKey(p.c)).toBe(p.absence);
    }
    // A late duplicate of the first entry (a resend whose answer was lost) changes nothing: the
    // cell keeps the later edit, and the host answers as it did the first time.
    const agent = new PinnedAgent(host.fingerprint);
    const again = await wire(host.url, '/rpc/journal.setCell', {
      agent,
      device: clientState(clients[0].stateDir).deviceToken,
      token: tokens[0]!,
      idempotencyKey: keys[0]!,
      body: edit(plan[0]!.c, plan[0]!.marks, plan[0]!.absence),
    });
    agent.destroy();
    expect(again.body).toMatchObject({ ok: true, value: { cell: { marks: [{ value: '4' }] } } });
    expect(marksOf(plan[0]!.c)).toEqual(['5']);
    expect(cellAudits(before)).toEqual(expectedAudits);
    // One stored answer per outbox entry, under this device's scope.
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM idempotency_key WHERE scope = ?', `device:${deviceId}`)[0]!.n).toBe(
      keysBefore + plan.length,
    );
  }, 90_000);

  it('refuses a pairing code after its ten minutes', async () => {
    const code = await pairingCode(host, adminToken);
    // The code's clock: the host is restarted eleven minutes later on the same database.
    await host.stop();
    host = await startHost({ dbFile, listen, now: clockNow(11 * 60_000) });
    const agent = new PinnedAgent(host.fingerprint);
    const late = await pairDevice(host.url, agent, code.code, 'Опоздавший');
    agent.destroy();
    expect(late.status).toBe(403);
    expect(late.body).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/истёк|истек|просрочен/i) } });
    expect(sql<{ n: number }>("SELECT COUNT(*) AS n FROM device WHERE name = 'Опоздавший'")[0]!.n).toBe(0);
  }, 60_000);
});
