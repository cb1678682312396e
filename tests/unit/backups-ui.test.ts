// The backups tab's pure helpers: the typed restore confirmation, sizes, times in the school's zone.
import { describe, expect, it } from 'vitest';
import { backupWhen, confirmMatches, formatSize } from '../../src-renderer/admin/backups';

describe('restore confirmation word', () => {
  it('accepts the word in any case, with spaces around', () => {
    for (const typed of ['ВОССТАНОВИТЬ', 'восстановить', '  Восстановить ']) expect(confirmMatches(typed)).toBe(true);
  });
  it('refuses anything else: empty, a prefix, a longer word, Latin look-alikes', () => {
    // 'BOCCTAHOBИTЬ' spells the word partly with Latin letters that look Cyrillic.
    for (const typed of ['', 'ВОССТАНОВ', 'ВОССТАНОВИТЬСЯ', 'да', 'BOCCTAHOBИTЬ']) expect(confirmMatches(typed)).toBe(false);
  });
});

describe('backup list formatting', () => {
  it('sizes in the reader’s units', () => {
    expect(formatSize(512, 'ru-RU')).toBe('512 Б');
    expect(formatSize(1536, 'ru-RU')).toBe('1,5 КБ');
    expect(formatSize(5 * 1024 * 1024, 'ru-RU')).toBe('5 МБ');
  });
  it('a daily copy by its school date, an instant in Moscow time whatever the workstation’s zone', () => {
    expect(backupWhen('2026-11-26', 'ru-RU')).toBe('26.11.2026');
    // 21:30 UTC is 00:30 of the next day in Moscow (UTC+3).
    expect(backupWhen('2026-11-26T21:30:00.000Z', 'ru-RU')).toBe('27.11.2026, 00:30');
  });
});
