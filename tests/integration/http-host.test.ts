// The HTTP host over a real socket: RPC envelopes and status codes, the method list,
// loopback-only guards, and static files with the CSP.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { Server } from 'node:http';
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
  ({ server, url: base, port } = await startHttpHost({ router: app.router, staticDir: dir, port: 0 }));
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

/** fetch() cannot forge Host; node:http can. */
function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
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
    const res = await fetch(`${base}rpc/auth.status`, { method: 'POST', headers: { Origin: 'http://evil.example' }, body: '{}' });
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
});
