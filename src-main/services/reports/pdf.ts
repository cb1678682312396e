// Any Report as an A4 PDF: the title and subtitle, tables (columns share the width by their
// relative widths; numbers by the column's digits with a decimal comma), text, signature lines,
// charts as vector graphics, and page breaks (the title and subtitle repeat on the new page, so
// each pupil's card is a page of its own). Every page carries the report's sha256.
import { formatCell } from '../../../src-shared/reports/format';
import type { Report, ReportBlock, ReportTable } from '../../../src-shared/reports/model';
import type { Services } from '../context';
import { contentWidth, ensureSpace, newDoc, regular, table, type Column } from '../pdf/doc';
import { CHART_HEIGHT, drawChart } from './chart-pdf';

/**
 * Shares `total` by the relative widths, but no column narrower than its minimum (the longest
 * word of its header, the widest number): pdfkit would otherwise cut «Пропущено» into «Пропущ» +
 * «ено». Columns above their minimum give up the room, in proportion; if even the minimums do not
 * fit, the minimums are scaled down together.
 */
export function shareWidths(rel: readonly number[], mins: readonly number[], total: number): number[] {
  const minSum = mins.reduce((a, b) => a + b, 0);
  if (minSum >= total) return mins.map((m) => (m / minSum) * total);
  const fixed = new Set<number>();
  for (;;) {
    const room = total - [...fixed].reduce((a, i) => a + mins[i]!, 0);
    const free = rel.map((w, i) => (fixed.has(i) ? 0 : w));
    const sum = free.reduce((a, b) => a + b, 0);
    const widths = rel.map((_, i) => (fixed.has(i) ? mins[i]! : (free[i]! / sum) * room));
    const under = widths.findIndex((w, i) => !fixed.has(i) && w < mins[i]! - 1e-9);
    if (under < 0) return widths;
    fixed.add(under);
  }
}

const PAD = 2;

/** The widths in points of a table's columns on this page at the current font size. */
export function columnWidths(doc: PDFKit.PDFDocument, t: Pick<ReportTable, 'columns'>, cells: string[][], width: number, size: number): number[] {
  doc.font('bold').fontSize(size);
  const head = t.columns.map((c) => Math.max(0, ...c.title.split(/\s+/).map((w) => doc.widthOfString(w))));
  doc.font(regular(doc)).fontSize(size);
  // Measuring is pdfkit's slow path: per column only the longest word by characters is measured.
  const longestWord = (i: number) =>
    cells.reduce((best, r) => (r[i] ?? '').split(/\s+/).reduce((b, w) => (w.length > b.length ? w : b), best), '');
  const mins = t.columns.map((_, i) => Math.max(head[i]!, doc.widthOfString(longestWord(i))) + 2 * PAD + 1);
  return shareWidths(
    t.columns.map((c) => c.width ?? 1),
    mins,
    width,
  );
}

function header(doc: PDFKit.PDFDocument, r: Report): void {
  doc.font('bold').fontSize(13).text(r.title, { align: 'center' });
  doc.font(regular(doc)).fontSize(10);
  for (const line of r.subtitle) doc.text(line, { align: 'center' });
  doc.moveDown(0.8);
}

function drawTable(doc: PDFKit.PDFDocument, t: ReportTable): void {
  if (t.title) {
    ensureSpace(doc, 50);
    doc.font('bold').fontSize(10).text(t.title).font(regular(doc)).moveDown(0.2);
  }
  const text = (row: ReportTable['rows'][number]) => t.columns.map((c, i) => formatCell(row[i], c.digits ?? 0));
  const rows = t.rows.map(text);
  if (t.total) rows.push(text(t.total));
  const size = t.columns.length > 12 ? 7 : 9;
  const widths = columnWidths(doc, t, rows, contentWidth(doc), size);
  const cols: Column[] = t.columns.map((c, i) => ({ title: c.title, width: widths[i]!, align: c.align }));
  table(doc, cols, rows, { boldLast: !!t.total });
  doc.fontSize(10).moveDown(0.6);
}

function drawBlock(doc: PDFKit.PDFDocument, r: Report, b: ReportBlock): void {
  const x = doc.page.margins.left;
  switch (b.kind) {
    case 'table':
      return drawTable(doc, b);
    case 'chart': {
      ensureSpace(doc, CHART_HEIGHT + 10);
      const y = doc.y;
      drawChart(doc, b, { x, y, w: contentWidth(doc), h: CHART_HEIGHT });
      doc.x = x;
      doc.y = y + CHART_HEIGHT + 10;
      return;
    }
    case 'text':
      if (b.style === 'heading') {
        ensureSpace(doc, 40);
        doc.font('bold').fontSize(11).text(b.text, x).font(regular(doc)).fontSize(10).moveDown(0.3);
      } else if (b.style === 'signature') {
        ensureSpace(doc, 40);
        doc.moveDown(1).fontSize(10).text(b.text, x).moveDown(0.5);
      } else doc.fontSize(10).text(b.text, x, undefined, { align: 'left', lineGap: 1.5 }).moveDown(0.3);
      return;
    case 'break':
      doc.addPage();
      header(doc, r);
      return;
  }
}

export async function reportPdf(s: Services, r: Report): Promise<Buffer> {
  const { doc, finish } = newDoc(s, r.title, r.subtitle[0] ?? 'zhurnal', { layout: r.layout });
  header(doc, r);
  for (const b of r.blocks) drawBlock(doc, r, b);
  return finish(r.sha256);
}
