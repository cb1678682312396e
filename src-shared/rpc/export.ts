// Export to the portal (issue 5): the outbox, settings, manual uploads, reconciliation.
import { z } from 'zod';
import { dateRange, Id, SchoolDate, SchoolMonth, SchoolTime } from '../domain';
import { method } from './define';

export const PackageView = z.strictObject({
  id: z.string(),
  kind: z.enum(['incremental', 'full']),
  feedFrom: z.number().int(),
  feedTo: z.number().int(),
  createdAt: z.string(),
  size: z.number().int(),
  /** superseded: replaced by a full package before it was sent (issue 9). */
  state: z.enum(['queued', 'sending', 'done', 'refused', 'superseded']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  doneAt: z.string().nullable(),
});

/** Texts of one package in which something personal was masked (issue 9). */
const MaskedCount = z.strictObject({ packageId: z.string(), createdAt: z.string(), texts: z.number().int() });

const SyncView = z.strictObject({
  sent: z.number().int(),
  done: z.array(z.string()),
  refused: z.array(z.string()),
  refusal: z.string().nullable(),
  waiting: z.strictObject({ id: z.string(), error: z.string(), nextAttemptAt: z.string() }).nullable(),
});

export const exportMethods = {
  'export.status': method({
    summary: 'The outbox queue, settings, and when the last daily and full exports were delivered',
    permission: 'export.read',
    input: z.strictObject({}),
    output: z.strictObject({
      settings: z.strictObject({
        url: z.string(),
        dailyAt: SchoolTime,
        fullDay: z.number().int(),
        tokenSet: z.boolean(),
        /** The key is sealed by the operating system (Electron's safeStorage), not stored as is. */
        tokenSealed: z.boolean(),
      }),
      lastDailyDone: z.string().nullable(),
      lastFullDone: z.string().nullable(),
      /** The daily export has not been delivered for more than a day. */
      dailyLate: z.boolean(),
      /** A full package being built now: progress from 0 to 1. */
      build: z
        .strictObject({ kind: z.literal('full'), startedAt: z.string(), progress: z.number().min(0).max(1), cancelling: z.boolean() })
        .nullable(),
      queue: z.array(PackageView),
      /** A send is running now (one at a time). */
      syncing: z.boolean(),
      /** Why sending cannot work as configured (a stored key or address that cannot work), in Russian. */
      problem: z.string().nullable(),
      /** Tamper evidence (issue 9): the audit chain check and the portal's witnessed head. */
      audit: z.strictObject({
        brokenAt: z.number().int().nullable(),
        checkedAt: z.string().nullable(),
        localSeq: z.number().int(),
        portalSeq: z.number().int().nullable(),
        behind: z.boolean(),
        forked: z.boolean(),
      }),
      /** Topics, homework and file names masked in the last full and the last daily package. */
      masked: z.strictObject({ full: MaskedCount.nullable(), incremental: MaskedCount.nullable() }),
    }),
  }),
  'export.configure': method({
    summary: 'Set the portal address, access key and schedule',
    permission: 'export.manage',
    mutation: true,
    input: z.strictObject({
      // Checked in the handler (portal-config.ts), so a bad value gets a message that says what to fix.
      url: z.string().max(2000).optional(),
      token: z.string().max(2000).optional(),
      dailyAt: SchoolTime.optional(),
      fullDay: z.number().int().min(1).max(28).optional(),
    }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'export.runFull': method({
    summary: '«Полная выгрузка»: build the whole school year now and send it',
    permission: 'export.manage',
    mutation: true,
    input: z.strictObject({}),
    output: z.strictObject({ package: PackageView, sync: SyncView.nullable(), error: z.string().nullable() }),
  }),
  'export.cancelBuild': method({
    summary: 'Stop the full package being built; nothing of it is kept',
    permission: 'export.manage',
    mutation: true,
    input: z.strictObject({}),
    output: z.strictObject({ cancelled: z.boolean() }),
  }),
  'export.sendNow': method({
    summary: 'Build the changes since the last package and send the queue now',
    permission: 'export.manage',
    mutation: true,
    input: z.strictObject({}),
    output: z.strictObject({ package: PackageView.nullable(), sync: SyncView.nullable(), error: z.string().nullable() }),
  }),
  'export.reconcile': method({
    summary: '«Проверка дневника»: compare a month of the journal with the portal, down to the lesson and the cell',
    permission: 'reconcile.read',
    input: z.strictObject({ month: SchoolMonth, groupId: Id.optional(), subjectId: Id.optional() }),
    output: z
      .strictObject({
        from: SchoolDate,
        to: SchoolDate,
        journals: z.array(
          z.strictObject({
            groupId: Id,
            groupName: z.string(),
            subjectId: Id,
            subjectName: z.string(),
            same: z.boolean(),
            local: z.strictObject({ lessons: z.number().int(), marks: z.number().int(), absences: z.number().int() }),
            portal: z.strictObject({ lessons: z.number().int(), marks: z.number().int(), absences: z.number().int() }),
            lessons: z.array(
              z.strictObject({
                lessonId: Id,
                date: SchoolDate,
                slot: z.number().int(),
                problem: z.enum(['missing', 'extra', 'different']),
              }),
            ),
            /** Inside the differing lessons: a lesson field (pupil null) or one pupil's cell, both values (null: empty). */
            cells: z.array(
              z.strictObject({
                lessonId: Id,
                date: SchoolDate,
                slot: z.number().int(),
                field: z.enum(['held', 'topic', 'homework', 'cell']),
                pupilId: Id.nullable(),
                pupilName: z.string().nullable(),
                ours: z.string().nullable(),
                theirs: z.string().nullable(),
              }),
            ),
            /** All the cell differences (cells holds the first of them). */
            cellsTotal: z.number().int(),
          }),
        ),
      })
      .refine(...dateRange('from', 'to')),
  }),
};
