// A4 documents in DejaVu (Cyrillic), tables that repeat their header on a new page, and the
// footer every page carries: its number and the sha256 of the data it was printed from.
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { AppError } from '../../../src-shared/errors';
import type { Services } from '../context';

export const MARGIN = 50;
/** Room kept under the body for the footer, so body text never runs into it. */
const FOOTER_ROOM = 22;

export interface Doc {
  doc: PDFKit.PDFDocument;
  /** Ends the document (stamping every page) and gives its bytes. */
  finish: (hash: string) => Promise<Buffer>;
}

export function newDoc(s: Services, title: string, author: string): Doc {
  if (!s.resourcesDir) throw new AppError('internal', 'Не найдены шрифты для печати');
  const fonts = join(s.resourcesDir, 'fonts');
  // The default font is given as a file so pdfkit never loads its built-in Helvetica (no Cyrillic);
  // pages are buffered so the footer («стр. N из M») is written once the page count is known.
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_ROOM, left: MARGIN, right: MARGIN },
    font: join(fonts, 'DejaVuSans.ttf'),
    bufferPages: true,
    info: { Title: title, Author: author, Creator: 'zhurnal' },
  });
  doc.registerFont('regular', join(fonts, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(fonts, 'DejaVuSans-Bold.ttf'));
  doc.font('regular');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  return {
    doc,
    finish: async (hash) => {
      stampPages(doc, hash);
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

function stampPages(doc: PDFKit.PDFDocument, hash: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin first.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(7)
      .fillColor('#444')
      .text(`Стр. ${i + 1} из ${range.count}. SHA-256 исходных данных: ${hash}`, MARGIN, doc.page.height - MARGIN - 4, {
        width: doc.page.width - 2 * MARGIN,
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
    doc.fillColor('black');
  }
}

export const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomY = (doc: PDFKit.PDFDocument) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` more points fit on this one. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
  if (doc.y + height > bottomY(doc)) doc.addPage();
}

export interface Column {
  title: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

const PAD = 2;

function rowHeight(doc: PDFKit.PDFDocument, cols: Column[], cells: string[]): number {
  let h = 0;
  cols.forEach((c, i) => (h = Math.max(h, doc.heightOfString(cells[i] ?? '', { width: c.width - 2 * PAD }))));
  return h + 2 * PAD;
}

function drawRow(doc: PDFKit.PDFDocument, cols: Column[], cells: string[], y: number, h: number, bold: boolean): void {
  let x = doc.page.margins.left;
  doc.font(bold ? 'bold' : 'regular');
  cols.forEach((c, i) => {
    doc.rect(x, y, c.width, h).lineWidth(0.5).stroke();
    doc.text(cells[i] ?? '', x + PAD, y + PAD, { width: c.width - 2 * PAD, align: c.align ?? 'left' });
    x += c.width;
  });
  doc.font('regular');
}

/** Height the whole table takes at the current font size (for fitting a list on one page). */
export function tableHeight(doc: PDFKit.PDFDocument, cols: Column[], rows: string[][]): number {
  doc.font('bold');
  let h = rowHeight(doc, cols, cols.map((c) => c.title));
  doc.font('regular');
  for (const r of rows) h += rowHeight(doc, cols, r);
  return h;
}

/** A bordered table from doc.y; the header row is repeated on each page the table runs onto. */
export function table(doc: PDFKit.PDFDocument, cols: Column[], rows: string[][], opts: { boldLast?: boolean } = {}): void {
  const head = cols.map((c) => c.title);
  doc.font('bold');
  const headH = rowHeight(doc, cols, head);
  doc.font('regular');
  const header = () => {
    const y = doc.y;
    drawRow(doc, cols, head, y, headH, true);
    doc.y = y + headH;
  };
  ensureSpace(doc, headH + 20);
  header();
  rows.forEach((r, i) => {
    const bold = !!opts.boldLast && i === rows.length - 1;
    doc.font(bold ? 'bold' : 'regular');
    const h = rowHeight(doc, cols, r);
    if (doc.y + h > bottomY(doc)) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    drawRow(doc, cols, r, y, h, bold);
    doc.y = y + h;
  });
  doc.x = doc.page.margins.left;
}
