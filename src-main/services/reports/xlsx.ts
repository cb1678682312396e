// Any Report as an XLSX workbook (one sheet): the title and subtitle rows, each table with its
// title and header (numbers as numeric cells rounded to the column's digits, so they sum and
// sort), charts as their data table (categories down, series across), text lines, a blank gap
// at each page break, and the sha256 of the source data last.
import { roundTo } from '../../../src-shared/reports/format';
import type { Report, ReportCell, ReportColumn } from '../../../src-shared/reports/model';
import { HASH_LABEL, writeWorkbook, type XCell, type XRow } from '../xlsx/write';


const cell = (v: ReportCell | undefined, c: ReportColumn | undefined): XCell =>
  typeof v === 'number' ? roundTo(v, c?.digits ?? 0) : (v ?? null);

/** Excel's sheet name: at most 31 characters, none of []:*?/\ . */
export const sheetName = (title: string) => title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Отчёт';

export function reportRows(r: Report): XRow[] {
  const rows: XRow[] = [{ cells: [r.title], bold: true }, ...r.subtitle.map((s) => ({ cells: [s] })), { cells: [] }];
  for (const b of r.blocks) {
    if (b.kind === 'table') {
      if (b.title) rows.push({ cells: [b.title], bold: true });
      rows.push({ cells: b.columns.map((c) => c.title), bold: true });
      for (const row of b.rows) rows.push({ cells: b.columns.map((c, i) => cell(row[i], c)) });
      if (b.total) rows.push({ cells: b.columns.map((c, i) => cell(b.total![i], c)), bold: true });
      rows.push({ cells: [] });
    } else if (b.kind === 'chart') {
      rows.push({ cells: [b.title], bold: true });
      rows.push({ cells: [b.categoryTitle ?? '', ...b.series.map((s) => s.name)], bold: true });
      b.categories.forEach((c, i) => rows.push({ cells: [c, ...b.series.map((s) => s.values[i] ?? null)] }));
      rows.push({ cells: [] });
    } else if (b.kind === 'text') rows.push({ cells: [b.text], bold: b.style === 'heading' });
    else rows.push({ cells: [] }, { cells: [] });
  }
  rows.push({ cells: [HASH_LABEL, r.sha256] });
  return rows;
}

export function reportXlsx(r: Report): Uint8Array {
  const rows = reportRows(r);
  const width = Math.max(2, ...rows.map((x) => x.cells.length));
  return writeWorkbook(sheetName(r.title), rows, [34, ...Array.from({ length: width - 1 }, () => 12)]);
}
