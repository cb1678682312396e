// What the portal's diary must be, computed straight from the journal tables with plain SQL
// (issue 9): written from DESIGN.md §6 and the package schema, NOT from the exporter's own
// builders, so a test that compares the portal with it can catch the exporter agreeing with
// itself. People appear as the keyed hash of "person:<id>" with the school's secret.
// Who is on the portal: pupils enrolled in the year; staff whose account is not disabled;
// guardians with a connected diary application for a pupil of the year (one row a person:
// pupil before staff before guardian). Grants: a staff UID its loads valid today and the
// classes it leads; a guardian UID (connected application) its child.
import { createHmac } from 'node:crypto';
import type { Sqlite } from '../../db/client';
import { canonicalDiary, type Diary } from '../../src-shared/export/keys';

type Row = Record<string, any>;

export function expectedDiary(sqlite: Sqlite, today: string): Diary {
  const all = (sql: string, ...p: unknown[]) => sqlite.prepare(sql).all(...p) as Row[];
  const { secret } = sqlite.prepare('SELECT pseudonym_secret AS secret FROM school WHERE id = 1').get() as { secret: string };
  const key = Buffer.from(secret, 'hex');
  const refs = new Map<number, string>();
  const ref = (id: number) => {
    let r = refs.get(id);
    if (r === undefined) refs.set(id, (r = createHmac('sha256', key).update(`person:${id}`).digest('hex')));
    return r;
  };
  const year = sqlite
    .prepare(`SELECT id, ends_on FROM school_year WHERE status = 'open' AND ? BETWEEN starts_on AND ends_on`)
    .get(today) as { id: number; ends_on: string };
  const Y = year.id;
  const yearPupils = `SELECT e.pupil_id FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ${Number(Y)}`;

  const people = new Map<number, { kind: 'pupil' | 'staff' | 'guardian'; uid: string | null }>();
  const add = (kind: 'pupil' | 'staff' | 'guardian', rows: Row[]) => {
    for (const r of rows) if (!people.has(r.id)) people.set(r.id, { kind, uid: r.portal_uid });
  };
  add('pupil', all(`SELECT id, portal_uid FROM person WHERE id IN (${yearPupils})`));
  add('staff', all('SELECT p.id, p.portal_uid FROM person p JOIN staff_user u ON u.person_id = p.id WHERE u.disabled = 0'));
  add(
    'guardian',
    all(
      `SELECT id, portal_uid FROM person WHERE id IN
       (SELECT guardian_id FROM diary_application WHERE status = 'connected' AND pupil_id IN (${yearPupils}))`,
    ),
  );

  const staffPerson = new Map(all('SELECT id, person_id FROM staff_user').map((r) => [r.id as number, r.person_id as number]));
  const lessons = all(
    `SELECT l.* FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
     WHERE c.year_id = ? AND l.date <= ?`,
    Y,
    year.ends_on,
  );
  const lessonIds = new Set(lessons.map((l) => l.id as number));
  const files = new Map<number, unknown[]>();
  for (const f of all('SELECT lesson_id, name, mime, size, sha256 FROM lesson_file ORDER BY id'))
    files.set(f.lesson_id, [...(files.get(f.lesson_id) ?? []), { name: f.name, mime: f.mime, size: f.size, sha256: f.sha256 }]);

  const cells = new Map<string, { lessonId: number; pupil: string; marks: unknown[]; absence: string | null }>();
  const cell = (lessonId: number, pupilId: number) => {
    const k = `${lessonId}:${pupilId}`;
    let c = cells.get(k);
    if (!c) cells.set(k, (c = { lessonId, pupil: ref(pupilId), marks: [], absence: null }));
    return c;
  };
  for (const m of all(
    'SELECT m.lesson_id, m.pupil_id, m.value, w.name, m.weight FROM mark m JOIN work_type w ON w.id = m.work_type_id ORDER BY m.lesson_id, m.pupil_id, m.position',
  ))
    if (lessonIds.has(m.lesson_id)) cell(m.lesson_id, m.pupil_id).marks.push({ value: m.value, workType: m.name, weight: m.weight });
  for (const a of all('SELECT lesson_id, pupil_id, reason FROM absence'))
    if (lessonIds.has(a.lesson_id)) cell(a.lesson_id, a.pupil_id).absence = a.reason;

  const staffGrants = all(
    `SELECT p.portal_uid AS uid, tl.group_id, tl.subject_id FROM teaching_load tl JOIN staff_user u ON u.id = tl.teacher_id
     JOIN person p ON p.id = u.person_id JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
     WHERE c.year_id = ? AND u.disabled = 0 AND p.portal_uid IS NOT NULL AND tl.valid_from <= ? AND (tl.valid_to IS NULL OR tl.valid_to >= ?)`,
    Y,
    today,
    today,
  );
  const classGrants = all(
    `SELECT p.portal_uid AS uid, c.id FROM class_unit c JOIN staff_user u ON u.id = c.class_teacher_id JOIN person p ON p.id = u.person_id
     WHERE c.year_id = ? AND u.disabled = 0 AND p.portal_uid IS NOT NULL`,
    Y,
  );
  const guardianGrants = all(
    `SELECT DISTINCT p.portal_uid AS uid, a.pupil_id FROM diary_application a JOIN person p ON p.id = a.guardian_id
     WHERE a.status = 'connected' AND p.portal_uid IS NOT NULL AND a.pupil_id IN (${yearPupils})`,
  );
  // Several loads of one teacher on the same group × subject are one grant.
  const unique = <T>(xs: T[]) => [...new Map(xs.map((x) => [JSON.stringify(x), x])).values()];

  return canonicalDiary({
    classes: all('SELECT id, grade, letter FROM class_unit WHERE year_id = ?', Y).map((r) => ({
      id: r.id,
      grade: r.grade,
      letter: r.letter,
    })),
    groups: all(
      'SELECT g.id, g.class_id, g.name, g.is_whole_class FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?',
      Y,
    ).map((r) => ({ id: r.id, classId: r.class_id, name: r.name, wholeClass: r.is_whole_class === 1 })),
    subjects: all('SELECT id, name FROM subject').map((r) => ({ id: r.id, name: r.name })),
    people: [...people].map(([id, p]) => ({ ref: ref(id), kind: p.kind, uid: p.uid })),
    enrolments: all('SELECT e.* FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ?', Y).map((r) => ({
      pupil: ref(r.pupil_id),
      classId: r.class_id,
      from: r.from_date,
      to: r.to_date,
    })),
    memberships: all(
      'SELECT m.* FROM group_member m JOIN study_group g ON g.id = m.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?',
      Y,
    ).map((r) => ({ pupil: ref(r.pupil_id), groupId: r.group_id, from: r.from_date, to: r.to_date })),
    lessons: lessons.map((l) => ({
      id: l.id,
      groupId: l.group_id,
      subjectId: l.subject_id,
      date: l.date,
      slot: l.slot,
      held: l.held === 1,
      topic: l.topic,
      homework: l.homework,
      teacher: l.actual_teacher_id === null ? null : ref(staffPerson.get(l.actual_teacher_id)!),
      files: files.get(l.id) ?? [],
    })),
    cells: [...cells.values()] as Diary['cells'],
    termMarks: all(
      `SELECT tm.pupil_id, tm.group_id, tm.subject_id, t.kind, t.number, tm.value,
              t.closed_at IS NOT NULL OR tm.group_id IN (SELECT g.id FROM term_closure x JOIN study_group g ON g.class_id = x.class_id WHERE x.term_id = t.id) AS closed
         FROM term_mark tm JOIN term t ON t.id = tm.term_id WHERE t.year_id = ?`,
      Y,
    ).map((r) => ({
      pupil: ref(r.pupil_id),
      groupId: r.group_id,
      subjectId: r.subject_id,
      term: { kind: r.kind, number: r.number },
      value: r.value,
      closed: r.closed === 1,
    })),
    grants: [
      ...unique(
        staffGrants.map((r) => ({ uid: r.uid, scope: { kind: 'groupSubject' as const, groupId: r.group_id, subjectId: r.subject_id } })),
      ),
      ...classGrants.map((r) => ({ uid: r.uid, scope: { kind: 'class' as const, classId: r.id } })),
      ...guardianGrants.map((r) => ({ uid: r.uid, scope: { kind: 'pupil' as const, pupil: ref(r.pupil_id) } })),
    ],
  } as Diary);
}
