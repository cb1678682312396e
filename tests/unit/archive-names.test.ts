// Archive file names (ASCII, unique even on a case-insensitive disk) and the screen's job model.
import { describe, expect, it } from 'vitest';
import { asciiName, groupHex, uniqueNames, yearFolderBase, ARCHIVE_FOLDER } from '../../src-main/services/archive/names';
import { safeRelative } from '../../src-main/services/archive/manifest';
import { chosenYear, isRunning, percent, stageKey, type ArchiveJob } from '../../src-renderer/year/archive/model';

describe('archive names', () => {
  it('transliterates class names to ASCII', () => {
    expect(asciiName('5А')).toBe('5A');
    expect(asciiName('10Щ')).toBe('10SHCH');
    expect(asciiName('11Ё')).toBe('11YO');
    expect(asciiName('7Ъ')).toBe('7');
    expect(asciiName('9 «Б»/1')).toBe('9__B__1');
    expect(asciiName('')).toBe('_');
  });

  it('keeps names unique case-insensitively, in the given order', () => {
    // Cyrillic Е and Latin E both become E; «5а» and «5A» meet on a case-insensitive disk.
    expect(uniqueNames(['5Е', '5E', '5е', '6А'])).toEqual(['5E', '5E-2', '5e-3', '6A']);
  });

  it('names the year folder from its label, and only such names pass the folder pattern', () => {
    expect(yearFolderBase('2026/2027')).toBe('2026-2027');
    expect(ARCHIVE_FOLDER.test('2026-2027-2')).toBe(true);
    for (const bad of ['..', '../x', 'a/b', '.partial-2026', '', 'a\\b']) expect(ARCHIVE_FOLDER.test(bad), bad).toBe(false);
  });

  it('accepts only relative manifest paths inside the folder', () => {
    expect(safeRelative('classes/5A.pdf')).toBe(true);
    for (const bad of ['/etc/passwd', '../x.pdf', 'classes/../../x', 'a//b', 'a\\b', '', './a']) expect(safeRelative(bad), bad).toBe(false);
  });

  it('groups a fingerprint in fours', () => {
    expect(groupHex('ab12cd34:ef')).toBe('AB12 CD34 EF');
  });
});

describe('archive panel model', () => {
  const job = (p: Partial<ArchiveJob>): ArchiveJob => ({
    id: 'x',
    yearLabel: '2026/2027',
    startedAt: '2027-06-10T07:00:00.000Z',
    done: 0,
    total: 8,
    stage: 'snapshot',
    current: null,
    result: null,
    error: null,
    ...p,
  });

  it('runs until done or failed', () => {
    expect(isRunning(null)).toBe(false);
    expect(isRunning(job({ stage: 'classes' }))).toBe(true);
    expect(isRunning(job({ stage: 'done' }))).toBe(false);
    expect(isRunning(job({ stage: 'failed' }))).toBe(false);
  });

  it('shows whole percents, 100 when done', () => {
    expect(percent(job({ done: 3, total: 8 }))).toBe(37);
    expect(percent(job({ done: 2, total: 8, stage: 'done' }))).toBe(100);
    expect(stageKey(job({ stage: 'summary' }))).toBe('archive.stage.summary');
  });

  it("keeps the user's year while it exists", () => {
    const years = [{ id: 1 }, { id: 2 }];
    expect(chosenYear(years, null, 1)).toBe(1);
    expect(chosenYear(years, 2, 1)).toBe(2);
    expect(chosenYear(years, 9, 1)).toBe(1);
  });
});
