// The monthly check's ONE loader (issue 12): everything the rules read about the period, in a
// handful of bulk queries (no per-lesson query): the journals in scope, their lessons (stored
// rows and the timetable's slots that have no row yet), marks, absences, group members, the
// school days of each grade, the study periods and their closing, and the audit log of the
// period (data-lessons, data-calendar, data-plans, data-audit.ts read the larger parts). Rules are
// pure functions of this (src-main/services/check/rules/*).
import type { Sqlite } from '../../../db/client';
import type { CheckSettings } from '../../../src-shared/domain';
import type { OfferPrefix } from '../../../src-shared/plan/offer';
import { prep } from '../sql';
import { loadAudit } from './data-audit';
import { calendarCache, timetableSlots } from './data-calendar';
import { loadPeriodLessons } from './data-lessons';
import { loadPlans } from './data-plans';
import type { RuleRun } from './engine';

export interface CheckJournal {
  key: string;
  groupId: number;
  subjectId: number;
  classId: number;
  yearId: number;
  grade: number;
  /** «5А» or «5А (англ. 1 гр.)» for a subgroup. */
  groupLabel: string;
  subjectName: string;
  /** The teacher of the journal's load in force at the end of the period, else its latest load. */
  teacherId: number | null;
  hoursPerWeek: number | null;
  classTeacherId: number | null;
}

export interface CheckLesson {
  id: number;
  groupId: number;
  subjectId: number;
  date: string;
  slot: number;
  part: number;
  held: boolean;
  cancelled: boolean;
  origin: 'timetable' | 'extra' | 'moved';
  topic: string | null;
  homework: string | null;
  noHomework: boolean;
  /** A homework file is attached. */
  hasFile: boolean;
  plannedTeacherId: number | null;
  actualTeacherId: number | null;
  planTopicId: number | null;
  workTypeId: number | null;
  weight: number | null;
}

/** A timetabled lesson of a school day in the period that has no stored row (nothing entered). */
export interface CheckSlot {
  groupId: number;
  subjectId: number;
  date: string;
  slot: number;
  teacherId: number;
}

/**
 * The period's marks as columns: row i of every array is one mark, a lesson's marks are rows
 * [start, end) of `rows.get(lessonId)`. A month is 60,000 marks or more, and an object each (with
 * the garbage collection it brings) cost the check more than all its rules.
 */
export interface CheckMarks {
  length: number;
  rows: Map<number, { start: number; end: number }>;
  lessonId: Int32Array;
  pupilId: Int32Array;
  position: Int32Array;
  value: string[];
  workTypeId: Int32Array;
  weight: Float64Array;
}

/** One mark of the period (a few asked for at a time: cellMarks in data-terms.ts). */
export interface CheckMark {
  lessonId: number;
  pupilId: number;
  position: number;
  value: string;
  workTypeId: number;
  weight: number;
}

export interface CheckAbsence {
  lessonId: number;
  pupilId: number;
  reason: string;
}

export interface CheckMember {
  groupId: number;
  pupilId: number;
  from: string;
  to: string | null;
}

export interface CheckTerm {
  id: number;
  yearId: number;
  kind: 'quarter' | 'half' | 'trimester';
  number: number;
  startsOn: string;
  endsOn: string;
  gradeFrom: number;
  gradeTo: number;
  /** Closed for the whole school (term.closed_at). */
  closedAt: string | null;
  /** Closed for one class: classId → closed_at. */
  classClosedAt: Map<number, string>;
}

export interface CheckReopen {
  termId: number;
  groupId: number;
  subjectId: number;
  lessonId: number | null;
  pupilId: number | null;
  reason: string;
  openedAt: string;
  closedAt: string | null;
}

/** One audit record of a journal entity (lesson, cell, term_mark) made since the scan start. */
export interface CheckAudit {
  seq: number;
  at: string;
  /** The school (Moscow) date of `at`. */
  date: string;
  actorId: number | null;
  action: string;
  entity: 'lesson' | 'cell' | 'term_mark';
  entityId: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** Where an audit record points (lessons outside the period that were edited in it). */
export interface CheckLessonRef {
  id: number;
  groupId: number;
  subjectId: number;
  date: string;
}

/** The КТП a journal follows (its teacher's plan for the subject and grade) and its lessons of the year. */
export interface CheckPlan {
  planId: number;
  topics: { id: number; hours: number }[];
  /** Lessons before `lessons` from the year's start, none of which accepted a plan topic: counted only. */
  prefix: OfferPrefix;
  /** Column-0 lessons after the prefix to the cutoff, cancelled ones left out, stored or timetabled, in order. */
  lessons: { date: string; slot: number; lessonId: number | null; held: boolean; planTopicId: number | null }[];
}

export interface CheckData {
  /** The connection the data came from: the term rules (data-terms.ts) read before and after the period with it. */
  sqlite: Sqlite;
  from: string;
  to: string;
  today: string;
  /** min(to, today): nothing after it is judged. */
  cutoff: string;
  settings: CheckSettings;
  journals: Map<string, CheckJournal>;
  /** Stored lessons of the period (every part, cancelled ones too), by journal, date, slot, part. */
  lessons: CheckLesson[];
  slots: CheckSlot[];
  marks: CheckMarks;
  absences: CheckAbsence[];
  members: CheckMember[];
  pupilNames: Map<number, string>;
  workTypes: Map<number, { name: string; weight: number; isControl: boolean; isMakeUp: boolean }>;
  terms: CheckTerm[];
  reopens: CheckReopen[];
  /** Journal audit records from the day before `from` (school time) to the end of the cutoff, and after it those of the period's lessons, in seq order. */
  audit: CheckAudit[];
  /** Lessons the audit records of the period name, stored (any date). */
  auditLessons: Map<number, CheckLessonRef>;
  /** By journal key: journals whose teacher has a plan for the subject and grade. */
  plans: Map<string, CheckPlan>;
  /** The texts of these plan topics (one query; R6 asks once for the topics it prints). */
  topicTexts(ids: readonly number[]): Map<number, string>;
  /** School days of a grade in a year, ascending. */
  schoolDays(yearId: number, grade: number): readonly string[];
  /** School days d with a < d ≤ b for the journal's grade (0 when b ≤ a). */
  schoolDaysBetween(j: Pick<CheckJournal, 'yearId' | 'grade'>, a: string, b: string): number;
}

export const journalKey = (groupId: number, subjectId: number): string => `${groupId}:${subjectId}`;

/** The first index in a sorted array whose value is > x. */
function upper(arr: readonly string[], x: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface JournalRow {
  group_id: number;
  subject_id: number;
  class_id: number;
  year_id: number;
  grade: number;
  letter: string;
  group_name: string;
  whole: number;
  subject_name: string;
  class_teacher_id: number | null;
}

/**
 * The scope as SQL over a group alias g, a class alias c and a subject column: classIds and
 * subjectIds narrow here (teacherIds narrow the findings, since who answers differs by rule).
 */
function scopeSql(run: RuleRun, subjectCol: string): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  if (run.scope.classIds.length) {
    parts.push('c.id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(run.scope.classIds));
  }
  if (run.scope.subjectIds.length) {
    parts.push(`${subjectCol} IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(run.scope.subjectIds));
  }
  if (run.journal) {
    parts.push(`g.id = ? AND ${subjectCol} = ?`);
    args.push(run.journal.groupId, run.journal.subjectId);
  }
  return { sql: parts.length ? ` AND ${parts.join(' AND ')}` : '', args };
}

export function loadCheckData(sqlite: Sqlite, run: RuleRun): CheckData {
  const calendars = calendarCache(sqlite);
  const cutoff = run.to < run.today ? run.to : run.today;
  const { from, to } = run;

  // Journals: every group × subject with a load, a timetable entry or a lesson overlapping the
  // period, of an open year (archived years are not checked).
  const sc = scopeSql(run, 'x.subject_id');
  const journalRows = prep(
    sqlite,
    `SELECT DISTINCT g.id AS group_id, x.subject_id, c.id AS class_id, c.year_id, c.grade, c.letter, g.name AS group_name,
            g.is_whole_class AS whole, s.name AS subject_name, c.class_teacher_id
       FROM (SELECT group_id, subject_id FROM teaching_load WHERE draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
             UNION SELECT group_id, subject_id FROM timetable_entry WHERE draft = 0 AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)
             UNION SELECT group_id, subject_id FROM lesson WHERE date BETWEEN ? AND ?) x
       JOIN study_group g ON g.id = x.group_id JOIN class_unit c ON c.id = g.class_id
       JOIN school_year y ON y.id = c.year_id AND y.status = 'open'
       JOIN subject s ON s.id = x.subject_id
       WHERE 1 = 1${sc.sql}`,
  );
  const jrows = journalRows.all(to, from, to, from, from, to, ...sc.args) as JournalRow[];
  const loads = prep(
    sqlite,
    `SELECT group_id, subject_id, teacher_id, hours_per_week, valid_from, valid_to FROM teaching_load
       WHERE draft = 0 AND valid_from <= ? ORDER BY valid_from`,
  ).all(to) as {
    group_id: number;
    subject_id: number;
    teacher_id: number;
    hours_per_week: number;
    valid_from: string;
    valid_to: string | null;
  }[];
  const loadOf = new Map<string, { teacherId: number; hours: number; inForce: boolean }>();
  for (const l of loads) {
    const k = journalKey(l.group_id, l.subject_id);
    const inForce = l.valid_to === null || l.valid_to >= cutoff;
    const have = loadOf.get(k);
    // The load in force at the end of the period wins; otherwise the latest one.
    if (!have || inForce || !have.inForce) loadOf.set(k, { teacherId: l.teacher_id, hours: l.hours_per_week, inForce });
  }
  const journals = new Map<string, CheckJournal>();
  for (const r of jrows) {
    const k = journalKey(r.group_id, r.subject_id);
    const load = loadOf.get(k);
    const cls = `${r.grade}${r.letter}`;
    journals.set(k, {
      key: k,
      groupId: r.group_id,
      subjectId: r.subject_id,
      classId: r.class_id,
      yearId: r.year_id,
      grade: r.grade,
      groupLabel: r.whole ? cls : `${cls} (${r.group_name})`,
      subjectName: r.subject_name,
      teacherId: load?.teacherId ?? null,
      hoursPerWeek: load?.hours ?? null,
      classTeacherId: r.class_teacher_id,
    });
  }

  const inScope = (g: number, s: number) => journals.has(journalKey(g, s));

  // Lessons of the period with their marks and absences: one range scan on lesson_date.
  const { lessons, marks, absences } = loadPeriodLessons(sqlite, from, to, inScope);
  lessons.sort(
    (a, b) =>
      a.groupId - b.groupId ||
      a.subjectId - b.subjectId ||
      (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
      a.slot - b.slot ||
      a.part - b.part,
  );

  // Calendars: one per (year, grade) in scope, for the whole year (term-level rules count in it).
  const dates = new Map<string, string[]>();
  const schoolDays = (yearId: number, grade: number): readonly string[] => {
    const k = `${yearId}:${grade}`;
    let d = dates.get(k);
    if (!d) dates.set(k, (d = calendars(yearId, grade).map((x) => x.date)));
    return d;
  };
  const schoolDaysBetween = (j: Pick<CheckJournal, 'yearId' | 'grade'>, a: string, b: string): number => {
    if (b <= a) return 0;
    const days = schoolDays(j.yearId, j.grade);
    return upper(days, b) - upper(days, a);
  };
  // The timetable's slots on school days of the period that have no row (a cancelled row counts as a row).
  const gradeOf = new Map<number, CheckJournal>();
  for (const j of journals.values()) gradeOf.set(j.groupId, j);
  const taken = new Set(lessons.filter((l) => l.part === 0).map((l) => `${l.groupId}|${l.subjectId}|${l.date}|${l.slot}`));
  const slots = timetableSlots(sqlite, calendars, gradeOf, inScope, from, cutoff, taken);

  // Members of the groups in scope over the period, and the pupils' names.
  const groupIds = JSON.stringify([...gradeOf.keys()]);
  const members: CheckMember[] = [];
  const pupilNames = new Map<number, string>();
  for (const [g, p, a, b, surname, name] of prep(
    sqlite,
    `SELECT m.group_id, m.pupil_id, m.from_date, m.to_date, p.surname, p.name FROM group_member m JOIN person p ON p.id = m.pupil_id
       WHERE m.group_id IN (SELECT value FROM json_each(?)) AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?)`,
  )
    .raw(true)
    .iterate(groupIds, to, from) as IterableIterator<[number, number, string, string | null, string, string]>) {
    members.push({ groupId: g, pupilId: p, from: a, to: b });
    pupilNames.set(p, `${surname} ${name}`);
  }

  const workTypes = new Map(
    (
      prep(sqlite, 'SELECT id, name, weight, is_control, is_make_up FROM work_type').all() as {
        id: number;
        name: string;
        weight: number;
        is_control: number;
        is_make_up: number;
      }[]
    ).map((w) => [w.id, { name: w.name, weight: w.weight, isControl: w.is_control === 1, isMakeUp: w.is_make_up === 1 }]),
  );

  // Study periods of the open years in scope, with each class's closing.
  const yearIds = JSON.stringify([...new Set([...journals.values()].map((j) => j.yearId))]);
  const terms = (
    prep(
      sqlite,
      `SELECT id, year_id, kind, number, starts_on, ends_on, grade_from, grade_to, closed_at FROM term
         WHERE year_id IN (SELECT value FROM json_each(?)) AND kind IN ('quarter', 'half', 'trimester') ORDER BY starts_on`,
    ).all(yearIds) as {
      id: number;
      year_id: number;
      kind: CheckTerm['kind'];
      number: number;
      starts_on: string;
      ends_on: string;
      grade_from: number;
      grade_to: number;
      closed_at: string | null;
    }[]
  ).map((t): CheckTerm => ({
    id: t.id,
    yearId: t.year_id,
    kind: t.kind,
    number: t.number,
    startsOn: t.starts_on,
    endsOn: t.ends_on,
    gradeFrom: t.grade_from,
    gradeTo: t.grade_to,
    closedAt: t.closed_at,
    classClosedAt: new Map(),
  }));
  const termById = new Map(terms.map((t) => [t.id, t]));
  for (const c of prep(sqlite, 'SELECT term_id, class_id, closed_at FROM term_closure').all() as {
    term_id: number;
    class_id: number;
    closed_at: string;
  }[])
    termById.get(c.term_id)?.classClosedAt.set(c.class_id, c.closed_at);
  const reopens = (
    prep(sqlite, 'SELECT term_id, group_id, subject_id, lesson_id, pupil_id, reason, opened_at, closed_at FROM term_reopen').all() as {
      term_id: number;
      group_id: number;
      subject_id: number;
      lesson_id: number | null;
      pupil_id: number | null;
      reason: string;
      opened_at: string;
      closed_at: string | null;
    }[]
  )
    .filter((r) => termById.has(r.term_id))
    .map((r) => ({
      termId: r.term_id,
      groupId: r.group_id,
      subjectId: r.subject_id,
      lessonId: r.lesson_id,
      pupilId: r.pupil_id,
      reason: r.reason,
      openedAt: r.opened_at,
      closedAt: r.closed_at,
    }));

  const { audit, auditLessons } = loadAudit(sqlite, from, cutoff);

  const plans = loadPlans(sqlite, calendars, journals, gradeOf, lessons, slots, from, cutoff);

  return {
    sqlite,
    from,
    to,
    today: run.today,
    cutoff,
    settings: run.settings,
    journals,
    lessons,
    slots,
    marks,
    absences,
    members,
    pupilNames,
    workTypes,
    terms,
    reopens,
    audit,
    auditLessons,
    plans,
    topicTexts: (ids) =>
      new Map(
        ids.length
          ? (prep(sqlite, 'SELECT id, topic FROM plan_topic WHERE id IN (SELECT value FROM json_each(?))')
              .raw(true)
              .all(JSON.stringify([...new Set(ids)])) as [number, string][])
          : [],
      ),
    schoolDays,
    schoolDaysBetween,
  };
}
