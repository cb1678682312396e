// The school network host over real TLS on 127.0.0.1 (port 0) with the real database: version
// gate, pairing codes (right, wrong, expired, used, voided, rate limit), the device gate before
// any RPC, sessions bound to their device, revocation, and hostile connections. Expected values
// come from plain SQL, Node's own X509 parser and the contract in NETWORK.md.
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request, type RequestOptions } from 'node:https';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetworkControl } from '../../src-main/network/host/control-impl';
import { APP_VERSION } from '../../src-main/version';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let app: TestApp;
let control: ReturnType<typeof createNetworkControl>;
let admin: string;
let adminId: number;
let port: number;
const stateDir = () => join(app.dir, 'host');

interface Answer {
  status: number;
  body: { ok: boolean; value?: any; error?: { code: string; message: string } };
  fingerprint256: string;
}

/** One HTTPS request to the network host, with the version header unless told otherwise. */
function https(
  path: string,
  opts: { method?: string; body?: unknown; device?: string; token?: string; version?: string | null; host?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (opts.version !== null) headers['X-Zhurnal-Version'] = opts.version ?? APP_VERSION;
  if (opts.device) headers['X-Zhurnal-Device'] = opts.device;
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.host) headers.Host = opts.host;
  const ro: RequestOptions = {
    host: '127.0.0.1',
    port,
    path,
    method: opts.method ?? 'POST',
    headers,
    // Self-signed: the test checks the presented fingerprint itself (as a client pins it).
    rejectUnauthorized: false,
    agent: false,
  };
  return new Promise((resolve, reject) => {
    const req = request(ro, (res) => {
      const fp = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), fingerprint256: fp });
        } catch {
          resolve({ status: res.statusCode ?? 0, body: { ok: false }, fingerprint256: fp });
        }
      });
    });
    req.on('error', reject);
    req.end(opts.body === undefined ? undefined : JSON.stringify(opts.body));
  });
}

const rpc = (method: string, input: unknown, o: { device?: string; token?: string } = {}) => https(`/rpc/${method}`, { body: input, ...o });

async function newCode(): Promise<string> {
  return (await app.call<{ code: string }>('network.createPairingCode', {}, admin)).code;
}

async function pair(code: string, name = 'Кабинет 12') {
  return https('/pair', { body: { code, name, version: APP_VERSION } });
}

async function pairedDevice(name: string): Promise<{ deviceId: number; deviceToken: string }> {
  const r = await pair(await newCode(), name);
  expect(r.status).toBe(200);
  return r.body.value;
}

/** A condition awaited with a deadline (never a fixed sleep). */
function within<T>(ms: number, p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what)), ms)));
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

const sql = <T>(q: string, ...args: unknown[]) => app.services.sqlite.prepare(q).get(...args) as T;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

beforeAll(async () => {
  app = createTestApp();
  adminId = await addUser(app, 'admin1', ['administrator']);
  await addUser(app, 'teacher1', ['teacher']);
  admin = (await app.call<{ token: string }>('auth.login', { login: 'admin1', password: TEST_PASSWORD })).token;
  control = createNetworkControl({
    services: app.services,
    router: app.router,
    stateDir: stateDir(),
    version: APP_VERSION,
    mdns: false,
    log: () => {},
  });
  app.services.network = control;
  // Port 0 (any free port) is for tests only: the RPC takes 1–65535, so the switch is used directly.
  const st = await control.serve('127.0.0.1', 0);
  expect(st.serving).toBe(true);
  port = st.port!;
  expect(st.url).toBe(`https://127.0.0.1:${port}/`);
}, 30_000);

afterAll(async () => {
  await control?.close();
  app?.dispose();
});

describe('network host: certificate and version gate', () => {
  it('presents the certificate whose fingerprint the status shows (Node X509 as the independent source)', async () => {
    const st = await app.call<{ fingerprint: string }>('network.status', {}, admin);
    const pem = readFileSync(join(stateDir(), 'host-cert.pem'), 'utf8');
    const node = new X509Certificate(pem).fingerprint256; // "AB:12:…"
    const grouped = node.replace(/:/g, '').match(/.{4}/g)!.join(' ');
    expect(st.fingerprint).toBe(grouped);
    expect(st.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const r = await https('/rpc', { method: 'GET' });
    expect(r.fingerprint256).toBe(node);
    expect(new X509Certificate(pem).publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('refuses a missing or different version with 426 before anything else, naming both versions', async () => {
    const missing = await https('/rpc/auth.status', { body: {}, version: null });
    expect(missing.status).toBe(426);
    expect(missing.body.error?.code).toBe('version_mismatch');
    const older = await https('/pair', { body: { code: '000000', name: 'x', version: '0.0.1' }, version: '0.0.1' });
    expect(older.status).toBe(426);
    expect(older.body.error?.message).toContain('0.0.1');
    expect(older.body.error?.message).toContain(APP_VERSION);
    expect(older.body.error?.message).toMatch(/Обновите программу на этом компьютере/);
    const newer = await https('/rpc/auth.status', { body: {}, version: '99.0.0' });
    expect(newer.status).toBe(426);
    expect(newer.body.error?.message).toMatch(/99\.0\.0[\s\S]*сервере школы/);
  });
});

describe('network host: pairing codes', () => {
  it('pairs with a fresh code: a device stored by token hash, the code used, audited as the administrator', async () => {
    const code = await newCode();
    expect(code).toMatch(/^\d{6}$/);
    const r = await pair(code, 'Кабинет 5');
    expect(r.status).toBe(200);
    const { deviceId, deviceToken, fingerprint } = r.body.value;
    expect(fingerprint).toBe(control.status().fingerprint);
    const dev = sql<{ name: string; token_hash: string; paired_by: number; last_address: string; version: string }>(
      'SELECT name, token_hash, paired_by, last_address, version FROM device WHERE id = ?',
      deviceId,
    );
    expect(dev).toEqual({
      name: 'Кабинет 5',
      token_hash: sha256(deviceToken),
      paired_by: adminId,
      last_address: '127.0.0.1',
      version: APP_VERSION,
    });
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM pairing_code WHERE device_id = ? AND used_at IS NOT NULL', deviceId).n).toBe(1);
    // The code itself is nowhere in the database, only its hash.
    expect(sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_event WHERE after LIKE '%' || ? || '%'", code).n).toBe(0);
    const audit = sql<{ actor_id: number }>(
      "SELECT actor_id FROM audit_event WHERE action = 'network.paired' AND entity_id = ?",
      String(deviceId),
    );
    expect(audit.actor_id).toBe(adminId);
    // Used once: the same code again is refused and says so.
    const again = await pair(code);
    expect(again.status).toBe(403);
    expect(again.body.error?.message).toMatch(/уже использован/);
  });

  it('refuses a wrong code and an expired one (frozen clock moved past 10 minutes), each saying why', async () => {
    const code = await newCode();
    const wrong = await pair(code === '123456' ? '654321' : '123456');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error?.message).toMatch(/Неверный код/);
    app.clock.advance(10 * 60_000 + 1000);
    const expired = await pair(code);
    expect(expired.status).toBe(403);
    expect(expired.body.error?.code).toBe('forbidden');
    expect(expired.body.error?.message).toMatch(/истёк/);
    // The administrator's own session idled out meanwhile.
    admin = (await app.call<{ token: string }>('auth.login', { login: 'admin1', password: TEST_PASSWORD })).token;
  });

  it('a new code voids the older open one', async () => {
    const first = await newCode();
    const second = await newCode();
    const r = await pair(first);
    expect(r.status).toBe(403);
    expect(r.body.error?.message).toMatch(/отменён/);
    expect((await pair(second)).status).toBe(200);
  });

  it('5 wrong codes in a row void every open code, counted exactly even when they arrive at once', async () => {
    const code = await newCode();
    const wrongs = Array.from({ length: 8 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(wrongs.map((w) => pair(w)));
    const codes = answers.map((a) => a.body.error?.code);
    expect(codes.filter((c) => c === 'rate_limited')).toHaveLength(1);
    expect(codes.filter((c) => c === 'forbidden')).toHaveLength(7);
    expect(answers.find((a) => a.body.error?.code === 'rate_limited')!.status).toBe(429);
    // The right code now comes too late: it was voided.
    const late = await pair(code);
    expect(late.status).toBe(403);
    const open = sql<{ n: number }>('SELECT COUNT(*) AS n FROM pairing_code WHERE used_at IS NULL AND voided_at IS NULL').n;
    expect(open).toBe(0);
    // Exactly five failures were recorded after the code was made; the rest hit no open code.
    const since = sql<{ seq: number }>("SELECT MAX(seq) AS seq FROM audit_event WHERE action = 'network.pair_code'").seq;
    expect(sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'network.pair_failed' AND seq > ?", since).n).toBe(5);
  });
});

describe('network host: the device gate and sessions', () => {
  it('refuses an unpaired PC before any RPC runs: no session is made even with the right password', async () => {
    const sessions = sql<{ n: number }>('SELECT COUNT(*) AS n FROM session').n;
    for (const device of [undefined, 'not-a-device-token']) {
      const r = await rpc('auth.login', { login: 'teacher1', password: TEST_PASSWORD }, device ? { device } : {});
      expect(r.status).toBe(401);
      expect(r.body.error?.message).toMatch(/не подключён к серверу школы/);
    }
    expect((await https('/rpc', { method: 'GET' })).status).toBe(401);
    expect((await https('/index.html', { method: 'GET' })).status).toBe(401);
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM session').n).toBe(sessions);
  });

  it('binds a session to its device: refused from another device and from the loopback, and the reverse', async () => {
    const a = await pairedDevice('Кабинет A');
    const b = await pairedDevice('Кабинет B');
    const login = await rpc('auth.login', { login: 'teacher1', password: TEST_PASSWORD }, { device: a.deviceToken });
    expect(login.status).toBe(200);
    const token = login.body.value.token as string;
    expect(sql<{ device_id: number }>('SELECT device_id FROM session WHERE token_hash = ?', sha256(token)).device_id).toBe(a.deviceId);
    expect((await rpc('auth.me', {}, { device: a.deviceToken, token })).status).toBe(200);
    const onB = await rpc('auth.me', {}, { device: b.deviceToken, token });
    expect(onB.status).toBe(401);
    expect(onB.body.error?.code).toBe('unauthenticated');
    const loopback = await app.router.call('auth.me', {}, token);
    expect(loopback.ok ? 'ok' : loopback.error.code).toBe('unauthenticated');
    // A session of the host's own interface is refused through a device.
    const local = (await app.call<{ token: string }>('auth.login', { login: 'teacher1', password: TEST_PASSWORD })).token;
    expect((await rpc('auth.me', {}, { device: a.deviceToken, token: local })).status).toBe(401);
    expect((await app.router.call('auth.me', {}, local)).ok).toBe(true);
  });

  it('lets the administrator work from a paired PC, but not switch serving off from there', async () => {
    const d = await pairedDevice('Кабинет директора');
    const login = await rpc('auth.login', { login: 'admin1', password: TEST_PASSWORD }, { device: d.deviceToken });
    const token = login.body.value.token as string;
    expect((await rpc('network.devices', {}, { device: d.deviceToken, token })).status).toBe(200);
    const off = await rpc('network.serve', { off: true }, { device: d.deviceToken, token });
    expect(off.status).toBe(403);
    expect(off.body.error?.message).toMatch(/только на самом сервере/);
    expect(control.status().serving).toBe(true);
  });

  it('revoking a device refuses it at once and ends its sessions; audited', async () => {
    const d = await pairedDevice('Кабинет R');
    const login = await rpc('auth.login', { login: 'teacher1', password: TEST_PASSWORD }, { device: d.deviceToken });
    const token = login.body.value.token as string;
    // An open keep-alive connection of that PC (an event stream would be one) is closed at once.
    const open = await new Promise<import('node:net').Socket>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/rpc',
          method: 'GET',
          rejectUnauthorized: false,
          agent: new Agent({ keepAlive: true }),
          headers: { 'X-Zhurnal-Version': APP_VERSION, 'X-Zhurnal-Device': d.deviceToken },
        },
        (res) => {
          const socket = res.socket; // released to the agent's idle pool after 'end'
          res.resume();
          res.on('end', () => resolve(socket));
        },
      );
      req.on('error', reject);
      req.end();
    });
    const closed = new Promise<void>((resolve) => open.once('close', () => resolve()));
    expect(open.destroyed).toBe(false);
    const list = await app.call<{ devices: { id: number; revokedAt: string | null }[] }>('network.devices', {}, admin);
    expect(list.devices.find((x) => x.id === d.deviceId)?.revokedAt).toBeNull();
    await app.call('network.revokeDevice', { deviceId: d.deviceId }, admin);
    await within(5000, closed, "the revoked PC's open connection was not closed");
    const r = await rpc('auth.me', {}, { device: d.deviceToken, token });
    expect(r.status).toBe(401);
    expect(r.body.error?.message).toMatch(/отключён администратором/);
    expect(sql<{ ended_at: string | null }>('SELECT ended_at FROM session WHERE token_hash = ?', sha256(token)).ended_at).not.toBeNull();
    expect(sql<{ revoked_by: number }>('SELECT revoked_by FROM device WHERE id = ?', d.deviceId).revoked_by).toBe(adminId);
    expect(
      sql<{ actor_id: number }>("SELECT actor_id FROM audit_event WHERE action = 'network.revoke' AND entity_id = ?", String(d.deviceId))
        .actor_id,
    ).toBe(adminId);
    const again = await app.router.call('network.revokeDevice', { deviceId: d.deviceId }, admin);
    expect(again.ok ? 'ok' : again.error.code).toBe('conflict');
  });

  it("writes a device's last seen at most every 30 s", async () => {
    const d = await pairedDevice('Кабинет T');
    const seen = () => sql<{ last_seen_at: string }>('SELECT last_seen_at FROM device WHERE id = ?', d.deviceId).last_seen_at;
    const paired = seen();
    app.clock.advance(10_000);
    await https('/rpc', { method: 'GET', device: d.deviceToken });
    expect(seen()).toBe(paired);
    app.clock.advance(25_000);
    await https('/rpc', { method: 'GET', device: d.deviceToken });
    expect(seen()).toBe(app.clock.now.toISOString());
  });
});

describe('network host: hostile connections', () => {
  it('survives plain HTTP, a broken handshake and a garbage request, and a foreign Host is refused', async () => {
    await new Promise<void>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      s.resume(); // a paused socket never sees the server's FIN
      s.on('error', () => resolve());
      s.on('close', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1', () => s.end(Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff, 1, 2, 3])));
      s.resume(); // a paused socket never sees the server's FIN
      s.on('error', () => resolve());
      s.on('close', () => resolve());
    });
    const garbage = await new Promise<string>((resolve) => {
      const s = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => s.write('\x00\x01 nonsense\r\n\r\n'));
      let text = '';
      s.setEncoding('utf8');
      s.on('data', (c: string) => (text += c));
      s.on('close', () => resolve(text));
      s.on('error', () => resolve(text));
    });
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    const d = await pairedDevice('Кабинет H');
    expect((await https('/rpc', { method: 'GET', device: d.deviceToken, host: `evil.example:${port}` })).status).toBe(421);
    expect((await https('/rpc', { method: 'GET', device: d.deviceToken })).status).toBe(200);
  });

  it('stops serving on request and then refuses connections', async () => {
    const st = await app.call<{ serving: boolean }>('network.serve', { off: true }, admin);
    expect(st.serving).toBe(false);
    await expect(https('/rpc', { method: 'GET' })).rejects.toThrow(/ECONNREFUSED/);
    expect(sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'network.stop'").n).toBe(1);
  });
});
