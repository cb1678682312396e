// Backup file names and the folder's listing. Names are made here and parsed with the one
// pattern of the contract (src-shared/rpc/backup.ts), so a name a caller sends can only
// match a file this code wrote.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BACKUP_NAME, type BackupKind } from '../../../src-shared/rpc/backup';

export interface BackupFile {
  name: string;
  kind: BackupKind;
  /** An instant (ISO) for made-now copies, the school date for a daily one. */
  at: string;
  size: number;
}

type Special = Exclude<BackupKind, 'daily'>;

/** zhurnal-2026-11-26T070000123Z-manual.db; the migration kind carries the target version. */
export function specialName(kind: Special, at: Date, toVersion?: number): string {
  const stamp = at.toISOString().replace(/[-:.]/g, '').replace(/^(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');
  const suffix = kind === 'before-migration' ? `before-migration-v${toVersion ?? 0}` : kind;
  return `zhurnal-${stamp}-${suffix}.db`;
}

export function dailyName(date: string): string {
  return `zhurnal-${date}.db`;
}

export function parseBackupName(name: string): Omit<BackupFile, 'size'> | null {
  const m = BACKUP_NAME.exec(name);
  if (!m) return null;
  const [, date, hh, mm, ss, ms, suffix] = m;
  if (!suffix) return { name, kind: 'daily', at: date! };
  const kind: Special = suffix.startsWith('before-migration') ? 'before-migration' : (suffix as Special);
  return { name, kind, at: `${date}T${hh}:${mm}:${ss}.${ms}Z` };
}

/** Every backup in the folder, newest first; other files (a .partial, a stray) are not listed. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupFile[] = [];
  for (const n of names) {
    const parsed = parseBackupName(n);
    if (!parsed) continue;
    try {
      const st = statSync(join(dir, n));
      if (st.isFile()) out.push({ ...parsed, size: st.size });
    } catch {
      // Removed between the listing and the stat (retention running): not a backup any more.
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
