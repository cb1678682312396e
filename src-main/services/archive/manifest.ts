// The archive's manifest (manifest.json) and its signature (manifest.sig: the base64 Ed25519
// signature of manifest.json's exact bytes, so nothing depends on re-serialising JSON the same
// way in ten years). The verifier parses with this schema and trusts nothing else it reads.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { z } from 'zod';

export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const FORMAT = 'zhurnal-archive/1';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const ManifestFile = z.strictObject({
  /** Relative, "/"-separated, ASCII. */
  path: z.string().min(1).max(200),
  kind: z.enum(['classJournal', 'summary', 'snapshot']),
  /** The Russian title («Классный журнал 5А»). */
  title: z.string(),
  size: z.number().int().nonnegative(),
  sha256: Sha256,
  /** The sha256 of the data a PDF was printed from, as its pages' footers carry it. */
  sourceSha256: Sha256.nullable(),
  classId: z.number().int().nullable(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const Manifest = z.strictObject({
  format: z.literal(FORMAT),
  school: z.strictObject({ code: z.string(), name: z.string() }),
  year: z.strictObject({ id: z.number().int(), label: z.string(), startsOn: z.string(), endsOn: z.string(), status: z.string() }),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  appVersion: z.string(),
  key: z.strictObject({ algorithm: z.literal('Ed25519'), publicKey: z.string(), fingerprint: z.string() }),
  /** The audit chain's head when the snapshot was taken, and when the last PDF was printed. */
  audit: z.strictObject({
    atSnapshot: z.strictObject({ seq: z.number().int(), hash: z.string() }),
    atEnd: z.strictObject({ seq: z.number().int(), hash: z.string() }),
  }),
  /** What the snapshot leaves out: secrets are no part of a record and would let a reader re-sign. */
  snapshotOmits: z.array(z.string()),
  files: z.array(ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;

/** A manifest path that stays inside the folder: no absolute path, "..", backslash or empty part. */
export function safeRelative(path: string): boolean {
  return /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(path) && !path.split('/').some((p) => p === '.' || p === '..');
}

/** sha256 and size of a file, streamed (a big school's snapshot is hundreds of megabytes). */
export function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let size = 0;
    createReadStream(file)
      .on('data', (chunk) => {
        size += chunk.length;
        h.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: h.digest('hex'), size }));
  });
}
