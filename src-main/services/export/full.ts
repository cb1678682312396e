// The full package payload: the whole current school year, de-identified (issue 5).
// Rows go straight from indexed selects into the package shapes; people become pseudonyms.
import type { MarkValue, AbsenceReason } from '../../../src-shared/domain';
import type { PackagePayload } from '../../../src-shared/export/package';
import type { Services } from '../context';
import { prep } from '../sql';
import { pseudonymizer } from './ids';

export interface YearRef {
  id: number;
  label: string;
  startsOn: string;
  endsOn: string;
}

export function schoolSecret(s: Services): { code: string; secret: string } {
  return prep(s.sqlite, 'SELECT code, pseudonym_secret AS secret FROM school WHERE id = 1').get() as { code: string; secret: string };
}

export function fullPayload(s: Services, year: YearRef, today: string): PackagePayload {
  const q = (sql: string, ...p: unknown[]) => prep(s.sqlite, sql).all(...p) as Record<string, unknown>[];
  const ref = pseudonymizer(schoolSecret(s).secret);
  const Y = year.id;

  const classes = q('SELECT id, grade, letter FROM class_unit WHERE year_id = ? ORDER BY id', Y).map((r) => ({
    id: r.id as number,
    grade: r.grade as number,
    letter: r.letter as string,
  }));
  const groups = q(
    `SELECT g.id, g.class_id, g.name, g.is_whole_class FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ? ORDER BY g.id`,
    Y,
  ).map((r) => ({ id: r.id as number, classId: r.class_id as number, name: r.name as string, wholeClass: r.is_whole_class === 1 }));
  const subjects = q('SELECT id, name FROM subject ORDER BY id').map((r) => ({ id: r.id as number, name: r.name as string }));

  const enrolments = q(
    `SELECT e.pupil_id, e.class_id, e.from_date, e.to_date FROM enrolment e JOIN class_unit c ON c.id = e.class_id
     WHERE c.year_id = ? ORDER BY e.id`,
    Y,
  ).map((r) => ({
    pupil: ref(r.pupil_id as number),
    classId: r.class_id as number,
    from: r.from_date as string,
    to: (r.to_date as string) ?? null,
  }));
  const memberships = q(
    `SELECT m.pupil_id, m.group_id, m.from_date, m.to_date FROM group_member m JOIN study_group g ON g.id = m.group_id
     JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ? ORDER BY m.id`,
    Y,
  ).map((r) => ({
    pupil: ref(r.pupil_id as number),
    groupId: r.group_id as number,
    from: r.from_date as string,
    to: (r.to_date as string) ?? null,
  }));

  // Pupils of the year, their guardians, and staff: only a pseudonym, a kind and the UID.
  const people = [
    ...q(
      `SELECT DISTINCT p.id, p.portal_uid FROM enrolment e JOIN class_unit c ON c.id = e.class_id JOIN person p ON p.id = e.pupil_id
       WHERE c.year_id = ? ORDER BY p.id`,
      Y,
    ).map((r) => ({ ref: ref(r.id as number), kind: 'pupil' as const, uid: (r.portal_uid as string) ?? null })),
    ...q(
      `SELECT DISTINCT p.id, p.portal_uid FROM guardianship g JOIN person p ON p.id = g.guardian_id
       WHERE g.pupil_id IN (SELECT e.pupil_id FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ?) ORDER BY p.id`,
      Y,
    ).map((r) => ({ ref: ref(r.id as number), kind: 'guardian' as const, uid: (r.portal_uid as string) ?? null })),
    ...q('SELECT p.id, p.portal_uid FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.disabled = 0 ORDER BY p.id').map((r) => ({
      ref: ref(r.id as number),
      kind: 'staff' as const,
      uid: (r.portal_uid as string) ?? null,
    })),
  ];

  const staffPerson = new Map(q('SELECT id, person_id FROM staff_user').map((r) => [r.id as number, r.person_id as number] as const));
  const files = new Map<number, PackagePayload['lessons'][number]['files']>();
  for (const f of q(
    `SELECT f.lesson_id, f.name, f.mime, f.size, f.sha256 FROM lesson_file f JOIN lesson l ON l.id = f.lesson_id
     WHERE l.date BETWEEN ? AND ? ORDER BY f.id`,
    year.startsOn,
    year.endsOn,
  )) {
    const list = files.get(f.lesson_id as number) ?? [];
    list.push({ name: f.name as string, mime: f.mime as string, size: f.size as number, sha256: f.sha256 as string });
    files.set(f.lesson_id as number, list);
  }
  const lessons = q(
    `SELECT l.id, l.group_id, l.subject_id, l.date, l.slot, l.held, l.topic, l.homework, l.actual_teacher_id
     FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
     WHERE c.year_id = ? AND l.date <= ? ORDER BY l.id`,
    Y,
    year.endsOn,
  ).map((r) => {
    const teacher = r.actual_teacher_id === null ? null : staffPerson.get(r.actual_teacher_id as number);
    return {
      id: r.id as number,
      groupId: r.group_id as number,
      subjectId: r.subject_id as number,
      date: r.date as string,
      slot: r.slot as number,
      held: r.held === 1,
      topic: (r.topic as string) ?? null,
      homework: (r.homework as string) ?? null,
      teacher: teacher === undefined || teacher === null ? null : ref(teacher),
      files: files.get(r.id as number) ?? [],
    };
  });

  const cells = new Map<string, PackagePayload['cells'][number]>();
  const cell = (lessonId: number, pupilId: number) => {
    const key = `${lessonId}:${pupilId}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { lessonId, pupil: ref(pupilId), marks: [], absence: null }));
    return c;
  };
  for (const m of q(
    `SELECT m.lesson_id, m.pupil_id, m.value, w.name AS work_type, m.weight FROM mark m JOIN work_type w ON w.id = m.work_type_id
     JOIN lesson l ON l.id = m.lesson_id JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
     WHERE c.year_id = ? ORDER BY m.lesson_id, m.pupil_id, m.position`,
    Y,
  ))
    cell(m.lesson_id as number, m.pupil_id as number).marks.push({
      value: m.value as MarkValue,
      workType: m.work_type as string,
      weight: m.weight as number,
    });
  for (const a of q(
    `SELECT a.lesson_id, a.pupil_id, a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id
     JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?`,
    Y,
  ))
    cell(a.lesson_id as number, a.pupil_id as number).absence = a.reason as AbsenceReason;

  const termMarks = q(
    `SELECT tm.pupil_id, tm.group_id, tm.subject_id, t.kind, t.number, tm.value FROM term_mark tm JOIN term t ON t.id = tm.term_id
     WHERE t.year_id = ? ORDER BY tm.id`,
    Y,
  ).map((r) => ({
    pupil: ref(r.pupil_id as number),
    groupId: r.group_id as number,
    subjectId: r.subject_id as number,
    term: { kind: r.kind as 'quarter' | 'half' | 'year', number: r.number as number },
    value: r.value as string,
  }));

  return {
    classes,
    groups,
    subjects,
    people,
    enrolments,
    memberships,
    lessons,
    cells: [...cells.values()],
    termMarks,
    grants: grants(s, Y, today, ref),
    tombstones: [],
  };
}

/**
 * Who may see what on the portal: a staff UID their current load and led classes; a guardian
 * UID their child, once the application is connected.
 */
export function grants(s: Services, yearId: number, today: string, ref: (personId: number) => string): PackagePayload['grants'] {
  const q = (sql: string, ...p: unknown[]) => prep(s.sqlite, sql).all(...p) as Record<string, unknown>[];
  return [
    ...q(
      `SELECT p.portal_uid AS uid, tl.group_id, tl.subject_id FROM teaching_load tl JOIN staff_user u ON u.id = tl.teacher_id
       JOIN person p ON p.id = u.person_id JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
       WHERE p.portal_uid IS NOT NULL AND u.disabled = 0 AND c.year_id = ? AND tl.valid_from <= ? AND (tl.valid_to IS NULL OR tl.valid_to >= ?)
       ORDER BY uid, tl.group_id, tl.subject_id`,
      yearId,
      today,
      today,
    ).map((r) => ({
      uid: r.uid as string,
      scope: { kind: 'groupSubject' as const, groupId: r.group_id as number, subjectId: r.subject_id as number },
    })),
    ...q(
      `SELECT p.portal_uid AS uid, c.id AS class_id FROM class_unit c JOIN staff_user u ON u.id = c.class_teacher_id
       JOIN person p ON p.id = u.person_id WHERE p.portal_uid IS NOT NULL AND u.disabled = 0 AND c.year_id = ? ORDER BY uid, c.id`,
      yearId,
    ).map((r) => ({ uid: r.uid as string, scope: { kind: 'class' as const, classId: r.class_id as number } })),
    ...q(
      `SELECT DISTINCT p.portal_uid AS uid, a.pupil_id FROM diary_application a JOIN person p ON p.id = a.guardian_id
       WHERE a.status = 'connected' AND p.portal_uid IS NOT NULL ORDER BY uid, a.pupil_id`,
    ).map((r) => ({ uid: r.uid as string, scope: { kind: 'pupil' as const, pupil: ref(r.pupil_id as number) } })),
  ];
}
