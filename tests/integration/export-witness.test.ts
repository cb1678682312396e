// Tamper evidence that reaches outside (issue 9): every package header carries the audit
// chain's head, the portal keeps the newest it was given and hands it back in every receipt;
// the chain is verified at start-up and daily. A broken chain, or a local head behind the
// portal's (an old backup restored: a cut tail), shows in export.status for the administrator.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src-main/app';
import { createDemoDatabase } from '../../src-main/demo/create';
import { mutate } from '../../src-main/services/mutate';
import { queueIncrementalPackage, queueFullPackage } from '../../src-main/services/export/outbox';
import { runDue } from '../../src-main/services/export/schedule';
import { auditCheckRunning } from '../../src-main/services/export/witness';
import { syncOutbox } from '../../src-main/services/export/sync';
import { startPortal, type Portal } from '../portal/server';
import { portalState } from '../portal/state';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

const TODAY = '2026-11-26';
let now = new Date(`${TODAY}T08:00:00Z`);
let dir: string;
let portal: Portal;
const apps: App[] = [];

beforeAll(async () => {
  dir = tempDir();
  await createDemoDatabase(join(dir, 'school.db'), { big: false, today: TODAY, now: () => now });
  portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: 'witness-token' });
}, 60_000);
afterAll(async () => {
  for (const a of apps) a.close();
  await portal.close();
});

function open(file: string): App {
  const a = openApp({ dbFile: join(dir, file), migrationsFolder, resourcesDir, now: () => now });
  apps.push(a);
  return a;
}
async function adminCall(a: App, method: string, input: unknown): Promise<any> {
  const login = await a.router.call('auth.login', { login: 'admin', password: 'demo' }, null);
  if (!login.ok) throw new Error(login.error.message);
  const env = await a.router.call(method, input, (login.value as { token: string }).token);
  if (!env.ok) throw new Error(env.error.message);
  return env.value;
}
function edit(a: App, topic: string): void {
  const lesson = a.services.sqlite.prepare('SELECT id FROM lesson ORDER BY id LIMIT 1').pluck().get() as number;
  mutate({ ...a.services, actor: null }, (rec) => {
    a.services.sqlite.prepare('UPDATE lesson SET topic = ? WHERE id = ?').run(topic, lesson);
    rec.audit({ action: 'test', entity: 'lesson', entityId: lesson, feed: 'upsert' });
  });
}
const head = (a: App) =>
  a.services.sqlite.prepare('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };

describe('the audit chain head as an outside witness', () => {
  it('travels in every header; the portal keeps the newest; an old backup restored shows as a cut tail', async () => {
    const a = open('school.db');
    const ctx = { ...a.services, actor: null };
    await adminCall(a, 'export.configure', { url: portal.url, token: 'witness-token' });
    await queueFullPackage(ctx, 'начало');
    await syncOutbox(ctx);
    // The header carries the head as it was when the package was built (before its own record).
    edit(a, 'Тема 1');
    const before = head(a);
    const p = (await queueIncrementalPackage(ctx, 'тест'))!;
    const body = a.services.sqlite.prepare('SELECT body FROM export_package WHERE id = ?').pluck().get(p.id) as Buffer;
    expect(JSON.parse(gunzipSync(body).toString('utf8')).header.auditHead).toEqual(before);
    await syncOutbox(ctx);
    const school = Object.values(portalState(portal.store).schools)[0]!;
    expect(school.auditHead).toEqual(before);
    let status = await adminCall(a, 'export.status', {});
    expect(status.audit).toMatchObject({ brokenAt: null, behind: false, forked: false, portalSeq: before.seq });

    // A backup is taken; the school works on and sends; then the backup is restored.
    a.services.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    copyFileSync(join(dir, 'school.db'), join(dir, 'backup.db'));
    for (let i = 2; i < 12; i++) edit(a, `Тема ${i}`);
    now = new Date(now.getTime() + 60_000);
    await queueIncrementalPackage(ctx, 'тест');
    await syncOutbox(ctx);
    const portalHead = Object.values(portalState(portal.store).schools)[0]!.auditHead!;
    expect(portalHead.seq).toBeGreaterThan(before.seq);

    const restored = open('backup.db');
    const rctx = { ...restored.services, actor: null };
    edit(restored, 'После восстановления');
    now = new Date(now.getTime() + 60_000);
    await queueIncrementalPackage(rctx, 'тест');
    await syncOutbox(rctx);
    status = await adminCall(restored, 'export.status', {});
    expect(status.audit.behind).toBe(true);
    expect(status.audit.portalSeq).toBe(portalHead.seq);
    expect(status.audit.localSeq).toBeLessThan(portalHead.seq);
    // The portal keeps the newest head it was given, whatever comes after.
    expect(Object.values(portalState(portal.store).schools)[0]!.auditHead).toEqual(portalHead);
    // The original database is not behind.
    expect((await adminCall(a, 'export.status', {})).audit.behind).toBe(false);
    // Once the restored log has as many records again, it has a different record at the
    // portal's seq: a fork, shown just the same.
    for (let i = 0; i < 12; i++) edit(restored, `Ещё ${i}`);
    status = await adminCall(restored, 'export.status', {});
    expect(status.audit).toMatchObject({ behind: false, forked: true });
  });

  it('a record changed behind the program is found at start-up and by the daily check', async () => {
    const file = 'tampered.db';
    copyFileSync(join(dir, 'school.db'), join(dir, file));
    let a = open(file);
    // The start-up check runs in the background; its verdict shows once it is done.
    await auditCheckRunning(a.services);
    expect((await adminCall(a, 'export.status', {})).audit).toMatchObject({ brokenAt: null, checkedAt: now.toISOString() });
    const victim = a.services.sqlite
      .prepare("SELECT seq FROM audit_event WHERE action = 'test' ORDER BY seq LIMIT 1")
      .pluck()
      .get() as number;
    // Another tool drops the append-only trigger and edits a record.
    a.services.sqlite.exec('DROP TRIGGER audit_event_no_update');
    a.services.sqlite.prepare(`UPDATE audit_event SET after = '{"forged":true}' WHERE seq = ?`).run(victim);
    // The daily check (with the export schedule) finds it the next school day.
    now = new Date(now.getTime() + 24 * 3600_000);
    await runDue({ ...a.services, actor: null });
    await auditCheckRunning(a.services);
    expect((await adminCall(a, 'export.status', {})).audit.brokenAt).toBe(victim);
    // And so does the next start.
    a.close();
    apps.splice(apps.indexOf(a), 1);
    a = open(file);
    await auditCheckRunning(a.services);
    expect((await adminCall(a, 'export.status', {})).audit.brokenAt).toBe(victim);
  });
});
