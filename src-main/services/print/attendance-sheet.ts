// The attendance sheet on paper: A4 landscape, one table per month on its own page — № and the
// pupil, a column per school day headed by the day's number, then the month's lessons missed,
// of them excused and unexcused, and the lates; the class's totals row under it; the legend of
// the cell convention (attendance-sheet-load.ts) under every month.
import { contentWidth } from '../pdf/doc';
import { ATTENDANCE_LEGEND, monthShort, type AttendanceCounts, type AttendanceMonth, type AttendanceSheetData } from './attendance-sheet-load';
import { drawGrid, sentences, sheetPage, textLine, type GridCol, type GridRow, type GridSpan } from './summary-grid';

export { loadAttendanceSheet, type AttendanceSheetData } from './attendance-sheet-load';

export const ATTENDANCE_TITLE = 'Учёт посещаемости обучающихся';
export const ATTENDANCE_HEAD = ['№', 'Обучающийся'] as const;
/** The month's columns after the days: lessons missed, of them excused / unexcused, lates. */
export const ATTENDANCE_SUMS = ['пропущ.', 'уваж.', 'неуваж.', 'опозд.'] as const;
export const TOTAL_ROW = 'Итого по классу';

const FONT = 7;
const NO_W = 16;
const NAME_W = 112;
const SUM_W = [32, 26, 32, 28];
const DAY_MAX = 22;

function heading(doc: PDFKit.PDFDocument, d: AttendanceSheetData, m: AttendanceMonth): void {
  textLine(doc, `${ATTENDANCE_TITLE} ${d.cls.label} класса: ${m.title}`, { bold: true, size: 10, gap: 1 });
  const teacher = d.cls.classTeacher ? `Классный руководитель: ${d.cls.classTeacher}` : 'Классный руководитель не назначен';
  textLine(doc, sentences([d.cls.school, `${d.cls.year} учебный год`, teacher]), { size: 8, gap: 4 });
}

function monthTable(doc: PDFKit.PDFDocument, d: AttendanceSheetData, m: AttendanceMonth): void {
  heading(doc, d, m);
  const room = contentWidth(doc) - NO_W - NAME_W - SUM_W.reduce((a, b) => a + b, 0);
  const dayW = Math.min(DAY_MAX, room / Math.max(1, m.days.length));
  const cols: GridCol[] = [{ width: NO_W, align: 'left' }, { width: NAME_W, align: 'left' }, ...m.days.map(() => ({ width: dayW })), ...SUM_W.map((width) => ({ width }))];
  const head: GridSpan[] = [
    ...ATTENDANCE_HEAD.map((text, i) => ({ text, from: i, to: i })),
    ...m.days.map((day, i) => ({ text: String(Number(day.slice(8))), from: 2 + i, to: 2 + i })),
    ...ATTENDANCE_SUMS.map((text, i) => ({ text, from: 2 + m.days.length + i, to: 2 + m.days.length + i })),
  ];
  const nums = (r: { missed: number; excused: number; unexcused: number; late: number }) => [r.missed, r.excused, r.unexcused, r.late].map(String);
  const rows: GridRow[] = d.pupils.map((p, i) => ({ cells: [String(p.no), p.name, ...m.rows[i]!.cells, ...nums(m.rows[i]!)] }));
  rows.push({ cells: [TOTAL_ROW, '', ...m.totals.perDay.map((n) => (n ? String(n) : '')), ...nums(m.totals)], bold: true, joinFirst: true });
  drawGrid(doc, { cols, head: [head], rows, fontSize: FONT }, () => heading(doc, d, m));
  doc.y += 4;
  doc.fontSize(7).text(ATTENDANCE_LEGEND, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
}

/** Starts a new (landscape A4) page per month; a month runs onto more pages when the class is long. */
export function drawAttendanceSheet(doc: PDFKit.PDFDocument, d: AttendanceSheetData): void {
  if (d.months.length === 0) {
    sheetPage(doc);
    textLine(doc, `${ATTENDANCE_TITLE} ${d.cls.label} класса`, { bold: true, size: 10, gap: 4 });
    textLine(doc, 'Учебных дней ещё не было.', { size: 8 });
    return;
  }
  for (const m of d.months) {
    sheetPage(doc);
    monthTable(doc, d, m);
  }
  sheetPage(doc);
  yearTable(doc, d);
}

export const YEAR_TITLE = 'итого за учебный год';

/** The last page: per pupil the lessons missed each month and the year's counts so far. */
function yearTable(doc: PDFKit.PDFDocument, d: AttendanceSheetData): void {
  const title = `${ATTENDANCE_TITLE} ${d.cls.label} класса: ${YEAR_TITLE}`;
  const head = () => {
    textLine(doc, title, { bold: true, size: 10, gap: 1 });
    textLine(doc, sentences([d.cls.school, `${d.cls.year} учебный год`]), { size: 8, gap: 4 });
  };
  head();
  const n = d.months.length;
  const cols: GridCol[] = [{ width: NO_W, align: 'left' }, { width: NAME_W, align: 'left' }, ...d.months.map(() => ({ width: 30 })), ...SUM_W.map((width) => ({ width }))];
  const spans: GridSpan[] = [
    ...ATTENDANCE_HEAD.map((text, i) => ({ text, from: i, to: i })),
    ...d.months.map((m, i) => ({ text: monthShort(m.month), from: 2 + i, to: 2 + i })),
    ...ATTENDANCE_SUMS.map((text, i) => ({ text, from: 2 + n + i, to: 2 + n + i })),
  ];
  const nums = (r: AttendanceCounts & { byMonth: number[] }) => [...r.byMonth, r.missed, r.excused, r.unexcused, r.late].map(String);
  const rows: GridRow[] = d.pupils.map((p, i) => ({ cells: [String(p.no), p.name, ...nums(d.year.rows[i]!)] }));
  rows.push({ cells: [TOTAL_ROW, '', ...nums(d.year.totals)], bold: true, joinFirst: true });
  drawGrid(doc, { cols, head: [spans], rows, fontSize: FONT }, head);
  doc.y += 4;
  doc.fontSize(7).text('По месяцам — уроки, пропущенные за месяц (уважительные и неуважительные вместе); опоздания пропуском не считаются.', doc.page.margins.left, doc.y, {
    width: contentWidth(doc),
  });
}
