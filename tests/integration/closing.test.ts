// Closing terms (issue 11) through the real router on a temp database: a term closed for one
// class or the whole school, reopened for a journal, a cell or a pupil's term mark, closed
// again; an archived year; the preview of what is missing checked against plain SQL; the year
// and final marks suggested by the school's rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalView } from '../../src-shared/rpc/journal';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
let c5a: number;
let c6b: number;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z'); // Thursday, 10:00 in Moscow
  sc = await buildTinySchool(app);
  for (const l of ['teacher', 'other', 'deputy', 'admin'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
  c5a = sc.c5a;
  c6b = app.services.sqlite.prepare('SELECT class_id FROM study_group WHERE id = ?').pluck().get(sc.g6b) as number;
});
afterAll(() => app.dispose());

const as = (login: string) => ({
  call: <T = any>(method: string, input: unknown) => app.call<T>(method, input, tokens[login]),
  fail: async (method: string, input: unknown) => {
    const env = await app.router.call(method, input, tokens[login]!);
    if (env.ok) throw new Error(`${method} should have failed`);
    return env.error;
  },
});
const sql = <T = any>(q: string, ...p: unknown[]) => app.services.sqlite.prepare(q).all(...p) as T[];
const rus = (date: string) => ({ groupId: sc.g5a, subjectId: sc.rus, date, slot: 2 });
const math6 = (date: string) => ({ groupId: sc.g6b, subjectId: sc.math, date, slot: 4 });
const mark = (v: string) => [{ value: v, workTypeId: sc.wtAnswer }];
const cell = (login: string, lesson: object, pupilId: number, v: string) =>
  as(login).call('journal.setCell', { lesson, pupilId, marks: mark(v), absence: null });
const cellFail = (login: string, lesson: object, pupilId: number, v: string) =>
  as(login).fail('journal.setCell', { lesson, pupilId, marks: mark(v), absence: null });
const termMark = (termId: number, pupilId: number, value: string) => ({ groupId: sc.g5a, subjectId: sc.rus, termId, pupilId, value });
const lessonId = (date: string) =>
  sql<{ id: number }>('SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = 2', sc.g5a, sc.rus, date)[0]!.id;

describe('the first quarter: data entered, then the preview', () => {
  beforeAll(async () => {
    const [andreev, borisova] = sc.pupils;
    // 10-22: a mark and a topic; 10-15: a mark, no topic; 10-19: a topic, nothing else.
    await cell('teacher', rus('2026-10-22'), andreev, '4');
    await as('teacher').call('journal.setLesson', { lesson: rus('2026-10-22'), topic: 'Причастие' });
    await cell('teacher', rus('2026-10-15'), borisova, '3');
    await as('teacher').call('journal.setLesson', { lesson: rus('2026-10-19'), topic: 'Деепричастие' });
    await as('teacher').call('journal.setTermMark', termMark(sc.q1, andreev, '5'));
    await as('teacher').call('journal.setTermMark', termMark(sc.q2, andreev, '4'));
  });

  it('lists per journal the pupils without a term mark, lessons without a topic and empty lessons, as plain SQL finds them', async () => {
    const [, borisova] = sc.pupils;
    const p = await as('deputy').call('terms.preview', { termId: sc.q1, classId: c5a });
    // Written from the data above: Волков joined in November, Андреев has his mark.
    expect(p.classes).toEqual([{ id: c5a, name: '5А', closed: false }]);
    const j = p.missing.find((x: any) => x.subjectId === sc.rus);
    expect(j.pupilsWithoutMark).toEqual([{ id: borisova, name: 'Борисова Анна' }]);
    expect(j.lessonsWithoutTopic.map((l: any) => l.date)).toEqual(['2026-10-15']);
    expect(j.lessonsEmpty.map((l: any) => l.date)).toEqual(['2026-10-19']);
    // The same from plain SQL over the whole school's journals of grades 1–9.
    const journals = sql(
      `SELECT DISTINCT tl.group_id, tl.subject_id FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id
         JOIN class_unit c ON c.id = g.class_id WHERE c.grade BETWEEN 1 AND 9`,
    );
    const all = await as('deputy').call('terms.preview', { termId: sc.q1 });
    expect(all.journals).toBe(journals.length);
    for (const { group_id, subject_id } of journals) {
      const noMark = sql<{ id: number }>(
        `SELECT DISTINCT m.pupil_id AS id FROM group_member m WHERE m.group_id = ? AND m.from_date <= '2026-10-24'
           AND (m.to_date IS NULL OR m.to_date >= '2026-09-01')
           AND m.pupil_id NOT IN (SELECT pupil_id FROM term_mark WHERE group_id = ? AND subject_id = ? AND term_id = ?)`,
        group_id,
        group_id,
        subject_id,
        sc.q1,
      ).map((r) => r.id);
      const got = all.missing.find((x: any) => x.groupId === group_id && x.subjectId === subject_id);
      expect((got?.pupilsWithoutMark ?? []).map((x: any) => x.id).sort()).toEqual(noMark.sort());
    }
  });

  it('refuses a short reason, a teacher, and reopening a term that is not closed', async () => {
    const reopen = { termId: sc.q1, groupId: sc.g5a, subjectId: sc.rus, reason: 'ошибка в отметке' };
    expect(await as('deputy').fail('terms.reopen', { ...reopen, reason: ' abc ' })).toMatchObject({ code: 'validation' });
    expect(await as('teacher').fail('terms.close', { termId: sc.q1, classId: c5a })).toMatchObject({ code: 'forbidden' });
    expect(await as('deputy').fail('terms.reopen', reopen)).toMatchObject({ code: 'validation' });
    expect(sql('SELECT * FROM term_reopen')).toEqual([]);
  });
});

describe('closed for one class', () => {
  beforeAll(async () => {
    await cell('other', math6('2026-10-22'), sc.pupils[0], '5').catch(() => undefined); // 6Б has no pupils: refused, fine
    await as('deputy').call('terms.close', { termId: sc.q1, classId: c5a });
  });

  it('writes a term_closure row for 5А only, audited with the feed mark', () => {
    expect(sql('SELECT term_id, class_id FROM term_closure')).toEqual([{ term_id: sc.q1, class_id: c5a }]);
    expect(sql('SELECT closed_at FROM term WHERE id = ?', sc.q1)).toEqual([{ closed_at: null }]);
    expect(sql("SELECT entity_id, feed_op FROM audit_event WHERE action = 'terms.close'")).toEqual([
      { entity_id: `${sc.q1}:${c5a}`, feed_op: 'upsert' },
    ]);
  });

  it('refuses the teacher every edit of 5А in the quarter, with the reason in Russian', async () => {
    const [andreev, borisova] = sc.pupils;
    const e = await cellFail('teacher', rus('2026-10-22'), andreev, '5');
    expect(e.code).toBe('locked');
    expect(e.message).toContain('1 четверть закрыта');
    expect(await as('teacher').fail('journal.setLesson', { lesson: rus('2026-10-22'), topic: 'x' })).toMatchObject({ code: 'locked' });
    expect(await as('teacher').fail('journal.setTermMark', termMark(sc.q1, borisova, '4'))).toMatchObject({ code: 'locked' });
    expect(
      await as('teacher').fail('journal.attachFile', { lesson: rus('2026-10-22'), name: 'a.txt', mime: 'text/plain', data: 'MTIz' }),
    ).toMatchObject({ code: 'locked' });
    // The second quarter and the year mark stay open.
    await cell('teacher', rus('2026-11-19'), andreev, '5');
    await as('teacher').call('journal.setTermMark', termMark(sc.yearTerm, borisova, '4'));
  });

  it('shows the journal closed, and the term closed in its terms list', async () => {
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q1 });
    const d = sql(
      'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?',
      sc.deputy,
    )[0];
    expect(j.closed).toEqual({ at: expect.any(String), by: `${d.surname} ${d.name[0]}. ${d.patronymic[0]}.` });
    expect(j.terms.find((t) => t.id === sc.q1)!.closed).toBe(true);
    expect(j.reopened).toEqual([]);
    const q2 = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2 });
    expect(q2.closed).toBeNull();
  });

  it('refuses closing 5А twice', async () => {
    expect(await as('deputy').fail('terms.close', { termId: sc.q1, classId: c5a })).toMatchObject({ code: 'validation' });
    expect(await as('deputy').fail('terms.close', { termId: sc.q1, classId: 999 })).toMatchObject({ code: 'validation' });
  });

  it('reopens one cell with a reason: that cell only, audited; reclosing locks it again', async () => {
    const [andreev, borisova] = sc.pupils;
    const lesson = lessonId('2026-10-22');
    const { id } = await as('deputy').call('terms.reopen', {
      termId: sc.q1,
      groupId: sc.g5a,
      subjectId: sc.rus,
      lessonId: lesson,
      pupilId: andreev,
      reason: 'Отметка перепутана с соседом',
    });
    expect(sql("SELECT reason FROM audit_event WHERE action = 'terms.reopen'")).toEqual([{ reason: 'Отметка перепутана с соседом' }]);
    await cell('teacher', rus('2026-10-22'), andreev, '5');
    expect(await cellFail('teacher', rus('2026-10-22'), borisova, '5')).toMatchObject({ code: 'locked' });
    expect(await cellFail('teacher', rus('2026-10-15'), andreev, '5')).toMatchObject({ code: 'locked' });
    expect(await as('teacher').fail('journal.setLesson', { lesson: rus('2026-10-22'), topic: 'x' })).toMatchObject({ code: 'locked' });
    expect(await as('teacher').fail('journal.setTermMark', termMark(sc.q1, andreev, '4'))).toMatchObject({ code: 'locked' });
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q1 });
    expect(j.reopened).toEqual([{ id, lessonId: lesson, pupilId: andreev, reason: 'Отметка перепутана с соседом' }]);
    const status = await as('deputy').call('terms.status', {});
    expect(status.reopenings.map((r: any) => [r.id, r.className, r.lessonDate, r.pupilName])).toEqual([
      [id, '5А', '2026-10-22', 'Андреев Пётр'],
    ]);
    await as('deputy').call('terms.reclose', { reopenId: id });
    expect(await cellFail('teacher', rus('2026-10-22'), andreev, '4')).toMatchObject({ code: 'locked' });
    expect(await as('deputy').fail('terms.reclose', { reopenId: id })).toMatchObject({ code: 'validation' });
    expect(sql('SELECT closed_at IS NOT NULL AS c FROM term_reopen WHERE id = ?', id)).toEqual([{ c: 1 }]);
  });

  it("reopens one pupil's term mark: that mark only", async () => {
    const [andreev, borisova] = sc.pupils;
    const { id } = await as('deputy').call('terms.reopen', {
      termId: sc.q1,
      groupId: sc.g5a,
      subjectId: sc.rus,
      pupilId: borisova,
      reason: 'Итоговая отметка не выставлена',
    });
    await as('teacher').call('journal.setTermMark', termMark(sc.q1, borisova, '3'));
    expect(await as('teacher').fail('journal.setTermMark', termMark(sc.q1, andreev, '4'))).toMatchObject({ code: 'locked' });
    expect(await cellFail('teacher', rus('2026-10-15'), borisova, '4')).toMatchObject({ code: 'locked' });
    await as('deputy').call('terms.reclose', { reopenId: id });
  });

  it('reopens the whole journal: every cell, lesson and term mark of it, not other journals', async () => {
    const [andreev, borisova] = sc.pupils;
    const { id } = await as('deputy').call('terms.reopen', {
      termId: sc.q1,
      groupId: sc.g5a,
      subjectId: sc.rus,
      reason: 'Журнал заполнен не полностью',
    });
    expect(
      await as('deputy').fail('terms.reopen', { termId: sc.q1, groupId: sc.g5a, subjectId: sc.rus, reason: 'ещё раз открыть' }),
    ).toMatchObject({ code: 'validation' });
    await cell('teacher', rus('2026-10-15'), borisova, '4');
    await as('teacher').call('journal.setLesson', { lesson: rus('2026-10-15'), topic: 'Повторение' });
    await as('teacher').call('journal.setTermMark', termMark(sc.q1, andreev, '5'));
    // Математика 5А is another journal: still closed.
    expect(
      await as('other').fail('journal.setLesson', {
        lesson: { groupId: sc.g5a, subjectId: sc.math, date: '2026-10-22', slot: 3 },
        topic: 'x',
      }),
    ).toMatchObject({ code: 'locked' });
    await as('deputy').call('terms.reclose', { reopenId: id });
    expect(await cellFail('teacher', rus('2026-10-15'), borisova, '5')).toMatchObject({ code: 'locked' });
  });

  it('leaves 6Б open: the term is closed for 5А only', async () => {
    await as('other').call('journal.setLesson', { lesson: math6('2026-10-22'), topic: 'Дроби' });
  });
});

describe('the year mark and the final mark', () => {
  it('suggests the year mark from the quarter marks (termMean, threshold 0.6), or from the lesson marks (weightedYear)', async () => {
    const [andreev] = sc.pupils;
    // Андреев: q1 «5», q2 «4» → mean 4.5 → 4 at threshold 0.6 (the school's default).
    const r = await as('teacher').call('journal.setTermMark', termMark(sc.yearTerm, andreev, '5'));
    expect(r.termMark.suggested).toBe('4');
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.yearTerm });
    expect(j.otherTermMarks.filter((m) => m.pupilId === andreev).sort((a, b) => a.termId - b.termId)).toEqual([
      { pupilId: andreev, termId: sc.q1, value: '5' },
      { pupilId: andreev, termId: sc.q2, value: '4' },
    ]);
    expect(j.suggested!.find((s) => s.pupilId === andreev)!.value).toBe('4');
    await as('admin').call('school.updateSettings', { settings: { yearMarkRule: 'weightedYear' } });
    // His lesson marks of the year, from SQL: weighted mean rounded at 0.6.
    const marks = sql<{ value: string; weight: number }>(
      `SELECT m.value, m.weight FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE m.pupil_id = ? AND l.group_id = ? AND l.subject_id = ?`,
      andreev,
      sc.g5a,
      sc.rus,
    );
    const avg = marks.reduce((a, m) => a + Number(m.value) * m.weight, 0) / marks.reduce((a, m) => a + m.weight, 0);
    const expected = String(avg - Math.floor(avg) >= 0.6 ? Math.floor(avg) + 1 : Math.floor(avg));
    const r2 = await as('teacher').call('journal.setTermMark', termMark(sc.yearTerm, andreev, '5'));
    expect(r2.termMark.suggested).toBe(expected);
    await as('admin').call('school.updateSettings', { settings: { yearMarkRule: 'termMean' } });
  });

  it('suggests the final mark from the year and exam marks, and locks them when their term is closed', async () => {
    const [andreev] = sc.pupils;
    const s = app.services.sqlite;
    // The calendar template creates these for grades 9 and 11; here the tiny school's grade 5.
    const ins = (kind: string) =>
      Number(
        s
          .prepare(
            "INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?, ?, 1, '2027-05-20', '2027-06-30', 5, 5)",
          )
          .run(sc.year, kind).lastInsertRowid,
      );
    const exam = ins('exam');
    const final = ins('final');
    await as('teacher').call('journal.setTermMark', termMark(sc.yearTerm, andreev, '4'));
    await as('teacher').call('journal.setTermMark', termMark(exam, andreev, '5'));
    expect((await as('teacher').call('journal.setTermMark', termMark(final, andreev, '5'))).termMark.suggested).toBe('5');
    await as('teacher').call('journal.setTermMark', termMark(exam, andreev, '2'));
    expect((await as('teacher').call('journal.setTermMark', termMark(final, andreev, '2'))).termMark.suggested).toBe('2');
    await as('teacher').call('journal.setTermMark', termMark(exam, andreev, 'н/а'));
    await as('deputy').call('terms.close', { termId: exam, classId: c5a });
    expect(await as('teacher').fail('journal.setTermMark', termMark(exam, andreev, '4'))).toMatchObject({ code: 'locked' });
    await as('teacher').call('journal.setTermMark', termMark(final, andreev, '4'));
  });
});

describe('closed for the whole school', () => {
  it('writes a closure per class of the term’s grades and the term’s own closed_at; every journal is locked', async () => {
    await as('deputy').call('terms.close', { termId: sc.q1 });
    const classes = sql<{ id: number }>('SELECT id FROM class_unit WHERE year_id = ? AND grade BETWEEN 1 AND 9 ORDER BY id', sc.year).map(
      (r) => r.id,
    );
    expect(
      sql<{ class_id: number }>('SELECT class_id FROM term_closure WHERE term_id = ? ORDER BY class_id', sc.q1).map((r) => r.class_id),
    ).toEqual(classes);
    expect(classes).toContain(c6b);
    expect(sql('SELECT closed_at IS NOT NULL AS c FROM term WHERE id = ?', sc.q1)).toEqual([{ c: 1 }]);
    expect(await as('other').fail('journal.setLesson', { lesson: math6('2026-10-22'), topic: 'y' })).toMatchObject({ code: 'locked' });
    expect(await as('deputy').fail('terms.close', { termId: sc.q1 })).toMatchObject({ code: 'validation' });
    const status = await as('deputy').call('terms.status', {});
    expect(status.classes.find((c: any) => c.id === c6b).closures).toEqual([
      { termId: sc.q1, closedAt: expect.any(String), closedBy: expect.any(String) },
    ]);
  });
});

describe('an archived year', () => {
  it('is read-only: no edit, no closing, no reopening', async () => {
    const s = app.services.sqlite;
    const ins = (q: string, ...p: unknown[]) => Number(s.prepare(q).run(...p).lastInsertRowid);
    const old = ins(
      "INSERT INTO school_year (label, starts_on, ends_on, status) VALUES ('2025/2026', '2025-09-01', '2026-05-31', 'archived')",
    );
    const oldTerm = ins(
      "INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?, 'quarter', 3, '2026-01-12', '2026-03-20', 1, 9)",
      old,
    );
    const cls = ins("INSERT INTO class_unit (year_id, grade, letter) VALUES (?, 4, 'А')", old);
    const g = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '4А', 1)", cls);
    ins(
      "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from, valid_to) VALUES (?,?,?,2,'2025-09-01','2026-05-31')",
      g,
      sc.rus,
      sc.teacher,
    );
    ins(
      "INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id) VALUES (?,?,'2026-03-05',1,?,?)",
      g,
      sc.rus,
      sc.teacher,
      sc.teacher,
    );
    ins("INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?,?,'2025-09-01')", sc.pupils[0], g);
    const lesson = { groupId: g, subjectId: sc.rus, date: '2026-03-05', slot: 1 };
    const e = await cellFail('teacher', lesson, sc.pupils[0], '5');
    expect(e).toMatchObject({ code: 'locked' });
    expect(e.message).toContain('Учебный год 2025/2026 в архиве');
    expect(await as('deputy').fail('terms.close', { termId: oldTerm, classId: cls })).toMatchObject({ code: 'locked' });
    expect(sql('SELECT count(*) AS n FROM mark WHERE lesson_id = (SELECT id FROM lesson WHERE group_id = ?)', g)).toEqual([{ n: 0 }]);
  });
});
