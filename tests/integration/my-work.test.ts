// journal.myWork: a teacher's own load (write), their led class's other subjects (read),
// the week's lessons from the timetable, and nothing of other teachers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z'); // Thursday
  const s = app.services.sqlite;
  const ins = (sql: string, ...p: unknown[]) => Number(s.prepare(sql).run(...p).lastInsertRowid);
  const teacher = await addUser(app, 'teacher', ['teacher', 'classTeacher']);
  const other = await addUser(app, 'other', ['teacher']);
  await addUser(app, 'director', ['director']);
  const year = ins("INSERT INTO school_year (label, starts_on, ends_on) VALUES ('2026/2027', '2026-09-01', '2027-05-31')");
  const c5a = ins("INSERT INTO class_unit (year_id, grade, letter, class_teacher_id) VALUES (?, 5, 'А', ?)", year, teacher);
  const c6b = ins("INSERT INTO class_unit (year_id, grade, letter) VALUES (?, 6, 'Б')", year);
  const g5a = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '5А', 1)", c5a);
  const g6b = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '6Б', 1)", c6b);
  const rus = ins("INSERT INTO subject (name, short_name) VALUES ('Русский язык', 'Рус')");
  const math = ins("INSERT INTO subject (name, short_name) VALUES ('Математика', 'Мат')");
  ins(
    "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,5,'2026-09-01')",
    g5a,
    rus,
    teacher,
  );
  ins(
    "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,4,'2026-09-01')",
    g6b,
    rus,
    teacher,
  );
  ins(
    "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,5,'2026-09-01')",
    g5a,
    math,
    other,
  );
  ins(
    "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,5,'2026-09-01')",
    g6b,
    math,
    other,
  );
  // An ended load must not show.
  ins(
    "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from, valid_to) VALUES (?,?,?,1,'2026-09-01','2026-10-31')",
    g6b,
    math,
    teacher,
  );
  for (let i = 0; i < 3; i++) {
    const p = ins("INSERT INTO person (surname, name) VALUES ('Ученик', ?)", `№${i}`);
    ins(
      "INSERT INTO group_member (pupil_id, group_id, from_date, to_date) VALUES (?,?,'2026-09-01', ?)",
      p,
      g5a,
      i === 2 ? '2026-11-01' : null,
    );
  }
  ins(
    "INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, room, valid_from) VALUES (?,?,?,4,2,'12','2026-09-01')",
    g5a,
    rus,
    teacher,
  );
  ins(
    "INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, room, valid_from) VALUES (?,?,?,1,1,'12','2026-09-01')",
    g6b,
    rus,
    teacher,
  );
  ins(
    "INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, room, valid_from) VALUES (?,?,?,4,3,'14','2026-09-01')",
    g5a,
    math,
    other,
  );
  ins(
    "INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, topic) VALUES (?,?,'2026-11-23',1,?,?,'Причастие')",
    g6b,
    rus,
    teacher,
    teacher,
  );
});
afterAll(() => app.dispose());

const login = async (l: string) => (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;

describe('journal.myWork', () => {
  it("lists the teacher's load and the led class's other subjects, with current pupils", async () => {
    const work = await app.call<any>('journal.myWork', {}, await login('teacher'));
    expect(work.today).toBe('2026-11-26');
    expect(work.weekStart).toBe('2026-11-23');
    expect(work.load.map((l: any) => [l.className, l.subjectName, l.access, l.pupils])).toEqual([
      ['5А', 'Русский язык', 'write', 2],
      ['6Б', 'Русский язык', 'write', 0],
      ['5А', 'Математика', 'read', 2],
    ]);
  });

  it("lists the week's lessons from the timetable, joined with entered lessons", async () => {
    const work = await app.call<any>('journal.myWork', { date: '2026-11-24' }, await login('teacher'));
    expect(work.week.map((w: any) => [w.date, w.slot, w.groupName, w.subjectName, w.topic])).toEqual([
      ['2026-11-23', 1, '6Б', 'Русский язык', 'Причастие'],
      ['2026-11-26', 2, '5А', 'Русский язык', null],
    ]);
  });

  it('shows another teacher only their own work', async () => {
    const work = await app.call<any>('journal.myWork', {}, await login('other'));
    expect(work.load.every((l: any) => l.subjectName === 'Математика' && l.access === 'write')).toBe(true);
    expect(work.week).toHaveLength(1);
  });

  it('is refused to roles without journal access', async () => {
    await addUser(app, 'admin', ['administrator']);
    const env = await app.router.call('journal.myWork', {}, await login('admin'));
    expect(env).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
