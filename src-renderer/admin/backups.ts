// The backups tab's pure logic: the typed confirmation of a restore, labels, sizes, times.
// Kept out of the components so it is unit-tested (tests/unit/backups-ui.test.ts).
import { instant } from '../format';
import type { MethodOutput } from '../../src-shared/rpc/registry';

export type BackupList = MethodOutput<'backup.list'>;
export type Backup = BackupList['backups'][number];
export type BackupEvent = BackupList['events'][number];

/** The word the administrator types to confirm a restore: a slip of the mouse cannot restore. */
export const CONFIRM_WORD = 'ВОССТАНОВИТЬ';

/** Case and surrounding spaces do not matter; the word does (not a prefix, not another word). */
export function confirmMatches(typed: string): boolean {
  return typed.trim().toLocaleUpperCase('ru') === CONFIRM_WORD;
}

/** "1,5 МБ" — the reader's decimal convention. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['Б', 'КБ', 'МБ', 'ГБ'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(v)} ${units[i]}`;
}

/** A daily copy has a school date ("26.11.2026"); the others an instant ("26.11.2026, 10:00" Moscow time). */
export function backupWhen(at: string, locale: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(at)) return at.split('-').reverse().join('.');
  return instant(at, locale);
}
