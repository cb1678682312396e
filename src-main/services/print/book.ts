// The printed class journal (issue 13): a title page, the contents, every subject's spreads,
// the class-wide sheets and the monthly check's remarks, in one PDF whose every page carries the
// sha256 of the data it was printed from. The data is read first, in one synchronous pass; the
// pages are drawn after, yielding to the event loop between journals so a host keeps serving.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { dotDate } from '../../../src-shared/dates';
import type { Services } from '../context';
import { newDoc, regular, table, type Column } from '../pdf/doc';
import { oneRead, sourceHash } from '../pdf/source';
import { classJournals, loadBookHead, loadBookJournal, type BookJournal, type ClassBookHead } from './book-data';
import { loadBookRemarks, type BookRemark } from './book-remarks';
import { ATTENDANCE_TITLE, drawAttendanceSheet, loadAttendanceSheet, type AttendanceSheetData } from './attendance-sheet';
import { drawSummarySheet, loadSummarySheet, SUMMARY_TITLE, type SummarySheetData } from './summary';
import { cellGrid, drawLeftPage, drawRightPage, journalCaption, type Box } from './spread-pdf';
import { pages, spreadColumns } from './spreads';
import { STATE_RU } from '../check-report/text';

export type PaperSize = 'A4' | 'A3';

export interface PrintedFile {
  data: Buffer;
  /** sha256 of the data the document was printed from (the footer's), not of the PDF bytes. */
  sha256: string;
}

const SIDE = 28;

/** The boxes a spread's two pages are drawn in: two A4 portrait pages, or halves of one A3 landscape sheet. */
function spreadBoxes(doc: PDFKit.PDFDocument, size: PaperSize): { left: Box; right: Box } {
  const top = doc.page.margins.top;
  const h = doc.page.height - top - doc.page.margins.bottom;
  if (size === 'A4')
    return { left: { x: SIDE, y: top, w: doc.page.width - 2 * SIDE, h }, right: { x: SIDE, y: top, w: doc.page.width - 2 * SIDE, h } };
  const half = doc.page.width / 2;
  return { left: { x: SIDE, y: top, w: half - 1.5 * SIDE, h }, right: { x: half + SIDE / 2, y: top, w: half - 1.5 * SIDE, h } };
}

/** A new sheet: A4 portrait, or A3 landscape for a spread on one sheet; the margins stay the document's. */
function sheet(doc: PDFKit.PDFDocument, size: PaperSize): void {
  const margins = doc.options.margins;
  doc.addPage(size === 'A3' ? { size: 'A3', layout: 'landscape', margins } : { size: 'A4', layout: 'portrait', margins });
}

/**
 * Draws one journal's spreads from the current page on (each spread starts on a new page);
 * returns the number of the first page it drew, 1-based.
 */
export function drawJournal(
  doc: PDFKit.PDFDocument,
  j: BookJournal,
  terms: ClassBookHead['terms'],
  from: string,
  to: string,
  size: PaperSize,
): number {
  const grid = cellGrid(j);
  const spreads = pages(spreadColumns(j.lessons, terms, from, to));
  let first = 0;
  if (spreads.length === 0) {
    sheet(doc, 'A4');
    first = doc.bufferedPageRange().count;
    doc.font('bold').fontSize(11).text(journalCaption(j));
    doc.font(regular(doc)).fontSize(10).moveDown().text('За этот период в журнале нет проведённых уроков.');
    return first;
  }
  spreads.forEach((cols, i) => {
    const label = `разворот ${i + 1} из ${spreads.length}`;
    sheet(doc, size);
    first ||= doc.bufferedPageRange().count;
    const { left, right } = spreadBoxes(doc, size);
    drawLeftPage(doc, left, j, grid, cols, `${label}, левая страница`);
    if (size === 'A4') doc.addPage();
    drawRightPage(doc, right, j, cols, `${label}, правая страница`);
  });
  return first;
}

export interface ClassBookData {
  head: ClassBookHead;
  journals: BookJournal[];
  attendance: AttendanceSheetData;
  summary: SummarySheetData;
  remarks: BookRemark[];
}

/** Everything a class's year book prints, read in one synchronous pass. */
export function loadClassBook(s: Services, classId: number): ClassBookData {
  return oneRead(s, () => {
    const head = loadBookHead(s, classId);
    const journals = classJournals(s, head).map((j) => loadBookJournal(s, head, j.groupId, j.subjectId, head.yearStarts, head.yearEnds));
    return {
      head,
      journals,
      attendance: loadAttendanceSheet(s, classId),
      summary: loadSummarySheet(s, classId),
      remarks: loadBookRemarks(s, head),
    };
  });
}

function titlePage(doc: PDFKit.PDFDocument, head: ClassBookHead): void {
  const w = doc.page.width - 2 * SIDE;
  doc.font(regular(doc)).fontSize(12).text(head.school, SIDE, 120, { width: w, align: 'center' });
  doc.moveDown(6).font('bold').fontSize(28).text('КЛАССНЫЙ ЖУРНАЛ', { width: w, align: 'center' });
  doc.moveDown(1).fontSize(18).text(`${head.label} класса`, { width: w, align: 'center' });
  doc
    .moveDown(0.5)
    .font(regular(doc))
    .fontSize(14)
    .text(`${head.year.replace('/', '–')} учебный год`, { width: w, align: 'center' });
  doc.moveDown(4).fontSize(12);
  doc.text(`Классный руководитель: ${head.classTeacherFull ?? '____________________'}`, {
    width: w,
    align: 'center',
  });
  doc
    .moveDown(0.5)
    .fontSize(10)
    .text(`Распечатан из электронного журнала ${dotDate(head.yearStarts)}–${dotDate(head.yearEnds)}`, { width: w, align: 'center' });
}

function remarksSection(doc: PDFKit.PDFDocument, remarks: BookRemark[]): void {
  doc.addPage();
  doc.font('bold').fontSize(12).text('Замечания по итогам проверок классного журнала', SIDE, doc.page.margins.top);
  doc.moveDown(0.5).font(regular(doc)).fontSize(8);
  if (remarks.length === 0) {
    doc.fontSize(10).text('Замечаний нет.');
    return;
  }
  const w = doc.page.width - 2 * SIDE;
  const cols: Column[] = [
    { title: 'Проверка', width: 62 },
    { title: 'Предмет', width: 80 },
    { title: 'Учитель', width: 78 },
    { title: 'Замечание', width: w - 62 - 80 - 78 - 52 - 70 },
    { title: 'Срок', width: 52, align: 'center' },
    { title: 'Исполнение', width: 70 },
  ];
  doc.x = SIDE;
  table(
    doc,
    cols,
    remarks.map((r) => [
      `${dotDate(r.checkFrom).slice(0, 5)}–${dotDate(r.checkTo)}`,
      r.subject ?? '—',
      r.teacher,
      r.reply ? `${r.text}\nОтвет: ${r.reply}` : r.text,
      dotDate(r.deadline),
      STATE_RU[r.state],
    ]),
  );
}

function contentsPage(doc: PDFKit.PDFDocument, pageIndex: number, entries: { title: string; page: number }[]): void {
  doc.switchToPage(pageIndex);
  const w = doc.page.width - 2 * SIDE;
  doc.font('bold').fontSize(14).text('Содержание', SIDE, doc.page.margins.top, { width: w, align: 'center' });
  doc.moveDown(1).font(regular(doc)).fontSize(10);
  for (const e of entries) {
    const y = doc.y;
    const page = String(e.page);
    doc.text(e.title, SIDE, y, { width: w - 40, lineBreak: false });
    doc.text(page, SIDE + w - doc.widthOfString(page), y, { lineBreak: false });
    doc.y = y + 15;
  }
}

/** One class's journal for the year, every subject, as one PDF (the archive keeps it too). */
export async function classBookPdf(
  s: Services,
  classId: number,
  opts: { size?: PaperSize; onProgress?: (done: number, total: number) => void } = {},
): Promise<PrintedFile> {
  const size = opts.size ?? 'A4';
  const data = loadClassBook(s, classId);
  const sha256 = sourceHash(data);
  const { head, journals } = data;
  const total = journals.length + 2;
  const { doc, finish } = newDoc(s, `Классный журнал ${head.label} класса, ${head.year}`, head.school, { side: SIDE });
  titlePage(doc, head);
  doc.addPage();
  const contentsIndex = doc.bufferedPageRange().count - 1;
  const entries: { title: string; page: number }[] = [];
  for (const [i, j] of journals.entries()) {
    opts.onProgress?.(i, total);
    await yieldToLoop();
    const page = drawJournal(doc, j, head.terms, head.yearStarts, head.yearEnds, size);
    entries.push({ title: journalCaption(j), page });
  }
  opts.onProgress?.(journals.length, total);
  await yieldToLoop();
  entries.push({ title: ATTENDANCE_TITLE, page: doc.bufferedPageRange().count + 1 });
  drawAttendanceSheet(doc, data.attendance);
  opts.onProgress?.(journals.length + 1, total);
  await yieldToLoop();
  entries.push({ title: SUMMARY_TITLE, page: doc.bufferedPageRange().count + 1 });
  drawSummarySheet(doc, data.summary);
  entries.push({ title: 'Замечания по итогам проверок классного журнала', page: doc.bufferedPageRange().count + 1 });
  remarksSection(doc, data.remarks);
  contentsPage(doc, contentsIndex, entries);
  opts.onProgress?.(total, total);
  return { data: await finish(sha256), sha256 };
}
