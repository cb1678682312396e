// The shared output schemas (real calendar dates, from ≤ to) hold on the demo school: every
// read a deputy, the administrator and the teacher make answers inside its schema, never `internal`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src-main/app';
import { createDemoDatabase } from '../../src-main/demo/create';
import { migrationsFolder, resourcesDir } from '../helpers/app';

const TODAY = '2026-11-20';
const now = () => new Date(`${TODAY}T09:00:00Z`);
const dir = mkdtempSync(join(tmpdir(), 'zhurnal-demo-out-'));
let app: App;
const logged: string[] = [];

beforeAll(async () => {
  await createDemoDatabase(join(dir, 'demo.db'), { today: TODAY, now });
  app = openApp({ dbFile: join(dir, 'demo.db'), migrationsFolder, resourcesDir, now, checkOutput: true, log: (m) => logged.push(m) });
}, 120_000);
afterAll(() => {
  app?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function as(login: string) {
  const env = await app.router.call('auth.login', { login, password: 'demo' }, null);
  if (!env.ok) throw new Error(env.error.message);
  const token = (env.value as { token: string }).token;
  return async (method: string, input: unknown) => {
    const res = await app.router.call(method, input, token);
    expect(res.ok ? 'ok' : `${res.error.code}: ${res.error.message}`, `${login} ${method} ${JSON.stringify(input)}`).toBe('ok');
    return res.ok ? (res.value as any) : null;
  };
}

describe('output schemas on the demo school', () => {
  it('every journal and term, the load, the school and the week', { timeout: 120_000 }, async () => {
    const deputy = await as('deputy');
    const info = await deputy('school.info', {});
    const { journals } = await deputy('journal.list', {});
    expect(journals.length).toBeGreaterThan(10);
    for (const j of journals) {
      const view = await deputy('journal.open', { groupId: j.groupId, subjectId: j.subjectId });
      for (const term of view.terms.filter((t: { id: number }) => t.id !== view.term.id).slice(0, 2))
        await deputy('journal.open', { groupId: j.groupId, subjectId: j.subjectId, termId: term.id });
    }
    expect(info.terms.length).toBeGreaterThan(0);
    const admin = await as('admin');
    await admin('load.list', {});
    await admin('pupils.search', { query: '' });
    await admin('applications.list', {});
    const teacher = await as('teacher');
    for (const date of [TODAY, '2026-09-01', '2027-05-31']) await teacher('journal.myWork', { date });
    expect(logged).toEqual([]);
  });
});
