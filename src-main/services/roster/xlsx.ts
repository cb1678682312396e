// A minimal XLSX reader for roster import: the first visible worksheet as rows of cells.
// Shared strings, inline strings, formula results and numbers are read; numbers in
// date-formatted cells become YYYY-MM-DD. Parts are located through the package
// relationships, with the usual paths as fallback; a missing sharedStrings part is fine.
import { strFromU8, unzipSync } from 'fflate';
import type { Cell, Table, TableRow } from './table';

export class XlsxError extends Error {}

/** No part of a roster workbook is anywhere near this; a zip bomb would be. */
const MAX_PART_BYTES = 256 * 1024 * 1024;
/** Roster sheets have a dozen columns; anything further right is ignored. */
const MAX_COLUMNS = 256;

// ---- XML helpers (enough for SpreadsheetML: no DTDs, no nesting of the elements we scan) ----

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

/** OOXML writes characters XML cannot carry as _xHHHH_ (e.g. _x000D_ for a carriage return). */
function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const v = unescapeXml(m[2] ?? m[3] ?? '');
    const name = m[1]!;
    out[name] = v;
    const local = name.slice(name.indexOf(':') + 1);
    if (!(local in out)) out[local] = v;
  }
  return out;
}

const elementRe = new Map<string, RegExp>();

/** Every <tag ...>inner</tag> or <tag .../>, with or without a namespace prefix. */
function* elements(xml: string, tag: string): Generator<{ attrs: Record<string, string>; inner: string }> {
  let re = elementRe.get(tag);
  if (!re) {
    re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${tag}(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</(?:[A-Za-z_][\\w.-]*:)?${tag}\\s*>)`, 'g');
    elementRe.set(tag, re);
  }
  for (const m of xml.matchAll(re)) yield { attrs: attrs(m[1]!), inner: m[2] ?? '' };
}

/** The text of a string item (<si> or <is>): its <t> runs, without phonetic hints. */
function stringItem(inner: string): string {
  const body = inner.replace(/<(?:[A-Za-z_][\w.-]*:)?rPh\b[\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?rPh\s*>/g, '');
  let text = '';
  for (const t of elements(body, 't')) text += t.inner;
  return unescapeOoxml(unescapeXml(text));
}

function valueOf(inner: string): string | null {
  const m = /<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?v\s*>/.exec(inner);
  return m ? unescapeXml(m[1]!) : null;
}

// ---- dates ----

/** Excel serial day number → YYYY-MM-DD (1900 system, or 1904 when the workbook says so). */
export function excelSerialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null;
  let days = Math.floor(serial) + (date1904 ? 1462 : 0);
  if (days < 1 || days > 2958465) return null;
  // Excel counts a 29 February 1900 that never was: serials before it sit one day later.
  if (days < 60) days += 1;
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Built-in number formats that show a date (ids 14–17, 22, and the East Asian date formats). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[_*]./g, '')
    .replace(/general/gi, '');
  return /[dmy]/i.test(bare);
}

/** For each cell style index (the s attribute): does it format numbers as dates? */
function dateStyles(stylesXml: string | null): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, string>();
  for (const f of elements(stylesXml, 'numFmt')) custom.set(Number(f.attrs.numFmtId), f.attrs.formatCode ?? '');
  const xfs = /<(?:[A-Za-z_][\w.-]*:)?cellXfs\b[\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?cellXfs\s*>/.exec(stylesXml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const xf of elements(xfs[0], 'xf')) {
    const id = Number(xf.attrs.numFmtId ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

// ---- package ----

function columnIndex(ref: string): number | null {
  const m = /^([A-Za-z]{1,3})\d*$/.exec(ref);
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Joins a relationship target to the folder of the part that points at it. */
function resolveTarget(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function relationships(xml: string | null, baseDir: string): { id: string; type: string; target: string }[] {
  if (!xml) return [];
  return [...elements(xml, 'Relationship')].map((r) => ({
    id: r.attrs.Id ?? '',
    type: r.attrs.Type ?? '',
    target: resolveTarget(baseDir, r.attrs.Target ?? ''),
  }));
}

function unzipParts(bytes: Uint8Array, want: (lowerName: string) => boolean): Map<string, string> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!want(f.name.toLowerCase())) return false;
        if (f.originalSize > MAX_PART_BYTES) throw new XlsxError('Файл XLSX слишком велик после распаковки');
        return true;
      },
    });
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw new XlsxError('Не удалось распаковать файл XLSX: он повреждён или это не XLSX');
  }
  const out = new Map<string, string>();
  for (const [name, data] of Object.entries(files)) out.set(name.toLowerCase(), strFromU8(data));
  return out;
}

/** Reads the first visible worksheet of an XLSX workbook. */
export function readXlsx(bytes: Uint8Array): Table {
  const names: string[] = [];
  const meta = unzipParts(bytes, (n) => {
    names.push(n);
    return n === '_rels/.rels' || (n.startsWith('xl/') && !n.startsWith('xl/worksheets/') && (n.endsWith('.xml') || n.endsWith('.rels')));
  });

  const rootRels = relationships(meta.get('_rels/.rels') ?? null, '');
  const workbookPath = (rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml').toLowerCase();
  const workbook = meta.get(workbookPath) ?? meta.get('xl/workbook.xml');
  if (!workbook) throw new XlsxError('В файле XLSX нет книги (xl/workbook.xml)');
  const baseDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const rels = relationships(meta.get(relsPath) ?? null, baseDir);
  const date1904 = /<(?:[A-Za-z_][\w.-]*:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](1|true)["']/.test(workbook);

  const sheets = [...elements(workbook, 'sheet')];
  const visible = sheets.find((s) => s.attrs.state !== 'hidden' && s.attrs.state !== 'veryHidden') ?? sheets[0];
  const relId = visible ? Object.entries(visible.attrs).find(([k]) => k.includes(':') && k.endsWith(':id'))?.[1] : undefined;
  let sheetPath = rels.find((r) => r.id === relId)?.target.toLowerCase();
  if (!sheetPath || !names.includes(sheetPath))
    sheetPath = names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))[0];
  if (!sheetPath) throw new XlsxError('В файле XLSX нет ни одного листа');
  const sheet = unzipParts(bytes, (n) => n === sheetPath).get(sheetPath);
  if (sheet === undefined) throw new XlsxError('Не удалось прочитать лист файла XLSX');

  const partOf = (type: string, fallback: string) =>
    meta.get(rels.find((r) => r.type.endsWith(`/${type}`))?.target.toLowerCase() ?? fallback) ?? meta.get(fallback) ?? null;
  const sharedXml = partOf('sharedStrings', `${baseDir}sharedstrings.xml`);
  const shared = sharedXml ? [...elements(sharedXml, 'si')].map((si) => stringItem(si.inner)) : [];
  const isDateStyle = dateStyles(partOf('styles', `${baseDir}styles.xml`));

  const rows: TableRow[] = [];
  let rowNumber = 0;
  for (const row of elements(sheet, 'row')) {
    const r = Number(row.attrs.r);
    rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
    const cells: Cell[] = [];
    let col = -1;
    for (const c of elements(row.inner, 'c')) {
      const ref = c.attrs.r ? columnIndex(c.attrs.r) : null;
      col = ref ?? col + 1;
      if (col >= MAX_COLUMNS) continue;
      const value = cellValue(c.attrs, c.inner, shared, isDateStyle, date1904);
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    if (cells.some((c) => (typeof c === 'string' ? c.trim() !== '' : true))) rows.push({ line: rowNumber, cells });
  }
  rows.sort((a, b) => a.line - b.line);
  return { rows };
}

function cellValue(a: Record<string, string>, inner: string, shared: string[], isDateStyle: boolean[], date1904: boolean): Cell {
  const t = a.t ?? 'n';
  if (t === 'inlineStr') {
    const is = /<(?:[A-Za-z_][\w.-]*:)?is\b[^>]*>([\s\S]*?)<\/(?:[A-Za-z_][\w.-]*:)?is\s*>/.exec(inner);
    return is ? stringItem(is[1]!) : '';
  }
  const v = valueOf(inner);
  if (v === null) return '';
  switch (t) {
    case 's':
      return shared[Number(v)] ?? '';
    case 'str':
    case 'e':
      return unescapeOoxml(v);
    case 'b':
      return v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
    case 'd':
      return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
    default: {
      const raw = v.trim();
      const num = Number(raw);
      if (raw === '' || !Number.isFinite(num)) return raw;
      if (isDateStyle[Number(a.s ?? 0)]) return excelSerialToDate(num, date1904) ?? raw;
      return { num, text: /^-?\d+$/.test(raw) ? raw : String(num) };
    }
  }
}
