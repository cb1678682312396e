// A tiny hand-built school for journal tests: one class with a subgroup, two subjects,
// two teachers, pupils who join and leave mid-term, a timetable and two quarters.
import { addUser, type TestApp } from './app';

export interface TinySchool {
  teacher: number;
  other: number;
  deputy: number;
  admin: number;
  year: number;
  q1: number;
  q2: number;
  yearTerm: number;
  c5a: number;
  g5a: number;
  g6b: number;
  rus: number;
  math: number;
  wtAnswer: number;
  wtControl: number;
  wtMakeUp: number;
  /** Alphabetical: Андреев (whole term), Борисова (left 2026-11-15), Волков (joined 2026-11-10). */
  pupils: [number, number, number];
}

export async function buildTinySchool(app: TestApp): Promise<TinySchool> {
  const s = app.services.sqlite;
  const ins = (sql: string, ...p: unknown[]) => Number(s.prepare(sql).run(...p).lastInsertRowid);
  const teacher = await addUser(app, 'teacher', ['teacher', 'classTeacher']);
  const other = await addUser(app, 'other', ['teacher']);
  const deputy = await addUser(app, 'deputy', ['deputy']);
  const admin = await addUser(app, 'admin', ['administrator']);
  const year = ins("INSERT INTO school_year (label, starts_on, ends_on) VALUES ('2026/2027', '2026-09-01', '2027-05-31')");
  const term = (kind: string, n: number, a: string, b: string) =>
    ins('INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?,?,?,?,?,1,9)', year, kind, n, a, b);
  const q1 = term('quarter', 1, '2026-09-01', '2026-10-24');
  const q2 = term('quarter', 2, '2026-11-05', '2026-12-28');
  const yearTerm = term('year', 1, '2026-09-01', '2027-05-31');
  const c5a = ins("INSERT INTO class_unit (year_id, grade, letter, class_teacher_id) VALUES (?, 5, 'А', ?)", year, teacher);
  const c6b = ins("INSERT INTO class_unit (year_id, grade, letter) VALUES (?, 6, 'Б')", year);
  const g5a = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '5А', 1)", c5a);
  const g6b = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '6Б', 1)", c6b);
  const rus = ins("INSERT INTO subject (name, short_name) VALUES ('Русский язык', 'Рус')");
  const math = ins("INSERT INTO subject (name, short_name) VALUES ('Математика', 'Мат')");
  const wt = (name: string, w: number, control = 0, makeUp = 0) =>
    ins('INSERT INTO work_type (name, weight, is_control, is_make_up) VALUES (?,?,?,?)', name, w, control, makeUp);
  const wtAnswer = wt('Ответ на уроке', 1);
  const wtControl = wt('Контрольная работа', 2, 1);
  const wtMakeUp = wt('Отработка', 1, 0, 1);
  const load = (g: number, subj: number, t: number) =>
    ins(
      "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,2,'2026-09-01')",
      g,
      subj,
      t,
    );
  load(g5a, rus, teacher);
  load(g5a, math, other);
  load(g6b, math, other);
  const tt = (g: number, subj: number, t: number, wd: number, slot: number) =>
    ins(
      "INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, room, valid_from) VALUES (?,?,?,?,?,'12','2026-09-01')",
      g,
      subj,
      t,
      wd,
      slot,
    );
  tt(g5a, rus, teacher, 1, 2); // Monday 2nd
  tt(g5a, rus, teacher, 4, 2); // Thursday 2nd
  tt(g5a, math, other, 4, 3);
  tt(g6b, math, other, 4, 4);
  const pupil = (surname: string, name: string, from: string, to: string | null) => {
    const p = ins('INSERT INTO person (surname, name, birth_date) VALUES (?,?,?)', surname, name, '2015-03-01');
    ins('INSERT INTO enrolment (pupil_id, class_id, from_date, to_date) VALUES (?,?,?,?)', p, c5a, from, to);
    ins('INSERT INTO group_member (pupil_id, group_id, from_date, to_date) VALUES (?,?,?,?)', p, g5a, from, to);
    return p;
  };
  const pupils: [number, number, number] = [
    pupil('Волков', 'Игорь', '2026-11-10', null),
    pupil('Андреев', 'Пётр', '2026-09-01', null),
    pupil('Борисова', 'Анна', '2026-09-01', '2026-11-15'),
  ];
  return {
    teacher,
    other,
    deputy,
    admin,
    year,
    q1,
    q2,
    yearTerm,
    c5a,
    g5a,
    g6b,
    rus,
    math,
    wtAnswer,
    wtControl,
    wtMakeUp,
    pupils: [pupils[1], pupils[2], pupils[0]],
  };
}
