// The router runs a mutation's session check, validation and handler in one transaction that
// it always commits (issue 9, part 11, a mark-save speed-up). What must not change with it:
// a refused edit writes nothing, and the session's own writes persist even when the call fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let s: TinySchool;
beforeEach(async () => {
  app = createTestApp();
  s = await buildTinySchool(app);
});
afterEach(() => app.dispose());

const sql = <T>(q: string, ...p: unknown[]) => app.services.sqlite.prepare(q).get(...p) as T;
const n = (table: string) => sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).n;

describe('a mutation through the router', () => {
  it('that is refused writes nothing and leaves no transaction open', async () => {
    const { token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD });
    const before = { audit: n('audit_event'), mark: n('mark'), lesson: n('lesson') };
    // A work type that does not exist: refused by the handler's checks inside the transaction.
    const env = await app.router.call(
      'journal.setCell',
      { lesson: { groupId: s.g5a, subjectId: s.rus, date: '2026-11-23', slot: 1 }, pupilId: s.pupils[0], marks: [{ value: '5', workTypeId: 9999 }], absence: null },
      token,
    );
    expect(env.ok).toBe(false);
    expect({ audit: n('audit_event'), mark: n('mark'), lesson: n('lesson') }).toEqual(before);
    expect(app.services.sqlite.inTransaction).toBe(false);
  });

  it('on an idle session is refused as locked, and the lock is stored', async () => {
    const { token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD });
    app.clock.advance(60 * 60_000); // far beyond the idle lock time
    const env = await app.router.call('journal.setCell', {}, token);
    expect(env).toMatchObject({ ok: false, error: { code: 'session_locked' } });
    expect(sql<{ locked: number }>('SELECT locked FROM session').locked).toBe(1);
    expect(app.services.sqlite.inTransaction).toBe(false);
  });
});
