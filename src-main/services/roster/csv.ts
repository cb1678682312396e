// CSV for roster import (RFC 4180 and what Russian Excel actually writes): the delimiter is
// detected (";" from Russian Excel, "," elsewhere, tab from "Unicode text"), quoted fields may
// hold delimiters, line breaks and doubled quotes, and the text may be UTF-8 (with or without
// a BOM), UTF-16 with a BOM, or Windows-1251 when the bytes are not valid UTF-8.
import type { Table } from './table';

/** Text of a CSV file: BOM-marked encodings first, then strict UTF-8, then Windows-1251. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

const CANDIDATES = [';', ',', '\t'] as const;

/** The delimiter used most in the first record (quoted text ignored); ";" wins ties. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: string = ';';
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses CSV text into records. Each record's `line` is its row number as a spreadsheet shows
 * the file (the header is row 1; a quoted value with line breaks stays within its row), which is
 * also the line number in a text editor whenever no value spans lines. Blank rows keep their
 * number but are not returned. The delimiter is detected unless given.
 */
export function parseCsv(input: string, delimiter?: string): Table {
  let text = input.replace(/^\uFEFF/, '');
  // Excel's "sep=;" hint line: it names the delimiter and is not shown as a row.
  const hint = /^sep=([^\r\n])\r?\n?/i.exec(text);
  if (hint) text = text.slice(hint[0].length);
  delimiter ??= hint?.[1] ?? detectDelimiter(text);
  const rows: Table['rows'] = [];
  const n = text.length;
  let line = 1;
  let i = 0;
  while (i < n) {
    const cells: string[] = [];
    const startLine = line;
    // One record: fields until an unquoted line break or the end.
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvError(startLine, `Строка ${startLine}: кавычка не закрыта до конца файла`);
          value += text.slice(i, q);
          if (text[q + 1] === '"') {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Excel keeps anything between the closing quote and the delimiter: so do we.
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
      } else {
        const start = i;
        while (i < n && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
        value = text.slice(start, i);
      }
      cells.push(value);
      if (i < n && text[i] === delimiter) {
        i++;
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      break;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: startLine, cells });
    line++;
  }
  return { rows };
}
