// «Отчёт учителя»: the SQL behind it. Lessons are the stored journal columns (generated from the
// timetable, one-offs and moved ones; cancelled ones and extra control-work columns are not
// lessons), counted up to the end of the period or today, whichever is earlier: a lesson still
// ahead is neither held nor missed.
import type { PersonName } from '../../../src-shared/names';
import type { Ctx } from '../context';
import { prep } from '../sql';

export interface LoadLine {
  groupId: number;
  subjectId: number;
  /** «5А», «5А (англ. 1)». */
  group: string;
  subject: string;
  grade: number;
  hours: number;
  /** Lessons the timetable gave this teacher (planned teacher), up to the cut-off. */
  planned: number;
  /** Of them held by this teacher. */
  held: number;
  /** Of them taught by another teacher (a substitution received). */
  replaced: number;
  /** Held lessons with a topic taken from the КТП. */
  planTopics: number;
  /** Hours in the teacher's КТП for this subject and grade (null: no plan). */
  planHours: number | null;
}

export interface Substitution {
  date: string;
  slot: number;
  group: string;
  subject: string;
  /** The other teacher: whom this one replaced (given), or who replaced them (received). */
  other: PersonName | null;
  given: boolean;
}

interface LineRow {
  group_id: number;
  subject_id: number;
  class_name: string;
  group_name: string;
  is_whole_class: number;
  subject_name: string;
  grade: number;
  hours: number | null;
  planned: number;
  held: number;
  replaced: number;
  plan_topics: number;
  plan_hours: number | null;
}

interface SubRow {
  date: string;
  slot: number;
  class_name: string;
  group_name: string;
  is_whole_class: number;
  subject_name: string;
  surname: string | null;
  name: string | null;
  patronymic: string | null;
  given: number;
}

const groupLabel = (r: { class_name: string; group_name: string; is_whole_class: number }) =>
  r.is_whole_class || r.group_name === r.class_name ? r.class_name : `${r.class_name} (${r.group_name})`;

/** The teacher's journals: their load in the period and any journal the timetable gave them lessons in. */
export function loadTeacherLines(ctx: Ctx, teacherId: number, yearId: number, from: string, to: string, cut: string): LoadLine[] {
  const rows = prep(
    ctx.sqlite,
    `WITH j AS (
       SELECT group_id, subject_id, MAX(hours_per_week) AS hours FROM teaching_load
        WHERE teacher_id = :t AND draft = 0 AND valid_from <= :to AND (valid_to IS NULL OR valid_to >= :from) GROUP BY group_id, subject_id
       UNION ALL
       SELECT DISTINCT group_id, subject_id, NULL FROM lesson
        WHERE planned_teacher_id = :t AND part = 0 AND cancelled = 0 AND date BETWEEN :from AND :cut),
     jj AS (SELECT group_id, subject_id, MAX(hours) AS hours FROM j GROUP BY group_id, subject_id),
     l AS (
       SELECT l.group_id, l.subject_id, COUNT(*) AS planned,
              SUM(l.held AND (l.actual_teacher_id IS NULL OR l.actual_teacher_id = :t)) AS held,
              SUM(l.actual_teacher_id IS NOT NULL AND l.actual_teacher_id <> :t) AS replaced,
              SUM(l.held AND (l.actual_teacher_id IS NULL OR l.actual_teacher_id = :t) AND l.plan_topic_id IS NOT NULL) AS plan_topics
         FROM lesson l WHERE l.planned_teacher_id = :t AND l.part = 0 AND l.cancelled = 0 AND l.date BETWEEN :from AND :cut
        GROUP BY l.group_id, l.subject_id)
     SELECT jj.group_id, jj.subject_id, c.grade || c.letter AS class_name, g.name AS group_name, g.is_whole_class,
            s.name AS subject_name, c.grade, jj.hours, COALESCE(l.planned, 0) AS planned, COALESCE(l.held, 0) AS held,
            COALESCE(l.replaced, 0) AS replaced, COALESCE(l.plan_topics, 0) AS plan_topics,
            (SELECT SUM(pt.hours) FROM plan p JOIN plan_topic pt ON pt.plan_id = p.id
              WHERE p.year_id = :y AND p.teacher_id = :t AND p.subject_id = jj.subject_id AND p.grade = c.grade) AS plan_hours
       FROM jj JOIN study_group g ON g.id = jj.group_id JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = jj.subject_id
       LEFT JOIN l ON l.group_id = jj.group_id AND l.subject_id = jj.subject_id
      WHERE c.year_id = :y
      ORDER BY c.grade, c.letter, g.name, s.name`,
  ).all({ t: teacherId, y: yearId, from, to, cut }) as LineRow[];
  return rows.map((r) => ({
    groupId: r.group_id,
    subjectId: r.subject_id,
    group: groupLabel(r),
    subject: r.subject_name,
    grade: r.grade,
    hours: r.hours ?? 0,
    planned: r.planned,
    held: r.held,
    replaced: r.replaced,
    planTopics: r.plan_topics,
    planHours: r.plan_hours,
  }));
}

/** Lessons this teacher gave instead of another (given) and lessons another gave instead of them (received). */
export function loadSubstitutions(ctx: Ctx, teacherId: number, from: string, cut: string): Substitution[] {
  const rows = prep(
    ctx.sqlite,
    `SELECT l.date, l.slot, c.grade || c.letter AS class_name, g.name AS group_name, g.is_whole_class, s.name AS subject_name,
            p.surname, p.name, p.patronymic, l.actual_teacher_id = :t AS given
       FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = l.subject_id
       LEFT JOIN staff_user u ON u.id = CASE WHEN l.actual_teacher_id = :t THEN l.planned_teacher_id ELSE l.actual_teacher_id END
       LEFT JOIN person p ON p.id = u.person_id
      WHERE l.part = 0 AND l.cancelled = 0 AND l.date BETWEEN :from AND :cut AND l.actual_teacher_id IS NOT NULL
        AND ((l.actual_teacher_id = :t AND (l.planned_teacher_id IS NULL OR l.planned_teacher_id <> :t))
          OR (l.planned_teacher_id = :t AND l.actual_teacher_id <> :t))
      ORDER BY l.date, l.slot`,
  ).all({ t: teacherId, from, cut }) as SubRow[];
  return rows.map((r) => ({
    date: r.date,
    slot: r.slot,
    group: groupLabel(r),
    subject: r.subject_name,
    other: r.surname === null ? null : { surname: r.surname, name: r.name ?? '', patronymic: r.patronymic },
    given: r.given === 1,
  }));
}
