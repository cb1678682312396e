// Read-modify-write across the password-hash await (issue 9, part 2): parallel wrong passwords
// through the real HTTP host must each count, the lockout must hold for a correct password in
// the same burst, and a success decided on a row read before the await must be re-checked.
// Expected counts come from the lockout rule as designed (5 failures lock) and plain SQL on
// audit_event / staff_user, not from the handler.
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpHost } from '../../src-main/hosts/http/server';
import { hashPassword } from '../../src-main/services/auth/password';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

const MAX_FAILED = 5; // DEFAULT_SETTINGS.maxFailedLogins, as DESIGN §3 states it
const WRONG = 20;

let app: TestApp;
let server: Server;
let base: string;
beforeEach(async () => {
  app = createTestApp();
  ({ server, url: base } = await startHttpHost({ router: app.router, staticDir: app.dir, port: 0 }));
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  app.dispose();
});

const sql = <T>(q: string, ...args: unknown[]) => app.services.sqlite.prepare(q).get(...args) as T;
const count = (action: string) => sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_event WHERE action = ?', action).n;

async function rpc(method: string, body: unknown, token?: string): Promise<{ ok: boolean; error?: { code: string } }> {
  const res = await fetch(`${base}rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; error?: { code: string } };
}

/** A user whose hash is cheaper than the default (ln=15): the race window stays, the test is quick. */
async function cheapUser(login: string): Promise<number> {
  const id = await addUser(app, login, ['teacher']);
  app.services.sqlite
    .prepare('UPDATE staff_user SET password_hash = ? WHERE id = ?')
    .run(await hashPassword(TEST_PASSWORD, { ln: 15, r: 8, p: 1 }), id);
  return id;
}

describe('parallel wrong passwords', () => {
  it('count every attempt and lock after five, even for the right password sent in the same burst', async () => {
    const id = await cheapUser('teacher2');
    const burst = Array.from({ length: WRONG }, () => rpc('auth.login', { login: 'teacher2', password: 'wrong-guess' }));
    // Sent last, so its hash is computed after the wrong ones have been counted.
    const right = rpc('auth.login', { login: 'teacher2', password: TEST_PASSWORD });
    const answers = await Promise.all(burst);
    const codes = answers.map((a) => a.error?.code);
    expect(codes.filter((c) => c === 'unauthenticated')).toHaveLength(MAX_FAILED - 1);
    expect(codes.filter((c) => c === 'locked')).toHaveLength(WRONG - (MAX_FAILED - 1));
    expect(await right).toMatchObject({ ok: false, error: { code: 'locked' } });

    expect(count('auth.login_failed')).toBe(WRONG);
    expect(count('auth.locked_out')).toBe(1);
    expect(count('auth.login')).toBe(0);
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM session WHERE staff_id = ?', id).n).toBe(0);
    const row = sql<{ failed_logins: number; locked_until: string | null }>(
      'SELECT failed_logins, locked_until FROM staff_user WHERE id = ?',
      id,
    );
    expect(row.locked_until! > app.clock.now.toISOString()).toBe(true);
    // Attempts refused while locked do not count towards the next lock.
    expect(row.failed_logins).toBe(0);
  }, 60_000);
});

describe('a success decided before the await is checked again in the transaction', () => {
  it('login: an account locked while its password was being verified stays locked', async () => {
    const id = await cheapUser('teacher3');
    const pending = app.router.call('auth.login', { login: 'teacher3', password: TEST_PASSWORD }, null);
    // The handler has read the row and is awaiting scrypt: a parallel lockout lands now.
    app.services.sqlite.prepare('UPDATE staff_user SET locked_until = ? WHERE id = ?').run('2099-01-01T00:00:00.000Z', id);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM session WHERE staff_id = ?', id).n).toBe(0);
    expect(count('auth.login')).toBe(0);
  });

  it('login: a password reset while the old one was being verified refuses the old one', async () => {
    const id = await cheapUser('teacher4');
    const pending = app.router.call('auth.login', { login: 'teacher4', password: TEST_PASSWORD }, null);
    app.services.sqlite.prepare("UPDATE staff_user SET password_hash = '$scrypt$reset' WHERE id = ?").run(id);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(sql<{ n: number }>('SELECT COUNT(*) AS n FROM session WHERE staff_id = ?', id).n).toBe(0);
  });

  it('changePassword: two changes at once do not both win; a reset meanwhile is not overwritten', async () => {
    const id = await cheapUser('teacher5');
    const login = await rpc('auth.login', { login: 'teacher5', password: TEST_PASSWORD });
    const token = (login as unknown as { value: { token: string } }).value.token;
    const a = app.router.call('auth.changePassword', { oldPassword: TEST_PASSWORD, newPassword: 'first-new-pass' }, token);
    const b = app.router.call('auth.changePassword', { oldPassword: TEST_PASSWORD, newPassword: 'second-new-pass' }, token);
    const results = await Promise.all([a, b]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['conflict']);
    expect(count('auth.change_password')).toBe(1);

    const hashBefore = sql<{ password_hash: string }>('SELECT password_hash FROM staff_user WHERE id = ?', id).password_hash;
    const winner = results[0]!.ok ? 'first-new-pass' : 'second-new-pass';
    const c = app.router.call('auth.changePassword', { oldPassword: winner, newPassword: 'third-new-pass' }, token);
    // An administrator resets the password while the old one is being verified.
    app.services.sqlite.prepare("UPDATE staff_user SET password_hash = '$scrypt$reset', must_change_password = 1 WHERE id = ?").run(id);
    expect(await c).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const after = sql<{ password_hash: string; must_change_password: number }>(
      'SELECT password_hash, must_change_password FROM staff_user WHERE id = ?',
      id,
    );
    expect(after).toEqual({ password_hash: '$scrypt$reset', must_change_password: 1 });
    expect(hashBefore).not.toBe('$scrypt$reset');
  });

  it('unlock: a session ended while the password was being verified stays ended', async () => {
    const id = await cheapUser('teacher6');
    const login = await rpc('auth.login', { login: 'teacher6', password: TEST_PASSWORD });
    const token = (login as unknown as { value: { token: string } }).value.token;
    expect(await rpc('auth.lock', {}, token)).toMatchObject({ ok: true });
    const pending = app.router.call('auth.unlock', { password: TEST_PASSWORD }, token);
    app.services.sqlite.prepare("UPDATE session SET ended_at = '2026-11-26T07:00:00.000Z' WHERE staff_id = ?").run(id);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(sql<{ locked: number }>('SELECT locked FROM session WHERE staff_id = ?', id).locked).toBe(1);
    expect(count('auth.unlock')).toBe(0);
  });
});
