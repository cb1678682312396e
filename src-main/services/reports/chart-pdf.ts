// A report's chart drawn as vector graphics in the PDF (no raster image: sharp on paper, tiny
// in the file). The geometry comes from src-shared/reports/chart.ts, the same the screen's SVG
// uses, so the paper and the screen show the same picture.
import { labelStride, layoutChart, seriesColour, type Box } from '../../../src-shared/reports/chart';
import { formatNumber } from '../../../src-shared/reports/format';
import type { ReportChart } from '../../../src-shared/reports/model';
import { regular } from '../pdf/doc';

const TITLE_H = 16;
const LEGEND_H = 14;
/** Height a chart takes: title, plot with its labels, legend. */
export const CHART_HEIGHT = 190;

const decimals = (step: number) => (Number.isInteger(step) ? 0 : step < 0.1 ? 2 : 1);

export function drawChart(doc: PDFKit.PDFDocument, chart: ReportChart, area: Box): void {
  doc.save();
  doc.font('bold').fontSize(10).fillColor('black').text(chart.title, area.x, area.y, { width: area.w, lineBreak: false });
  doc.font(regular(doc)).fontSize(7);
  const plotArea: Box = { x: area.x, y: area.y + TITLE_H, w: area.w, h: area.h - TITLE_H - LEGEND_H };
  const L = layoutChart(chart, plotArea, { axis: 26, bottom: 14 });
  const { plot } = L;
  const step = L.ticks.length > 1 ? L.ticks[1]!.value - L.ticks[0]!.value : 1;
  // Grid and value ticks: light lines under the data, labels right-aligned left of the axis.
  for (const t of L.ticks) {
    doc.moveTo(plot.x, t.y).lineTo(plot.x + plot.w, t.y).lineWidth(0.3).strokeColor('#cccccc').stroke();
    const label = formatNumber(t.value, decimals(step));
    doc.fillColor('#333333').text(label, plot.x - 4 - doc.widthOfString(label), t.y - 3, { lineBreak: false });
  }
  doc.moveTo(plot.x, plot.y).lineTo(plot.x, plot.y + plot.h).lineTo(plot.x + plot.w, plot.y + plot.h).lineWidth(0.6).strokeColor('black').stroke();
  for (const b of L.bars) if (b.h > 0) doc.rect(b.x, b.y, b.w, b.h).fillColor(seriesColour(b.series)).fill();
  const dots = L.labels.length <= 40;
  L.lines.forEach((runs, si) => {
    const colour = seriesColour(si);
    for (const run of runs) {
      if (run.length > 1) {
        doc.moveTo(run[0]!.x, run[0]!.y);
        for (const p of run.slice(1)) doc.lineTo(p.x, p.y);
        doc.lineWidth(1.2).strokeColor(colour).stroke();
      }
      // Dots where they can be told apart; a year's dense line reads better without them.
      if (dots) for (const p of run) doc.circle(p.x, p.y, 1.8).fillColor(colour).fill();
    }
  });
  // Category labels: every k-th where they would crowd (a year of dates under a line chart). Text
  // measuring is pdfkit's slow path: the longest label stands for all, only drawn ones are centred.
  const longest = L.labels.reduce((a, l) => (l.text.length > a.length ? l.text : a), '');
  const stride = labelStride(L.labels.length, Math.floor(plot.w / (doc.widthOfString(longest) + 4)));
  doc.fillColor('#333333');
  L.labels.forEach((l, i) => {
    if (i % stride === 0) doc.text(l.text, l.x - doc.widthOfString(l.text) / 2, plot.y + plot.h + 3, { lineBreak: false });
  });
  // Legend: a colour swatch and the series' name, one row under the plot.
  let x = plot.x;
  const y = area.y + area.h - LEGEND_H + 4;
  chart.series.forEach((s, si) => {
    doc.rect(x, y, 8, 6).fillColor(seriesColour(si)).fill();
    doc.fillColor('black').text(s.name, x + 11, y - 1, { lineBreak: false });
    x += 11 + doc.widthOfString(s.name) + 12;
  });
  doc.restore();
  doc.fillColor('black').strokeColor('black').font(regular(doc));
}
