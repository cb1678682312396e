// The class-wide sheets as XLSX workbooks: a minimal SpreadsheetML writer with several sheets
// (one per class, or one per month), and the rows of the summary and attendance sheets. Marks
// that are digits go in as numbers (the deputy sums and averages them), the rest as text; the
// last row of every sheet is the sha256 of the source data, the same as on the PDF's pages.
import { strToU8, zipSync } from 'fflate';
import { monthShort, type AttendanceSheetData } from './attendance-sheet-load';
import type { SummarySheetData } from './summary-load';

export type XCell = string | number | null;
export interface XRow {
  cells: XCell[];
  bold?: boolean;
}
export interface XSheet {
  name: string;
  rows: XRow[];
  widths: number[];
}

export const HASH_LABEL = 'SHA-256 исходных данных';

// Characters XML 1.0 cannot carry at all (control codes other than tab and newlines) are dropped.
const esc = (s: string) =>
  s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function sheetXml(sh: XSheet): string {
  const body = sh.rows
    .map((row, ri) => {
      const r = ri + 1;
      const style = row.bold ? ' s="1"' : '';
      const cells = row.cells
        .map((v, ci) => {
          if (v === null || v === '') return '';
          const ref = `${columnName(ci)}${r}`;
          if (typeof v === 'number') return `<c r="${ref}"${style}><v>${v}</v></c>`;
          return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${esc(v.slice(0, 32_767))}</t></is></c>`;
        })
        .join('');
      return `<row r="${r}">${cells}</row>`;
    })
    .join('');
  const cols = sh.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  return `${XML}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${body}</sheetData></worksheet>`;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = n.replace(/[[\]:*?/\\]/g, ' ').trim().slice(0, 28) || 'Лист';
    let name = base;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${base} (${i})`;
    used.add(name.toLowerCase());
    return name;
  });
}

export function writeSheets(sheets: XSheet[]): Uint8Array {
  const names = sheetNames(sheets.map((s) => s.name));
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets
          .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
          .join('') +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${XML}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets>${names
        .map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_REL_NS}">` +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `${XML}<styleSheet xmlns="${NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="0" fontId="1" xfId="0" applyFont="1"/></cellXfs></styleSheet>',
    ),
  };
  sheets.forEach((sh, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sh))));
  return zipSync(files);
}

/** A digit mark as a number, anything else as text. */
const mark = (v: string): XCell => (/^[1-5]$/.test(v) ? Number(v) : v);

/** One class's summary sheet: a row of subject names over their period columns, then the pupils. */
export function summarySheet(d: SummarySheetData, hash: string): XSheet {
  const n = d.periods.length;
  const rows: XRow[] = [
    { cells: [`Сводная ведомость учёта успеваемости обучающихся ${d.cls.label} класса за ${d.cls.year} учебный год`], bold: true },
    { cells: [d.cls.school] },
    { cells: ['Классный руководитель', d.cls.classTeacher ?? 'не назначен'] },
    { cells: [] },
    { cells: ['', '', ...d.subjects.flatMap((s) => [s.name, ...Array<XCell>(Math.max(0, n - 1)).fill(null)]), ''], bold: true },
    { cells: ['№', 'Обучающийся', ...d.subjects.flatMap(() => d.periods.map((p) => p.label)), 'Решение педагогического совета'], bold: true },
    ...d.pupils.map((p) => ({ cells: [p.no, p.name, ...p.marks.flatMap((sj) => sj.map(mark)), p.decision] })),
    { cells: [] },
    { cells: [HASH_LABEL, hash] },
  ];
  return { name: d.cls.label, rows, widths: [5, 28, ...d.subjects.flatMap(() => d.periods.map(() => 6)), 50] };
}

/** One sheet per month, as on paper, and the year's table. */
export function attendanceSheets(d: AttendanceSheetData, hash: string): XSheet[] {
  if (d.months.length === 0) return [];
  const months = d.months.map((m) => ({
    name: m.title,
    rows: [
      { cells: [`Учёт посещаемости обучающихся ${d.cls.label} класса: ${m.title}`], bold: true },
      { cells: [d.cls.school, `${d.cls.year} учебный год`] },
      { cells: [] },
      { cells: ['№', 'Обучающийся', ...m.days.map((x) => Number(x.slice(8))), 'пропущ.', 'уваж.', 'неуваж.', 'опозд.'], bold: true },
      ...d.pupils.map((p, i) => {
        const r = m.rows[i]!;
        return { cells: [p.no, p.name, ...r.cells.map((c) => (/^\d+$/.test(c) ? Number(c) : c)), r.missed, r.excused, r.unexcused, r.late] };
      }),
      { cells: ['', 'Итого по классу', ...m.totals.perDay.map((n) => n || null), m.totals.missed, m.totals.excused, m.totals.unexcused, m.totals.late], bold: true },
      { cells: [] },
      { cells: [HASH_LABEL, hash] },
    ],
    widths: [5, 28, ...m.days.map(() => 5), 11, 8, 9, 8],
  }));
  const sums = (r: AttendanceSheetData['year']['totals']) => [...r.byMonth, r.missed, r.excused, r.unexcused, r.late];
  const year: XSheet = {
    name: 'Итого за год',
    rows: [
      { cells: [`Учёт посещаемости обучающихся ${d.cls.label} класса: итого за учебный год`], bold: true },
      { cells: [d.cls.school, `${d.cls.year} учебный год`] },
      { cells: [] },
      { cells: ['№', 'Обучающийся', ...d.months.map((m) => monthShort(m.month)), 'пропущ.', 'уваж.', 'неуваж.', 'опозд.'], bold: true },
      ...d.pupils.map((p, i) => ({ cells: [p.no, p.name, ...sums(d.year.rows[i]!)] })),
      { cells: ['', 'Итого по классу', ...sums(d.year.totals)], bold: true },
      { cells: [] },
      { cells: [HASH_LABEL, hash] },
    ],
    widths: [5, 28, ...d.months.map(() => 7), 11, 8, 9, 8],
  };
  return [...months, year];
}
