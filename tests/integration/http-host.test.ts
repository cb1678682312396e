// The HTTP host over a real socket: RPC envelopes and status codes, the method list,
// loopback-only guards, static files with the CSP, and hostile requests that must neither
// kill the host nor write anything.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost } from '../../src-main/hosts/http/server';
import { methods } from '../../src-shared/rpc/registry';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let app: TestApp;
let server: Server;
let base: string;
let port: number;
beforeAll(async () => {
  app = createTestApp();
  await addUser(app, 'teacher', ['teacher']);
  const dir = join(app.dir, 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Журнал</title>');
  writeFileSync(join(dir, 'assets/app-1.js'), 'console.log(1)');
  ({ server, url: base, port } = await startHttpHost({ router: app.router, staticDir: dir, port: 0, log: () => {} }));
});
afterAll(() => {
  server.close();
  app.dispose();
});

async function rpc(method: string, body: unknown, token?: string) {
  const res = await fetch(`${base}rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: any; error?: any } };
}

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** fetch() cannot forge Host nor send a malformed path as is; node:http can. */
function raw(
  path: string,
  opts: { method?: string; host?: string; headers?: Record<string, string>; body?: string; port?: number } = {},
): Promise<RawAnswer> {
  const p = opts.port ?? port;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: p, path, method: opts.method ?? 'GET', headers: { Host: opts.host ?? `127.0.0.1:${p}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

async function rawGet(path: string, host: string): Promise<number> {
  return (await raw(path, { host })).status;
}

/** Bytes Node's HTTP parser refuses never reach the handler ('clientError'). */
function rawSocket(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (c: string) => (got += c));
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
  });
}

/** After each hostile request: the same host still answers a real call. */
async function stillServes(): Promise<void> {
  expect(await rpc('auth.status', {})).toMatchObject({ status: 200, body: { ok: true } });
  expect((await raw('/')).status).toBe(200);
}

function sessions(): number {
  return (app.services.sqlite.prepare('SELECT COUNT(*) AS n FROM session').get() as { n: number }).n;
}

describe('HTTP host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('lists every registered method with its permission', async () => {
    const res = await fetch(`${base}rpc`);
    const body = (await res.json()) as { ok: true; value: { method: string; permission: string }[] };
    expect(body.value.map((m) => m.method).sort()).toEqual(Object.keys(methods).sort());
    expect(body.value.find((m) => m.method === 'school.updateSettings')?.permission).toBe('school.manage');
  });

  it('signs in and calls with a bearer token', async () => {
    const login = await rpc('auth.login', { login: 'teacher', password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.ok).toBe(true);
    const me = await rpc('auth.me', {}, login.body.value.token);
    expect(me).toMatchObject({ status: 200, body: { ok: true, value: { user: { login: 'teacher' } } } });
    const forbidden = await rpc('school.updateSettings', { name: 'x' }, login.body.value.token);
    expect(forbidden).toMatchObject({ status: 403, body: { ok: false, error: { code: 'forbidden' } } });
  });

  it('maps errors to status codes and envelopes', async () => {
    expect(await rpc('auth.me', {})).toMatchObject({ status: 401, body: { ok: false, error: { code: 'unauthenticated' } } });
    expect(await rpc('no.such', {})).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    const bad = await rpc('auth.login', { login: 7 });
    expect(bad).toMatchObject({ status: 400, body: { ok: false, error: { code: 'validation' } } });
    expect(bad.body.error.issues.map((i: { path: string[] }) => i.path[0]).sort()).toEqual(['login', 'password']);
    expect(await rpc('auth.login', '{not json')).toMatchObject({ status: 400, body: { error: { code: 'validation' } } });
  });

  it('refuses bodies over the limit', async () => {
    const res = await rpc('auth.login', { login: 'a', password: 'x'.repeat(17 * 1024 * 1024) });
    expect(res).toMatchObject({ status: 413, body: { error: { code: 'validation' } } });
  });

  it('refuses requests for other host names (DNS rebinding) and foreign origins', async () => {
    expect(await rawGet('/rpc', 'evil.example:80')).toBe(421);
    expect(await rawGet('/rpc', `localhost:${port}`)).toBe(200);
    const res = await fetch(`${base}rpc/auth.status`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('serves the renderer with the CSP and falls back to index.html for app routes', async () => {
    const index = await fetch(`${base}`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('cache-control')).toBe('no-store');
    expect(await index.text()).toContain('Журнал');
    const asset = await fetch(`${base}assets/app-1.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(await (await fetch(`${base}journal/5A`)).text()).toContain('Журнал');
    expect(await rawGet('/../../etc/passwd', `127.0.0.1:${port}`)).not.toBe(500);
    const traversal = await fetch(`${base}%2e%2e/%2e%2e/package.json`);
    expect(await traversal.text()).not.toContain('"name"');
  });

  it('answers 400 to malformed percent-encoding in paths and keeps serving', async () => {
    for (const path of ['/%E0%A4%A', '/assets/%E0%A4%A.js', '/%', '/%ZZ/x?y=%']) {
      const res = await raw(path);
      expect(res.status, path).toBe(400);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
      await stillServes();
    }
    for (const path of ['/rpc/%ZZ', '/rpc/%E0%A4%A', '/rpc/auth.%']) {
      const res = await raw(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body), path).toMatchObject({ ok: false, error: { code: 'validation' } });
      await stillServes();
    }
  });

  it('answers 400 to requests the HTTP parser refuses and keeps serving', async () => {
    for (const bytes of [
      'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n',
      '\u0000\u0001garbage\r\n\r\n',
      'GET /\u0000 HTTP/1.1\r\n\r\n',
    ]) {
      const answer = await rawSocket(bytes);
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer.toLowerCase()).toContain('x-content-type-options: nosniff');
      await stillServes();
    }
  });

  it('answers validation to bodies nested a million deep, to every kind of method', async () => {
    const deep = '{"login":' + '['.repeat(1_000_000) + ']'.repeat(1_000_000) + '}';
    for (const method of ['auth.login', 'auth.status', 'journal.setCells']) {
      const res = await rpc(method, deep);
      expect(res.status, method).toBe(method === 'journal.setCells' ? 401 : 400);
    }
    const wide = JSON.stringify({ edits: Array.from({ length: 200_000 }, () => ({})) });
    expect((await rpc('auth.login', wide)).status).toBe(400);
    await stillServes();
  });

  it('keeps serving when a client drops the connection in the middle of a body', async () => {
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.write(
            `POST /rpc/auth.login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"login":`,
            () => {
              socket.destroy();
              resolve();
            },
          );
        });
        socket.on('error', reject);
      });
      await stillServes();
    }
  });

  it('refuses RPC bodies not declared as JSON (415): a text/plain form post cannot sign in', async () => {
    const body = JSON.stringify({ login: 'teacher', password: TEST_PASSWORD });
    const before = sessions();
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonx',
      undefined,
    ]) {
      const res = await raw('/rpc/auth.login', { method: 'POST', headers: type ? { 'Content-Type': type } : {}, body });
      expect(res.status, String(type)).toBe(415);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(sessions()).toBe(before);
    // A charset parameter (and any case) is still JSON.
    const ok = await raw('/rpc/auth.login', { method: 'POST', headers: { 'Content-Type': 'Application/JSON; charset=UTF-8' }, body });
    expect(ok.status).toBe(200);
    expect(sessions()).toBe(before + 1);
  });

  it('marks every answer nosniff, errors included', async () => {
    const json = { 'Content-Type': 'application/json' };
    const answers: [string, RawAnswer][] = [
      ['static index', await raw('/')],
      ['static asset', await raw('/assets/app-1.js')],
      ['method list', await raw('/rpc')],
      ['rpc ok', await raw('/rpc/auth.status', { method: 'POST', headers: json, body: '{}' })],
      ['rpc 401', await raw('/rpc/auth.me', { method: 'POST', headers: json, body: '{}' })],
      ['rpc 404', await raw('/rpc/no.such', { method: 'POST', headers: json, body: '{}' })],
      ['rpc bad json', await raw('/rpc/auth.login', { method: 'POST', headers: json, body: '{' })],
      ['rpc 405', await raw('/rpc/auth.status')],
      ['list 405', await raw('/rpc', { method: 'POST' })],
      ['static 405', await raw('/', { method: 'DELETE' })],
      ['421', await raw('/', { host: 'evil.example' })],
      [
        'foreign origin 403',
        await raw('/rpc/auth.status', { method: 'POST', headers: { ...json, Origin: 'http://evil.example' }, body: '{}' }),
      ],
      ['traversal', await raw('/../../etc/passwd')],
    ];
    for (const [label, res] of answers) expect(res.headers['x-content-type-options'], `${label} (${res.status})`).toBe('nosniff');
    const big = await fetch(`${base}rpc/auth.login`, { method: 'POST', headers: json, body: 'x'.repeat(17 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(big.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('keeps serving when the router itself throws, and logs it', async () => {
    const throwing = {
      call: () => Promise.reject(new Error('boom')),
      describe: () => {
        throw new Error('boom too');
      },
      subscribe: () => Promise.reject(new Error('boom three')),
    };
    const log: string[] = [];
    const host = await startHttpHost({ router: throwing, staticDir: null, port: 0, log: (m) => log.push(m) });
    try {
      const json = { 'Content-Type': 'application/json' };
      const a = await raw('/rpc/auth.status', { method: 'POST', headers: json, body: '{}', port: host.port });
      expect(a.status).toBe(500);
      expect(a.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(a.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
      const b = await raw('/rpc', { port: host.port });
      expect(b.status).toBe(500);
      expect((await raw('/rpc/auth.status', { method: 'POST', headers: json, body: '{}', port: host.port })).status).toBe(500);
      expect(log).toEqual(['http request failed', 'http request failed', 'http request failed']);
    } finally {
      host.server.close();
    }
  });
});
