// The marks and terms rules' view of the check's data (R7–R15, issue 12). The period's lessons,
// marks and absences come from the ONE loader (data.ts); this adds what a term-level rule needs
// beyond the period, in a few bulk queries (no per-lesson query):
// - before the period, from the start of each overlapping study term: the lessons (light rows),
//   the absences, and per pupil and journal one aggregate of the marks (count, digit marks and
//   their weighted sum, the last date with a mark) — rows of marks there are never needed;
// - after the period up to today (a check of a past month), on demand and only for the pupils
//   with a «2» at the period's end: the later lessons and their marks (R12, laterMarks below);
// - the term marks of those terms.
// Lessons of a grade are read only from its own terms' start (the half-year of grades 10–11 must
// not make grades 1–9 read five months).
import type { Sqlite } from '../../../db/client';
import { addDays } from '../../../src-shared/dates';
import type { CheckSettings } from '../../../src-shared/domain';
import { settingsFromText } from '../school/settings';
import { prep } from '../sql';
import { ruDate } from './rules/common';
import { LESSON_CELLS, readAbsences, readMarks } from './data-lessons';
import type { CheckAbsence, CheckData, CheckJournal, CheckMark, CheckMarks } from './data';

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
  parts: readonly TermLesson[];
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
  /** Term id → pupil id → the term mark (keyed by numbers: a string key per pupil and term was garbage). */
  termMarks: Map<number, Map<number, TermMarkEntry>>;
  /** Term id → pupil id → the pupil's marks before the period (terms begun before it). */
  before: Map<number, Map<number, MarksBefore>>;
}

/** A pupil's entry of a term in one of a journal's per-term maps. */
export function termEntry<T>(m: Map<number, Map<number, T>>, termId: number, pupilId: number): T | undefined {
  return m.get(termId)?.get(pupilId);
}

function setTermEntry<T>(m: Map<number, Map<number, T>>, termId: number, pupilId: number, value: T): void {
  let byPupil = m.get(termId);
  if (!byPupil) m.set(termId, (byPupil = new Map()));
  byPupil.set(pupilId, value);
}

/** The loader's rows are used as they are (no copy of 60,000 marks). */
export type AbsenceEntry = Pick<CheckAbsence, 'pupilId' | 'reason'>;
export type MarkEntry = Pick<CheckMark, 'pupilId' | 'value' | 'position' | 'weight' | 'workTypeId'>;

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
  sqlite: Sqlite;
  from: string;
  to: string;
  today: string;
  settings: CheckSettings;
  /** The school's rounding threshold of the suggested term mark (SchoolSettings). */
  roundingThreshold: number;
  /** The last day judged: min(to, today). */
  cutoff: string;
  journals: TermJournal[];
  /** The marks of the lessons from the period's start on (the loader's columns). */
  marks: CheckMarks;
  /** lesson id → the lesson's absences, for every loaded lesson. */
  absences: Map<number, AbsenceEntry[]>;
  /** group id → pupil id → the pupil's stays in the group (those overlapping the period), roster order. */
  members: Map<number, Map<number, Membership[]>>;
  /** Study terms overlapping the period and begun by the cutoff. */
  terms: StudyTerm[];
  pupilName(pupilId: number): string;
  /** An «отработка» work type: its mark is allowed beside an absence. */
  isMakeUp(workTypeId: number): boolean;
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

/** The digit marks, «1» at index 0. */
const DIGITS: readonly string[] = ['1', '2', '3', '4', '5'];

type Raw = unknown[];

function buildTermData(data: CheckData): TermData {
  const sqlite: Sqlite = data.sqlite;
  const { from, cutoff, today } = data;
  const terms: StudyTerm[] = data.terms
    .filter((t) => t.startsOn <= data.to && t.endsOn >= from && t.startsOn <= cutoff)
    .map((t) => ({
      id: t.id,
      yearId: t.yearId,
      kind: t.kind,
      number: t.number,
      startsOn: t.startsOn,
      endsOn: t.endsOn,
      gradeFrom: t.gradeFrom,
      gradeTo: t.gradeTo,
    }));
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
      termMarks: new Map(),
      before: new Map(),
    });
  const byId = new Map<number, CheckJournal>();
  for (const j of data.journals.values()) byId.set(j.groupId, j);

  const lessonOf = (l: Omit<TermLesson, 'isControl'> & { groupId: number; subjectId: number; workTypeId: number | null }) => {
    const j = journals.get(`${l.groupId}:${l.subjectId}`);
    if (!j) return undefined;
    const control = l.workTypeId !== null && workTypes.get(l.workTypeId)?.isControl === true;
    j.lessons.push({
      id: l.id,
      date: l.date,
      slot: l.slot,
      part: l.part,
      held: l.held,
      teacherId: l.teacherId ?? j.teacherId,
      isControl: l.part > 0 || control,
    });
    return j;
  };
  const absences = new Map<number, AbsenceEntry[]>();
  const addAbsence = (lessonId: number, entry: AbsenceEntry) => {
    const list = absences.get(lessonId);
    if (list) list.push(entry);
    else absences.set(lessonId, [entry]);
  };

  // Before the period: per start date of the grades' earliest overlapping term, the groups of those grades.
  const startOf = (grade: number, yearId: number) => {
    let start = from;
    for (const t of terms) if (t.yearId === yearId && grade >= t.gradeFrom && grade <= t.gradeTo && t.startsOn < start) start = t.startsOn;
    return start;
  };
  // Journals (group, subject) by start: the before-period queries seek lesson_slot (group,
  // subject, date range) per journal — by group alone they would read each group's whole year.
  const journalsByStart = new Map<string, [number, number][]>();
  for (const j of journals.values()) {
    const start = startOf(j.grade, j.yearId);
    if (start >= from) continue;
    const list = journalsByStart.get(start) ?? [];
    list.push([j.groupId, j.subjectId]);
    journalsByStart.set(start, list);
  }
  for (const [start, list] of journalsByStart) {
    // One query: the lessons, each with its marks and absences packed (data-lessons.ts). Marks
    // before the period are only counted: one aggregate per pupil and journal, no rows kept.
    const aggs = new Map<TermJournal, Map<number, MarksBefore>>();
    for (const r of prep(
      sqlite,
      `SELECT l.id, l.group_id, l.subject_id, l.date, l.slot, l.part, l.held, COALESCE(l.actual_teacher_id, l.planned_teacher_id), l.work_type_id,
              ${LESSON_CELLS}
         FROM json_each(@journals) j CROSS JOIN lesson l ON l.group_id = json_extract(j.value, '$[0]') AND l.subject_id = json_extract(j.value, '$[1]')
        WHERE l.date >= @start AND l.date < @end AND l.cancelled = 0`,
    )
      .raw(true)
      .all({ journals: json(list), start, end: from }) as Raw[]) {
      const id = r[0] as number;
      const date = r[3] as string;
      const j = lessonOf({
        id,
        groupId: r[1] as number,
        subjectId: r[2] as number,
        date,
        slot: r[4] as number,
        part: r[5] as number,
        held: r[6] === 1,
        teacherId: r[7] as number | null,
        workTypeId: r[8] as number | null,
      });
      if (!j) continue;
      if (r[10] !== null) readAbsences(sqlite, id, r[10] as string, (pupilId, reason) => addAbsence(id, { pupilId, reason }));
      if (r[9] === null) continue;
      let byPupil = aggs.get(j);
      if (!byPupil) aggs.set(j, (byPupil = new Map()));
      const pupils = byPupil;
      readMarks(sqlite, id, r[9] as string, (pupilId, _position, value, _workType, weight) => {
        let agg = pupils.get(pupilId);
        if (!agg) pupils.set(pupilId, (agg = { count: 0, exempt: false, digits: 0, weightedSum: 0, weights: 0, lastDate: date }));
        if (value === 'осв') agg.exempt = true;
        else agg.count++;
        const digit = DIGITS.indexOf(value) + 1;
        if (digit > 0) {
          agg.digits++;
          agg.weightedSum += digit * weight;
          agg.weights += weight;
        }
        if (date > agg.lastDate) agg.lastDate = date;
      });
    }
    // Every overlapping term that began before the period and includes this start.
    for (const [j, pupils] of aggs)
      for (const t of terms)
        if (termApplies(t, j) && t.startsOn < from) for (const [p, agg] of pupils) setTermEntry(j.before, t.id, p, agg);
  }

  // The period (from the one loader).
  for (const l of data.lessons)
    if (!l.cancelled)
      lessonOf({
        id: l.id,
        groupId: l.groupId,
        subjectId: l.subjectId,
        date: l.date,
        slot: l.slot,
        part: l.part,
        held: l.held,
        teacherId: l.actualTeacherId ?? l.plannedTeacherId,
        workTypeId: l.workTypeId,
      });
  for (const a of data.absences) addAbsence(a.lessonId, a);

  for (const j of journals.values()) {
    j.lessons.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot - b.slot || a.part - b.part));
    j.units = unitsOf(j.lessons);
  }

  const members = new Map<number, Map<number, Membership[]>>();
  for (const m of data.members) {
    let group = members.get(m.groupId);
    if (!group) members.set(m.groupId, (group = new Map()));
    const stay = { pupilId: m.pupilId, from: m.from, to: m.to };
    const list = group.get(m.pupilId);
    if (list) list.push(stay);
    else group.set(m.pupilId, [stay]);
  }

  if (terms.length && journals.size)
    for (const r of prep(
      sqlite,
      `SELECT group_id, subject_id, pupil_id, term_id, value, reason FROM term_mark
         WHERE term_id IN (SELECT value FROM json_each(?)) AND group_id IN (SELECT value FROM json_each(?))`,
    )
      .raw(true)
      .iterate(json(terms.map((t) => t.id)), json([...byId.keys()])) as IterableIterator<Raw>) {
      const j = journals.get(`${r[0] as number}:${r[1] as number}`);
      if (j) setTermEntry(j.termMarks, r[3] as number, r[2] as number, { value: r[4] as string, reason: r[5] as string | null });
    }

  const raw = prep(sqlite, 'SELECT settings FROM school WHERE id = 1').get() as { settings: string } | undefined;
  const roundingThreshold = settingsFromText({ sqlite }, raw?.settings ?? null).markRoundingThreshold;

  return {
    sqlite,
    from,
    to: data.to,
    today,
    settings: data.settings,
    roundingThreshold,
    cutoff,
    journals: [...journals.values()].filter((j) => j.lessons.length > 0),
    marks: data.marks,
    absences,
    members,
    terms,
    pupilName: (id) => data.pupilNames.get(id) ?? `ученик ${id}`,
    isMakeUp: (id) => workTypes.get(id)?.isMakeUp === true,
    // Two binary searches in the grade's sorted days (no date arithmetic: R7 asks per pupil and stay).
    schoolDayCount: (j, a, b) => {
      if (a > b) return 0;
      const days = data.schoolDays(j.yearId, j.grade);
      return firstIndex(days, b, true) - firstIndex(days, a, false);
    },
  };
}

/** The first index in a sorted array whose value is > x (after) or ≥ x (not after). */
function firstIndex(arr: readonly string[], x: string, after: boolean): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < x || (after && arr[mid] === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NO_PARTS: readonly TermLesson[] = Object.freeze([]);

/** Held part-0 lessons, each with the extra columns of its date and slot. */
function unitsOf(lessons: readonly TermLesson[]): LessonUnit[] {
  const units: LessonUnit[] = [];
  let last: LessonUnit | null = null;
  for (const l of lessons) {
    if (l.part === 0) {
      // Most lessons have no extra column: they share one empty list.
      last = l.held ? { lesson: l, parts: NO_PARTS } : null;
      if (last) units.push(last);
    } else if (last && last.lesson.date === l.date && last.lesson.slot === l.slot) last.parts = [...last.parts, l];
  }
  return units;
}

// ---- helpers the rules share -------------------------------------------------------------

/** The marks of one cell (lesson × pupil), by position. */
export function cellMarks(d: TermData, lessonId: number, pupilId: number): MarkEntry[] {
  const m = d.marks;
  const rows = m.rows.get(lessonId);
  if (!rows) return [];
  const out: MarkEntry[] = [];
  for (let i = rows.start; i < rows.end; i++)
    if (m.pupilId[i] === pupilId)
      out.push({ pupilId, value: m.value[i]!, position: m.position[i]!, weight: m.weight[i]!, workTypeId: m.workTypeId[i]! });
  return out;
}

/** The absence reason of one cell, if any. */
export function cellAbsence(d: TermData, lessonId: number, pupilId: number): string | undefined {
  const list = d.absences.get(lessonId);
  if (list) for (const a of list) if (a.pupilId === pupilId) return a.reason;
  return undefined;
}

/** Is a date inside one of the pupil's stays in the group? */
export function inStays(stays: readonly Membership[], date: string): boolean {
  for (const m of stays) if (m.from <= date && (m.to === null || m.to >= date)) return true;
  return false;
}

/** Do the pupil's stays overlap [from, to]? */
export function staysOverlap(stays: readonly Membership[], from: string, to: string): boolean {
  for (const m of stays) if (m.from <= to && (m.to === null || m.to >= from)) return true;
  return false;
}

/** Late arrival («оп») is a presence; any other reason is an absence. */
export function isAbsent(reason: string | undefined): boolean {
  return reason !== undefined && reason !== 'оп';
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

/** «урок 12.11.2026 (2-й)», with the column for a control work's extra column. */
export function lessonPlace(l: Pick<TermLesson, 'date' | 'slot' | 'part'>): string {
  return `урок ${ruDate(l.date)} (${l.slot}-й${l.part ? `, колонка ${l.part + 1}` : ''})`;
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
