// The check's loader reads a month's marks and absences packed per lesson (data-lessons.ts). On
// the tiny school, lessons with ordinary marks, a fractional weight, several positions, a mark
// value and an absence reason the packing has no code for (written straight into the table), a
// negative position: what the loader returns must equal the rows plain SQL reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPeriodLessons } from '../../src-main/services/check/data-lessons';
import { createTestApp, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;

beforeAll(async () => {
  app = createTestApp('2026-11-20T07:00:00Z');
  sc = await buildTinySchool(app);
  const s = app.services.sqlite;
  const lesson = (group: number, subject: number, date: string, slot: number) =>
    Number(
      s
        .prepare('INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id) VALUES (?,?,?,?,?)')
        .run(group, subject, date, slot, sc.teacher).lastInsertRowid,
    );
  const mark = (l: number, p: number, position: number, value: string, wt: number, weight: number) =>
    s
      .prepare('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,?,?,?,?)')
      .run(l, p, position, value, wt, weight);
  const absence = (l: number, p: number, reason: string) =>
    s.prepare('INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,?)').run(l, p, reason);
  const [a, b, c] = sc.pupils;
  const l1 = lesson(sc.g5a, sc.rus, '2026-11-10', 2);
  mark(l1, a, 0, '5', sc.wtAnswer, 1);
  mark(l1, a, 1, '2', sc.wtControl, 1.25);
  mark(l1, b, 0, 'осв', sc.wtAnswer, 1);
  absence(l1, c, 'оп');
  const l2 = lesson(sc.g5a, sc.math, '2026-11-11', 3);
  mark(l2, a, 0, 'зач', sc.wtAnswer, 0.3);
  mark(l2, b, 0, '4+', sc.wtAnswer, 2); // not a value the app writes
  mark(l2, c, -1, '3', sc.wtMakeUp, 1);
  absence(l2, b, 'болел'); // not a reason the app writes
  absence(l2, a, 'н');
  const l3 = lesson(sc.g6b, sc.math, '2026-11-12', 4);
  absence(l3, a, 'у');
  lesson(sc.g5a, sc.rus, '2026-11-13', 2); // nothing entered
  lesson(sc.g5a, sc.rus, '2026-12-01', 2); // after the period
  const l4 = lesson(sc.g5a, sc.math, '2026-10-30', 1); // before it
  mark(l4, a, 0, '3', sc.wtAnswer, 1);
});
afterAll(() => app.close());

describe('the check loader: marks and absences of the period', () => {
  const FROM = '2026-11-01';
  const TO = '2026-11-30';

  it('returns every mark of the period as stored, whatever its value', () => {
    const { marks } = loadPeriodLessons(app.services.sqlite, FROM, TO, () => true);
    const got = Array.from({ length: marks.length }, (_, i) => [
      marks.lessonId[i],
      marks.pupilId[i],
      marks.position[i],
      marks.value[i],
      marks.workTypeId[i],
      marks.weight[i],
    ]);
    const want = app.services.sqlite
      .prepare(
        'SELECT m.lesson_id, m.pupil_id, m.position, m.value, m.work_type_id, m.weight FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.date BETWEEN ? AND ?',
      )
      .raw(true)
      .all(FROM, TO);
    const order = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(order(got)).toEqual(order(want as unknown[][]));
    expect(marks.length).toBe(6);
    // Each lesson's rows are together, as rows.get(lessonId) says.
    for (const [lessonId, { start, end }] of marks.rows) for (let i = start; i < end; i++) expect(marks.lessonId[i]).toBe(lessonId);
  });

  it('returns every absence of the period as stored, whatever its reason', () => {
    const { absences } = loadPeriodLessons(app.services.sqlite, FROM, TO, () => true);
    const want = app.services.sqlite
      .prepare(
        'SELECT a.lesson_id AS lessonId, a.pupil_id AS pupilId, a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id WHERE l.date BETWEEN ? AND ?',
      )
      .all(FROM, TO);
    const order = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(order(absences)).toEqual(order(want));
  });

  it('keeps only the lessons in scope, with their marks', () => {
    const { lessons, marks } = loadPeriodLessons(app.services.sqlite, FROM, TO, (g, s) => g === sc.g5a && s === sc.rus);
    expect(lessons.map((l) => l.date).sort()).toEqual(['2026-11-10', '2026-11-13']);
    expect([...marks.value].sort()).toEqual(['2', '5', 'осв']);
  });
});
