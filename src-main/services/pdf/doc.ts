// Printed documents (A4 or A3, portrait or landscape) in DejaVu (Cyrillic), tables that repeat
// their header on a new page, and the footer every page carries: its number, the print date and
// the sha256 of the data it was printed from (DESIGN.md §11).
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { AppError } from '../../../src-shared/errors';
import { dotDate, schoolDate } from '../../../src-shared/dates';
import type { Services } from '../context';

export const MARGIN = 50;
/** Room kept under the body for the footer, so body text never runs into it. */
const FOOTER_ROOM = 22;

const regularPath = new WeakMap<PDFKit.PDFDocument, string>();

/** The regular face (the document's default font), for doc.font(). */
export const regular = (doc: PDFKit.PDFDocument): string => regularPath.get(doc)!;

export interface Doc {
  doc: PDFKit.PDFDocument;
  /** Ends the document (stamping every page) and gives its bytes. */
  finish: (hash: string) => Promise<Buffer>;
}

export interface PageSetup {
  size?: 'A4' | 'A3';
  layout?: 'portrait' | 'landscape';
  /** Side margins (default MARGIN); the top margin, and the bottom one above the footer, stay MARGIN. */
  side?: number;
}

export function newDoc(s: Services, title: string, author: string, page: PageSetup = {}): Doc {
  if (!s.resourcesDir) throw new AppError('internal', 'Не найдены шрифты для печати');
  const fonts = join(s.resourcesDir, 'fonts');
  // The default font is given as a file so pdfkit never loads its built-in Helvetica (no Cyrillic);
  // pages are buffered so the footer («стр. N из M») is written once the page count is known.
  const doc = new PDFDocument({
    size: page.size ?? 'A4',
    layout: page.layout ?? 'portrait',
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_ROOM, left: page.side ?? MARGIN, right: page.side ?? MARGIN },
    font: join(fonts, 'DejaVuSans.ttf'),
    bufferPages: true,
    info: { Title: title, Author: author, Creator: 'zhurnal' },
  });
  // pdfkit caches a font under the key it was asked by, EXCEPT when the file turns out to be the
  // default font again: then «regular» would re-read and re-parse the 700 KB TTF on every switch
  // (seconds per report). The default font's own key is its path, so switching back uses the path.
  regularPath.set(doc, join(fonts, 'DejaVuSans.ttf'));
  doc.registerFont('bold', join(fonts, 'DejaVuSans-Bold.ttf'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  return {
    doc,
    finish: async (hash) => {
      stampPages(doc, hash, dotDate(schoolDate(s.now())));
      doc.end();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

function stampPages(doc: PDFKit.PDFDocument, hash: string, printed: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing below the bottom margin would make pdfkit open a new page: lift the margin first.
    const bottom = doc.page.margins.bottom;
    const left = doc.page.margins.left;
    doc.page.margins.bottom = 0;
    const text = `Стр. ${i + 1} из ${range.count}. Напечатано ${printed}. SHA-256 исходных данных: ${hash}`;
    const width = doc.page.width - 2 * left;
    // One line whatever the page: the font shrinks below 7 pt where the line would not fit.
    doc.font(regular(doc)).fontSize(1);
    const size = Math.min(7, (width / doc.widthOfString(text)) * 0.98);
    doc.fontSize(size).fillColor('#444').text(text, left, doc.page.height - MARGIN - 4, { lineBreak: false });
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

/** A cell that fits on one line skips pdfkit's line wrapper (most cells: counts, dates, states, names). */
const oneLine = (doc: PDFKit.PDFDocument, text: string, width: number) => !text.includes('\n') && doc.widthOfString(text) <= width;

function rowHeight(doc: PDFKit.PDFDocument, cols: Column[], cells: string[]): number {
  let h = doc.currentLineHeight(true);
  cols.forEach((c, i) => {
    const text = cells[i] ?? '';
    if (!oneLine(doc, text, c.width - 2 * PAD)) h = Math.max(h, doc.heightOfString(text, { width: c.width - 2 * PAD }));
  });
  return h + 2 * PAD;
}

function drawRow(doc: PDFKit.PDFDocument, cols: Column[], cells: string[], y: number, h: number, bold: boolean): void {
  let x = doc.page.margins.left;
  doc.font(bold ? 'bold' : regular(doc));
  cols.forEach((c, i) => {
    const text = cells[i] ?? '';
    const w = c.width - 2 * PAD;
    doc.rect(x, y, c.width, h).lineWidth(0.5).stroke();
    if (oneLine(doc, text, w)) {
      const shift = c.align === 'center' ? (w - doc.widthOfString(text)) / 2 : c.align === 'right' ? w - doc.widthOfString(text) : 0;
      doc.text(text, x + PAD + shift, y + PAD, { lineBreak: false });
    } else doc.text(text, x + PAD, y + PAD, { width: w, align: c.align ?? 'left' });
    x += c.width;
  });
  doc.font(regular(doc));
}

/** Height the whole table takes at the current font size (for fitting a list on one page). */
export function tableHeight(doc: PDFKit.PDFDocument, cols: Column[], rows: string[][]): number {
  doc.font('bold');
  let h = rowHeight(doc, cols, cols.map((c) => c.title));
  doc.font(regular(doc));
  for (const r of rows) h += rowHeight(doc, cols, r);
  return h;
}

/** A bordered table from doc.y; the header row is repeated on each page the table runs onto. */
export function table(doc: PDFKit.PDFDocument, cols: Column[], rows: string[][], opts: { boldLast?: boolean } = {}): void {
  const head = cols.map((c) => c.title);
  doc.font('bold');
  const headH = rowHeight(doc, cols, head);
  doc.font(regular(doc));
  const header = () => {
    const y = doc.y;
    drawRow(doc, cols, head, y, headH, true);
    doc.y = y + headH;
  };
  ensureSpace(doc, headH + 20);
  header();
  rows.forEach((r, i) => {
    const bold = !!opts.boldLast && i === rows.length - 1;
    doc.font(bold ? 'bold' : regular(doc));
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
