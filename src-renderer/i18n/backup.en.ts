// Backups (issue 9), English. Exactly the keys of backup.ru.ts (checked by en.ts's type).
import type { backupRu } from './backup.ru';

export const backupEn: { readonly [K in keyof typeof backupRu]: string } = {
  'admin.tab.backups': 'Backups',
  'backup.heading': 'Backups',
  'backup.intro':
    'The database is copied every day, before every program update and before a restore; each copy is verified after it is written.',
  'backup.folder': 'Backup folder: {dir}',
  'backup.makeNow': 'Back up now',
  'backup.made': 'Backup {name} made and verified.',
  'backup.madeMirrorFailed': 'Backup {name} made and verified, but not written to the second folder.',
  'backup.none': 'No backups yet.',
  'backup.col.when': 'When',
  'backup.col.kind': 'Kind',
  'backup.col.size': 'Size',
  'backup.col.name': 'File',
  'backup.kind.daily': 'daily',
  'backup.kind.manual': 'manual',
  'backup.kind.before-restore': 'before a restore',
  'backup.kind.before-migration': 'before an update',
  'backup.restore': 'Restore…',
  'backup.mirror.heading': 'Second folder',
  'backup.mirror.intro':
    'Another disk or a USB drive: every backup is written there too. If the drive is not plugged in, the backup in the main folder is still made.',
  'backup.mirror.label': 'Full path of the folder',
  'backup.mirror.save': 'Save folder',
  'backup.mirror.saved': 'Second folder: {dir}',
  'backup.mirror.off': 'No second folder chosen.',
  'backup.events.heading': 'Recent events',
  'backup.event.backup.create': 'backup made',
  'backup.event.backup.failed': 'backup failed',
  'backup.event.backup.mirror_failed': 'second copy not written',
  'backup.event.backup.restore': 'database restored',
  'backup.dialog.title': 'Restore the database from a backup?',
  'backup.dialog.what': 'Backup: {name} ({when}).',
  'backup.dialog.lose':
    'The whole journal database will be replaced by this backup. Everything entered after {when} — marks, topics, absences, staff and settings changes — will be lost; the audit log returns to the state of the backup.',
  'backup.dialog.safety':
    'Before replacing, the program backs up the current state ("before a restore"): you can return to it the same way.',
  'backup.dialog.sessions': 'After the restore every user, you included, must sign in again.',
  'backup.dialog.portal': 'Packages already sent to the portal after {when} stay there: check the Export page after the restore.',
  'backup.dialog.type': 'To confirm, type the word {word}',
  'backup.dialog.confirm': 'Restore',
  'backup.done.title': 'Database restored',
  'backup.done.text': 'The database was restored from {name}. The previous state is kept in {safety}. All sessions have ended.',
  'backup.done.signIn': 'Sign in again',
};
