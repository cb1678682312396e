// Sends malformed input to every registered method: each must answer `validation`
// and change nothing in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src-shared/domain';
import { methods, type MethodName } from '../../src-shared/rpc/registry';
import { addUser, createTestApp, TEST_PASSWORD, tableCounts, type TestApp } from '../helpers/app';
import { samples } from '../helpers/rpc-samples';

function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'двенадцать';
  if (typeof v === 'boolean') return 'yes';
  if (v === null) return 12345;
  return 'not an object';
}

function malformedInputs(name: MethodName): { label: string; input: unknown }[] {
  const valid = samples[name] as Record<string, unknown>;
  const spec = methods[name];
  const cases: { label: string; input: unknown }[] = [
    { label: 'a number', input: 42 },
    { label: 'null', input: null },
    { label: 'an array', input: [valid] },
    { label: 'a string', input: 'hello' },
    { label: 'an unknown key', input: { ...valid, isAdmin: true } },
    { label: 'a prototype key', input: JSON.parse(`{"__proto__": {"x": 1}, "constructor": 1}`) },
  ];
  for (const [key, value] of Object.entries(valid)) {
    cases.push({ label: `${key} of the wrong type`, input: { ...valid, [key]: wrongType(value) } });
    cases.push({ label: `${key} as a huge string`, input: { ...valid, [key]: 'ж'.repeat(200_000) } });
    const { [key]: _dropped, ...missing } = valid;
    if (!spec.input.safeParse(missing).success) cases.push({ label: `${key} missing`, input: missing });
  }
  return cases;
}

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = createTestApp();
  // A user holding every role, so permission checks pass and validation is what answers.
  await addUser(app, 'everyone', [...ROLES]);
  token = (await app.call<{ token: string }>('auth.login', { login: 'everyone', password: TEST_PASSWORD })).token;
});
afterAll(() => app.dispose());

describe('every registered method refuses malformed input', () => {
  it('has a sample for exactly the registered methods', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(methods).sort());
  });

  for (const name of Object.keys(methods) as MethodName[]) {
    it(name, async () => {
      // Each valid sample is accepted by the schema, so the malformed variants test the right thing.
      expect(methods[name].input.safeParse(samples[name]).success).toBe(true);
      const before = tableCounts(app);
      for (const { label, input } of malformedInputs(name)) {
        const env = await app.router.call(name, input, token);
        expect(env.ok, `${name} with ${label}`).toBe(false);
        if (!env.ok) {
          expect(env.error.code, `${name} with ${label}: ${env.error.message}`).toBe('validation');
          expect(env.error.message).toBeTruthy();
        }
      }
      expect(tableCounts(app)).toEqual(before);
    });
  }

  it('answers not_found for an unknown method', async () => {
    const env = await app.router.call('journal.dropEverything', {}, token);
    expect(env).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
