// Completeness sums (pure): lesson facts and the marks norm in, the shares per class, per
// teacher, for the school month by month and by week out. The loader (load.ts) does the SQL.
import { weekStart } from '../../../src-shared/dates';
import type { Completeness, Share } from '../../../src-shared/rpc/overview';
import { METRICS } from '../../../src-shared/rpc/overview';

export interface LessonFact {
  groupId: number;
  subjectId: number;
  classId: number;
  /** Who taught it (actual, else planned); null: nobody to name. */
  teacherId: number | null;
  date: string;
  /** An extra column of a lesson (a control work, part > 0): only its marks count. */
  column: boolean;
  held: boolean;
  topic: boolean;
  homework: boolean;
  /** Any mark or absence in the pupils' cells. */
  cells: boolean;
  marks: number;
  /** Entered within entryDays school days; null: not judged (not due yet, or no audit trail). */
  onTime: boolean | null;
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

const add = (s: Share, ok: boolean) => {
  s.den++;
  if (ok) s.num++;
};

function addLesson(c: Completeness, l: LessonFact): void {
  c.held++;
  add(c.topic, l.topic);
  add(c.homework, l.homework);
  add(c.attendance, l.cells);
  if (l.onTime !== null) add(c.onTime, l.onTime);
}

/**
 * `expected(groupId, subjectId, month)`: marks the journal's pupils owe in that month together
 * (pupils × the prorated norm). A journal's marks above it do not make up for another journal's
 * shortfall: each journal-month counts at most its norm.
 */
export function tally(months: readonly string[], lessons: readonly LessonFact[], expected: (groupId: number, subjectId: number, month: string) => number): Tally {
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const out: Tally = { byClass: new Map(), byTeacher: new Map(), school: months.map(emptyCompleteness), weeks: new Map() };
  const row = (map: Map<number, Completeness[]>, id: number) => {
    let r = map.get(id);
    if (!r) map.set(id, (r = months.map(emptyCompleteness)));
    return r;
  };
  // Per journal-month: its marks, its class, and the lessons each teacher held (the one who held
  // most answers for the marks share).
  const mondays = new Map<string, string>();
  const journals = new Map<string, { groupId: number; subjectId: number; classId: number; month: string; marks: number; teachers: Map<number, number> }>();
  for (const l of lessons) {
    const month = l.date.slice(0, 7);
    const mi = monthIndex.get(month);
    if (mi === undefined) continue;
    const key = `${l.groupId}:${l.subjectId}:${month}`;
    let j = journals.get(key);
    if (!j) journals.set(key, (j = { groupId: l.groupId, subjectId: l.subjectId, classId: l.classId, month, marks: 0, teachers: new Map() }));
    j.marks += l.marks;
    if (l.column || !l.held) continue;
    if (l.teacherId !== null) j.teachers.set(l.teacherId, (j.teachers.get(l.teacherId) ?? 0) + 1);
    addLesson(out.school[mi]!, l);
    addLesson(row(out.byClass, l.classId)[mi]!, l);
    if (l.teacherId !== null) addLesson(row(out.byTeacher, l.teacherId)[mi]!, l);
    // ~200 distinct dates for ~58,000 lessons: the Monday is looked up, not recomputed.
    let w = mondays.get(l.date);
    if (w === undefined) mondays.set(l.date, (w = weekStart(l.date)));
    let wc = out.weeks.get(w);
    if (!wc) out.weeks.set(w, (wc = emptyCompleteness()));
    addLesson(wc, l);
  }
  for (const j of journals.values()) {
    const due = expected(j.groupId, j.subjectId, j.month);
    if (!(due > 0)) continue;
    const mi = monthIndex.get(j.month)!;
    const got = Math.min(j.marks, due);
    const targets = [out.school[mi]!, row(out.byClass, j.classId)[mi]!];
    let main: number | null = null;
    for (const [t, n] of j.teachers) if (main === null || n > j.teachers.get(main)! || (n === j.teachers.get(main)! && t < main)) main = t;
    if (main !== null) targets.push(row(out.byTeacher, main)[mi]!);
    for (const c of targets) {
      c.marks.num += got;
      c.marks.den += due;
    }
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
