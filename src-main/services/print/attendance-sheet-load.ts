// The attendance sheet's source data: pupils × school days of each month, a cell per pupil and
// day with the lessons missed that day across all the class's subjects and groups, and per
// pupil and month the lessons missed, of them excused and unexcused, and the lates.
//
// Paper convention (printed as the sheet's legend):
// - «2» — two lessons missed without an excuse (reasons «н» — not yet given — and «п»);
// - «2у» — two lessons missed for a good reason (reasons «б» ill and «у» excused);
// - «1+2у» — both on the same day; «—» — the pupil was not in the class that day.
// A late («оп») is not a missed lesson: the pupil was there. Lates are counted in their own
// column, never in «пропущено». Only lessons that were held count (not cancelled, part 0 — an
// extra column of a lesson carries the lesson's absence, not a second one).
import { ABSENCE_REASONS } from '../../../src-shared/domain';
import { schoolDate } from '../../../src-shared/dates';
import type { Services } from '../context';
import { schoolDays } from '../calendar/days';
import { prep } from '../sql';
import { inClass, loadSheetClass, loadSheetPupils, type SheetClass, type SheetPupil } from './summary-class';

export const EXCUSED = ['б', 'у'] as const;
export const UNEXCUSED = ['н', 'п'] as const;
export const LATE = 'оп' as const;
// Every reason has its place above; a new reason in the domain must be placed here too.
const PLACED: readonly string[] = [...EXCUSED, ...UNEXCUSED, LATE];
if (ABSENCE_REASONS.some((r) => !PLACED.includes(r))) throw new Error('attendance sheet: an absence reason is not placed');

export const ATTENDANCE_LEGEND =
  'В клетке — число уроков, пропущенных за день по всем предметам: «2» — без уважительной причины (н, п), ' +
  '«2у» — по уважительной причине (б — болезнь, у — уважительная), «1+2у» — и то и другое; «—» — не числился в классе. ' +
  'Опоздания (оп) пропуском урока не считаются и показаны отдельно.';

export interface AttendanceRow {
  /** One cell per day of the month's table. */
  cells: string[];
  missed: number;
  excused: number;
  unexcused: number;
  late: number;
}

export interface AttendanceMonth {
  /** 'YYYY-MM' */
  month: string;
  /** «Сентябрь 2026» */
  title: string;
  days: string[];
  /** One per pupil, in the pupils' order. */
  rows: AttendanceRow[];
  /** Per day: lessons missed by the whole class; then the month's sums. */
  totals: { perDay: number[]; missed: number; excused: number; unexcused: number; late: number };
}

export interface AttendanceCounts {
  missed: number;
  excused: number;
  unexcused: number;
  late: number;
}

/** The year so far: per pupil the lessons missed in each printed month, and the year's counts. */
export interface AttendanceYear {
  rows: (AttendanceCounts & { byMonth: number[] })[];
  totals: AttendanceCounts & { byMonth: number[] };
}

export interface AttendanceSheetData {
  kind: 'attendance';
  cls: SheetClass;
  pupils: Pick<SheetPupil, 'no' | 'name'>[];
  months: AttendanceMonth[];
  year: AttendanceYear;
}

/** «сен», «окт» … for the year table's month columns. */
export const monthShort = (month: string) => ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'][Number(month.slice(5)) - 1]!;

function yearTable(pupils: number, months: AttendanceMonth[]): AttendanceYear {
  const zero = () => ({ missed: 0, excused: 0, unexcused: 0, late: 0, byMonth: months.map(() => 0) });
  const rows = Array.from({ length: pupils }, zero);
  const totals = zero();
  months.forEach((m, k) =>
    m.rows.forEach((r, i) => {
      for (const t of [rows[i]!, totals]) {
        t.byMonth[k]! += r.missed;
        t.missed += r.missed;
        t.excused += r.excused;
        t.unexcused += r.unexcused;
        t.late += r.late;
      }
    }),
  );
  return { rows, totals };
}

const MONTHS = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

export function cellText(unexcused: number, excused: number): string {
  if (excused === 0) return unexcused === 0 ? '' : String(unexcused);
  return unexcused === 0 ? `${excused}у` : `${unexcused}+${excused}у`;
}

interface DayRow {
  pupil_id: number;
  date: string;
  excused: number;
  unexcused: number;
  late: number;
}

export function loadAttendanceSheet(s: Services, classId: number): AttendanceSheetData {
  const cls = loadSheetClass(s, classId);
  const pupils = loadSheetPupils(s, classId);
  const today = schoolDate(s.now());
  const last = today < cls.yearEnds ? today : cls.yearEnds;
  const facts = prep(
    s.sqlite,
    `SELECT a.pupil_id, l.date,
            SUM(a.reason IN ('б', 'у')) AS excused, SUM(a.reason IN ('н', 'п')) AS unexcused, SUM(a.reason = 'оп') AS late
       FROM study_group g JOIN lesson l ON l.group_id = g.id JOIN absence a ON a.lesson_id = l.id
      WHERE g.class_id = ? AND l.part = 0 AND l.cancelled = 0 AND l.held = 1
      GROUP BY a.pupil_id, l.date`,
  ).all(classId) as DayRow[];
  const byCell = new Map(facts.map((f) => [`${f.pupil_id}|${f.date}`, f]));
  // The school days of the grade; a date with an absence but off the calendar (an extra lesson
  // on a holiday) gets its column too, so a month's cells always add up to its totals.
  const dates = new Set(schoolDays(s.sqlite, cls.yearId, cls.grade).map((d) => d.date));
  for (const f of facts) dates.add(f.date);
  const byMonth = new Map<string, string[]>();
  for (const d of [...dates].sort()) {
    const m = d.slice(0, 7);
    let list = byMonth.get(m);
    if (!list) byMonth.set(m, (list = []));
    list.push(d);
  }
  const months: AttendanceMonth[] = [];
  for (const [month, days] of byMonth) {
    // Months not yet begun are left out; the month in progress prints whole (its later days empty).
    if (days[0]! > last && !days.some((d) => pupils.some((p) => byCell.has(`${p.pupilId}|${d}`)))) continue;
    const totals = { perDay: days.map(() => 0), missed: 0, excused: 0, unexcused: 0, late: 0 };
    const rows = pupils.map((p) => {
      const row: AttendanceRow = { cells: [], missed: 0, excused: 0, unexcused: 0, late: 0 };
      days.forEach((d, i) => {
        const f = byCell.get(`${p.pupilId}|${d}`);
        const text = f ? cellText(f.unexcused, f.excused) : '';
        // Data wins over the stay: an absence recorded outside it still shows (and is counted).
        row.cells.push(text || (inClass(p.stays, d) ? '' : '—'));
        if (!f) return;
        row.excused += f.excused;
        row.unexcused += f.unexcused;
        row.late += f.late;
        totals.perDay[i]! += f.excused + f.unexcused;
      });
      row.missed = row.excused + row.unexcused;
      totals.missed += row.missed;
      totals.excused += row.excused;
      totals.unexcused += row.unexcused;
      totals.late += row.late;
      return row;
    });
    const [y, m] = month.split('-').map(Number) as [number, number];
    months.push({ month, title: `${MONTHS[m - 1]} ${y}`, days, rows, totals });
  }
  return { kind: 'attendance', cls, pupils: pupils.map((p) => ({ no: p.no, name: p.name })), months, year: yearTable(pupils.length, months) };
}
