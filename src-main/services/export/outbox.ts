// The outbox: a package is built, hashed, gzipped and stored in export_package in one
// transaction before anything is sent; it is done only when the portal's receipt is stored.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { PACKAGE_SCHEMA_VERSION, type ExportPackage, type PackagePayload } from '../../../src-shared/export/package';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { currentYear } from '../school/handlers';
import { prep } from '../sql';
import { enrolmentKey, grantKey, membershipKey } from '../../../src-shared/export/keys';
import { fullPayload, schoolSecret, type YearRef } from './full';
import { pseudonymizer, uuidv7 } from './ids';
import { incrementalPayload, type SentKeys } from './incremental';

export interface PackageRow {
  id: string;
  kind: 'incremental' | 'full';
  feed_from: number;
  feed_to: number;
  created_at: string;
  sha256: string;
  size: number;
  state: 'queued' | 'sending' | 'done' | 'refused';
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  receipt: string | null;
  done_at: string | null;
}

const counts = (p: PackagePayload) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, (v as unknown[]).length]));

/** The newest change-feed seq: what a package built now covers up to. */
export function feedHead(ctx: Ctx): number {
  return (prep(ctx.sqlite, 'SELECT COALESCE(MAX(seq), 0) AS n FROM change_feed').get() as { n: number }).n;
}

function yearRef(ctx: Ctx, today: string): YearRef {
  const y = currentYear(ctx, today);
  if (!y) throw new AppError('not_found', 'Нет открытого учебного года: выгружать нечего');
  return { id: y.id, label: y.label, startsOn: y.starts_on, endsOn: y.ends_on };
}

/** Builds the full package of the current school year and queues it. */
export function queueFullPackage(ctx: Ctx, reason: string): PackageRow {
  const today = schoolDate(ctx.now());
  const y = yearRef(ctx, today);
  // Read and write in one IMMEDIATE transaction: no edit can slip between the feed head we
  // record and the rows we read, so the next incremental starts exactly where this one ends.
  return mutate(ctx, (rec) => {
    const feedTo = feedHead(ctx);
    const payload = fullPayload(ctx, y, today);
    const row = store(ctx, 'full', 0, feedTo, y.label, payload);
    prep(ctx.sqlite, 'DELETE FROM export_sent_key').run();
    insertLedger(ctx, fullLedger(ctx, y.id, payload));
    rec.audit({
      action: 'export.queue',
      entity: 'export_package',
      entityId: row.id,
      after: { kind: 'full', feedTo, size: row.size },
      reason,
    });
    return row;
  });
}

/**
 * Queues the changes since the last built package; a full package instead when there is no
 * earlier one or the last was refused (the portal's copy can no longer be trusted to chain).
 * Returns null when nothing changed.
 */
export function queueIncrementalPackage(ctx: Ctx, reason: string): PackageRow | null {
  const last = prep(ctx.sqlite, 'SELECT feed_to, state FROM export_package ORDER BY rowid DESC LIMIT 1').get() as
    { feed_to: number; state: string } | undefined;
  if (!last || last.state === 'refused') return queueFullPackage(ctx, `${reason}; нужна полная выгрузка`);
  // Nothing recorded since: nothing to send. (Grants that change only with the date, a load
  // starting today, go with the next package.)
  if (feedHead(ctx) === last.feed_to) return null;
  const today = schoolDate(ctx.now());
  const y = yearRef(ctx, today);
  return mutate(ctx, (rec) => {
    const feedTo = feedHead(ctx);
    const { payload, ledger } = incrementalPayload(ctx, y, today, last.feed_to, feedTo);
    const row = store(ctx, 'incremental', last.feed_to, feedTo, y.label, payload);
    const clear = prep(ctx.sqlite, "DELETE FROM export_sent_key WHERE person_id = ? AND entity IN ('enrolment', 'membership')");
    for (const pupil of ledger.replacePupils) clear.run(pupil);
    prep(ctx.sqlite, "DELETE FROM export_sent_key WHERE entity = 'grant'").run();
    insertLedger(ctx, ledger.keys);
    rec.audit({
      action: 'export.queue',
      entity: 'export_package',
      entityId: row.id,
      after: { kind: 'incremental', feedFrom: last.feed_to, feedTo, size: row.size },
      reason,
    });
    return row;
  });
}

/** Ledger keys of a full package: every enrolment, membership and grant it carries. */
function fullLedger(ctx: Ctx, yearId: number, payload: PackagePayload): SentKeys[] {
  const ref = pseudonymizer(schoolSecret(ctx).secret);
  const pupilOf = new Map<string, number>();
  const pupils = prep(
    ctx.sqlite,
    'SELECT DISTINCT e.pupil_id FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ?',
  ).all(yearId) as { pupil_id: number }[];
  for (const r of pupils) pupilOf.set(ref(r.pupil_id), r.pupil_id);
  return [
    ...payload.enrolments.map((e) => ({ entity: 'enrolment' as const, key: enrolmentKey(e), personId: pupilOf.get(e.pupil) ?? null })),
    ...payload.memberships.map((m) => ({ entity: 'membership' as const, key: membershipKey(m), personId: pupilOf.get(m.pupil) ?? null })),
    ...payload.grants.map((g) => ({ entity: 'grant' as const, key: grantKey(g), personId: null })),
  ];
}

function insertLedger(ctx: Ctx, keys: SentKeys[]): void {
  const ins = prep(ctx.sqlite, 'INSERT OR REPLACE INTO export_sent_key (entity, key, person_id) VALUES (?,?,?)');
  for (const k of keys) ins.run(k.entity, k.key, k.personId);
}

function store(
  ctx: Ctx,
  kind: 'full' | 'incremental',
  feedFrom: number,
  feedTo: number,
  year: string,
  payload: PackagePayload,
): PackageRow {
  const payloadJson = JSON.stringify(payload);
  const header = {
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    packageId: uuidv7(ctx.now()),
    schoolCode: schoolSecret(ctx).code,
    kind,
    feedFrom,
    feedTo,
    year,
    createdAt: ctx.now().toISOString(),
    counts: counts(payload),
    payloadSha256: createHash('sha256').update(payloadJson).digest('hex'),
  } satisfies ExportPackage['header'];
  // Assembled around the payload's exact bytes, so the hash covers what is sent.
  const body = gzipSync(`{"header":${JSON.stringify(header)},"payload":${payloadJson}}`);
  prep(
    ctx.sqlite,
    `INSERT INTO export_package (id, kind, feed_from, feed_to, created_at, sha256, size, body, state, attempts)
     VALUES (?,?,?,?,?,?,?,?, 'queued', 0)`,
  ).run(header.packageId, kind, feedFrom, feedTo, header.createdAt, header.payloadSha256, body.length, body);
  return packageById(ctx, header.packageId);
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
