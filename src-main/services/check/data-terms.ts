// The marks and terms rules' view of the check's data (R7–R15, issue 12). The period's lessons,
// marks and absences come from the ONE loader (data.ts); this adds what a term-level rule needs
// beyond the period, in a few bulk queries (no per-lesson query):
// - before the period, from the start of each overlapping study term: the lessons (light rows),
//   the absences, and per pupil and journal one aggregate of the marks (count, digit marks and
//   their weighted sum, the last date with a mark) — rows of marks there are never needed;
// - after the period up to today (a check of a past month): lessons and marks, since R12 looks
//   for the mark after a «2» in the lessons that follow it;
// - the term marks of those terms.
// Lessons of a grade are read only from its own terms' start (the half-year of grades 10–11 must
// not make grades 1–9 read five months).
import type { Sqlite } from '../../../db/client';
import { addDays } from '../../../src-shared/dates';
import type { CheckSettings } from '../../../src-shared/domain';
import { settingsFromText } from '../school/settings';
import { prep } from '../sql';
import type { CheckData, CheckJournal } from './data';

export interface TermLesson {
  id: number;
  date: string;
  slot: number;
  part: number;
  held: boolean;
  /** Who answers for the lesson: the actual teacher, else the planned one, else the journal's. */
  teacherId: number | null;
  /** A control-work column (part > 0) or a lesson whose work type is a control work. */
  isControl: boolean;
}

/** One held lesson of a journal with its control-work columns (same date and slot, part > 0). */
export interface LessonUnit {
  lesson: TermLesson;
  parts: TermLesson[];
}

export interface TermJournal {
  groupId: number;
  subjectId: number;
  classId: number;
  grade: number;
  yearId: number;
  groupName: string;
  subjectName: string;
  /** The journal's teacher (teaching load) and hours per week. */
  teacherId: number | null;
  hours: number;
  /** Every loaded column (before the period only part 0 matters), by date, slot, part. */
  lessons: TermLesson[];
  /** Held part-0 lessons with their extra columns, by date and slot. */
  units: LessonUnit[];
}

export interface MarkEntry {
  value: string;
  position: number;
  weight: number;
  /** An «отработка» mark: allowed beside an absence. */
  makeUp: boolean;
}

export interface Membership {
  pupilId: number;
  from: string;
  to: string | null;
}

export interface StudyTerm {
  id: number;
  yearId: number;
  kind: 'quarter' | 'half' | 'trimester';
  number: number;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
}

export interface TermMarkEntry {
  value: string;
  reason: string | null;
}

/** A pupil's marks in a journal before the period, from the term's start. */
export interface MarksBefore {
  /** Marks other than «осв». */
  count: number;
  exempt: boolean;
  digits: number;
  weightedSum: number;
  weights: number;
  /** The last date with a mark. */
  lastDate: string;
}

export interface TermData {
  from: string;
  today: string;
  settings: CheckSettings;
  /** The school's rounding threshold of the suggested term mark (SchoolSettings). */
  roundingThreshold: number;
  /** The last day judged: min(to, today). */
  cutoff: string;
  journals: TermJournal[];
  /** lesson id → pupil id → the cell's marks, for lessons from the period's start on. */
  marks: Map<number, Map<number, MarkEntry[]>>;
  /** lesson id → pupil id → absence reason, for every loaded lesson. */
  absences: Map<number, Map<number, string>>;
  members: Map<number, Membership[]>;
  /** Study terms overlapping the period and begun by the cutoff. */
  terms: StudyTerm[];
  /** "group:subject:pupil:term" → the term mark. */
  termMarks: Map<string, TermMarkEntry>;
  /** "group:subject:pupil:term" → the marks before the period (terms begun before it). */
  before: Map<string, MarksBefore>;
  pupilName(pupilId: number): string;
  /** School days of the journal's grade between two dates, inclusive. */
  schoolDayCount(j: TermJournal, from: string, to: string): number;
}

const cache = new WeakMap<CheckData, TermData>();

/** The term view of a check's data, built once per check run (the rules R7–R15 share it). */
export function termData(data: CheckData): TermData {
  let d = cache.get(data);
  if (!d) cache.set(data, (d = buildTermData(data)));
  return d;
}

const json = (v: unknown) => JSON.stringify(v);

type Raw = unknown[];

function buildTermData(data: CheckData): TermData {
  const sqlite: Sqlite = data.sqlite;
  const { from, cutoff, today } = data;
  const terms: StudyTerm[] = data.terms
    .filter((t) => t.startsOn <= data.to && t.endsOn >= from && t.startsOn <= cutoff)
    .map((t) => ({ id: t.id, yearId: t.yearId, kind: t.kind, number: t.number, startsOn: t.startsOn, endsOn: t.endsOn, gradeFrom: t.gradeFrom, gradeTo: t.gradeTo }));
  const workTypes = data.workTypes;

  const journals = new Map<string, TermJournal>();
  for (const j of data.journals.values())
    journals.set(j.key, {
      groupId: j.groupId,
      subjectId: j.subjectId,
      classId: j.classId,
      grade: j.grade,
      yearId: j.yearId,
      groupName: j.groupLabel,
      subjectName: j.subjectName,
      teacherId: j.teacherId,
      hours: j.hoursPerWeek ?? 0,
      lessons: [],
      units: [],
    });
  const byId = new Map<number, CheckJournal>();
  for (const j of data.journals.values()) byId.set(j.groupId, j);

  const lessonOf = (l: { groupId: number; subjectId: number; id: number; date: string; slot: number; part: number; held: boolean; teacherId: number | null; workTypeId: number | null }) => {
    const j = journals.get(`${l.groupId}:${l.subjectId}`);
    if (!j) return;
    const control = l.workTypeId !== null && workTypes.get(l.workTypeId)?.isControl === true;
    j.lessons.push({ id: l.id, date: l.date, slot: l.slot, part: l.part, held: l.held, teacherId: l.teacherId ?? j.teacherId, isControl: l.part > 0 || control });
  };
  const marks = new Map<number, Map<number, MarkEntry[]>>();
  const addMark = (lessonId: number, pupilId: number, position: number, value: string, weight: number, workTypeId: number) => {
    let cell = marks.get(lessonId);
    if (!cell) marks.set(lessonId, (cell = new Map()));
    let list = cell.get(pupilId);
    if (!list) cell.set(pupilId, (list = []));
    list.push({ value, position, weight, makeUp: workTypes.get(workTypeId)?.isMakeUp === true });
  };
  const absences = new Map<number, Map<number, string>>();
  const addAbsence = (lessonId: number, pupilId: number, reason: string) => {
    let cell = absences.get(lessonId);
    if (!cell) absences.set(lessonId, (cell = new Map()));
    cell.set(pupilId, reason);
  };

  // Before the period: per start date of the grades' earliest overlapping term, the groups of those grades.
  const startOf = (grade: number, yearId: number) => {
    let start = from;
    for (const t of terms) if (t.yearId === yearId && grade >= t.gradeFrom && grade <= t.gradeTo && t.startsOn < start) start = t.startsOn;
    return start;
  };
  const groupsByStart = new Map<string, number[]>();
  for (const j of journals.values()) {
    const start = startOf(j.grade, j.yearId);
    if (start >= from) continue;
    const list = groupsByStart.get(start) ?? [];
    if (!list.includes(j.groupId)) list.push(j.groupId);
    groupsByStart.set(start, list);
  }
  const before = new Map<string, MarksBefore>();
  for (const [start, groups] of groupsByStart) {
    const args = { groups: json(groups), start, end: from };
    for (const r of prep(
      sqlite,
      `SELECT l.id, l.group_id, l.subject_id, l.date, l.slot, l.part, l.held, COALESCE(l.actual_teacher_id, l.planned_teacher_id), l.work_type_id
         FROM lesson l WHERE l.group_id IN (SELECT value FROM json_each(@groups)) AND l.date >= @start AND l.date < @end AND l.cancelled = 0`,
    )
      .raw(true)
      .iterate(args) as IterableIterator<Raw>)
      lessonOf({ id: r[0] as number, groupId: r[1] as number, subjectId: r[2] as number, date: r[3] as string, slot: r[4] as number, part: r[5] as number, held: r[6] === 1, teacherId: r[7] as number | null, workTypeId: r[8] as number | null });
    for (const r of prep(
      sqlite,
      `SELECT a.lesson_id, a.pupil_id, a.reason FROM lesson l JOIN absence a ON a.lesson_id = l.id
         WHERE l.group_id IN (SELECT value FROM json_each(@groups)) AND l.date >= @start AND l.date < @end AND l.cancelled = 0`,
    )
      .raw(true)
      .iterate(args) as IterableIterator<Raw>)
      addAbsence(r[0] as number, r[1] as number, r[2] as string);
    // One aggregate per pupil and journal: the marks' rows themselves are never needed before the period.
    for (const r of prep(
      sqlite,
      `SELECT l.group_id, l.subject_id, m.pupil_id, SUM(m.value <> 'осв'), MAX(m.value = 'осв'), SUM(m.value GLOB '[1-5]'),
              TOTAL(CASE WHEN m.value GLOB '[1-5]' THEN CAST(m.value AS INTEGER) * m.weight END),
              TOTAL(CASE WHEN m.value GLOB '[1-5]' THEN m.weight END), MAX(l.date)
         FROM lesson l JOIN mark m ON m.lesson_id = l.id
        WHERE l.group_id IN (SELECT value FROM json_each(@groups)) AND l.date >= @start AND l.date < @end AND l.cancelled = 0
        GROUP BY l.group_id, l.subject_id, m.pupil_id`,
    )
      .raw(true)
      .iterate(args) as IterableIterator<Raw>) {
      const j = journals.get(`${r[0] as number}:${r[1] as number}`);
      if (!j) continue;
      const agg: MarksBefore = { count: r[3] as number, exempt: r[4] === 1, digits: r[5] as number, weightedSum: r[6] as number, weights: r[7] as number, lastDate: r[8] as string };
      // Every overlapping term that began before the period and includes this start.
      for (const t of terms) if (termApplies(t, j) && t.startsOn < from) before.set(termKey(j.groupId, j.subjectId, r[2] as number, t.id), agg);
    }
  }

  // The period (from the one loader).
  for (const l of data.lessons)
    if (!l.cancelled)
      lessonOf({ id: l.id, groupId: l.groupId, subjectId: l.subjectId, date: l.date, slot: l.slot, part: l.part, held: l.held, teacherId: l.actualTeacherId ?? l.plannedTeacherId, workTypeId: l.workTypeId });
  for (const m of data.marks) addMark(m.lessonId, m.pupilId, m.position, m.value, m.weight, m.workTypeId);
  for (const a of data.absences) addAbsence(a.lessonId, a.pupilId, a.reason);

  // After the period, up to today: R12's later marks (a check of a month that is over).
  if (data.to < today && journals.size) {
    const groups = json([...new Set([...journals.values()].map((j) => j.groupId))]);
    const args = { groups, start: data.to, end: today };
    for (const r of prep(
      sqlite,
      `SELECT l.id, l.group_id, l.subject_id, l.date, l.slot, l.part, l.held, COALESCE(l.actual_teacher_id, l.planned_teacher_id), l.work_type_id
         FROM lesson l WHERE l.group_id IN (SELECT value FROM json_each(@groups)) AND l.date > @start AND l.date <= @end AND l.cancelled = 0`,
    )
      .raw(true)
      .iterate(args) as IterableIterator<Raw>)
      lessonOf({ id: r[0] as number, groupId: r[1] as number, subjectId: r[2] as number, date: r[3] as string, slot: r[4] as number, part: r[5] as number, held: r[6] === 1, teacherId: r[7] as number | null, workTypeId: r[8] as number | null });
    for (const r of prep(
      sqlite,
      `SELECT m.lesson_id, m.pupil_id, m.position, m.value, m.weight, m.work_type_id FROM lesson l JOIN mark m ON m.lesson_id = l.id
         WHERE l.group_id IN (SELECT value FROM json_each(@groups)) AND l.date > @start AND l.date <= @end AND l.cancelled = 0`,
    )
      .raw(true)
      .iterate(args) as IterableIterator<Raw>)
      addMark(r[0] as number, r[1] as number, r[2] as number, r[3] as string, r[4] as number, r[5] as number);
  }
  for (const j of journals.values()) {
    j.lessons.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot - b.slot || a.part - b.part));
    j.units = unitsOf(j.lessons);
  }

  const members = new Map<number, Membership[]>();
  for (const m of data.members) {
    let list = members.get(m.groupId);
    if (!list) members.set(m.groupId, (list = []));
    list.push({ pupilId: m.pupilId, from: m.from, to: m.to });
  }

  const termMarks = new Map<string, TermMarkEntry>();
  if (terms.length && journals.size)
    for (const r of prep(
      sqlite,
      `SELECT group_id, subject_id, pupil_id, term_id, value, reason FROM term_mark
         WHERE term_id IN (SELECT value FROM json_each(?)) AND group_id IN (SELECT value FROM json_each(?))`,
    )
      .raw(true)
      .iterate(json(terms.map((t) => t.id)), json([...byId.keys()])) as IterableIterator<Raw>)
      termMarks.set(termKey(r[0] as number, r[1] as number, r[2] as number, r[3] as number), { value: r[4] as string, reason: r[5] as string | null });

  const raw = prep(sqlite, 'SELECT settings FROM school WHERE id = 1').get() as { settings: string } | undefined;
  const roundingThreshold = settingsFromText({ sqlite }, raw?.settings ?? null).markRoundingThreshold;

  return {
    from,
    today,
    settings: data.settings,
    roundingThreshold,
    cutoff,
    journals: [...journals.values()].filter((j) => j.lessons.length > 0),
    marks,
    absences,
    members,
    terms,
    termMarks,
    before,
    pupilName: (id) => data.pupilNames.get(id) ?? `ученик ${id}`,
    // schoolDaysBetween counts a < d ≤ b: the day before `a` makes it inclusive.
    schoolDayCount: (j, a, b) => (a > b ? 0 : data.schoolDaysBetween(j, addDays(a, -1), b)),
  };
}

/** Held part-0 lessons, each with the extra columns of its date and slot. */
function unitsOf(lessons: readonly TermLesson[]): LessonUnit[] {
  const units: LessonUnit[] = [];
  let last: LessonUnit | null = null;
  for (const l of lessons) {
    if (l.part === 0) {
      last = l.held ? { lesson: l, parts: [] } : null;
      if (last) units.push(last);
    } else if (last && last.lesson.date === l.date && last.lesson.slot === l.slot) last.parts.push(l);
  }
  return units;
}

// ---- helpers the rules share -------------------------------------------------------------

/** Is the pupil a member of the group on that date? */
export function memberOn(list: readonly Membership[], pupilId: number, date: string): boolean {
  for (const m of list) if (m.pupilId === pupilId && m.from <= date && (m.to === null || m.to >= date)) return true;
  return false;
}

/** The pupils of a group at any time between two dates, each once, in the roster's order. */
export function pupilsBetween(list: readonly Membership[], from: string, to: string): number[] {
  const out: number[] = [];
  for (const m of list) if (m.from <= to && (m.to === null || m.to >= from) && !out.includes(m.pupilId)) out.push(m.pupilId);
  return out;
}

/** Late arrival («оп») is a presence; any other reason is an absence. */
export function isAbsent(reason: string | undefined): boolean {
  return reason !== undefined && reason !== 'оп';
}

/** The unit's absence of a pupil (stored on the lesson itself or one of its columns). */
export function unitAbsence(d: TermData, u: LessonUnit, pupilId: number): string | undefined {
  const own = d.absences.get(u.lesson.id)?.get(pupilId);
  if (own !== undefined) return own;
  for (const p of u.parts) {
    const r = d.absences.get(p.id)?.get(pupilId);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Does the pupil have any mark in the lesson or in one of its columns? */
export function unitHasMark(d: TermData, u: LessonUnit, pupilId: number): boolean {
  if (d.marks.get(u.lesson.id)?.get(pupilId)?.length) return true;
  return u.parts.some((p) => (d.marks.get(p.id)?.get(pupilId)?.length ?? 0) > 0);
}

/** "2026-11-12" → "12.11.2026". */
export function dmy(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/** «5А, Математика». */
export function journalPlace(j: Pick<TermJournal, 'groupName' | 'subjectName'>): string {
  return `${j.groupName}, ${j.subjectName}`;
}

/** «1 урок», «3 урока», «5 уроков». */
export function lessonsRu(n: number): string {
  const a = n % 10;
  const b = n % 100;
  if (a === 1 && b !== 11) return `${n} урок`;
  if (a >= 2 && a <= 4 && (b < 12 || b > 14)) return `${n} урока`;
  return `${n} уроков`;
}

/** «урок 12.11.2026 (2-й)». */
export function lessonPlace(l: Pick<TermLesson, 'date' | 'slot'>): string {
  return `урок ${dmy(l.date)} (${l.slot}-й)`;
}

/** In the accusative, after «за»: «1-ю четверть», «2-е полугодие», «3-й триместр». */
export function termName(t: Pick<StudyTerm, 'kind' | 'number'>): string {
  if (t.kind === 'quarter') return `${t.number}-ю четверть`;
  if (t.kind === 'half') return `${t.number}-е полугодие`;
  return `${t.number}-й триместр`;
}

export function termKey(groupId: number, subjectId: number, pupilId: number, termId: number): string {
  return `${groupId}:${subjectId}:${pupilId}:${termId}`;
}

/** The last day a term-level rule counts in a term: min(term end, cutoff). */
export function termCutoff(d: TermData, t: StudyTerm): string {
  return t.endsOn < d.cutoff ? t.endsOn : d.cutoff;
}

/** Does the term apply to the journal's grade? */
export function termApplies(t: StudyTerm, j: TermJournal): boolean {
  return t.yearId === j.yearId && j.grade >= t.gradeFrom && j.grade <= t.gradeTo;
}

export { addDays };
