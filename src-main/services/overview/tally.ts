// Completeness sums (pure): the loader's per-journal-month counts, the judged lessons' timing
// and the marks norm in; the shares per class, per teacher, for the school month by month and
// by week out. The loader (load.ts) does the SQL and its aggregation.
import { weekStart } from '../../../src-shared/dates';
import type { Completeness, Share } from '../../../src-shared/rpc/overview';
import { METRICS } from '../../../src-shared/rpc/overview';

/** One journal's held lessons of one teacher in one month (extra control-work columns: marks only). */
export interface MonthFact {
  groupId: number;
  subjectId: number;
  classId: number;
  /** Who taught them (actual, else planned); null: nobody to name. */
  teacherId: number | null;
  month: string;
  held: number;
  topic: number;
  homework: number;
  /** Held lessons with any mark or absence in the pupils' cells. */
  attendance: number;
  /** Marks in all the journal's columns of the month (control-work columns too). */
  marks: number;
}

/** The school's held lessons of one day (the weekly chart). */
export interface DayFact {
  date: string;
  held: number;
  topic: number;
  homework: number;
  attendance: number;
}

/** A held lesson whose timing could be judged: entered on time or not. */
export interface TimedLesson {
  classId: number;
  teacherId: number | null;
  date: string;
  onTime: boolean;
}

export const emptyCompleteness = (): Completeness => ({
  held: 0,
  topic: { num: 0, den: 0 },
  homework: { num: 0, den: 0 },
  attendance: { num: 0, den: 0 },
  marks: { num: 0, den: 0 },
  onTime: { num: 0, den: 0 },
});

export interface Tally {
  byClass: Map<number, Completeness[]>;
  byTeacher: Map<number, Completeness[]>;
  school: Completeness[];
  weeks: Map<string, Completeness>;
}

const addShare = (s: Share, num: number, den: number) => {
  s.num += num;
  s.den += den;
};

function addMonth(c: Completeness, f: MonthFact): void {
  c.held += f.held;
  addShare(c.topic, f.topic, f.held);
  addShare(c.homework, f.homework, f.held);
  addShare(c.attendance, f.attendance, f.held);
}

/**
 * `expected(groupId, subjectId, month)`: marks the journal's pupils owe in that month together
 * (pupils × the prorated norm). A journal's marks above it do not make up for another journal's
 * shortfall: each journal-month counts at most its norm, and goes to the teacher who held most
 * of its lessons that month.
 */
export function tally(
  months: readonly string[],
  facts: readonly MonthFact[],
  days: readonly DayFact[],
  timed: readonly TimedLesson[],
  expected: (groupId: number, subjectId: number, month: string) => number,
): Tally {
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const out: Tally = { byClass: new Map(), byTeacher: new Map(), school: months.map(emptyCompleteness), weeks: new Map() };
  const row = (map: Map<number, Completeness[]>, id: number) => {
    let r = map.get(id);
    if (!r) map.set(id, (r = months.map(emptyCompleteness)));
    return r;
  };
  const week = (date: string) => {
    const w = weekStart(date);
    let c = out.weeks.get(w);
    if (!c) out.weeks.set(w, (c = emptyCompleteness()));
    return c;
  };
  const journals = new Map<string, { f: MonthFact; marks: number; teacher: number | null; most: number }>();
  for (const f of facts) {
    const mi = monthIndex.get(f.month);
    if (mi === undefined) continue;
    if (f.held > 0) {
      addMonth(out.school[mi]!, f);
      addMonth(row(out.byClass, f.classId)[mi]!, f);
      if (f.teacherId !== null) addMonth(row(out.byTeacher, f.teacherId)[mi]!, f);
    }
    const key = `${f.groupId}:${f.subjectId}:${f.month}`;
    const j = journals.get(key);
    const leads = (t: number | null, n: number, than: { teacher: number | null; most: number }) =>
      t !== null && (n > than.most || (n === than.most && n > 0 && (than.teacher === null || t < than.teacher)));
    if (!j) journals.set(key, { f, marks: f.marks, teacher: f.held > 0 ? f.teacherId : null, most: f.teacherId === null ? 0 : f.held });
    else {
      j.marks += f.marks;
      if (leads(f.teacherId, f.held, j)) {
        j.teacher = f.teacherId;
        j.most = f.held;
      }
    }
  }
  for (const { f, marks, teacher } of journals.values()) {
    const due = expected(f.groupId, f.subjectId, f.month);
    if (!(due > 0)) continue;
    const mi = monthIndex.get(f.month)!;
    const targets = [out.school[mi]!, row(out.byClass, f.classId)[mi]!];
    if (teacher !== null) targets.push(row(out.byTeacher, teacher)[mi]!);
    for (const c of targets) addShare(c.marks, Math.min(marks, due), due);
  }
  for (const d of days) {
    if (!monthIndex.has(d.date.slice(0, 7)) || d.held === 0) continue;
    const c = week(d.date);
    c.held += d.held;
    addShare(c.topic, d.topic, d.held);
    addShare(c.homework, d.homework, d.held);
    addShare(c.attendance, d.attendance, d.held);
  }
  for (const l of timed) {
    const mi = monthIndex.get(l.date.slice(0, 7));
    if (mi === undefined) continue;
    const ok = l.onTime ? 1 : 0;
    addShare(out.school[mi]!.onTime, ok, 1);
    addShare(row(out.byClass, l.classId)[mi]!.onTime, ok, 1);
    if (l.teacherId !== null) addShare(row(out.byTeacher, l.teacherId)[mi]!.onTime, ok, 1);
    addShare(week(l.date).onTime, ok, 1);
  }
  return out;
}

/** The lowest share of any metric in any month (1 when nothing was measured): rows sort by it. */
export function worstShare(cells: readonly Completeness[]): number {
  let worst = 1;
  for (const c of cells)
    for (const m of METRICS) {
      const s = c[m];
      if (s.den > 0) worst = Math.min(worst, s.num / s.den);
    }
  return worst;
}
