// The school network client (DESIGN.md §10, NETWORK.md "Client"): pairing with a one-time code
// pins the host's certificate; calls are forwarded with the device credential; a forged
// certificate on the same address is refused before any request byte reaches it; an absent
// host answers `unavailable` at once; the event stream reconnects by itself.
// The host side is the wire-protocol double over real HTTPS (tests/helpers/host-double.ts)
// with a real router and database behind it.
import { spawn } from 'node:child_process';
import { readFileSync, statSync, existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClient, type ClientHandle } from '../../src-main/network/client/open';
import { addUser, createTestApp, TEST_PASSWORD, tempDir, type TestApp } from '../helpers/app';
import { startForgedHost, startHostDouble, type HostDouble } from '../helpers/host-double';

let app: TestApp;
let host: HostDouble;
const clients: ClientHandle[] = [];

beforeAll(async () => {
  app = createTestApp();
  await addUser(app, 'nurse', ['teacher']);
  host = await startHostDouble(app.router);
});
afterAll(async () => {
  for (const c of clients) c.close();
  await host?.close();
  app?.dispose();
});

async function client(opts: Partial<Parameters<typeof openClient>[0]> = {}): Promise<ClientHandle & { stateDir: string }> {
  const stateDir = opts.stateDir ?? tempDir('zhurnal-client-');
  const c = await openClient({ stateDir, hostUrl: host.url, connectTimeoutMs: 1_000, ...opts });
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

describe('pairing and forwarding', () => {
  it('a wrong code is refused and nothing is remembered', async () => {
    const c = await client();
    const wrong = host.code === '000000' ? '000001' : '000000';
    const env = await c.router.call('device.pair', { hostUrl: host.url, code: wrong, name: 'Кабинет 1' }, null);
    expect(env.ok ? 'ok' : env.error.code).toBe('forbidden');
    expect(existsSync(join(c.stateDir, 'client.json'))).toBe(false);
    expect((await status(c)).paired).toBe(false);
    // Unpaired: nothing is forwarded, the renderer gets a reason to show the pairing screen.
    const call = await c.router.call('auth.status', {}, null);
    expect(call.ok ? 'ok' : call.error.code).toBe('unavailable');
  });

  it('pairs with the code, pins the presented fingerprint, then forwards calls with the device credential', async () => {
    const c = await client();
    expect(await status(c)).toMatchObject({ mode: 'client', paired: false });
    const env = await c.router.call('device.pair', { hostUrl: host.url, code: host.code, name: 'Кабинет 12' }, null);
    expect(env).toMatchObject({ ok: true, value: { fingerprint: host.cert.fingerprint, hostUrl: host.url } });
    const file = join(c.stateDir, 'client.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ hostUrl: host.url, fingerprint: host.cert.fingerprint, deviceName: 'Кабинет 12' });
    expect(await status(c)).toMatchObject({ paired: true, fingerprint: host.cert.fingerprint });

    const before = host.requests.length;
    const login = await c.router.call('auth.login', { login: 'nurse', password: TEST_PASSWORD }, null);
    if (!login.ok) throw new Error(login.error.message);
    const token = (login.value as { token: string }).token;
    // The session exists in the host's database (plain SQL), made through this device's call.
    const sessions = app.services.sqlite
      .prepare("SELECT count(*) FROM session s JOIN staff_user u ON u.id = s.staff_id WHERE u.login = 'nurse'")
      .pluck()
      .get();
    expect(sessions).toBe(1);
    const me = await c.router.call('auth.me', {}, token, { idempotencyKey: 'k-1' });
    expect(me).toMatchObject({ ok: true, value: { user: { login: 'nurse' } } });
    const seen = host.requests.slice(before);
    expect(seen.map((r) => r.path)).toEqual(['/rpc/auth.login', '/rpc/auth.me']);
    expect(seen[1]!.headers).toMatchObject({
      authorization: `Bearer ${token}`,
      'x-zhurnal-device': saved.deviceToken,
      'x-zhurnal-version': JSON.parse(readFileSync('package.json', 'utf8')).version,
      'idempotency-key': 'k-1',
    });
    // device.* never leaves this PC.
    await c.router.call('device.status', {}, token);
    expect(host.requests.length).toBe(before + 2);
    // A second process on the same state folder is paired without a code.
    const again = await client({ stateDir: c.stateDir });
    expect(await again.router.call('auth.me', {}, token)).toMatchObject({ ok: true });
  });

  it('calls reuse kept-alive connections instead of a handshake each', async () => {
    const c = await client();
    await c.router.call('device.pair', { hostUrl: host.url, code: host.code, name: 'Учительская' }, null);
    const answers = await Promise.all(Array.from({ length: 60 }, () => c.router.call('auth.status', {}, null)));
    expect(answers.every((a) => a.ok)).toBe(true);
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
    const own = await startHostDouble(app.router);
    const c = await client({ hostUrl: own.url });
    const paired = await c.router.call('device.pair', { hostUrl: own.url, code: own.code, name: 'Кабинет 7' }, null);
    expect(paired.ok).toBe(true);
    expect((await c.router.call('auth.status', {}, null)).ok).toBe(true);
    const port = own.port;
    await own.close();

    const forged = await startForgedHost(port);
    try {
      const env = await c.router.call('auth.login', { login: 'nurse', password: TEST_PASSWORD }, null);
      expect(env.ok ? 'ok' : env.error.code).toBe('unavailable');
      const message = env.ok ? '' : env.error.message;
      expect(message).toContain(own.cert.fingerprint);
      expect(message).toContain(forged.cert.fingerprint);
      // The client did reach the forged host (a full handshake), and left without a byte.
      await until('the forged host to see the handshake end', () => forged.handshakes() > 0 && forged.open() === 0);
      expect(forged.bytes()).toBe(0);
      expect((await status(c)).fingerprintMismatch).toEqual({ pinned: own.cert.fingerprint, presented: forged.cert.fingerprint });
      // Pairing again without accepting the new fingerprint is refused the same way.
      const blind = await c.router.call('device.pair', { hostUrl: own.url, code: '123456', name: 'Кабинет 7' }, null);
      expect(blind.ok ? 'ok' : blind.error.message).toContain(forged.cert.fingerprint);
      expect(forged.bytes()).toBe(0);
    } finally {
      await forged.close();
    }

    // The host moved (new certificate on that address): the administrator's new code and the
    // accepted fingerprint re-pair the PC.
    const moved = await startHostDouble(app.router, { port, cert: forged.cert });
    try {
      const env = await c.router.call(
        'device.pair',
        { hostUrl: moved.url, code: moved.code, name: 'Кабинет 7', acceptFingerprint: forged.cert.fingerprint },
        null,
      );
      expect(env).toMatchObject({ ok: true, value: { fingerprint: forged.cert.fingerprint } });
      expect((await c.router.call('auth.status', {}, null)).ok).toBe(true);
      expect((await status(c)).fingerprintMismatch).toBeNull();
    } finally {
      await moved.close();
    }
  });

  it('an absent host answers unavailable at once; a silent one within the connect timeout; then recovers', async () => {
    const own = await startHostDouble(app.router);
    const c = await client({ hostUrl: own.url });
    await c.router.call('device.pair', { hostUrl: own.url, code: own.code, name: 'Кабинет 3' }, null);
    const port = own.port;
    await own.close();

    let t0 = performance.now();
    const refused = await c.remote.send('auth.status', {}, null);
    const refusedMs = performance.now() - t0;
    expect(refused).toMatchObject({ unreachable: true });
    expect((await c.router.call('auth.status', {}, null)) as unknown).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(refusedMs).toBeLessThan(500);

    // A host that takes the TCP connection and never speaks TLS (hung, or a wrong service).
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r));
    t0 = performance.now();
    const hung = await c.remote.send('auth.status', {}, null);
    const hungMs = performance.now() - t0;
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
    expect(hung).toMatchObject({ unreachable: true });
    expect(hungMs).toBeLessThan(3_000);
    console.log(`client: refused host answered in ${refusedMs.toFixed(0)} ms, silent host in ${hungMs.toFixed(0)} ms`);

    const back = await startHostDouble(app.router, { port, cert: own.cert });
    try {
      // The device credential is the old double's; the new one knows no devices: 401 passes through.
      const env = await c.router.call('auth.status', {}, null);
      expect(env.ok ? 'ok' : env.error.code).toBe('unauthenticated');
      expect((await status(c)).fingerprintMismatch).toBeNull();
    } finally {
      await back.close();
    }
  });

  it('passes the host version refusal (426) to the caller as it is', async () => {
    const other = await startHostDouble(app.router, { version: '0.0.1' });
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

describe('live events', () => {
  it('a subscription receives the host events and reconnects after the connection drops', async () => {
    const c = await client();
    await c.router.call('device.pair', { hostUrl: host.url, code: host.code, name: 'Кабинет 5' }, null);
    const login = await c.router.call('auth.login', { login: 'nurse', password: TEST_PASSWORD }, null);
    const token = (login as { value: { token: string } }).value.token;
    const got: unknown[] = [];
    const sub = await c.remote.subscribe(token, { groupId: 1, subjectId: 2 }, (e) => got.push(e));
    expect(sub.ok).toBe(true);
    await until('the stream', () => host.streams() === 1);
    expect(host.requests.at(-1)!.path).toBe('/events?groupId=1&subjectId=2');
    host.publish({ type: 'cell', n: 1 });
    await until('the first event', () => got.length === 1);

    const opened = () => host.requests.filter((r) => r.path.startsWith('/events')).length;
    const before = opened();
    host.dropConnections();
    await until('the stream to reconnect', () => opened() === before + 1 && host.streams() === 1, 8_000);
    host.publish({ type: 'cell', n: 2 });
    await until('the second event', () => got.length === 2);
    expect(got).toEqual([
      { type: 'cell', n: 1 },
      { type: 'cell', n: 2 },
    ]);
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
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/serve.ts', '--connect', host.url, ...args], {
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
    const { child, done } = serveClient('--state', stateDir, '--port', '0', '--pair', host.code, '--name', 'Кабинет 21');
    try {
      const r = await done;
      expect(r.url, r.err).not.toBeNull();
      expect(await post(r.url!, 'device.status')).toMatchObject({
        ok: true,
        value: { mode: 'client', paired: true, fingerprint: host.cert.fingerprint, deviceName: 'Кабинет 21' },
      });
      const before = host.requests.length;
      expect(await post(r.url!, 'auth.status')).toMatchObject({ ok: true });
      expect(host.requests.slice(before).map((q) => q.path)).toEqual(['/rpc/auth.status']);
      expect(JSON.parse(readFileSync(join(stateDir, 'client.json'), 'utf8'))).toMatchObject({ fingerprint: host.cert.fingerprint });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a refused code is one Russian line on stderr and exit 1, before any ready line', { timeout: 60_000 }, async () => {
    const wrong = host.code === '000000' ? '000001' : '000000';
    const { done } = serveClient('--state', tempDir('zhurnal-cli-client-'), '--port', '0', '--pair', wrong);
    const r = await done;
    expect(r.url).toBeNull();
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('zhurnal: Неверный код подключения');
  });
});
