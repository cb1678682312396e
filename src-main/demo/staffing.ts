// Classes, study groups and who teaches what: the in-memory plan the timetable and the
// database rows are built from. Teachers get consecutive classes of their specialty (the way
// a deputy hands out load: one teacher takes 5А, 5Б, 6А ...), split subgroups of one class
// always go to two different teachers because they sit in the same slot.
import { HOURS_BY_GRADE, GROUP_ABBR, isSplit, specialtyFor, type Specialty } from './curriculum';
import { int, type Rng } from './random';

export const LETTERS = ['А', 'Б', 'В', 'Г', 'Д', 'Е'];

export interface ClassPlan {
  idx: number;
  grade: number;
  letter: string;
  name: string;
  size: number;
  hours: number;
  /** Staff index of the class teacher. */
  classTeacher: number;
}

export interface GroupPlan {
  idx: number;
  classIdx: number;
  name: string;
  whole: boolean;
  /** Subgroups: the subject they are split for and which half (1 or 2). */
  subject: string | null;
  half: 0 | 1 | 2;
}

export interface LoadPlan {
  groupIdx: number;
  subject: string;
  teacherIdx: number;
  hours: number;
}

export interface TeacherPlan {
  idx: number;
  specialty: Specialty;
  hours: number;
  room: string;
  login: string;
  isClassTeacher: boolean;
}

/** One timetable unit of a class: a subject and the group(s) + teacher(s) that sit in one slot. */
export interface UnitPlan {
  classIdx: number;
  subject: string;
  hours: number;
  parts: { groupIdx: number; teacherIdx: number }[];
}

export interface StaffPlan {
  classes: ClassPlan[];
  groups: GroupPlan[];
  loads: LoadPlan[];
  teachers: TeacherPlan[];
  units: UnitPlan[];
}

export interface Scale {
  /** Classes per grade, index 1..11. */
  perGrade: number[];
  pupilsPerClass: (rng: Rng) => number;
  /** Fixed number of teachers (big school), or null: as many as a ~24 h load needs. */
  teachers: number | null;
}

export const SMALL: Scale = { perGrade: [0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], pupilsPerClass: (rng) => int(rng, 23, 27), teachers: null };
/** DESIGN.md §7: 60 classes × 25 = 1,500 pupils, 120 teachers. */
export const BIG: Scale = { perGrade: [0, 6, 6, 6, 6, 6, 6, 6, 6, 6, 3, 3], pupilsPerClass: () => 25, teachers: 120 };

interface Bundle {
  classIdx: number;
  specialty: Specialty;
  half: 0 | 1 | 2;
  hours: number;
  teacherIdx: number;
}

export function planStaff(rng: Rng, scale: Scale): StaffPlan {
  const classes: ClassPlan[] = [];
  const groups: GroupPlan[] = [];
  for (let grade = 1; grade <= 11; grade++) {
    const hours = Object.values(HOURS_BY_GRADE[grade] ?? {}).reduce((a, b) => a + b, 0);
    for (let k = 0; k < (scale.perGrade[grade] ?? 0); k++) {
      const letter = LETTERS[k] as string;
      const c: ClassPlan = { idx: classes.length, grade, letter, name: `${grade}${letter}`, size: scale.pupilsPerClass(rng), hours, classTeacher: -1 };
      classes.push(c);
      groups.push({ idx: groups.length, classIdx: c.idx, name: c.name, whole: true, subject: null, half: 0 });
      for (const subject of Object.keys(HOURS_BY_GRADE[grade] ?? {}))
        if (isSplit(subject, grade))
          for (const half of [1, 2] as const)
            groups.push({ idx: groups.length, classIdx: c.idx, name: `${c.name} ${GROUP_ABBR[subject]} ${half} гр.`, whole: false, subject, half });
    }
  }
  const groupOf = (classIdx: number, subject: string, half: 0 | 1 | 2) =>
    groups.find((g) => g.classIdx === classIdx && (half === 0 ? g.whole : g.subject === subject && g.half === half)) as GroupPlan;

  // Bundles: one per class, specialty and half; a teacher takes a whole bundle.
  const bundles = new Map<string, Bundle>();
  for (const c of classes)
    for (const [subject, h] of Object.entries(HOURS_BY_GRADE[c.grade] ?? {})) {
      const specialty = specialtyFor(subject, c.grade);
      for (const half of isSplit(subject, c.grade) ? ([1, 2] as const) : ([0] as const)) {
        const key = `${c.idx}|${specialty}|${half}`;
        const b = bundles.get(key) ?? { classIdx: c.idx, specialty, half, hours: 0, teacherIdx: -1 };
        b.hours += h;
        bundles.set(key, b);
      }
    }

  const teachers: TeacherPlan[] = [];
  const addTeacher = (specialty: Specialty) => {
    const t: TeacherPlan = { idx: teachers.length, specialty, hours: 0, room: '', login: '', isClassTeacher: false };
    teachers.push(t);
    return t;
  };
  // Primary classes: their class teacher teaches most subjects.
  for (const b of bundles.values())
    if (b.specialty === 'primary') {
      const t = addTeacher('primary');
      b.teacherIdx = t.idx;
      t.hours += b.hours;
      (classes[b.classIdx] as ClassPlan).classTeacher = t.idx;
      t.isClassTeacher = true;
    }
  const bySpecialty = new Map<Specialty, Bundle[]>();
  // Letter-major order (5А, 6А, 7А ... 5Б, 6Б ...): a teacher follows one parallel stream
  // through the grades, so nobody's load is all primary classes, whose lessons all fall in
  // slots 1–5 and would make that teacher's timetable nearly impossible.
  const streamOrder = (b: Bundle) => {
    const c = classes[b.classIdx] as ClassPlan;
    return LETTERS.indexOf(c.letter) * 1000 + c.grade * 10 + b.half;
  };
  for (const b of [...bundles.values()].sort((x, y) => streamOrder(x) - streamOrder(y)))
    if (b.specialty !== 'primary') bySpecialty.set(b.specialty, [...(bySpecialty.get(b.specialty) ?? []), b]);
  const counts = teacherCounts(bySpecialty, scale.teachers === null ? null : scale.teachers - teachers.length);
  for (const [specialty, list] of bySpecialty) {
    const n = counts.get(specialty) as number;
    const staff = Array.from({ length: n }, () => addTeacher(specialty));
    // Consecutive bundles to one teacher until their even share is reached (by each bundle's
    // midpoint on the cumulative hours), so loads differ by at most about one bundle.
    const total = list.reduce((a, b) => a + b.hours, 0);
    let cum = 0;
    for (const b of list) {
      b.teacherIdx = (staff[Math.min(n - 1, Math.floor(((cum + b.hours / 2) * n) / total))] as TeacherPlan).idx;
      cum += b.hours;
    }
    separateHalves(list);
    for (const b of list) (teachers[b.teacherIdx] as TeacherPlan).hours += b.hours;
  }

  const loads: LoadPlan[] = [];
  const units: UnitPlan[] = [];
  const bundleOf = (c: ClassPlan, subject: string, half: 0 | 1 | 2) =>
    bundles.get(`${c.idx}|${specialtyFor(subject, c.grade)}|${half}`) as Bundle;
  for (const c of classes)
    for (const [subject, hours] of Object.entries(HOURS_BY_GRADE[c.grade] ?? {})) {
      const halves = isSplit(subject, c.grade) ? ([1, 2] as const) : ([0] as const);
      const parts = halves.map((half) => ({ groupIdx: groupOf(c.idx, subject, half).idx, teacherIdx: bundleOf(c, subject, half).teacherIdx }));
      for (const p of parts) loads.push({ groupIdx: p.groupIdx, subject, teacherIdx: p.teacherIdx, hours });
      units.push({ classIdx: c.idx, subject, hours, parts });
    }

  assignClassTeachers(classes, bundles, teachers);
  assignRoomsAndLogins(teachers);
  return { classes, groups, loads, teachers, units };
}

/**
 * Both halves of a split class sit in the same slot, so they need two teachers. Where one
 * teacher got both, swap the second half with the nearest other class's second half: equal
 * hours, so every teacher's load stays the same.
 */
function separateHalves(list: Bundle[]): void {
  const halves = list.filter((b) => b.half === 2);
  const first = (b: Bundle) => list.find((x) => x.classIdx === b.classIdx && x.half === 1) as Bundle;
  halves.forEach((b, k) => {
    const a = first(b);
    if (a.teacherIdx !== b.teacherIdx) return;
    for (let d = 1; d < halves.length; d++)
      for (const y of [halves[k + d], halves[k - d]]) {
        if (!y || y.hours !== b.hours || y.teacherIdx === a.teacherIdx || first(y).teacherIdx === b.teacherIdx) continue;
        [b.teacherIdx, y.teacherIdx] = [y.teacherIdx, b.teacherIdx];
        return;
      }
    throw new Error(`demo staffing: no second teacher for the subgroups of class #${b.classIdx}`);
  });
}

/**
 * Teachers per specialty. Small school: enough for a ~24 h load. Big school: exactly the
 * given number, shared in proportion to the hours (largest remainder).
 */
function teacherCounts(bySpecialty: Map<Specialty, Bundle[]>, fixed: number | null): Map<Specialty, number> {
  const demand = new Map([...bySpecialty].map(([s, list]) => [s, list.reduce((a, b) => a + b.hours, 0)]));
  const min = (s: Specialty) => Math.max(bySpecialty.get(s)?.some((b) => b.half > 0) ? 2 : 1, Math.ceil((demand.get(s) as number) / 30));
  const out = new Map<Specialty, number>();
  if (fixed === null) {
    for (const [s, d] of demand) out.set(s, Math.max(min(s), Math.ceil(d / 24)));
    return out;
  }
  const total = [...demand.values()].reduce((a, b) => a + b, 0);
  for (const [s, d] of demand) out.set(s, Math.max(min(s), Math.floor((fixed * d) / total)));
  const load = (s: Specialty) => (demand.get(s) as number) / (out.get(s) as number);
  let sum = [...out.values()].reduce((a, b) => a + b, 0);
  const specs = [...demand.keys()];
  while (sum < fixed) {
    const s = specs.reduce((a, b) => (load(b) > load(a) ? b : a));
    out.set(s, (out.get(s) as number) + 1);
    sum++;
  }
  while (sum > fixed) {
    const s = specs.filter((x) => (out.get(x) as number) > min(x)).reduce((a, b) => (load(b) < load(a) ? b : a));
    out.set(s, (out.get(s) as number) - 1);
    sum--;
  }
  return out;
}

/**
 * Class teachers of grades 5–11: the teacher with most hours in the class who leads no other.
 * 5А goes to its Russian teacher (the demo login "teacher"); the Math teacher of 5А (the demo
 * login "teacher2") stays a plain subject teacher.
 */
function assignClassTeachers(classes: ClassPlan[], bundles: Map<string, Bundle>, teachers: TeacherPlan[]): void {
  const first = classes.find((c) => c.grade === 5);
  if (!first) throw new Error('the demo school needs a fifth grade');
  const teacherOf = (c: ClassPlan, s: Specialty) => bundles.get(`${c.idx}|${s}|0`)?.teacherIdx ?? -1;
  const demoTeacher = teacherOf(first, 'russian');
  const demoTeacher2 = teacherOf(first, 'math');
  (teachers[demoTeacher] as TeacherPlan).login = 'teacher';
  (teachers[demoTeacher2] as TeacherPlan).login = 'teacher2';
  const take = (c: ClassPlan, t: number) => {
    c.classTeacher = t;
    (teachers[t] as TeacherPlan).isClassTeacher = true;
  };
  take(first, demoTeacher);
  for (const c of classes) {
    if (c.grade < 5 || c.classTeacher >= 0) continue;
    const free = (t: number) => t !== demoTeacher2 && !(teachers[t] as TeacherPlan).isClassTeacher;
    const mine = [...bundles.values()].filter((b) => b.classIdx === c.idx && b.half === 0 && free(b.teacherIdx)).sort((a, b) => b.hours - a.hours || a.teacherIdx - b.teacherIdx);
    const t = mine[0]?.teacherIdx ?? teachers.find((x) => x.specialty !== 'primary' && free(x.idx))?.idx;
    if (t === undefined) throw new Error(`no teacher left to lead ${c.name}`);
    take(c, t);
  }
}

function assignRoomsAndLogins(teachers: TeacherPlan[]): void {
  const perSpecialty = new Map<Specialty, number>();
  let n = 0;
  let room = 0;
  for (const t of teachers) {
    const k = (perSpecialty.get(t.specialty) ?? 0) + 1;
    perSpecialty.set(t.specialty, k);
    if (t.specialty === 'pe') t.room = `Спортзал ${k}`;
    else if (t.specialty === 'tech') t.room = `Мастерская ${k}`;
    else if (t.specialty === 'primary') t.room = String(101 + k - 1);
    else {
      // Subject rooms fill the second floor, then the third and fourth: 201..230, 301..
      const r = room++;
      t.room = `${2 + Math.floor(r / 30)}${String((r % 30) + 1).padStart(2, '0')}`;
    }
    if (!t.login) t.login = `t${String(++n).padStart(3, '0')}`;
  }
}
