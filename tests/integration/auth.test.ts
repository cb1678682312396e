import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let app: TestApp;
beforeEach(() => {
  app = createTestApp();
});
afterEach(() => app.dispose());

const fail = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as { body: { code: string; message: string } }).body;
  }
  throw new Error('expected the call to fail');
};
const audit = (action: string) =>
  app.services.sqlite.prepare('SELECT * FROM audit_event WHERE action = ? ORDER BY seq').all(action) as Record<string, unknown>[];

describe('first run', () => {
  it('asks for the administrator of a new school, once', async () => {
    expect(await app.call('auth.status', {})).toMatchObject({ needsSetup: true, demo: false, demoLogins: [] });
    await app.call('auth.setup', { login: 'Director1', password: 'очень-длинный', surname: 'Орлова', name: 'Елена' });
    expect(await app.call('auth.status', {})).toMatchObject({ needsSetup: false });
    const login = await app.call<{ user: { login: string; roles: string[]; fullName: string } }>('auth.login', {
      login: 'director1',
      password: 'очень-длинный',
    });
    expect(login.user).toMatchObject({ login: 'director1', roles: ['administrator'], fullName: 'Орлова Елена' });
    expect(await fail(app.call('auth.setup', { login: 'evil', password: 'another-pass', surname: 'X', name: 'Y' }))).toMatchObject({
      code: 'conflict',
    });
    expect(audit('auth.setup')).toHaveLength(1);
  });

  it('refuses a short password', async () => {
    expect(await fail(app.call('auth.setup', { login: 'a', password: 'short', surname: 'X', name: 'Y' }))).toMatchObject({
      code: 'validation',
    });
  });
});

describe('login and sessions', () => {
  it('signs in, answers auth.me, and logs out for good', async () => {
    await addUser(app, 'teacher', ['teacher', 'classTeacher']);
    const { token, user } = await app.call<{ token: string; user: { roles: string[] } }>('auth.login', {
      login: 'TEACHER',
      password: TEST_PASSWORD,
    });
    expect(user.roles).toEqual(['classTeacher', 'teacher']);
    expect(await app.call('auth.me', {}, token)).toMatchObject({ user: { login: 'teacher' }, idleLockMinutes: 10 });
    await app.call('auth.logout', {}, token);
    expect(await fail(app.call('auth.me', {}, token))).toMatchObject({ code: 'unauthenticated' });
    expect(audit('auth.login')).toHaveLength(1);
    expect(audit('auth.logout')).toHaveLength(1);
  });

  it('stores only a hash of the session token', async () => {
    await addUser(app, 'teacher', ['teacher']);
    const { token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD });
    const rows = app.services.sqlite.prepare('SELECT token_hash FROM session').all() as { token_hash: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).not.toContain(token);
  });

  it('needs a session for non-public methods and the right role for guarded ones', async () => {
    await addUser(app, 'teacher', ['teacher']);
    expect(await fail(app.call('school.info', {}, null))).toMatchObject({ code: 'unauthenticated' });
    expect(await fail(app.call('school.info', {}, 'made-up-token'))).toMatchObject({ code: 'unauthenticated' });
    const { token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD });
    expect(await fail(app.call('school.updateSettings', { name: 'Взлом' }, token))).toMatchObject({ code: 'forbidden' });
    expect(await app.call('school.info', {}, token)).toMatchObject({ name: 'Школа' });
  });

  it('expires sessions after sessionHours', async () => {
    await addUser(app, 'teacher', ['teacher']);
    const { token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD });
    // Active all day (a call every 9 minutes keeps the idle lock away) until 12 hours pass.
    for (let t = 9; t < 12 * 60; t += 9) {
      app.clock.advance(9 * 60_000);
      await app.call('auth.me', {}, token);
    }
    app.clock.advance(9 * 60_000);
    expect(await fail(app.call('auth.me', {}, token))).toMatchObject({ code: 'unauthenticated' });
  });

  it('locks an idle session; the same password unlocks it', async () => {
    await addUser(app, 'teacher', ['teacher']);
    const { token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD });
    app.clock.advance(9 * 60_000);
    await app.call('auth.me', {}, token);
    app.clock.advance(11 * 60_000);
    expect(await fail(app.call('auth.me', {}, token))).toMatchObject({ code: 'session_locked' });
    expect(await fail(app.call('auth.unlock', { password: 'wrong-one' }, token))).toMatchObject({ code: 'unauthenticated' });
    expect(await fail(app.call('auth.me', {}, token))).toMatchObject({ code: 'session_locked' });
    await app.call('auth.unlock', { password: TEST_PASSWORD }, token);
    expect(await app.call('auth.me', {}, token)).toMatchObject({ user: { login: 'teacher' } });
    await app.call('auth.lock', {}, token);
    expect(await fail(app.call('school.info', {}, token))).toMatchObject({ code: 'session_locked' });
  });
});

describe('lockout', () => {
  it('locks the account after repeated failures, audits it, and lifts it after lockoutMinutes', async () => {
    const id = await addUser(app, 'teacher2', ['teacher']);
    for (let i = 0; i < 4; i++)
      expect(await fail(app.call('auth.login', { login: 'teacher2', password: 'wrong' }))).toMatchObject({
        code: 'unauthenticated',
        message: 'Неверный логин или пароль',
      });
    expect(await fail(app.call('auth.login', { login: 'teacher2', password: 'wrong' }))).toMatchObject({ code: 'locked' });
    // Now even the right password is refused.
    expect(await fail(app.call('auth.login', { login: 'teacher2', password: TEST_PASSWORD }))).toMatchObject({ code: 'locked' });
    expect(audit('auth.login_failed')).toHaveLength(5);
    expect(audit('auth.locked_out')).toEqual([expect.objectContaining({ entity: 'staff_user', entity_id: String(id) })]);
    app.clock.advance(16 * 60_000);
    expect(await app.call('auth.login', { login: 'teacher2', password: TEST_PASSWORD })).toMatchObject({ user: { login: 'teacher2' } });
  });

  it('answers an unknown login exactly like a wrong password', async () => {
    expect(await fail(app.call('auth.login', { login: 'nobody', password: 'wrong' }))).toEqual({
      code: 'unauthenticated',
      message: 'Неверный логин или пароль',
    });
  });

  it('refuses disabled accounts', async () => {
    const id = await addUser(app, 'gone', ['teacher']);
    app.services.sqlite.prepare('UPDATE staff_user SET disabled = 1 WHERE id = ?').run(id);
    expect(await fail(app.call('auth.login', { login: 'gone', password: TEST_PASSWORD }))).toMatchObject({ code: 'unauthenticated' });
  });
});

describe('password change', () => {
  it('is required after a reset and ends the other sessions', async () => {
    await addUser(app, 'newbie', ['teacher'], { mustChange: true });
    const a = await app.call<{ token: string; user: { mustChangePassword: boolean } }>('auth.login', {
      login: 'newbie',
      password: TEST_PASSWORD,
    });
    const b = await app.call<{ token: string }>('auth.login', { login: 'newbie', password: TEST_PASSWORD });
    expect(a.user.mustChangePassword).toBe(true);
    expect(await fail(app.call('journal.myWork', {}, a.token))).toMatchObject({ code: 'forbidden', message: 'Сначала смените пароль' });
    expect(await fail(app.call('auth.changePassword', { oldPassword: 'bad', newPassword: 'brand-new-pass' }, a.token))).toMatchObject({
      code: 'validation',
    });
    await app.call('auth.changePassword', { oldPassword: TEST_PASSWORD, newPassword: 'brand-new-pass' }, a.token);
    expect(await app.call('journal.myWork', {}, a.token)).toMatchObject({ load: [] });
    expect(await fail(app.call('auth.me', {}, b.token))).toMatchObject({ code: 'unauthenticated' });
    await app.call('auth.login', { login: 'newbie', password: 'brand-new-pass' });
  });
});
