// What the rollover reads of the year being closed: the open year, its classes, the pupils in
// them at the year's end with their year marks per journal, the staff and the subjects.
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { OldClass } from '../../../src-shared/rollover/rules';
import type { Sqlite } from '../../../db/client';
import { prep } from '../sql';

export interface YearRow {
  id: number;
  label: string;
  starts_on: string;
  ends_on: string;
}

/** The year to roll over: the open one (there is one open year outside a rollover). */
export function openYear(sqlite: Sqlite): YearRow {
  const rows = prep(sqlite, "SELECT id, label, starts_on, ends_on FROM school_year WHERE status = 'open' ORDER BY starts_on").all() as YearRow[];
  if (rows.length === 0) throw new AppError('not_found', 'Нет открытого учебного года: переводить нечего');
  if (rows.length > 1) throw new AppError('conflict', 'Открыто несколько учебных лет: перевод возможен только из одного открытого года');
  return rows[0]!;
}

export function oldClasses(sqlite: Sqlite, yearId: number): OldClass[] {
  return (
    prep(sqlite, 'SELECT id, grade, letter, class_teacher_id FROM class_unit WHERE year_id = ? ORDER BY grade, letter').all(yearId) as {
      id: number;
      grade: number;
      letter: string;
      class_teacher_id: number | null;
    }[]
  ).map((c) => ({ id: c.id, grade: c.grade, letter: c.letter, classTeacherId: c.class_teacher_id }));
}

export interface SourcePupil {
  pupilId: number;
  name: string;
  classId: number;
  grade: number;
  letter: string;
  marks: { subjectId: number; subjectName: string; value: string | null }[];
}

interface PupilRow {
  pupil_id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  class_id: number;
  grade: number;
  letter: string;
}

/** Pupils enrolled in a class of the year on its last day, in class and name order. */
export function yearEndPupils(sqlite: Sqlite, year: YearRow, withMarks = true): SourcePupil[] {
  const rows = prep(
    sqlite,
    `SELECT e.pupil_id, p.surname, p.name, p.patronymic, c.id AS class_id, c.grade, c.letter
       FROM enrolment e JOIN class_unit c ON c.id = e.class_id JOIN person p ON p.id = e.pupil_id
      WHERE c.year_id = ? AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?)
      GROUP BY e.pupil_id ORDER BY c.grade, c.letter, p.surname, p.name, e.pupil_id`,
  ).all(year.id, year.ends_on, year.ends_on) as PupilRow[];
  const marks = new Map<number, SourcePupil['marks']>();
  // The marks query is the costly one (every pupil × journal): plan checks do without it.
  for (const m of withMarks ? yearMarks(sqlite, year) : []) {
    const list = marks.get(m.pupil_id) ?? [];
    list.push({ subjectId: m.subject_id, subjectName: m.subject_name, value: m.value });
    marks.set(m.pupil_id, list);
  }
  return rows.map((r) => ({
    pupilId: r.pupil_id,
    name: shortName(r),
    classId: r.class_id,
    grade: r.grade,
    letter: r.letter,
    marks: marks.get(r.pupil_id) ?? [],
  }));
}

export interface YearMarkRow {
  pupil_id: number;
  group_id: number;
  group_name: string;
  subject_id: number;
  subject_name: string;
  surname: string;
  name: string;
  patronymic: string | null;
  value: string | null;
}

/**
 * Every pupil × journal of the year at its end: the journals (group × subject with a load) of
 * the groups the pupil is a member of on the last day, with the year mark (null: none set).
 */
export function yearMarks(sqlite: Sqlite, year: YearRow): YearMarkRow[] {
  return prep(
    sqlite,
    `SELECT m.pupil_id, g.id AS group_id, g.name AS group_name, j.subject_id, s.name AS subject_name,
            p.surname, p.name, p.patronymic, tm.value
       FROM (SELECT DISTINCT group_id, subject_id FROM teaching_load WHERE draft = 0) j
       JOIN study_group g ON g.id = j.group_id JOIN class_unit c ON c.id = g.class_id
       JOIN group_member m ON m.group_id = g.id AND m.from_date <= @end AND (m.to_date IS NULL OR m.to_date >= @end)
       JOIN person p ON p.id = m.pupil_id
       JOIN subject s ON s.id = j.subject_id
       LEFT JOIN term t ON t.year_id = @y AND t.kind = 'year' AND c.grade BETWEEN t.grade_from AND t.grade_to
       LEFT JOIN term_mark tm ON tm.pupil_id = m.pupil_id AND tm.group_id = g.id AND tm.subject_id = j.subject_id AND tm.term_id = t.id
      WHERE c.year_id = @y
      ORDER BY c.grade, c.letter, g.name, s.name, p.surname, p.name`,
  ).all({ y: year.id, end: year.ends_on }) as YearMarkRow[];
}

export function teachers(sqlite: Sqlite): { id: number; name: string }[] {
  return (
    prep(
      sqlite,
      `SELECT u.id, p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id
        WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role IN ('teacher', 'classTeacher'))
        ORDER BY p.surname, p.name`,
    ).all() as { id: number; surname: string; name: string; patronymic: string | null }[]
  ).map((t) => ({ id: t.id, name: shortName(t) }));
}

export function subjects(sqlite: Sqlite): { id: number; name: string }[] {
  return prep(sqlite, 'SELECT id, name FROM subject ORDER BY name').all() as { id: number; name: string }[];
}
