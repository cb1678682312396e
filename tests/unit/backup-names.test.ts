// Backup file names: what the code writes is what the listing (and so the restore) accepts,
// and nothing that could name another file is accepted.
import { describe, expect, it } from 'vitest';
import { dailyName, parseBackupName, specialName } from '../../src-main/services/backup/files';
import { BackupName } from '../../src-shared/rpc/backup';

describe('backup names', () => {
  const at = new Date('2026-11-26T07:05:09.042Z');
  it('writes names the listing reads back, with kind and time', () => {
    expect(dailyName('2026-11-26')).toBe('zhurnal-2026-11-26.db');
    expect(parseBackupName('zhurnal-2026-11-26.db')).toEqual({ name: 'zhurnal-2026-11-26.db', kind: 'daily', at: '2026-11-26' });
    expect(specialName('manual', at)).toBe('zhurnal-2026-11-26T070509042Z-manual.db');
    expect(specialName('before-restore', at)).toBe('zhurnal-2026-11-26T070509042Z-before-restore.db');
    expect(specialName('before-migration', at, 8)).toBe('zhurnal-2026-11-26T070509042Z-before-migration-v8.db');
    for (const kind of ['manual', 'before-restore', 'before-migration'] as const) {
      const name = specialName(kind, at, 8);
      expect(parseBackupName(name)).toEqual({ name, kind, at: '2026-11-26T07:05:09.042Z' });
      expect(BackupName.safeParse(name).success).toBe(true);
    }
  });

  it('accepts no path, no other file and no half-written copy', () => {
    for (const name of [
      '../zhurnal-2026-11-26.db',
      'zhurnal-2026-11-26.db/..',
      '/tmp/zhurnal-2026-11-26.db',
      'C:\\zhurnal-2026-11-26.db',
      'zhurnal-2026-11-26.db.partial',
      'zhurnal-2026-11-26.db-wal',
      '.restore-123.db',
      'school.db',
      'zhurnal-2026-11-26T070509042Z-other.db',
      'zhurnal-2026-11-26\u0000.db',
    ]) {
      expect(parseBackupName(name)).toBeNull();
      expect(BackupName.safeParse(name).success).toBe(false);
    }
  });
});
