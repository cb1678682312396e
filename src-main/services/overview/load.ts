// The completeness overview's loader: a handful of bulk queries over one year (lessons, marks
// and absences counted per lesson, the first audit entry per lesson, loads, members, calendars),
// turned into the pure tally's lesson facts. No per-lesson query: the reference school has
// ~58,000 lessons and ~500,000 marks a year and the page must answer in well under a second.
import type { Sqlite } from '../../../db/client';
import { schoolDate } from '../../../src-shared/dates';
import type { CheckSettings } from '../../../src-shared/domain';
import { schoolDays, STUDY_KINDS } from '../calendar/days';
import { prep } from '../sql';
import { dueDate, expectedPerPupil, type StudyKind, type StudyPeriod } from './norm';
import type { LessonFact } from './tally';

/** One lesson as .raw() returns it (arrays skip building 58,000 objects on the reference school). */
type LessonTuple = [
  id: number,
  groupId: number,
  subjectId: number,
  teacherId: number | null,
  date: string,
  part: number,
  held: number,
  topicOk: number,
  homeworkOk: number,
  /** Anything written on the lesson itself (a topic of any length, homework, «без д/з»). */
  hasText: number,
];
type CountTuple = [lessonId: number, n: number];
interface GroupRow {
  id: number;
  class_id: number;
  grade: number;
}
interface FirstRow {
  lesson_id: number;
  at: string;
}
interface LoadRow {
  group_id: number;
  subject_id: number;
  hours: number;
}
interface MemberRow {
  group_id: number;
  from_date: string;
  to_date: string | null;
}
interface TermRow {
  kind: StudyKind;
  starts_on: string;
  ends_on: string;
  grade_from: number;
  grade_to: number;
}

export interface YearFacts {
  lessons: LessonFact[];
  expected: (groupId: number, subjectId: number, month: string) => number;
}

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** Lessons of [from, to] of the year's classes (cancelled ones are not lessons). */
export function loadYearFacts(sqlite: Sqlite, yearId: number, from: string, to: string, today: string, s: CheckSettings): YearFacts {
  const groups = new Map(
    (prep(sqlite, 'SELECT g.id, g.class_id, c.grade FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?').all(yearId) as GroupRow[]).map(
      (g) => [g.id, g],
    ),
  );
  // A plain range scan without joins: the year's groups are matched in memory (joining class_unit
  // and study_group made SQLite walk each group's lessons through lesson_slot instead).
  const rows = (
    prep(
      sqlite,
      `SELECT id, group_id, subject_id, COALESCE(actual_teacher_id, planned_teacher_id), date, part, held,
              length(trim(COALESCE(topic, ''))) >= ?,
              no_homework OR length(trim(COALESCE(homework, ''))) > 0,
              no_homework OR COALESCE(topic, '') <> '' OR COALESCE(homework, '') <> ''
         FROM lesson WHERE date BETWEEN ? AND ? AND cancelled = 0`,
    ).raw() as unknown as { all(...p: unknown[]): LessonTuple[] }
  )
    .all(s.topicMinChars, from, to)
    .filter((r) => groups.has(r[1]));
  let minId = Infinity;
  let maxId = -Infinity;
  for (const r of rows) {
    if (r[0] < minId) minId = r[0];
    if (r[0] > maxId) maxId = r[0];
  }
  const marks = countsByLesson(sqlite, 'mark', minId, maxId);
  const absences = countsByLesson(sqlite, 'absence', minId, maxId);
  const first = firstEntries(sqlite, from);

  const grades = [...new Set([...groups.values()].map((g) => g.grade))];
  const days = new Map(grades.map((g) => [g, schoolDays(sqlite, yearId, g).map((d) => d.date)]));
  const lessons: LessonFact[] = rows.map(([id, groupId, subjectId, teacherId, date, part, held, topicOk, homeworkOk, hasText]) => {
    const g = groups.get(groupId)!;
    const nMarks = marks.get(id) ?? 0;
    const cells = nMarks > 0 || absences.has(id);
    return {
      groupId,
      subjectId,
      classId: g.class_id,
      teacherId,
      date,
      column: part > 0,
      held: held === 1,
      topic: topicOk === 1,
      homework: homeworkOk === 1,
      cells,
      marks: nMarks,
      onTime: onTime(first.get(id) ?? null, days.get(g.grade)!, date, today, s.entryDays, hasText === 1 || cells),
    };
  });
  return { lessons, expected: expectedMarks(sqlite, yearId, days, today, s) };
}

function onTime(firstAt: string | null, days: readonly string[], date: string, today: string, entryDays: number, hasData: boolean): boolean | null {
  const due = dueDate(days, date, entryDays);
  if (firstAt !== null) return due === null || firstAt <= due;
  // Data without any audit record was imported or generated: when it came is unknown.
  if (hasData) return null;
  return due !== null && due < today ? false : null;
}

function countsByLesson(sqlite: Sqlite, table: 'mark' | 'absence', minId: number, maxId: number): Map<number, number> {
  if (minId > maxId) return new Map();
  // One pass over the covering cell index (mark_cell / absence_cell lead with lesson_id), already
  // in lesson order: no temporary b-tree, no lesson rows touched. Other years' ids fall outside.
  const rows = (
    prep(sqlite, `SELECT lesson_id, COUNT(*) FROM ${table} WHERE lesson_id BETWEEN ? AND ? GROUP BY lesson_id`).raw() as unknown as {
      all(...p: unknown[]): CountTuple[];
    }
  ).all(minId, maxId);
  return new Map(rows);
}

/**
 * The school date of each lesson's first entry: its topic or homework (entity 'lesson', the
 * teacher's own edits only — a column added or a substitution is not an entry) or a mark or
 * absence (entity 'cell', id "lessonId:pupilId"). From the year's start on.
 */
function firstEntries(sqlite: Sqlite, from: string): Map<number, string> {
  // Audit instants are UTC; a day starts at 00:00 Moscow (21:00 UTC the day before), so start a day early.
  const since = `${previousDay(from)}T00:00:00.000Z`;
  const rows = prep(
    sqlite,
    `SELECT CAST(entity_id AS INTEGER) AS lesson_id, MIN(at) AS at FROM audit_event
      WHERE entity = 'lesson' AND action = 'journal.lesson' AND at >= ? GROUP BY entity_id
     UNION ALL
     SELECT CAST(substr(entity_id, 1, instr(entity_id, ':') - 1) AS INTEGER) AS lesson_id, MIN(at) AS at FROM audit_event
      WHERE entity = 'cell' AND at >= ? GROUP BY 1`,
  ).all(since, since) as FirstRow[];
  const out = new Map<number, string>();
  // Instants to school dates: one Intl call per distinct hour, not per row.
  const dates = new Map<string, string>();
  for (const r of rows) {
    const hour = r.at.slice(0, 13);
    let d = dates.get(hour);
    if (d === undefined) dates.set(hour, (d = schoolDate(new Date(r.at))));
    const prev = out.get(r.lesson_id);
    if (prev === undefined || d < prev) out.set(r.lesson_id, d);
  }
  return out;
}

function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** pupils × marks per pupil owed, per journal and month (cut at today). */
function expectedMarks(sqlite: Sqlite, yearId: number, days: Map<number, string[]>, today: string, s: CheckSettings): YearFacts['expected'] {
  const hours = new Map<string, number>();
  for (const r of prep(
    sqlite,
    `SELECT tl.group_id, tl.subject_id, MAX(tl.hours_per_week) AS hours FROM teaching_load tl
       JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
      WHERE c.year_id = ? AND tl.draft = 0 GROUP BY tl.group_id, tl.subject_id`,
  ).all(yearId) as LoadRow[])
    hours.set(`${r.group_id}:${r.subject_id}`, r.hours);
  const members = new Map<number, MemberRow[]>();
  for (const m of prep(
    sqlite,
    `SELECT m.group_id, m.from_date, m.to_date FROM group_member m JOIN study_group g ON g.id = m.group_id
       JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?`,
  ).all(yearId) as MemberRow[]) {
    const list = members.get(m.group_id);
    if (list) list.push(m);
    else members.set(m.group_id, [m]);
  }
  const terms = prep(
    sqlite,
    `SELECT kind, starts_on, ends_on, grade_from, grade_to FROM term WHERE year_id = ? AND kind IN (${STUDY_KINDS.map(() => '?').join(',')})`,
  ).all(yearId, ...STUDY_KINDS) as TermRow[];
  const gradeOf = new Map(
    (prep(sqlite, 'SELECT g.id, c.grade FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?').all(yearId) as {
      id: number;
      grade: number;
    }[]).map((r) => [r.id, r.grade]),
  );
  const cache = new Map<string, number>();
  return (groupId, subjectId, month) => {
    const h = hours.get(`${groupId}:${subjectId}`);
    const grade = gradeOf.get(groupId);
    if (h === undefined || grade === undefined) return 0;
    const from = `${month}-01`;
    const end = lastDay(month);
    const to = end < today ? end : today;
    const key = `${grade}:${h}:${month}`;
    let perPupil = cache.get(key);
    if (perPupil === undefined) {
      const periods: StudyPeriod[] = terms
        .filter((t) => grade >= t.grade_from && grade <= t.grade_to)
        .map((t) => ({ kind: t.kind, startsOn: t.starts_on, endsOn: t.ends_on }));
      cache.set(key, (perPupil = expectedPerPupil(periods, days.get(grade) ?? schoolDays(sqlite, yearId, grade).map((d) => d.date), h, from, to, s)));
    }
    // Pupils in the group at any time of the month (one who left mid-month still owed marks).
    const pupils = (members.get(groupId) ?? []).filter((m) => m.from_date <= to && (m.to_date === null || m.to_date >= from)).length;
    return pupils * perPupil;
  };
}
