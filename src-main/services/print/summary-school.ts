// The whole school's summary sheets («сводные ведомости») of one year: a title page with the
// contents (class → page), then every class's summary sheet on its own pages, as one PDF; and
// the same as an XLSX workbook, one sheet per class. The year-end archive calls the PDF.
import { schoolFullName } from '../forms/school';
import { AppError } from '../../../src-shared/errors';
import type { Services } from '../context';
import { newDoc, regular } from '../pdf/doc';
import { prep } from '../sql';
import type { PrintedFile } from './class-year';
import { drawSummarySheet, loadSummarySheet, type SummarySheetData } from './summary';
import { oneRead, sourceHash } from '../pdf/source';
import { SHEET_PAGE } from './summary-files';
import { summarySheet } from './summary-xlsx';
import { writeSheets } from '../xlsx/write';

export interface SchoolSummaryData {
  school: string;
  year: string;
  classes: SummarySheetData[];
}

export function loadSchoolSummary(s: Services, yearId: number): SchoolSummaryData {
  return oneRead(s, () => {
    const year = prep(s.sqlite, 'SELECT label FROM school_year WHERE id = ?').pluck().get(yearId) as string | undefined;
    if (year === undefined) throw new AppError('not_found', 'Нет такого учебного года: выберите год из списка');
    const ids = prep(s.sqlite, 'SELECT id FROM class_unit WHERE year_id = ? ORDER BY grade, letter').pluck().all(yearId) as number[];
    return { school: schoolFullName(s), year, classes: ids.map((id) => loadSummarySheet(s, id)) };
  });
}

/** Draws the school's sheets into a fresh document; the title page's contents are written last. */
export function drawSchoolSummary(doc: PDFKit.PDFDocument, d: SchoolSummaryData): void {
  const starts: number[] = [];
  for (const c of d.classes) {
    const range = doc.bufferedPageRange();
    starts.push(range.start + range.count);
    drawSummarySheet(doc, c);
  }
  doc.switchToPage(0);
  titlePage(doc, d, starts);
}

function titlePage(doc: PDFKit.PDFDocument, d: SchoolSummaryData, starts: number[]): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.y = doc.page.margins.top + 40;
  doc.font(regular(doc)).fontSize(12).text(d.school, left, doc.y, { width, align: 'center' });
  doc.moveDown(1.5);
  doc.font('bold').fontSize(18).text('Сводные ведомости учёта успеваемости обучающихся', left, doc.y, { width, align: 'center' });
  doc.moveDown(0.5);
  doc.font(regular(doc)).fontSize(14).text(`${d.year} учебный год`, left, doc.y, { width, align: 'center' });
  doc.moveDown(2);
  if (d.classes.length === 0) {
    doc.fontSize(11).text('В этом учебном году нет классов.', left, doc.y, { width, align: 'center' });
    return;
  }
  doc.font('bold').fontSize(10).text('Содержание', left, doc.y, { lineBreak: false });
  const top = doc.y + 16;
  // Contents in columns of up to 20 lines: 60 classes fit the title page.
  const perCol = 20;
  const colW = 120;
  doc.font(regular(doc)).fontSize(9);
  d.classes.forEach((c, i) => {
    const x = left + Math.floor(i / perCol) * colW;
    const y = top + (i % perCol) * 13;
    doc.text(`${c.cls.label} класс`, x, y, { lineBreak: false });
    doc.text(`стр. ${starts[i]! + 1}`, x + 60, y, { lineBreak: false });
  });
}

export async function schoolSummaryPdf(s: Services, yearId: number): Promise<PrintedFile> {
  const d = loadSchoolSummary(s, yearId);
  const sha256 = sourceHash(d);
  const { doc, finish } = newDoc(s, `Сводные ведомости ${d.year}`, d.school, SHEET_PAGE);
  drawSchoolSummary(doc, d);
  return { data: await finish(sha256), sha256 };
}

export function schoolSummaryXlsx(s: Services, yearId: number): PrintedFile {
  const d = loadSchoolSummary(s, yearId);
  const sha256 = sourceHash(d);
  const sheets = d.classes.map((c) => summarySheet(c, sha256));
  if (sheets.length === 0) sheets.push({ name: 'Классы', rows: [{ cells: ['В этом учебном году нет классов'] }, { cells: ['SHA-256 исходных данных', sha256] }], widths: [40, 70] });
  return { data: Buffer.from(writeSheets(sheets)), sha256 };
}
