import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mutate, verifyAuditChain } from '../../src-main/services/mutate';
import type { Ctx } from '../../src-main/services/context';
import { createTestApp, type TestApp } from '../helpers/app';

let app: TestApp;
let ctx: Ctx;
beforeEach(() => {
  app = createTestApp();
  ctx = { ...app.services, actor: null };
});
afterEach(() => app.dispose());

const count = (table: string) => (app.services.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('mutate', () => {
  it('writes the change, its audit record and its feed row together', () => {
    const before = { audit: count('audit_event'), feed: count('change_feed') };
    mutate(ctx, (rec) => {
      app.services.sqlite.prepare("INSERT INTO subject (id, name, short_name) VALUES (7, 'Астрономия', 'Астр')").run();
      rec.audit({
        action: 'subject.create',
        entity: 'subject',
        entityId: 7,
        after: { name: 'Астрономия' },
        reason: 'новый предмет',
        feed: 'upsert',
      });
    });
    expect(count('subject')).toBe(1);
    expect(count('audit_event')).toBe(before.audit + 1);
    expect(count('change_feed')).toBe(before.feed + 1);
    const audit = app.services.sqlite.prepare('SELECT * FROM audit_event ORDER BY seq DESC LIMIT 1').get() as Record<string, unknown>;
    expect(audit).toMatchObject({
      action: 'subject.create',
      entity: 'subject',
      entity_id: '7',
      reason: 'новый предмет',
      at: '2026-11-26T07:00:00.000Z',
    });
    expect(JSON.parse(audit.after as string)).toEqual({ name: 'Астрономия' });
    const feed = app.services.sqlite.prepare('SELECT * FROM change_feed ORDER BY seq DESC LIMIT 1').get();
    expect(feed).toMatchObject({ entity: 'subject', entity_id: '7', op: 'upsert', audit_seq: audit.seq });
  });

  it('leaves no trace when the change throws half-way', () => {
    const before = { audit: count('audit_event'), feed: count('change_feed') };
    expect(() =>
      mutate(ctx, (rec) => {
        app.services.sqlite.prepare("INSERT INTO subject (name, short_name) VALUES ('Черчение', 'Черч')").run();
        rec.audit({ action: 'subject.create', entity: 'subject', entityId: 1, feed: 'upsert' });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(count('subject')).toBe(0);
    expect(count('audit_event')).toBe(before.audit);
    expect(count('change_feed')).toBe(before.feed);
  });

  it('refuses a mutation without an audit record', () => {
    expect(() => mutate(ctx, () => app.services.sqlite.prepare("INSERT INTO subject (name, short_name) VALUES ('X', 'X')").run())).toThrow(
      /audit record/,
    );
    expect(count('subject')).toBe(0);
  });
});

describe('audit log', () => {
  it('is hash-chained: the chain verifies, and an edit behind the triggers is detected', () => {
    for (let i = 0; i < 5; i++) mutate(ctx, (rec) => rec.audit({ action: 'test.event', entity: 'test', entityId: i, after: { i } }));
    expect(verifyAuditChain(app.services)).toBeNull();
    const { sqlite } = app.services;
    // Someone with a SQLite tool drops the trigger and edits history.
    sqlite.exec('DROP TRIGGER audit_event_no_update');
    const victim = sqlite.prepare("SELECT seq FROM audit_event WHERE action = 'test.event' ORDER BY seq LIMIT 1 OFFSET 2").get() as {
      seq: number;
    };
    sqlite.prepare(`UPDATE audit_event SET after = '{"i":99}' WHERE seq = ?`).run(victim.seq);
    expect(verifyAuditChain(app.services)).toBe(victim.seq);
  });

  it('covers the export feed mark: silently dropping a change from the feed is detected', () => {
    mutate(ctx, (rec) => rec.audit({ action: 'test.event', entity: 'test', entityId: 1, feed: 'upsert' }));
    mutate(ctx, (rec) => rec.audit({ action: 'test.event', entity: 'test', entityId: 2, feed: 'delete' }));
    expect(verifyAuditChain(app.services)).toBeNull();
    const { sqlite } = app.services;
    sqlite.exec('DROP TRIGGER audit_event_no_update');
    const victim = sqlite.prepare("SELECT seq FROM audit_event WHERE feed_op = 'upsert' AND entity = 'test'").get() as { seq: number };
    sqlite.prepare('UPDATE audit_event SET feed_op = NULL WHERE seq = ?').run(victim.seq);
    expect(verifyAuditChain(app.services)).toBe(victim.seq);
  });

  it('refuses updates and deletes in the database itself', () => {
    mutate(ctx, (rec) => rec.audit({ action: 'test.event', entity: 'test' }));
    const { sqlite } = app.services;
    expect(() => sqlite.exec("UPDATE audit_event SET action = 'x'")).toThrow(/append-only/);
    expect(() => sqlite.exec('DELETE FROM audit_event')).toThrow(/append-only/);
  });
});
