// A dense bordered grid for the class-wide sheets (attendance, summary): fixed row height, one
// line per cell, header rows (with cells spanning several columns) repeated on every page the
// grid runs onto. Built for thousands of cells: text goes out with lineBreak:false (pdfkit's line
// wrapper is the cost of a text call), widths are cached per font and size, and a row's borders
// are one path stroked once. A text wider than its cell is set smaller, then cut with «…».
import { regular } from '../pdf/doc';

export interface GridCol {
  width: number;
  align?: 'left' | 'center';
}

/** A header cell spanning columns from..to (inclusive). */
export interface GridSpan {
  text: string;
  from: number;
  to: number;
  align?: 'left' | 'center';
}

export interface GridRow {
  cells: string[];
  bold?: boolean;
  /** The first cell spans the first two columns (a totals row's label); cells[1] is unused. */
  joinFirst?: boolean;
}

export interface Grid {
  cols: GridCol[];
  head: GridSpan[][];
  rows: GridRow[];
  fontSize: number;
}

const PAD = 1.5;
const MIN_SIZE = 4.5;

const widthCache = new WeakMap<PDFKit.PDFDocument, Map<string, number>>();

/** Width of text in the current font at `size`, cached per document (fonts differ per document). */
function widthOf(doc: PDFKit.PDFDocument, font: string, size: number, text: string): number {
  let cache = widthCache.get(doc);
  if (!cache) widthCache.set(doc, (cache = new Map()));
  const key = `${font}\u0000${size}\u0000${text}`;
  let w = cache.get(key);
  if (w === undefined) {
    w = doc.widthOfString(text);
    cache.set(key, w);
  }
  return w;
}

/** Current font key and size, tracked so a cell changes them only when it must. */
interface Pen {
  font: string;
  size: number;
}

function setPen(doc: PDFKit.PDFDocument, pen: Pen, font: string, size: number): void {
  if (pen.font !== font) doc.font(font);
  if (pen.size !== size) doc.fontSize(size);
  pen.font = font;
  pen.size = size;
}

function cellText(doc: PDFKit.PDFDocument, pen: Pen, font: string, size: number, text: string, x: number, y: number, w: number, h: number, align: 'left' | 'center'): void {
  if (!text) return;
  setPen(doc, pen, font, size);
  const room = w - 2 * PAD;
  let tw = widthOf(doc, font, size, text);
  let s = size;
  // Shrink first (a «незач» in a mark column), cut only when even the smallest size is too wide.
  if (tw > room) {
    s = Math.max(MIN_SIZE, Math.floor(((size * room) / tw) * 10) / 10);
    setPen(doc, pen, font, s);
    tw = widthOf(doc, font, s, text);
    while (tw > room && text.length > 1) {
      text = `${text.slice(0, -2)}…`;
      tw = widthOf(doc, font, s, text);
    }
  }
  const dx = align === 'center' ? (room - tw) / 2 : 0;
  // pdfkit places text by its top: a smaller size moves down by the difference in ascent, so
  // every cell of a row shares one baseline (the row reads as one line, on paper and as text).
  const ascent = (doc as unknown as { _font: { ascender: number } })._font.ascender / 1000;
  doc.text(text, x + PAD + dx, y + (h - size) / 2 - size * 0.12 + ascent * (size - s), { lineBreak: false });
}

interface Writable {
  write(chunk: string | Uint8Array): unknown;
}

/**
 * Joins the page's content writes until released. pdfkit turns every operator it writes into a
 * Uint8Array of its own (a few bytes each, ~10 per cell): hundreds of thousands of tiny buffers
 * whose garbage collection cost more than the drawing. The joined text is the same bytes (pdfkit
 * ends each write with a newline; the parts are joined with one). Released before the page
 * changes, so every page gets exactly its own content.
 */
function batchWrites(doc: PDFKit.PDFDocument): () => void {
  const page = doc.page as unknown as Writable;
  const parts: string[] = [];
  const flush = () => {
    if (parts.length) Object.getPrototypeOf(page).write.call(page, parts.join('\n'));
    parts.length = 0;
  };
  page.write = (chunk) => {
    if (typeof chunk === 'string') parts.push(chunk);
    else {
      flush();
      Object.getPrototypeOf(page).write.call(page, chunk);
    }
  };
  return () => {
    flush();
    delete (page as Partial<Writable>).write;
  };
}

const rowH = (size: number) => Math.ceil(size * 1.45 + 2);

/** Draws the grid from doc.y at the left margin; returns nothing, leaves doc.y under the grid. */
export function drawGrid(doc: PDFKit.PDFDocument, g: Grid, onNewPage?: () => void): void {
  const h = rowH(g.fontSize);
  const left = doc.page.margins.left;
  const xs: number[] = [];
  g.cols.reduce((x, c) => (xs.push(x), x + c.width), left);
  const total = g.cols.reduce((a, c) => a + c.width, 0);
  const pen: Pen = { font: '', size: 0 };
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const reg = regular(doc);

  const header = () => {
    for (const spans of g.head) {
      const y = doc.y;
      for (const sp of spans) {
        const w = xs[sp.to]! + g.cols[sp.to]!.width - xs[sp.from]!;
        doc.rect(xs[sp.from]!, y, w, h);
      }
      doc.lineWidth(0.5).stroke();
      for (const sp of spans) {
        const w = xs[sp.to]! + g.cols[sp.to]!.width - xs[sp.from]!;
        cellText(doc, pen, 'bold', g.fontSize, sp.text, xs[sp.from]!, y, w, h, sp.align ?? 'left');
      }
      doc.y = y + h;
    }
  };
  // The body's rules are drawn once per page when the page's part of the grid is done: one
  // segment per column and per row instead of four per cell, stroked as one path.
  let bodyTop = 0;
  let rules: number[] = [];
  /** Rows (top y) on this page whose first cell spans two columns: the separator skips them. */
  let joined: number[] = [];
  const verticals = () => {
    if (doc.y <= bodyTop) return;
    for (const y of rules) doc.moveTo(left, y).lineTo(left + total, y);
    rules = [];
    for (let i = 0; i < xs.length; i++) {
      if (i !== 1 || xs.length < 2) {
        doc.moveTo(xs[i]!, bodyTop).lineTo(xs[i]!, doc.y);
        continue;
      }
      let from = bodyTop;
      for (const y of joined) {
        if (y > from) doc.moveTo(xs[1]!, from).lineTo(xs[1]!, y);
        from = y + h;
      }
      if (doc.y > from) doc.moveTo(xs[1]!, from).lineTo(xs[1]!, doc.y);
    }
    joined = [];
    doc.moveTo(left + total, bodyTop).lineTo(left + total, doc.y);
    doc.lineWidth(0.5).stroke();
  };
  if (doc.y + h * (g.head.length + 2) > bottom()) {
    newPage(doc);
    onNewPage?.();
  }
  let release = batchWrites(doc);
  header();
  bodyTop = doc.y;
  for (const r of g.rows) {
    if (doc.y + h > bottom()) {
      verticals();
      release();
      newPage(doc);
      onNewPage?.();
      release = batchWrites(doc);
      pen.font = '';
      pen.size = 0;
      header();
      bodyTop = doc.y;
    }
    const y = doc.y;
    // Row rules are kept for the page's one path: a path must not be interrupted by text.
    rules.push(y + h);
    const font = r.bold ? 'bold' : reg;
    if (r.joinFirst) {
      joined.push(y);
      cellText(doc, pen, font, g.fontSize, r.cells[0] ?? '', xs[0]!, y, g.cols[0]!.width + (g.cols[1]?.width ?? 0), h, 'left');
    }
    for (let i = r.joinFirst ? 2 : 0; i < g.cols.length; i++) cellText(doc, pen, font, g.fontSize, r.cells[i] ?? '', xs[i]!, y, g.cols[i]!.width, h, g.cols[i]!.align ?? 'center');
    doc.y = y + h;
  }
  verticals();
  release();
  doc.font(reg);
  doc.x = left;
}

const firstPageFree = new WeakSet<PDFKit.PDFDocument>();

/**
 * A document made only for the sheets (newDoc opens it with a blank landscape page): the first
 * sheet draws on that page instead of leaving it blank. In the lead's book the sheets start pages.
 */
export function useFirstPage(doc: PDFKit.PDFDocument): void {
  firstPageFree.add(doc);
}

/** Starts a sheet's landscape page (or takes the document's blank first one, see useFirstPage). */
export function sheetPage(doc: PDFKit.PDFDocument): void {
  if (firstPageFree.delete(doc)) return;
  newPage(doc, 'landscape');
}

/** A new page like the current one (the sheets are landscape inside a portrait book). */
export function newPage(doc: PDFKit.PDFDocument, layout?: 'landscape'): void {
  const m = doc.page.margins;
  const landscape = layout === 'landscape' || doc.page.width > doc.page.height;
  doc.addPage({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margins: { top: m.top, bottom: m.bottom, left: m.left, right: m.right } });
}

/** Height of one grid row at a font size (for fitting a table on a page). */
export const gridRowHeight = rowH;

/** One line of text at the left margin (no wrapping: pdfkit then moves x, not y), then the next line. */
export function textLine(doc: PDFKit.PDFDocument, text: string, opts: { bold?: boolean; size: number; gap?: number }): void {
  const left = doc.page.margins.left;
  const y = doc.y;
  doc.font(opts.bold ? 'bold' : regular(doc)).fontSize(opts.size);
  doc.text(text, left, y, { lineBreak: false });
  doc.x = left;
  doc.y = y + opts.size * 1.3 + (opts.gap ?? 0);
}

/** «ГБОУ № 1», «Классный руководитель: Иванова М. П.», «часть 1 из 2» → one line, no doubled full stops. */
export const sentences = (parts: (string | null | undefined)[]) =>
  parts.filter((x): x is string => !!x).reduce((acc, x) => (acc ? `${acc}${acc.endsWith('.') ? '' : '.'} ${x}` : x), '');
