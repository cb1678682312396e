// One class's summary sheet and attendance sheet as files (PDF, XLSX), each from one read of
// its data whose sha256 (canonical JSON of exactly what is printed) goes on every page / sheet.
import type { Services } from '../context';
import { newDoc } from '../pdf/doc';
import { oneRead, sourceHash } from '../pdf/source';
import { drawAttendanceSheet, loadAttendanceSheet } from './attendance-sheet';
import type { PrintedFile } from './class-year';
import { drawSummarySheet, loadSummarySheet } from './summary';
import { useFirstPage } from './summary-grid';
import { attendanceSheets, summarySheet } from './summary-xlsx';
import { HASH_LABEL, writeSheets } from '../xlsx/write';

/** Sheets are landscape A4 with narrower side margins: more columns per page. */
export const SHEET_PAGE = { layout: 'landscape', side: 30 } as const;



export async function classSummaryPdf(s: Services, classId: number): Promise<PrintedFile> {
  const d = oneRead(s, () => loadSummarySheet(s, classId));
  const sha256 = sourceHash(d);
  const { doc, finish } = newDoc(s, `Сводная ведомость ${d.cls.label}`, d.cls.school, SHEET_PAGE);
  useFirstPage(doc);
  drawSummarySheet(doc, d);
  return { data: await finish(sha256), sha256 };
}

export function classSummaryXlsx(s: Services, classId: number): PrintedFile {
  const d = oneRead(s, () => loadSummarySheet(s, classId));
  const sha256 = sourceHash(d);
  return { data: Buffer.from(writeSheets([summarySheet(d, sha256)])), sha256 };
}

export async function attendancePdf(s: Services, classId: number): Promise<PrintedFile> {
  const d = oneRead(s, () => loadAttendanceSheet(s, classId));
  const sha256 = sourceHash(d);
  const { doc, finish } = newDoc(s, `Учёт посещаемости ${d.cls.label}`, d.cls.school, SHEET_PAGE);
  useFirstPage(doc);
  drawAttendanceSheet(doc, d);
  return { data: await finish(sha256), sha256 };
}

export function attendanceXlsx(s: Services, classId: number): PrintedFile {
  const d = oneRead(s, () => loadAttendanceSheet(s, classId));
  const sha256 = sourceHash(d);
  const sheets = attendanceSheets(d, sha256);
  // A workbook needs a sheet: before the first school day it says so.
  if (sheets.length === 0) sheets.push({ name: 'Посещаемость', rows: [{ cells: ['Учебных дней ещё не было'] }, { cells: [HASH_LABEL, sha256] }], widths: [30, 70] });
  return { data: Buffer.from(writeSheets(sheets)), sha256 };
}
