// Backups (ISSUE 9 §9): the list, a copy made now, the second folder, restore.
import { z } from 'zod';
import { method } from './define';

/**
 * A backup's file name, the only thing a caller may name: the restore looks it up in the
 * folder's own listing, and this pattern has no room for a path separator or "..".
 *   zhurnal-2026-11-26.db                                   the daily copy
 *   zhurnal-2026-11-26T070000123Z-manual.db                 made by the administrator
 *   zhurnal-2026-11-26T070000123Z-before-restore.db         the state a restore replaced
 *   zhurnal-2026-11-26T070000123Z-before-migration-v5.db    before the schema moved to v5
 */
export const BACKUP_NAME = /^zhurnal-(\d{4}-\d{2}-\d{2})(?:T(\d{2})(\d{2})(\d{2})(\d{3})Z-(manual|before-restore|before-migration-v\d{1,4}))?\.db$/;
export const BackupName = z.string().max(80).regex(BACKUP_NAME, 'имя резервной копии из списка');

export const BackupKind = z.enum(['daily', 'manual', 'before-restore', 'before-migration']);
export type BackupKind = z.infer<typeof BackupKind>;

export const BackupView = z.strictObject({
  name: z.string(),
  kind: BackupKind,
  /** When the copy was made: an instant, or the school date of a daily copy. */
  at: z.string(),
  size: z.number().int(),
});

/** A backup event worth the administrator's attention (from the audit log). */
export const BackupEvent = z.strictObject({
  at: z.string(),
  action: z.enum(['backup.create', 'backup.failed', 'backup.mirror_failed', 'backup.restore']),
  name: z.string().nullable(),
  message: z.string().nullable(),
});

export const backupMethods = {
  'backup.list': method({
    summary: 'Backups in the backup folder, the second folder, and recent backup events (administrator)',
    permission: 'school.manage',
    input: z.strictObject({}),
    output: z.strictObject({
      dir: z.string(),
      mirrorDir: z.string(),
      backups: z.array(BackupView),
      events: z.array(BackupEvent),
    }),
  }),
  'backup.create': method({
    summary: 'Make a verified backup now (administrator)',
    permission: 'school.manage',
    mutation: true,
    ownTransaction: true,
    input: z.strictObject({}),
    output: z.strictObject({ name: z.string(), mirror: z.enum(['off', 'ok', 'failed']) }),
  }),
  'backup.setMirror': method({
    summary: 'Choose the second backup folder (another disk or a USB drive); empty turns it off (administrator)',
    permission: 'school.manage',
    mutation: true,
    input: z.strictObject({ dir: z.string().trim().max(1000) }),
    output: z.strictObject({ mirrorDir: z.string() }),
  }),
  'backup.restore': method({
    summary: 'Replace the database with a backup, after backing up the current state; ends every session (administrator)',
    permission: 'school.manage',
    mutation: true,
    ownTransaction: true,
    input: z.strictObject({ name: BackupName, confirm: z.literal(true) }),
    output: z.strictObject({ restoredFrom: z.string(), safetyBackup: z.string() }),
  }),
};
