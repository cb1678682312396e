// The year-end archive (issue 13): start writing a year's archive folder (a job), follow its
// progress, list the archives, and verify one against its signed manifest.
import { z } from 'zod';
import { Id } from '../domain';
import { method } from './define';

/** An archive folder's name as this app makes it ("2026-2027", "2026-2027-2"): no separator, no "..". */
export const ArchiveFolder = z
  .string()
  .max(80)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,79}$/, 'имя папки архива из списка');

const KeyView = z.strictObject({ algorithm: z.literal('Ed25519'), publicKey: z.string(), fingerprint: z.string() });

export const ArchiveJob = z.strictObject({
  id: z.string(),
  yearLabel: z.string(),
  startedAt: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  stage: z.enum(['snapshot', 'classes', 'summary', 'manifest', 'done', 'failed']),
  current: z.string().nullable(),
  result: z
    .strictObject({
      folder: z.string(),
      dir: z.string(),
      yearLabel: z.string(),
      files: z.number().int(),
      fingerprint: z.string(),
      previous: z.array(z.string()),
      /** Something was recorded between the snapshot and the last PDF: they may differ. */
      changedDuring: z.boolean(),
    })
    .nullable(),
  error: z.string().nullable(),
});
export type ArchiveJob = z.infer<typeof ArchiveJob>;

export const ArchiveVerdict = z.strictObject({
  ok: z.boolean(),
  problems: z.array(
    z.strictObject({
      code: z.enum(['manifest', 'signature', 'key', 'missing', 'size', 'sha256', 'extra']),
      path: z.string().nullable(),
      message: z.string(),
    }),
  ),
  yearLabel: z.string().nullable(),
  schoolName: z.string().nullable(),
  createdAt: z.string().nullable(),
  fingerprint: z.string().nullable(),
  files: z.number().int(),
  /** The manifest's key is the school's own (the one on this computer). */
  ownKey: z.boolean(),
});

export const archiveMethods = {
  'archive.status': method({
    summary: "The school years, the archive folder, the school's signing key, the archives made and the last archive job",
    permission: 'year.rollover',
    input: z.strictObject({}),
    output: z.strictObject({
      years: z.array(z.strictObject({ id: Id, label: z.string(), status: z.string() })),
      defaultYearId: Id.nullable(),
      dir: z.string(),
      key: KeyView.nullable(),
      archives: z.array(z.strictObject({ folder: z.string(), yearLabel: z.string().nullable(), createdAt: z.string().nullable() })),
      job: ArchiveJob.nullable(),
    }),
  }),
  'archive.start': method({
    summary: "Start writing a year's archive: every class's journal, the summary sheets, a read-only snapshot, a signed manifest",
    permission: 'year.rollover',
    mutation: true,
    // Writes its own audit records (the key, the archive) from the job, outside the router's transaction.
    ownTransaction: true,
    input: z.strictObject({ yearId: Id.optional() }),
    output: ArchiveJob,
  }),
  'archive.progress': method({
    summary: 'The progress of an archive job: done of total, the stage, then the folder or the error',
    permission: 'year.rollover',
    input: z.strictObject({ jobId: z.string().uuid() }),
    output: ArchiveJob,
  }),
  'archive.verify': method({
    summary: 'Verify an archive folder against its signed manifest (sizes, sha256, signature, extra or missing files)',
    permission: 'year.rollover',
    input: z.strictObject({ folder: ArchiveFolder }),
    output: ArchiveVerdict,
  }),
};
