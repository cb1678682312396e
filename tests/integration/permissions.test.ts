// Walks every role against every registered method through the real router: a call the
// matrix allows is never refused for lack of rights, and a call it forbids never gets through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src-shared/domain';
import { hasPermission } from '../../src-shared/permissions';
import { methods } from '../../src-shared/rpc/registry';
import type { MethodSpec } from '../../src-shared/rpc/define';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let app: TestApp;
const tokens = new Map<Role, string>();
beforeAll(async () => {
  app = createTestApp();
  for (const role of ROLES) {
    await addUser(app, `only-${role.toLowerCase()}`, [role]);
    tokens.set(
      role,
      (await app.call<{ token: string }>('auth.login', { login: `only-${role.toLowerCase()}`, password: TEST_PASSWORD })).token,
    );
  }
});
afterAll(() => app.dispose());

// The probe is malformed on purpose: the router checks rights before input, so an allowed call
// stops at `validation` without doing anything, and a forbidden one at `forbidden`.
const PROBE = { __probe: true };

describe('permission matrix', () => {
  for (const role of ROLES)
    it(`${role}: exactly the allowed methods pass the rights check`, async () => {
      const wrong: string[] = [];
      for (const [name, spec] of Object.entries(methods as Record<string, MethodSpec>)) {
        const env = await app.router.call(name, PROBE, tokens.get(role)!);
        const expected = hasPermission([role], spec.permission) ? 'validation' : 'forbidden';
        const got = env.ok ? 'ok' : env.error.code;
        if (got !== expected) wrong.push(`${name}: expected ${expected}, got ${got}`);
      }
      expect(wrong).toEqual([]);
    });

  it('needs a session for everything but the login screen', async () => {
    for (const [name, spec] of Object.entries(methods as Record<string, MethodSpec>)) {
      const env = await app.router.call(name, PROBE, null);
      expect(env.ok ? 'ok' : env.error.code, name).toBe(spec.permission === 'public' ? 'validation' : 'unauthenticated');
    }
  });

  it('is shown to the administrator as the same table the router enforces', async () => {
    const m = await app.call<{ methods: { method: string; roles: Role[] }[] }>('access.matrix', {}, tokens.get('administrator'));
    expect(m.methods.map((x) => x.method).sort()).toEqual(Object.keys(methods).sort());
    const setCell = m.methods.find((x) => x.method === 'journal.setCell')!;
    expect(setCell.roles).toEqual(['teacher', 'classTeacher']);
    expect(m.methods.find((x) => x.method === 'uid.set')!.roles).toEqual(['administrator']);
  });
});
