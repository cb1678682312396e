// The full package build as a long operation (issue 5): it reads one snapshot while edits go
// on, it can be cancelled without leaving anything behind, only one runs at a time, its
// progress shows in export.status, and a new school year triggers a full package.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../src-main/demo/create';
import { openApp, type App } from '../../src-main/app';
import type { Ctx } from '../../src-main/services/context';
import { buildFullPackage, feedHead, schoolSecret } from '../../src-main/services/export/full';
import { pseudonymizer } from '../../src-main/services/export/ids';
import { cancelBuild, currentBuild, queueFullPackage, queueIncrementalPackage, yearRef } from '../../src-main/services/export/outbox';
import { runDue } from '../../src-main/services/export/schedule';
import { mutate } from '../../src-main/services/mutate';
import { PackageHeader, PackagePayload } from '../../src-shared/export/package';
import { startPortal } from '../portal/server';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';
import { readPackage } from '../helpers/export';

let now = new Date('2026-11-26T12:00:00Z');
let app: App;
let ctx: Ctx;
let admin: string;
beforeAll(async () => {
  const file = join(tempDir(), 'school.db');
  await createDemoDatabase(file, { big: false, today: '2026-11-26', now: () => now });
  app = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => now });
  ctx = { ...app.services, actor: null };
  const env = await app.router.call('auth.login', { login: 'admin', password: 'demo' }, null);
  admin = (env as { ok: true; value: { token: string } }).value.token;
});
afterAll(() => app.close());

const count = (sql: string) => (app.services.sqlite.prepare(sql).get() as { n: number }).n;
const aMark = () =>
  app.services.sqlite.prepare('SELECT lesson_id, pupil_id, value FROM mark WHERE position = 0 ORDER BY lesson_id LIMIT 1').get() as {
    lesson_id: number;
    pupil_id: number;
    value: string;
  };

describe('full package build', () => {
  it('is a valid package: header after the payload, hash and counts of what was sent', async () => {
    const b = await buildFullPackage(ctx, yearRef(ctx, '2026-11-26'), '2026-11-26');
    const pkg = readPackage(b.body);
    expect(PackageHeader.parse(pkg.header)).toEqual(b.header);
    expect(PackagePayload.safeParse(pkg.payload).success).toBe(true);
    expect(pkg.header.counts.cells).toBe(pkg.payload.cells.length);
    expect(pkg.payload.cells.reduce((n, c) => n + c.marks.length, 0)).toBe(count('SELECT COUNT(*) AS n FROM mark'));
    expect(pkg.payload.cells.filter((c) => c.absence).length).toBe(count('SELECT COUNT(*) AS n FROM absence'));
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(JSON.stringify(pkg.payload)).digest('hex')).toBe(b.header.payloadSha256);
  });

  it('reads one snapshot: an edit saved while it runs goes to the next package, not this one', async () => {
    const m = aMark();
    const changed = m.value === '5' ? '4' : '5';
    const headBefore = feedHead(ctx.sqlite);
    let edited = false;
    const b = await buildFullPackage(ctx, yearRef(ctx, '2026-11-26'), '2026-11-26', {
      // Called between chunks: the main connection commits an audited edit mid-build.
      cancelled: () => {
        if (!edited) {
          edited = true;
          mutate(ctx, (rec) => {
            app.services.sqlite
              .prepare('UPDATE mark SET value = ? WHERE lesson_id = ? AND pupil_id = ? AND position = 0')
              .run(changed, m.lesson_id, m.pupil_id);
            rec.audit({ action: 'test.edit', entity: 'cell', entityId: `${m.lesson_id}:${m.pupil_id}`, feed: 'upsert' });
          });
        }
        return false;
      },
    });
    expect(edited).toBe(true);
    expect(b.feedTo).toBe(headBefore);
    expect(feedHead(ctx.sqlite)).toBeGreaterThan(b.feedTo);
    const ref = pseudonymizer(schoolSecret(app.services.sqlite).secret);
    const cell = readPackage(b.body).payload.cells.find((c) => c.lessonId === m.lesson_id && c.pupil === ref(m.pupil_id));
    expect(cell?.marks[0]?.value).toBe(m.value);
    const after = await buildFullPackage(ctx, yearRef(ctx, '2026-11-26'), '2026-11-26');
    const now = readPackage(after.body).payload.cells.find((c) => c.lessonId === m.lesson_id && c.pupil === ref(m.pupil_id));
    expect(now?.marks[0]?.value).toBe(changed);
  });

  it('cancelled: no package, no ledger change, no audit record, and the next build runs', async () => {
    const before = { packages: count('SELECT COUNT(*) AS n FROM export_package'), audit: count('SELECT COUNT(*) AS n FROM audit_event') };
    const ledger = count('SELECT COUNT(*) AS n FROM export_sent_key');
    const running = queueFullPackage(ctx, 'тест');
    expect(currentBuild(ctx)).toMatchObject({ kind: 'full', cancel: false });
    expect(cancelBuild(ctx)).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    expect(currentBuild(ctx)).toBeNull();
    expect(cancelBuild(ctx)).toBe(false);
    expect(count('SELECT COUNT(*) AS n FROM export_package')).toBe(before.packages);
    expect(count('SELECT COUNT(*) AS n FROM audit_event')).toBe(before.audit);
    expect(count('SELECT COUNT(*) AS n FROM export_sent_key')).toBe(ledger);
    const p = await queueFullPackage(ctx, 'тест');
    expect(p).toMatchObject({ kind: 'full', state: 'queued' });
  });

  it('runs one at a time: a second full or an incremental meanwhile is refused with a reason', async () => {
    const running = queueFullPackage(ctx, 'тест');
    await expect(queueFullPackage(ctx, 'ещё раз')).rejects.toMatchObject({ code: 'conflict' });
    await expect(queueIncrementalPackage(ctx, 'тест')).rejects.toMatchObject({ code: 'conflict' });
    await running;
    expect(currentBuild(ctx)).toBeNull();
  });

  it('shows its progress in export.status and is cancelled through export.cancelBuild', async () => {
    const call = (method: string, input: unknown) => app.router.call(method, input, admin);
    const running = call('export.runFull', {});
    const status = await call('export.status', {});
    expect(status).toMatchObject({ ok: true, value: { build: { kind: 'full', cancelling: false } } });
    const progress = (status as { ok: true; value: { build: { progress: number } } }).value.build.progress;
    expect(progress).toBeGreaterThanOrEqual(0);
    expect(progress).toBeLessThanOrEqual(1);
    expect(await call('export.cancelBuild', {})).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled', message: expect.stringContaining('отменена') } });
    expect(await call('export.status', {})).toMatchObject({ ok: true, value: { build: null } });
    expect(await call('export.cancelBuild', {})).toEqual({ ok: true, value: { cancelled: false } });
  });
});

describe('school year rollover', () => {
  it('sends a full package of the new year first, then dailies again', async () => {
    const dir = tempDir();
    const portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: 'portal-secret-token' });
    try {
      await app.router.call('export.configure', { url: portal.url, token: 'portal-secret-token' }, admin);
      app.services.sqlite.prepare('DELETE FROM export_package').run();
      now = new Date('2026-11-26T16:00:00Z');
      expect((await runDue(ctx)).built).toEqual(['full']);
      now = new Date('2026-11-27T16:00:00Z');
      await mutate(ctx, (rec) => rec.audit({ action: 'test.edit', entity: 'lesson', entityId: 1, feed: 'upsert' }));
      expect((await runDue(ctx)).built).toEqual(['incremental']);
      // The next year opens; on its first school day the exporter starts it with a full package.
      app.services.sqlite
        .prepare("INSERT INTO school_year (label, starts_on, ends_on, status) VALUES ('2027/2028', '2027-09-01', '2028-05-31', 'open')")
        .run();
      now = new Date('2027-09-01T16:00:00Z');
      const due = await runDue(ctx);
      expect(due.built).toEqual(['full']);
      expect(due.sync?.done).toHaveLength(1);
      const last = app.services.sqlite.prepare('SELECT kind, year, state FROM export_package ORDER BY rowid DESC LIMIT 1').get();
      expect(last).toEqual({ kind: 'full', year: '2027/2028', state: 'done' });
      expect((await runDue(ctx)).built).toEqual([]);
    } finally {
      await portal.close();
    }
  });
});
