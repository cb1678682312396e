// The outbox: a package is built, hashed, gzipped and stored in export_package in one
// transaction before anything is sent; it is done only when the portal's receipt is stored.
// Package bodies are written by writer.ts; the full build's rows come from full.ts.
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { Sqlite } from '../../../db/client';
import type { Ctx } from '../context';
import { auditHead, mutate } from '../mutate';
import { currentYear } from '../school/handlers';
import { prep } from '../sql';
import { buildFullPackage, feedHead, schoolSecret, type YearRef } from './full';
import { incrementalPayload, type SentKeys } from './incremental';
import { headerFields, writePackage, type PackageFile } from './writer';
import { schoolNameIndex } from '../privacy/school';

export interface PackageRow {
  id: string;
  kind: 'incremental' | 'full';
  feed_from: number;
  feed_to: number;
  created_at: string;
  sha256: string;
  size: number;
  /** superseded: replaced by a later full package (or cut off by a refusal) before it was sent. */
  state: 'queued' | 'sending' | 'done' | 'refused' | 'superseded';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  receipt: string | null;
  done_at: string | null;
}

export function yearRef(ctx: Ctx, today: string): YearRef {
  const y = currentYear(ctx, today);
  if (!y) throw new AppError('not_found', 'Нет открытого учебного года: выгружать нечего');
  return { id: y.id, label: y.label, startsOn: y.starts_on, endsOn: y.ends_on };
}

/** A full build in progress, per database: at most one at a time. */
export interface BuildState {
  kind: 'full';
  startedAt: string;
  done: number;
  total: number;
  cancel: boolean;
}
const builds = new WeakMap<Sqlite, BuildState>();

export function currentBuild(ctx: Ctx): BuildState | null {
  return builds.get(ctx.sqlite) ?? null;
}

/** Asks the running build to stop at its next chunk; false when none runs. */
export function cancelBuild(ctx: Ctx): boolean {
  const b = builds.get(ctx.sqlite);
  if (b) b.cancel = true;
  return !!b;
}

/**
 * Builds the full package of the current school year and queues it. The build reads a
 * snapshot and yields between chunks, so the app stays responsive; the package is stored,
 * with the sent-key ledger, in one transaction at the end.
 */
export async function queueFullPackage(ctx: Ctx, reason: string): Promise<PackageRow> {
  if (builds.has(ctx.sqlite)) throw new AppError('conflict', 'Полная выгрузка уже собирается');
  const today = schoolDate(ctx.now());
  const y = yearRef(ctx, today);
  const state: BuildState = { kind: 'full', startedAt: ctx.now().toISOString(), done: 0, total: 1, cancel: false };
  builds.set(ctx.sqlite, state);
  try {
    const b = await buildFullPackage(ctx, y, today, {
      onProgress: (done, total) => Object.assign(state, { done, total }),
      cancelled: () => state.cancel,
    });
    // Edits saved while it ran have feed seq > b.feedTo: the next incremental carries them.
    return mutate(ctx, (rec) => {
      insertPackage(ctx, b);
      // The full package replaces the whole year on the portal: older packages still waiting
      // would only repeat part of it (or wait for ever behind a refusal). One in flight
      // ('sending') is left to finish; it goes before this one either way.
      const superseded = prep(
        ctx.sqlite,
        `UPDATE export_package SET state = 'superseded', next_attempt_at = NULL, last_error = ?
         WHERE state = 'queued' AND rowid < (SELECT rowid FROM export_package WHERE id = ?) RETURNING id`,
      )
        .pluck()
        .all('Заменён полной выгрузкой: отправлять не нужно', b.header.packageId) as string[];
      prep(ctx.sqlite, 'DELETE FROM export_sent_key').run();
      insertLedger(ctx, b.ledger);
      rec.audit({
        action: 'export.queue',
        entity: 'export_package',
        entityId: b.header.packageId,
        after: { kind: 'full', feedTo: b.feedTo, size: b.body.length, auditHead: b.header.auditHead, superseded, masked: b.masked },
        reason,
      });
      return packageById(ctx, b.header.packageId);
    });
  } finally {
    builds.delete(ctx.sqlite);
  }
}

/** Packages that are, or will be, on the portal: the chain an incremental continues. */
const LIVE = "state IN ('queued', 'sending', 'done')";

/**
 * Whether the next package must be a full one: no full package is live, or one was refused
 * after the last live full (the ledger of sent keys then holds keys the portal never got, and
 * an incremental after it would meet "gap" for ever).
 */
export function chainBroken(ctx: Ctx): boolean {
  const r = prep(
    ctx.sqlite,
    `SELECT (SELECT MAX(rowid) FROM export_package WHERE kind = 'full' AND ${LIVE}) AS full,
            (SELECT MAX(rowid) FROM export_package WHERE state = 'refused') AS refused`,
  ).get() as { full: number | null; refused: number | null };
  return r.full === null || (r.refused !== null && r.refused > r.full);
}

/**
 * Queues the changes since the last live package; a full package instead when the chain is
 * broken (none yet, or a refusal since the last full). Returns null when nothing changed.
 */
export async function queueIncrementalPackage(ctx: Ctx, reason: string): Promise<PackageRow | null> {
  // Its range would start before the full package being built ends.
  if (builds.has(ctx.sqlite)) throw new AppError('conflict', 'Собирается полная выгрузка: изменения уйдут следующим пакетом');
  if (chainBroken(ctx)) return queueFullPackage(ctx, `${reason}; нужна полная выгрузка`);
  const last = prep(ctx.sqlite, `SELECT feed_to FROM export_package WHERE ${LIVE} ORDER BY rowid DESC LIMIT 1`).get() as {
    feed_to: number;
  };
  // Nothing recorded since: nothing to send. (Grants that change only with the date, a load
  // starting today, go with the next package.)
  if (feedHead(ctx.sqlite) === last.feed_to) return null;
  const today = schoolDate(ctx.now());
  const y = yearRef(ctx, today);
  // The free-text check's name index, built (if people changed) before the write lock is taken.
  schoolNameIndex(ctx.sqlite);
  // Read and write in one IMMEDIATE transaction: no edit can slip between the feed head we
  // record and the rows we read, so the next incremental starts exactly where this one ends.
  return mutate(ctx, (rec) => {
    const feedTo = feedHead(ctx.sqlite);
    const { payload, ledger, masked } = incrementalPayload(ctx, y, today, last.feed_to, feedTo);
    const file = writePackage(
      headerFields(
        ctx.now(),
        schoolSecret(ctx.sqlite).code,
        'incremental',
        { from: last.feed_to, to: feedTo },
        y.label,
        auditHead(ctx.sqlite),
      ),
      payload,
    );
    insertPackage(ctx, file);
    const clear = prep(ctx.sqlite, "DELETE FROM export_sent_key WHERE person_id = ? AND entity IN ('enrolment', 'membership')");
    for (const pupil of ledger.replacePupils) clear.run(pupil);
    prep(ctx.sqlite, "DELETE FROM export_sent_key WHERE entity = 'grant'").run();
    insertLedger(ctx, ledger.keys);
    rec.audit({
      action: 'export.queue',
      entity: 'export_package',
      entityId: file.header.packageId,
      after: { kind: 'incremental', feedFrom: last.feed_to, feedTo, size: file.body.length, auditHead: file.header.auditHead, masked },
      reason,
    });
    return packageById(ctx, file.header.packageId);
  });
}

function insertLedger(ctx: Ctx, keys: SentKeys[]): void {
  const ins = prep(ctx.sqlite, 'INSERT OR REPLACE INTO export_sent_key (entity, key, person_id) VALUES (?,?,?)');
  for (const k of keys) ins.run(k.entity, k.key, k.personId);
}

function insertPackage(ctx: Ctx, { header: h, body }: PackageFile): void {
  prep(
    ctx.sqlite,
    `INSERT INTO export_package (id, kind, feed_from, feed_to, created_at, year, sha256, size, body, state, attempts)
     VALUES (?,?,?,?,?,?,?,?,?, 'queued', 0)`,
  ).run(h.packageId, h.kind, h.feedFrom, h.feedTo, h.createdAt, h.year, h.payloadSha256, body.length, body);
}

export function packageById(ctx: Ctx, id: string): PackageRow {
  return prep(
    ctx.sqlite,
    `SELECT id, kind, feed_from, feed_to, created_at, sha256, size, state, attempts, next_attempt_at, last_error, receipt, done_at
     FROM export_package WHERE id = ?`,
  ).get(id) as PackageRow;
}

export function packageBody(ctx: Ctx, id: string): Buffer {
  return (prep(ctx.sqlite, 'SELECT body FROM export_package WHERE id = ?').get(id) as { body: Buffer }).body;
}

/** Oldest first: packages must reach the portal in the order they were built. */
export function nextToSend(ctx: Ctx): PackageRow | undefined {
  return prep(
    ctx.sqlite,
    `SELECT id, kind, feed_from, feed_to, created_at, sha256, size, state, attempts, next_attempt_at, last_error, receipt, done_at
     FROM export_package WHERE state IN ('queued', 'sending') ORDER BY rowid LIMIT 1`,
  ).get() as PackageRow | undefined;
}
