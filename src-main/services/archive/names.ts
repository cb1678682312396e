// Names inside an archive folder. File names are ASCII (an archive outlives the machine that
// wrote it: a USB drive, a zip, another operating system's code page must not mangle «5А»);
// the Russian titles are kept in the manifest.

const CYRILLIC: Record<string, string> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: 'YO', Ж: 'ZH', З: 'Z', И: 'I', Й: 'Y',
  К: 'K', Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F',
  Х: 'KH', Ц: 'TS', Ч: 'CH', Ш: 'SH', Щ: 'SHCH', Ъ: '', Ы: 'Y', Ь: '', Э: 'E', Ю: 'YU', Я: 'YA',
};

/** «5А» → "5A", «10Щ» → "10SHCH"; anything else outside [A-Za-z0-9_-] becomes "_". */
export function asciiName(title: string): string {
  let out = '';
  for (const ch of title) {
    const up = ch.toUpperCase();
    const t = CYRILLIC[up];
    if (t !== undefined) out += ch === up ? t : t.toLowerCase();
    else out += /[A-Za-z0-9_-]/.test(ch) ? ch : '_';
  }
  return out || '_';
}

/**
 * ASCII names for titles, unique case-insensitively (two classes may transliterate alike:
 * Cyrillic «5Е» and Latin «5E»; a case-insensitive file system would merge «5a» and «5A»).
 * Later duplicates get "-2", "-3"; the input order decides, so callers pass a stable order.
 */
export function uniqueNames(titles: readonly string[]): string[] {
  const taken = new Set<string>();
  return titles.map((title) => {
    const base = asciiName(title);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}

/** The folder of a year's archive: «2026/2027» → "2026-2027"; a second run gets "2026-2027-2". */
export function yearFolderBase(label: string): string {
  return asciiName(label.replace(/\//g, '-'));
}

/** What a caller may name when asking to verify an archive: a folder this code made, nothing with a separator. */
export const ARCHIVE_FOLDER = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,79}$/;

/** "AB12CD…" (hex of any case and spacing) → "AB12 CD34 …", as the host certificate's fingerprint is shown. */
export function groupHex(hex: string): string {
  return hex
    .replace(/[^0-9a-fA-F]/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}
