// The summary sheet on paper: A4 landscape, pupils down, subjects across (short names over
// their period columns), the promotion decision in the last part. When the subjects do not fit
// one page width the sheet is cut into parts by subjects, each part on its own pages repeating
// № and the pupil's name; the subjects' full names and the period headings are explained below.
import { contentWidth, regular } from '../pdf/doc';
import { drawGrid, newPage, sentences, sheetPage, textLine, type GridCol, type GridSpan } from './summary-grid';
import { PERIOD_LEGEND, type SummarySheetData } from './summary-load';

export { loadSummarySheet, type SummarySheetData } from './summary-load';

export const SUMMARY_TITLE = 'Сводная ведомость учёта успеваемости обучающихся';
export const SUMMARY_HEAD = ['№', 'Обучающийся'] as const;
export const DECISION_HEAD = 'Решение педагогического совета';

const FONT = 7;
const NO_W = 16;
const NAME_W = 112;
const MARK_W = 17;
const DECISION_W = 150;

/** Subjects per part: as many as fit beside № and the name (the last part also holds the decision). */
export function summaryParts(subjects: number, periods: number, width: number): number[][] {
  const per = Math.max(1, periods) * MARK_W;
  const room = width - NO_W - NAME_W;
  const fit = Math.max(1, Math.floor(room / per));
  const parts: number[][] = [];
  for (let i = 0; i < subjects; i += fit) parts.push(Array.from({ length: Math.min(fit, subjects - i) }, (_, k) => i + k));
  // The decision column must fit beside the last part; else it gets a part of its own.
  const last = parts.at(-1) ?? [];
  if (parts.length === 0 || last.length * per + DECISION_W > room) parts.push([]);
  return parts;
}

function heading(doc: PDFKit.PDFDocument, d: SummarySheetData, part: number, parts: number): void {
  textLine(doc, `${SUMMARY_TITLE} ${d.cls.label} класса за ${d.cls.year} учебный год`, { bold: true, size: 10, gap: 1 });
  const sub = [d.cls.school, d.cls.classTeacher ? `Классный руководитель: ${d.cls.classTeacher}` : 'Классный руководитель не назначен'];
  if (parts > 1) sub.push(`часть ${part + 1} из ${parts}`);
  textLine(doc, sentences(sub), { size: 8, gap: 4 });
}

/** Starts a new (landscape A4) page and draws the sheet; it may run onto several pages. */
export function drawSummarySheet(doc: PDFKit.PDFDocument, d: SummarySheetData): void {
  sheetPage(doc);
  const width = contentWidth(doc);
  const parts = summaryParts(d.subjects.length, d.periods.length, width);
  parts.forEach((subjects, pi) => {
    if (pi > 0) newPage(doc, 'landscape');
    heading(doc, d, pi, parts.length);
    const withDecision = pi === parts.length - 1;
    const cols: GridCol[] = [{ width: NO_W, align: 'left' }, { width: NAME_W, align: 'left' }];
    const top: GridSpan[] = [{ text: '', from: 0, to: 1 }];
    const labels: GridSpan[] = SUMMARY_HEAD.map((t, i) => ({ text: t, from: i, to: i }));
    for (const sj of subjects) {
      const from = cols.length;
      for (const p of d.periods) {
        labels.push({ text: p.label, from: cols.length, to: cols.length });
        cols.push({ width: MARK_W });
      }
      if (d.periods.length > 0) top.push({ text: d.subjects[sj]!.short, from, to: cols.length - 1, align: 'center' });
    }
    if (withDecision) {
      // The rest of the width: decisions with a council's number and date are long.
      const used = cols.reduce((a, c) => a + c.width, 0);
      top.push({ text: '', from: cols.length, to: cols.length });
      labels.push({ text: DECISION_HEAD, from: cols.length, to: cols.length });
      cols.push({ width: Math.max(DECISION_W, width - used), align: 'left' });
    }
    const rows = d.pupils.map((p) => ({
      cells: [String(p.no), p.name, ...subjects.flatMap((sj) => p.marks[sj] ?? []), ...(withDecision ? [p.decision] : [])],
    }));
    drawGrid(doc, { cols, head: [top, labels], rows, fontSize: FONT }, () => heading(doc, d, pi, parts.length));
    if (d.pupils.length === 0) textLine(doc, 'В классе нет обучающихся.', { size: 8 });
  });
  legend(doc, d);
}

function legend(doc: PDFKit.PDFDocument, d: SummarySheetData): void {
  const names = d.subjects.map((s) => (s.short === s.name ? s.name : `${s.short} — ${s.name}`)).join('; ');
  const text = `${names ? `Предметы: ${names}.` : 'Предметов нет.'}\nПериоды: ${PERIOD_LEGEND}.`;
  doc.font(regular(doc)).fontSize(7);
  const w = contentWidth(doc);
  if (doc.y + doc.heightOfString(text, { width: w }) + 6 > doc.page.height - doc.page.margins.bottom) newPage(doc, 'landscape');
  doc.moveDown(0.5);
  doc.text(text, doc.page.margins.left, doc.y, { width: w });
}
