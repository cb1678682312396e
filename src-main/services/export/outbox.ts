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
import { fullPayload, schoolSecret } from './full';
import { uuidv7 } from './ids';

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

/** Builds the full package of the current school year and queues it. */
export function queueFullPackage(ctx: Ctx, reason: string): PackageRow {
  const today = schoolDate(ctx.now());
  const y = currentYear(ctx, today);
  if (!y) throw new AppError('not_found', 'Нет открытого учебного года: выгружать нечего');
  // Read and write in one IMMEDIATE transaction: no edit can slip between the feed head we
  // record and the rows we read, so the next incremental starts exactly where this one ends.
  return mutate(ctx, (rec) => {
    const feedTo = feedHead(ctx);
    const payload = fullPayload(ctx, { id: y.id, label: y.label, startsOn: y.starts_on, endsOn: y.ends_on }, today);
    const row = store(ctx, 'full', 0, feedTo, y.label, payload);
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
     FROM export_package WHERE state IN ('queued', 'sending') ORDER BY created_at, id LIMIT 1`,
  ).get() as PackageRow | undefined;
}
