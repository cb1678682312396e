// Audit log (append-only, hash-chained) that doubles as the export change feed, export packages.
import { blob, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditEvent = sqliteTable(
  'audit_event',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: text('before'),
    after: text('after'),
    reason: text('reason'),
    /**
     * Set when the exporter must send this entity again (upsert) or report it gone (delete).
     * These records are the export change feed (view change_feed): one row per change.
     */
    feedOp: text('feed_op', { enum: ['upsert', 'delete'] }),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  // One secondary index only: each index is one more page every synced commit writes.
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
);

export const exportPackage = sqliteTable(
  'export_package',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['incremental', 'full'] }).notNull(),
    feedFrom: integer('feed_from').notNull(),
    feedTo: integer('feed_to').notNull(),
    createdAt: text('created_at').notNull(),
    /** The school year it carries (label 2026/2027): a new year needs a full package first. */
    year: text('year'),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    /** gzip of the package JSON, written before any send. */
    body: blob('body', { mode: 'buffer' }).notNull(),
    /** superseded: replaced by a full package before it was sent (issue 9; a text column, no migration). */
    state: text('state', { enum: ['queued', 'sending', 'done', 'refused', 'superseded'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    lastError: text('last_error'),
    receipt: text('receipt'),
    doneAt: text('done_at'),
  },
  (t) => [index('package_state').on(t.state, t.createdAt)],
);

/** Secrets that must not sit in settings JSON or logs (the portal token). */
export const secret = sqliteTable('secret', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * What the portal holds of entities whose removal leaves no row to name it (enrolments,
 * memberships, grants): the keys sent so far, so an incremental package can tombstone the
 * ones that are gone. Replaced with each package, in the transaction that stores it.
 */
export const exportSentKey = sqliteTable(
  'export_sent_key',
  {
    entity: text('entity', { enum: ['enrolment', 'membership', 'grant'] }).notNull(),
    key: text('key').notNull(),
    /** The pupil a key belongs to (enrolments, memberships), to diff one pupil at a time. */
    personId: integer('person_id'),
  },
  (t) => [primaryKey({ columns: [t.entity, t.key] }), index('sent_key_person').on(t.personId)],
);
