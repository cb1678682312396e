// The re-check of a «too few marks» (R7) remark at its deadline (issue 12): the marks a teacher
// gives to fix it fall on lessons after the checked period, so the re-run must count them.
// Real engine, real database; expected states from the design (gone → fixed, still there → overdue).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDeadlines } from '../../src-main/services/check/deadlines';
import { createTestApp, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const ins = (sql: string, ...p: unknown[]) => Number(app.services.sqlite.prepare(sql).run(...p).lastInsertRowid);
const state = (id: number) => app.services.sqlite.prepare('SELECT state, fixed_by FROM remark WHERE id = ?').get(id) as { state: string; fixed_by: string | null };

beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z');
  sc = await buildTinySchool(app);
});
afterAll(() => app.dispose());

describe('R7 remark re-checked at its deadline', () => {
  it('becomes fixed when the marks given after the period bring the pupil to the norm, overdue when they do not', async () => {
    const subject = ins("INSERT INTO subject (name, short_name) VALUES ('Предмет R7', 'R7')");
    ins("INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,2,'2026-09-01')", sc.g5a, subject, sc.teacher);
    const lesson = (date: string) =>
      ins(
        'INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held) VALUES (?,?,?,1,?,?,1)',
        sc.g5a,
        subject,
        date,
        sc.teacher,
        sc.teacher,
      );
    const mark = (l: number, p: number, v: string) =>
      ins('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,0,?,?,1)', l, p, v, sc.wtAnswer);
    // Checked period 11-01…11-20, run on 11-20 (Q2 from 11-05, 2 h a week): by then 12 of 38
    // school days → floor(5 × 12 / 38) = 1 mark due; neither pupil has one.
    for (const d of ['2026-11-09', '2026-11-12', '2026-11-16', '2026-11-19']) lesson(d);
    // Андреев is in 5А all term; Волков joined on 11-10 (13 school days by 11-26 → 1 due).
    const [andreev, , volkov] = sc.pupils as [number, number, number];
    const check = ins(
      "INSERT INTO journal_check (year_id, date_from, date_to, scope, status, created_by, created_at, ran_at, issued_at) VALUES (?, '2026-11-01', '2026-11-20', '{}', 'issued', ?, '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z')",
      sc.year,
      sc.deputy,
    );
    const remark = (pupil: number) =>
      ins(
        "INSERT INTO remark (check_id, rule, finding_key, teacher_id, group_id, subject_id, pupil_id, text, deadline, state, created_by, created_at, state_at) VALUES (?, 'R7', ?, ?, ?, ?, ?, 'Мало отметок', '2026-11-25', 'open', ?, '2026-11-20T10:00:00Z', '2026-11-20T10:00:00Z')",
        check,
        `R7:${sc.g5a}:${subject}:${pupil}:${sc.q2}`,
        sc.teacher,
        sc.g5a,
        subject,
        pupil,
        sc.deputy,
      );
    const fixedOne = remark(andreev);
    const leftOne = remark(volkov);
    // The teacher gives Андреев two marks on 11-23 and 11-24, after the period; Волков none.
    // By the deadline's run on 11-26: 16 school days → floor(5 × 16 / 38) = 2 due.
    mark(lesson('2026-11-23'), andreev, '4');
    mark(lesson('2026-11-24'), andreev, '5');
    expect(await applyDeadlines(app.services)).toMatchObject({ fixed: 1, overdue: 1 });
    expect(state(fixedOne)).toEqual({ state: 'fixed', fixed_by: 'recheck' });
    expect(state(leftOne)).toEqual({ state: 'overdue', fixed_by: null });
  });
});
