// Any Report as an A4 PDF: the title and subtitle, tables (columns share the width by their
// relative widths; numbers by the column's digits with a decimal comma), text, signature lines,
// charts as vector graphics, and page breaks (the title and subtitle repeat on the new page, so
// each pupil's card is a page of its own). Every page carries the report's sha256.
import { formatCell } from '../../../src-shared/reports/format';
import type { Report, ReportBlock, ReportTable } from '../../../src-shared/reports/model';
import type { Services } from '../context';
import { contentWidth, ensureSpace, newDoc, regular, table, type Column } from '../pdf/doc';
import { CHART_HEIGHT, drawChart } from './chart-pdf';

/** Column widths in points: the content width shared by the columns' relative widths. */
export function columnWidths(t: Pick<ReportTable, 'columns'>, width: number): number[] {
  const rel = t.columns.map((c) => c.width ?? 1);
  const sum = rel.reduce((a, b) => a + b, 0);
  return rel.map((w) => (w / sum) * width);
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
  const widths = columnWidths(t, contentWidth(doc));
  const cols: Column[] = t.columns.map((c, i) => ({ title: c.title, width: widths[i]!, align: c.align }));
  const text = (row: ReportTable['rows'][number]) => t.columns.map((c, i) => formatCell(row[i], c.digits ?? 0));
  const rows = t.rows.map(text);
  if (t.total) rows.push(text(t.total));
  doc.fontSize(t.columns.length > 12 ? 7 : 9);
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
