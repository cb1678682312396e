// The completeness overview's loader: a handful of bulk queries over one year, aggregated in
// SQLite per journal, teacher and month (marks and absences counted per lesson through their
// covering cell indexes), per day for the weekly chart, plus the first audit entry of lessons
// for the on-time share, loads, members and calendars for the marks norm. No per-lesson query
// from JavaScript: the reference school has ~58,000 lessons and ~500,000 marks a year.
import type { Sqlite } from '../../../db/client';
import { schoolDate } from '../../../src-shared/dates';
import type { CheckSettings } from '../../../src-shared/domain';
import { schoolDays, STUDY_KINDS } from '../calendar/days';
import { prep } from '../sql';
import { dueDate, expectedPerPupil, type StudyKind, type StudyPeriod } from './norm';
import type { DayFact, MonthFact, TimedLesson } from './tally';

interface AggRow {
  /** 0: a journal-teacher-month row (at = 'YYYY-MM'); 1: a day of the school (at = the date). */
  k: 0 | 1;
  group_id: number;
  subject_id: number;
  teacher_id: number | null;
  at: string;
  held: number;
  topic: number;
  homework: number;
  attendance: number;
  marks: number;
}
interface LessonAt {
  id: number;
  group_id: number;
  teacher_id: number | null;
  date: string;
}
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
  facts: MonthFact[];
  days: DayFact[];
  timed: TimedLesson[];
  expected: (groupId: number, subjectId: number, month: string) => number;
}

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

// The year's lessons: [from, to], not cancelled, in the year's groups. Every query below
// aggregates in SQLite, so ~58,000 lessons and ~500,000 marks never cross into JavaScript one by one.
const YEAR_LESSONS = `l.date BETWEEN ? AND ? AND l.cancelled = 0
  AND l.group_id IN (SELECT g.id FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?)`;
const HELD = 'l.part = 0 AND l.held';
const TEACHER = 'COALESCE(l.actual_teacher_id, l.planned_teacher_id)';

export function loadYearFacts(sqlite: Sqlite, yearId: number, from: string, to: string, today: string, s: CheckSettings): YearFacts {
  const groups = new Map(
    (prep(sqlite, 'SELECT g.id, g.class_id, c.grade FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?').all(yearId) as GroupRow[]).map(
      (g) => [g.id, g],
    ),
  );
  // One pass over the year's lessons, materialized once and grouped twice: per journal, teacher
  // and month (k = 0) and per day for the weekly chart (k = 1). The marks of a lesson are counted
  // once (n) and reused for "attendance taken"; extra control-work columns (part > 0) add marks only.
  const rows = prep(
    sqlite,
    `WITH x AS MATERIALIZED (
       SELECT l.group_id, l.subject_id, ${TEACHER} AS teacher_id, l.date, ${HELD} AS held,
              length(trim(COALESCE(l.topic, ''))) >= ? AS topic_ok,
              l.no_homework OR length(trim(COALESCE(l.homework, ''))) > 0 AS homework_ok,
              (SELECT COUNT(*) FROM mark m WHERE m.lesson_id = l.id) AS n,
              EXISTS (SELECT 1 FROM absence a WHERE a.lesson_id = l.id) AS absent
         FROM lesson l WHERE ${YEAR_LESSONS})
     SELECT 0 AS k, group_id, subject_id, teacher_id, substr(date, 1, 7) AS at, SUM(held) AS held, SUM(held AND topic_ok) AS topic,
            SUM(held AND homework_ok) AS homework, SUM(held AND (n > 0 OR absent)) AS attendance, SUM(n) AS marks
       FROM x GROUP BY group_id, subject_id, teacher_id, at
     UNION ALL
     SELECT 1, 0, 0, NULL, date, SUM(held), SUM(held AND topic_ok), SUM(held AND homework_ok), SUM(held AND (n > 0 OR absent)), 0
       FROM x GROUP BY date`,
  ).all(s.topicMinChars, from, to, yearId) as AggRow[];
  const facts: MonthFact[] = [];
  const days: DayFact[] = [];
  for (const r of rows)
    if (r.k === 1) days.push({ date: r.at, held: r.held, topic: r.topic, homework: r.homework, attendance: r.attendance });
    else
      facts.push({
        groupId: r.group_id,
        subjectId: r.subject_id,
        classId: groups.get(r.group_id)!.class_id,
        teacherId: r.teacher_id,
        month: r.at,
        held: r.held,
        topic: r.topic,
        homework: r.homework,
        attendance: r.attendance,
        marks: r.marks,
      });

  const schoolDaysOf = new Map([...new Set([...groups.values()].map((g) => g.grade))].map((g) => [g, schoolDays(sqlite, yearId, g).map((d) => d.date)]));
  return { facts, days, timed: timedLessons(sqlite, yearId, from, to, today, s, groups, schoolDaysOf), expected: expectedMarks(sqlite, yearId, schoolDaysOf, today, s) };
}

/**
 * Held lessons whose timing can be judged: those with an audit entry (on time when the first
 * came by the due date) and those with nothing entered at all once due (late). Data without any
 * audit record was imported or generated: when it came is unknown, so it is not judged.
 */
function timedLessons(
  sqlite: Sqlite,
  yearId: number,
  from: string,
  to: string,
  today: string,
  s: CheckSettings,
  groups: Map<number, GroupRow>,
  days: Map<number, string[]>,
): TimedLesson[] {
  const first = firstEntries(sqlite, from);
  const entered = prep(
    sqlite,
    `SELECT l.id, l.group_id, ${TEACHER} AS teacher_id, l.date FROM lesson l
      WHERE l.id IN (SELECT value FROM json_each(?)) AND ${HELD} AND ${YEAR_LESSONS}`,
  ).all(JSON.stringify([...first.keys()]), from, to, yearId) as LessonAt[];
  const empty = prep(
    sqlite,
    `SELECT l.id, l.group_id, ${TEACHER} AS teacher_id, l.date FROM lesson l
      WHERE ${HELD} AND ${YEAR_LESSONS} AND COALESCE(l.topic, '') = '' AND COALESCE(l.homework, '') = '' AND NOT l.no_homework
        AND NOT EXISTS (SELECT 1 FROM mark x WHERE x.lesson_id = l.id) AND NOT EXISTS (SELECT 1 FROM absence a WHERE a.lesson_id = l.id)`,
  ).all(from, to, yearId) as LessonAt[];
  const out: TimedLesson[] = [];
  const judge = (l: LessonAt, firstAt: string | null) => {
    const g = groups.get(l.group_id)!;
    const due = dueDate(days.get(g.grade)!, l.date, s.entryDays);
    const onTime = firstAt !== null ? due === null || firstAt <= due : due !== null && due < today ? false : null;
    if (onTime !== null) out.push({ classId: g.class_id, teacherId: l.teacher_id, date: l.date, onTime });
  };
  for (const l of entered) judge(l, first.get(l.id)!);
  for (const l of empty) if (!first.has(l.id)) judge(l, null);
  return out;
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
