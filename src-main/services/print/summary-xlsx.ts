// The class-wide sheets' XLSX rows (one sheet per class, or one per month): the summary and
// attendance sheets. Marks that are digits go in as numbers (the deputy sums and averages them),
// the rest as text; the last row of every sheet is the sha256 of the source data, the same as on the PDF's pages.
import { HASH_LABEL, type XCell, type XRow, type XSheet } from '../xlsx/write';
import { monthShort, type AttendanceSheetData } from './attendance-sheet-load';
import type { SummarySheetData } from './summary-load';

/** A digit mark as a number, anything else as text. */
const mark = (v: string): XCell => (/^[1-5]$/.test(v) ? Number(v) : v);

/** One class's summary sheet: a row of subject names over their period columns, then the pupils. */
export function summarySheet(d: SummarySheetData, hash: string): XSheet {
  const n = d.periods.length;
  const rows: XRow[] = [
    { cells: [`Сводная ведомость учёта успеваемости обучающихся ${d.cls.label} класса за ${d.cls.year} учебный год`], bold: true },
    { cells: [d.cls.school] },
    { cells: ['Классный руководитель', d.cls.classTeacher ?? 'не назначен'] },
    { cells: [] },
    { cells: ['', '', ...d.subjects.flatMap((s) => [s.name, ...Array<XCell>(Math.max(0, n - 1)).fill(null)]), ''], bold: true },
    { cells: ['№', 'Обучающийся', ...d.subjects.flatMap(() => d.periods.map((p) => p.label)), 'Решение педагогического совета'], bold: true },
    ...d.pupils.map((p) => ({ cells: [p.no, p.name, ...p.marks.flatMap((sj) => sj.map(mark)), p.decision] })),
    { cells: [] },
    { cells: [HASH_LABEL, hash] },
  ];
  return { name: d.cls.label, rows, widths: [5, 28, ...d.subjects.flatMap(() => d.periods.map(() => 6)), 50] };
}

/** One sheet per month, as on paper, and the year's table. */
export function attendanceSheets(d: AttendanceSheetData, hash: string): XSheet[] {
  if (d.months.length === 0) return [];
  const months = d.months.map((m) => ({
    name: m.title,
    rows: [
      { cells: [`Учёт посещаемости обучающихся ${d.cls.label} класса: ${m.title}`], bold: true },
      { cells: [d.cls.school, `${d.cls.year} учебный год`] },
      { cells: [] },
      { cells: ['№', 'Обучающийся', ...m.days.map((x) => Number(x.slice(8))), 'пропущ.', 'уваж.', 'неуваж.', 'опозд.'], bold: true },
      ...d.pupils.map((p, i) => {
        const r = m.rows[i]!;
        return { cells: [p.no, p.name, ...r.cells.map((c) => (/^\d+$/.test(c) ? Number(c) : c)), r.missed, r.excused, r.unexcused, r.late] };
      }),
      { cells: ['', 'Итого по классу', ...m.totals.perDay.map((n) => n || null), m.totals.missed, m.totals.excused, m.totals.unexcused, m.totals.late], bold: true },
      { cells: [] },
      { cells: [HASH_LABEL, hash] },
    ],
    widths: [5, 28, ...m.days.map(() => 5), 11, 8, 9, 8],
  }));
  const sums = (r: AttendanceSheetData['year']['totals']) => [...r.byMonth, r.missed, r.excused, r.unexcused, r.late];
  const year: XSheet = {
    name: 'Итого за год',
    rows: [
      { cells: [`Учёт посещаемости обучающихся ${d.cls.label} класса: итого за учебный год`], bold: true },
      { cells: [d.cls.school, `${d.cls.year} учебный год`] },
      { cells: [] },
      { cells: ['№', 'Обучающийся', ...d.months.map((m) => monthShort(m.month)), 'пропущ.', 'уваж.', 'неуваж.', 'опозд.'], bold: true },
      ...d.pupils.map((p, i) => ({ cells: [p.no, p.name, ...sums(d.year.rows[i]!)] })),
      { cells: ['', 'Итого по классу', ...sums(d.year.totals)], bold: true },
      { cells: [] },
      { cells: [HASH_LABEL, hash] },
    ],
    widths: [5, 28, ...d.months.map(() => 7), 11, 8, 9, 8],
  };
  return [...months, year];
}
