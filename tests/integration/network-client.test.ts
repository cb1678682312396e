// The school network client (DESIGN.md §10, NETWORK.md "Client") against the real network host
// (src-main/network/host, over TLS on 127.0.0.1, port 0) and the real database: pairing with a
// one-time code pins the host's certificate; calls are forwarded with the device credential; a
// forged certificate on the same address is refused before any request byte reaches it; an
// absent host answers `unavailable` at once; the client process prints its line.
// Header details, connection reuse, the version refusal and the event stream's reconnects use
// the wire double (tests/helpers/host-double.ts), which can count and cut connections.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkControl } from '../../src-main/network/host/control-impl';
import { openClient, type ClientHandle } from '../../src-main/network/client/open';
import { APP_VERSION } from '../../src-main/version';
import { request as httpRequest } from 'node:http';
import { startHttpHost } from '../../src-main/hosts/http/server';
import { addUser, createTestApp, TEST_PASSWORD, tempDir, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';
import { startForgedHost, startHostDouble, type HostDouble } from '../helpers/host-double';

let app: TestApp;
/** The wire double (same database behind it). */
let host: HostDouble;
/** The real network host. */
let control: ReturnType<typeof createNetworkControl>;
let real: { url: string; port: number; fingerprint: string };
let admin: string;
let sc: TinySchool;
const clients: ClientHandle[] = [];

const hostControl = (stateDir: string) =>
  createNetworkControl({ services: app.services, router: app.router, stateDir, version: APP_VERSION, mdns: false, log: () => {} });

beforeAll(async () => {
  app = createTestApp();
  sc = await buildTinySchool(app);
  await addUser(app, 'nurse', ['teacher']);
  admin = (await app.call<{ token: string }>('auth.login', { login: 'admin', password: TEST_PASSWORD })).token;
  control = hostControl(join(app.dir, 'host'));
  app.services.network = control;
  const st = await control.serve('127.0.0.1', 0);
  real = { url: `https://127.0.0.1:${st.port}`, port: st.port!, fingerprint: st.fingerprint! };
  host = await startHostDouble(app.router);
}, 30_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await host?.close();
  await control?.close();
  app?.dispose();
});

/** A pairing code made by the administrator through the host's RPC, as the UI does. */
const newCode = async () => (await app.call<{ code: string }>('network.createPairingCode', {}, admin)).code;

async function client(opts: Partial<Parameters<typeof openClient>[0]> = {}): Promise<ClientHandle & { stateDir: string }> {
  const stateDir = opts.stateDir ?? tempDir('zhurnal-client-');
  const c = await openClient({ stateDir, hostUrl: real.url, connectTimeoutMs: 1_000, ...opts });
  clients.push(c);
  return { ...c, stateDir };
}

const status = async (c: ClientHandle) => {
  const env = await c.router.call('device.status', {}, null);
  if (!env.ok) throw new Error(env.error.message);
  return env.value as {
    mode: string;
    paired: boolean;
    fingerprint: string | null;
    fingerprintMismatch: { pinned: string; presented: string } | null;
  };
};

async function until(what: string, check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sql = (q: string, ...args: unknown[]) => app.services.sqlite.prepare(q).get(...args) as Record<string, unknown> | undefined;

describe('pairing and forwarding', () => {
  it('a wrong code is refused and nothing is remembered', async () => {
    const c = await client();
    const code = await newCode();
    const wrong = code === '000000' ? '000001' : '000000';
    const env = await c.router.call('device.pair', { hostUrl: real.url, code: wrong, name: 'Кабинет 1' }, null);
    expect(env.ok ? 'ok' : env.error.code).toBe('forbidden');
    expect(existsSync(join(c.stateDir, 'client.json'))).toBe(false);
    expect((await status(c)).paired).toBe(false);
    // Unpaired: nothing is forwarded, the renderer gets a reason to show the pairing screen.
    const call = await c.router.call('auth.status', {}, null);
    expect(call.ok ? 'ok' : call.error.code).toBe('unavailable');
  });

  it('pairs with the code, pins the presented fingerprint, then forwards calls as this device', async () => {
    const c = await client();
    expect(await status(c)).toMatchObject({ mode: 'client', paired: false });
    const env = await c.router.call('device.pair', { hostUrl: `${real.url}/`, code: await newCode(), name: 'Кабинет 12' }, null);
    expect(env).toMatchObject({ ok: true, value: { fingerprint: real.fingerprint, hostUrl: real.url } });
    const file = join(c.stateDir, 'client.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ hostUrl: real.url, fingerprint: real.fingerprint, deviceName: 'Кабинет 12' });
    expect(await status(c)).toMatchObject({ paired: true, fingerprint: real.fingerprint });
    // The host's own record of this device (plain SQL).
    expect(sql('SELECT id, name FROM device WHERE id = ?', saved.deviceId)).toEqual({ id: saved.deviceId, name: 'Кабинет 12' });

    const login = await c.router.call('auth.login', { login: 'nurse', password: TEST_PASSWORD }, null);
    if (!login.ok) throw new Error(login.error.message);
    const token = (login.value as { token: string }).token;
    // The session was made through this device and is bound to it on the host.
    const row = sql(
      "SELECT s.device_id FROM session s JOIN staff_user u ON u.id = s.staff_id WHERE u.login = 'nurse' AND s.ended_at IS NULL",
    );
    expect(row).toEqual({ device_id: saved.deviceId });
    expect(await c.router.call('auth.me', {}, token)).toMatchObject({ ok: true, value: { user: { login: 'nurse' } } });
    // A second process on the same state folder is paired without a code.
    const again = await client({ stateDir: c.stateDir });
    expect(await again.router.call('auth.me', {}, token)).toMatchObject({ ok: true });
  });

  it('follows the host to a new address by its fingerprint; another certificate there is still refused', async () => {
    const c = await client();
    const paired = await c.router.call('device.pair', { hostUrl: real.url, code: await newCode(), name: 'Кабинет 7' }, null);
    expect(paired.ok).toBe(true);
    c.close();
    // The same host (its state folder, so its certificate) now also answers on another address.
    const moved = hostControl(join(app.dir, 'host'));
    const st = await moved.serve('127.0.0.2', 0);
    const forged = await startForgedHost(0);
    try {
      const there = await client({ stateDir: c.stateDir, hostUrl: `https://127.0.0.2:${st.port}` });
      expect(await there.router.call('auth.status', {}, null)).toMatchObject({ ok: true });
      expect(JSON.parse(readFileSync(join(c.stateDir, 'client.json'), 'utf8')).hostUrl).toBe(`https://127.0.0.2:${st.port}`);
      there.close();
      // An address serving another certificate gets nothing: the pin, not the address, decides.
      const wrong = await client({ stateDir: c.stateDir, hostUrl: `https://127.0.0.1:${forged.port}` });
      const env = await wrong.router.call('auth.status', {}, null);
      expect(env.ok ? 'ok' : env.error.code).toBe('unavailable');
      expect((await status(wrong)).fingerprintMismatch).toMatchObject({ pinned: real.fingerprint });
    } finally {
      await forged.close();
      await moved.close();
    }
  });

  it('the PC with the database answers device.* itself: its mode, and a Russian refusal to pair', async () => {
    expect(await app.router.call('device.status', {}, null)).toMatchObject({ ok: true, value: { mode: 'host', paired: false } });
    const pair = await app.router.call('device.pair', { hostUrl: real.url, code: '123456', name: 'Сервер' }, null);
    expect(pair).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/сам хранит базу школы/) } });
    await control.stop();
    try {
      expect(await app.router.call('device.status', {}, null)).toMatchObject({ ok: true, value: { mode: 'standalone' } });
    } finally {
      await control.serve('127.0.0.1', real.port);
    }
  });

  it('a PC the administrator disconnected is told so and shows the pairing screen again; a new code pairs it', async () => {
    const c = await client();
    const paired = await c.router.call('device.pair', { hostUrl: real.url, code: await newCode(), name: 'Кабинет 9' }, null);
    if (!paired.ok) throw new Error(paired.error.message);
    const deviceId = (paired.value as { deviceId: number }).deviceId;
    const login = await c.router.call('auth.login', { login: 'nurse', password: TEST_PASSWORD }, null);
    const token = (login as { value: { token: string } }).value.token;
    await app.call('network.revokeDevice', { deviceId }, admin);
    expect(sql('SELECT revoked_at IS NOT NULL AS revoked FROM device WHERE id = ?', deviceId)).toEqual({ revoked: 1 });

    const refused = await c.router.call('auth.me', {}, token);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', message: expect.stringMatching(/отключён администратором/) },
    });
    expect(await status(c)).toMatchObject({ paired: false, problem: expect.stringMatching(/отключён администратором/) });

    const again = await c.router.call('device.pair', { hostUrl: real.url, code: await newCode(), name: 'Кабинет 9' }, null);
    expect(again.ok).toBe(true);
    expect(await status(c)).toMatchObject({ paired: true, problem: null });
    expect(await c.router.call('auth.status', {}, null)).toMatchObject({ ok: true });
    // An ended session is not a refused PC: a wrong token alone leaves the pairing as it is.
    expect(await c.router.call('auth.me', {}, 'not-a-session')).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await status(c)).toMatchObject({ paired: true });
  });

  it('sends the wire headers: session, device credential, version, idempotency key; device.* stays here', async () => {
    const c = await client({ hostUrl: host.url });
    await c.router.call('device.pair', { hostUrl: host.url, code: host.code, name: 'Кабинет 14' }, null);
    const saved = JSON.parse(readFileSync(join(c.stateDir, 'client.json'), 'utf8'));
    const before = host.requests.length;
    await c.router.call('auth.me', {}, 'session-token', { idempotencyKey: 'k-1' });
    await c.router.call('device.status', {}, 'session-token');
    const seen = host.requests.slice(before);
    // The 401 is checked with GET /rpc (device credential only): a refused session, not a refused PC.
    expect(seen.map((r) => r.path)).toEqual(['/rpc/auth.me', '/rpc']);
    expect(seen[1]!.headers.authorization).toBeUndefined();
    expect(seen[1]!.headers['x-zhurnal-device']).toBe(saved.deviceToken);
    expect(await status(c)).toMatchObject({ paired: true, problem: null });
    expect(seen[0]!.headers).toMatchObject({
      authorization: 'Bearer session-token',
      'x-zhurnal-device': saved.deviceToken,
      'x-zhurnal-version': JSON.parse(readFileSync('package.json', 'utf8')).version,
      'idempotency-key': 'k-1',
    });
  });

  it('calls reuse kept-alive connections instead of a handshake each', async () => {
    // Sixty handshakes at once on a busy test machine: a patient connect timeout here.
    const c = await client({ hostUrl: host.url, connectTimeoutMs: 15_000 });
    await c.router.call('device.pair', { hostUrl: host.url, code: host.code, name: 'Учительская' }, null);
    const answers = await Promise.all(Array.from({ length: 60 }, () => c.router.call('auth.status', {}, null)));
    expect(answers.filter((a) => !a.ok)).toEqual([]);
    const opened = host.connections();
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) await c.router.call('auth.status', {}, null);
    // Sequential calls reuse a kept-alive connection: no new handshake for any of them.
    expect(host.connections()).toBe(opened);
    console.log(
      `client: 20 sequential forwarded calls in ${(performance.now() - t0).toFixed(0)} ms, 60 parallel over ${opened} connections`,
    );
  });
});

describe('a host that is away or replaced', () => {
  it('a forged certificate on the same address and port is refused with both fingerprints, and no request byte reaches it', async () => {
    const c = await client();
    expect((await c.router.call('device.pair', { hostUrl: real.url, code: await newCode(), name: 'Кабинет 7' }, null)).ok).toBe(true);
    expect((await c.router.call('auth.status', {}, null)).ok).toBe(true);
    await control.stop();

    const forged = await startForgedHost(real.port);
    try {
      const env = await c.router.call('auth.login', { login: 'nurse', password: TEST_PASSWORD }, null);
      expect(env.ok ? 'ok' : env.error.code).toBe('unavailable');
      const message = env.ok ? '' : env.error.message;
      expect(message).toContain(real.fingerprint);
      expect(message).toContain(forged.cert.fingerprint);
      // The client did reach the forged host (it was shown the certificate), and left without a byte.
      await until('the forged host to see the connection end', () => forged.handshakes() > 0 && forged.open() === 0);
      expect(forged.bytes()).toBe(0);
      expect((await status(c)).fingerprintMismatch).toEqual({ pinned: real.fingerprint, presented: forged.cert.fingerprint });
      // Pairing again without accepting the new fingerprint is refused the same way.
      const blind = await c.router.call('device.pair', { hostUrl: real.url, code: '123456', name: 'Кабинет 7' }, null);
      expect(blind.ok ? 'ok' : blind.error.message).toContain(forged.cert.fingerprint);
      await until('the forged host to see the connection end', () => forged.open() === 0);
      expect(forged.bytes()).toBe(0);
    } finally {
      await forged.close();
    }

    // The host moved to another PC (a new certificate on that address): the administrator's new
    // code and the accepted new fingerprint re-pair this PC.
    const moved = hostControl(tempDir('zhurnal-moved-host-'));
    app.services.network = moved;
    try {
      const st = await moved.serve('127.0.0.1', real.port);
      expect(st.fingerprint).not.toBe(real.fingerprint);
      expect((await status(c)).fingerprintMismatch).not.toBeNull();
      await c.router.call('auth.status', {}, null);
      expect((await status(c)).fingerprintMismatch).toEqual({ pinned: real.fingerprint, presented: st.fingerprint });
      const env = await c.router.call(
        'device.pair',
        { hostUrl: real.url, code: await newCode(), name: 'Кабинет 7', acceptFingerprint: st.fingerprint! },
        null,
      );
      expect(env).toMatchObject({ ok: true, value: { fingerprint: st.fingerprint } });
      expect((await c.router.call('auth.status', {}, null)).ok).toBe(true);
      expect((await status(c)).fingerprintMismatch).toBeNull();
    } finally {
      await moved.close();
      app.services.network = control;
      await control.serve('127.0.0.1', real.port);
    }
  });

  it('an absent host answers unavailable at once; a silent one within the connect timeout; then recovers', async () => {
    const c = await client();
    expect((await c.router.call('device.pair', { hostUrl: real.url, code: await newCode(), name: 'Кабинет 3' }, null)).ok).toBe(true);
    await control.stop();
    try {
      let t0 = performance.now();
      const refused = await c.remote.send('auth.status', {}, null);
      const refusedMs = performance.now() - t0;
      expect(refused).toMatchObject({ unreachable: true });
      expect(await c.router.call('auth.status', {}, null)).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(refusedMs).toBeLessThan(500);

      // A host that takes the TCP connection and never speaks TLS (hung, or a wrong service).
      const sockets = new Set<Socket>();
      const silent: Server = createServer((s) => sockets.add(s));
      await new Promise<void>((r) => silent.listen(real.port, '127.0.0.1', r));
      t0 = performance.now();
      const hung = await c.remote.send('auth.status', {}, null);
      const hungMs = performance.now() - t0;
      for (const s of sockets) s.destroy();
      await new Promise((r) => silent.close(r));
      expect(hung).toMatchObject({ unreachable: true });
      expect(hungMs).toBeLessThan(3_000);
      console.log(`client: refused host answered in ${refusedMs.toFixed(0)} ms, silent host in ${hungMs.toFixed(0)} ms`);
    } finally {
      await control.serve('127.0.0.1', real.port);
    }
    // The same host back: the pairing still holds, calls go through again.
    expect(await c.router.call('auth.status', {}, null)).toMatchObject({ ok: true });
    expect(await status(c)).toMatchObject({ fingerprintMismatch: null });
  });

  it('passes the host version refusal (426) to the caller as it is', async () => {
    const other = await startHostDouble(app.router, { version: '0.0.1' });
    // (The real host's 426 and its wording are tested in network-host.test.ts.)
    try {
      const c = await client({ hostUrl: other.url });
      const env = await c.router.call('device.pair', { hostUrl: other.url, code: other.code, name: 'Кабинет 9' }, null);
      expect(env).toMatchObject({ ok: false, error: { code: 'version_mismatch' } });
      expect(env.ok ? '' : env.error.message).toContain('0.0.1');
    } finally {
      await other.close();
    }
  });
});

const cellEvent = (version: number) => ({
  type: 'cell',
  groupId: 1,
  subjectId: 2,
  cell: { lessonId: 3, pupilId: 4, marks: [{ value: '5', workTypeId: 1, weight: 1 }], absence: null, version },
  by: { staffId: 5, name: 'Тестова Н. И.' },
});

/** An SSE reader over plain HTTP (the loopback interface), as the renderer's fetch stream reads it. */
function readEvents(url: string, token: string) {
  const frames: { event: string; data: string }[] = [];
  let text = '';
  let ended = false;
  const req = httpRequest(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      text += c;
      let i: number;
      while ((i = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, i);
        text = text.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? (block.startsWith(':') ? block : 'message');
        frames.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
      }
    });
    res.on('close', () => (ended = true));
  });
  req.on('error', () => (ended = true));
  req.end();
  return { frames, ended: () => ended, stop: () => req.destroy() };
}

describe('live events', () => {
  it("a journal open on a client's page gets the host's committed changes; a host that goes away ends the stream for a re-read", async () => {
    const c = await client();
    expect((await c.router.call('device.pair', { hostUrl: real.url, code: await newCode(), name: 'Кабинет 8' }, null)).ok).toBe(true);
    const { server, port } = await startHttpHost({ router: c.router, staticDir: null, port: 0, log: () => {} });
    try {
      const login = await c.router.call('auth.login', { login: 'teacher', password: TEST_PASSWORD }, null);
      const token = (login as { value: { token: string } }).value.token;
      const stream = readEvents(`http://127.0.0.1:${port}/events?groupId=${sc.g5a}&subjectId=${sc.rus}`, token);
      await until('the stream to open', () => stream.frames.some((f) => f.event === ': open'));
      // Someone at the host's own screen (another session) puts a mark.
      const there = (await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD })).token;
      const lesson = { groupId: sc.g5a, subjectId: sc.rus, date: '2026-11-23', slot: 2 };
      await app.call(
        'journal.setCell',
        { lesson, pupilId: sc.pupils[0], marks: [{ value: '4', workTypeId: sc.wtAnswer }], absence: null },
        there,
      );
      await until('the mark to arrive', () => stream.frames.some((f) => f.event === 'message' && JSON.parse(f.data).type === 'cell'));
      const e = JSON.parse(stream.frames.find((f) => f.event === 'message' && JSON.parse(f.data).type === 'cell')!.data);
      expect(e).toMatchObject({ groupId: sc.g5a, subjectId: sc.rus, cell: { pupilId: sc.pupils[0], marks: [{ value: '4' }] } });

      await control.stop();
      try {
        await until('the stream to end', () => stream.ended());
        expect(stream.frames.at(-1)).toMatchObject({ event: 'end' });
        expect(JSON.parse(stream.frames.at(-1)!.data)).toMatchObject({ code: 'unavailable' });
      } finally {
        await control.serve('127.0.0.1', real.port);
      }
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('a subscription receives the host events and reconnects after the connection drops', async () => {
    const c = await client({ hostUrl: host.url });
    await c.router.call('device.pair', { hostUrl: host.url, code: host.code, name: 'Кабинет 5' }, null);
    const login = await c.router.call('auth.login', { login: 'nurse', password: TEST_PASSWORD }, null);
    const token = (login as { value: { token: string } }).value.token;
    const got: unknown[] = [];
    const sub = await c.remote.subscribe(token, { groupId: 1, subjectId: 2 }, (e) => got.push(e));
    expect(sub.ok).toBe(true);
    await until('the stream', () => host.streams() === 1);
    expect(host.requests.at(-1)!.path).toBe('/events?groupId=1&subjectId=2');
    host.publish(cellEvent(1));
    await until('the first event', () => got.length === 1);

    const opened = () => host.requests.filter((r) => r.path.startsWith('/events')).length;
    const before = opened();
    host.dropConnections();
    await until('the stream to reconnect', () => opened() === before + 1 && host.streams() === 1, 8_000);
    host.publish({ type: 'cell', broken: true }); // not a journal event: skipped, the stream goes on
    host.publish(cellEvent(2));
    await until('the second event', () => got.length === 2);
    expect(got).toEqual([cellEvent(1), cellEvent(2)]);
    if (sub.ok) sub.close();
    await until('the stream to close', () => host.streams() === 0);

    // No session: the host's refusal is the answer, no stream.
    const refused = await c.remote.subscribe(null, { groupId: 1, subjectId: 2 }, () => {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});

describe('npm run serve -- --connect', () => {
  const READY = /^zhurnal: (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m;
  /** Runs the command line like npm run serve does; resolves at its ready line or at its exit. */
  function serveClient(...args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/serve.ts', '--connect', real.url, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    });
    let out = '';
    let err = '';
    const done = new Promise<{ url: string | null; code: number | null; err: string }>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = READY.exec(out);
        if (m) resolve({ url: m[1]!, code: null, err });
      });
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.once('exit', (code) => resolve({ url: null, code, err }));
    });
    return { child, done };
  }
  const post = async (url: string, method: string) =>
    (await (
      await fetch(`${url}rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })
    ).json()) as {
      ok: boolean;
      value?: any;
      error?: any;
    };

  it('pairs with --pair, prints its line, and forwards the interface calls to the host', { timeout: 60_000 }, async () => {
    const stateDir = tempDir('zhurnal-cli-client-');
    const { child, done } = serveClient('--state', stateDir, '--port', '0', '--pair', await newCode(), '--name', 'Кабинет 21');
    try {
      const r = await done;
      expect(r.url, r.err).not.toBeNull();
      expect(await post(r.url!, 'device.status')).toMatchObject({
        ok: true,
        value: { mode: 'client', paired: true, fingerprint: real.fingerprint, deviceName: 'Кабинет 21' },
      });
      // The host's school, through the client's loopback interface.
      app.services.sqlite.prepare("UPDATE school SET name = 'Школа № 5'").run();
      expect(await post(r.url!, 'auth.status')).toMatchObject({ ok: true, value: { schoolName: 'Школа № 5' } });
      expect(sql("SELECT count(*) AS n FROM device WHERE name = 'Кабинет 21'")).toEqual({ n: 1 });
      expect(JSON.parse(readFileSync(join(stateDir, 'client.json'), 'utf8'))).toMatchObject({ fingerprint: real.fingerprint });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a refused code is one Russian line on stderr and exit 1, before any ready line', { timeout: 60_000 }, async () => {
    const code = await newCode();
    const wrong = code === '000000' ? '000001' : '000000';
    const { done } = serveClient('--state', tempDir('zhurnal-cli-client-'), '--port', '0', '--pair', wrong);
    const r = await done;
    expect(r.url).toBeNull();
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/^zhurnal: [А-ЯЁ][^\n]*код[^\n]*$/);
  });
});
