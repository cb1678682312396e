// The start-page overviews (issue 12) through the real router on a crafted journal: the
// completeness shares per class, teacher and month checked against plain SQL over the lesson,
// mark and absence tables; the marks norm and the on-time share against values worked out from
// the contract (R7 table, school days Monday to Friday inside the quarters); the deputy's check
// and remark counts and the director's distributions against plain SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
let c6b: number;
const tokens: Record<string, string> = {};
const sql = <T = any>(q: string, ...p: unknown[]) => app.services.sqlite.prepare(q).all(...p) as T[];
const ins = (q: string, ...p: unknown[]) => Number(app.services.sqlite.prepare(q).run(...p).lastInsertRowid);
const call = <T = any>(login: string, method: string, input: unknown) => app.call<T>(method, input, tokens[login]);

interface L {
  topic?: string | null;
  homework?: string | null;
  noHomework?: boolean;
  held?: boolean;
  part?: number;
  cancelled?: boolean;
}
const lesson = (g: number, subj: number, t: number, date: string, slot: number, o: L = {}) =>
  ins(
    `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, topic, homework, no_homework, part, cancelled)
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
    g, subj, date, slot, t, t, o.held === false ? 0 : 1, o.topic ?? null, o.homework ?? null, o.noHomework ? 1 : 0, o.part ?? 0, o.cancelled ? 1 : 0,
  );
const markRow = (lessonId: number, pupil: number, value: string, position = 0) =>
  ins('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,?,?,?,1)', lessonId, pupil, position, value, sc.wtAnswer);

beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z'); // Thursday 26 November, 10:00 in Moscow
  sc = await buildTinySchool(app);
  await (await import('../helpers/app')).addUser(app, 'director', ['director']);
  for (const l of ['teacher', 'deputy', 'director', 'admin'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
  c6b = sql<{ class_id: number }>('SELECT class_id FROM study_group WHERE id = ?', sc.g6b)[0]!.class_id;
  const [andreev, borisova] = sc.pupils;
  // September, 5А.
  const r0907 = lesson(sc.g5a, sc.rus, sc.teacher, '2026-09-07', 2, { topic: 'Звуки речи', homework: 'упр. 5' });
  markRow(r0907, andreev, '5');
  markRow(r0907, borisova, '2');
  lesson(sc.g5a, sc.rus, sc.teacher, '2026-09-10', 2, { topic: 'Д/з', noHomework: true }); // topic under 4 characters
  lesson(sc.g5a, sc.rus, sc.teacher, '2026-09-14', 2, { held: false });
  lesson(sc.g5a, sc.rus, sc.teacher, '2026-09-17', 2, { cancelled: true });
  const m0910 = lesson(sc.g5a, sc.math, sc.other, '2026-09-10', 3, { topic: 'Дроби', homework: '  ' });
  ins("INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,'б')", m0910, andreev);
  // November, 5А: nothing entered (due 20.11), entered late through the journal, entered the same day.
  lesson(sc.g5a, sc.rus, sc.teacher, '2026-11-19', 2);
  lesson(sc.g5a, sc.rus, sc.teacher, '2026-11-23', 2);
  lesson(sc.g5a, sc.rus, sc.teacher, '2026-11-26', 2);
  const column = lesson(sc.g5a, sc.rus, sc.teacher, '2026-11-26', 2, { part: 1 });
  markRow(column, andreev, '4');
  markRow(column, borisova, '3');
  lesson(sc.g5a, sc.rus, sc.teacher, '2026-11-30', 2); // after today: not judged
  // 6Б: data without an audit trail (imported): its timing is not judged.
  const m6 = lesson(sc.g6b, sc.math, sc.other, '2026-11-26', 4, { topic: 'Уравнения', homework: '№ 12' });
  ins("INSERT INTO absence (lesson_id, pupil_id, reason) VALUES (?,?,'н')", m6, andreev);
  await call('teacher', 'journal.setLesson', { lesson: { groupId: sc.g5a, subjectId: sc.rus, date: '2026-11-23', slot: 2 }, topic: 'Причастный оборот' });
  await call('teacher', 'journal.setCell', {
    lesson: { groupId: sc.g5a, subjectId: sc.rus, date: '2026-11-26', slot: 2 },
    pupilId: andreev,
    marks: [{ value: '5', workTypeId: sc.wtAnswer }],
    absence: null,
  });
});
afterAll(() => app.dispose());

/** Held lessons per class and month, and how many have each entry — plain SQL over the tables. */
function sqlShares() {
  return sql<{ class_id: number; month: string; held: number; topic: number; homework: number; attendance: number }>(
    `SELECT g.class_id, substr(l.date, 1, 7) AS month, COUNT(*) AS held,
            SUM(length(trim(COALESCE(l.topic, ''))) >= 4) AS topic,
            SUM(l.no_homework = 1 OR trim(COALESCE(l.homework, '')) <> '') AS homework,
            SUM(EXISTS (SELECT 1 FROM mark m WHERE m.lesson_id = l.id) OR EXISTS (SELECT 1 FROM absence a WHERE a.lesson_id = l.id)) AS attendance
       FROM lesson l JOIN study_group g ON g.id = l.group_id
      WHERE l.held = 1 AND l.cancelled = 0 AND l.part = 0 AND l.date <= '2026-11-26'
      GROUP BY g.class_id, month`,
  );
}

/** Monday-to-Friday days of [a, b] (the tiny school has no holidays and a five-day week). */
function weekdays(a: string, b: string): number {
  let n = 0;
  for (let d = new Date(`${a}T00:00:00Z`); d <= new Date(`${b}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) if (d.getUTCDay() % 6 !== 0) n++;
  return n;
}

describe('overview.completeness', () => {
  it('counts held lessons with a topic, homework and cell entries per class and month as plain SQL does', async () => {
    const v = await call('deputy', 'overview.completeness', {});
    expect(v.months).toEqual(['2026-09', '2026-10', '2026-11']);
    const expected = sqlShares();
    expect(expected.length).toBeGreaterThan(2);
    for (const e of expected) {
      const row = v.byClass.find((r: any) => r.id === e.class_id);
      const cell = row.months[v.months.indexOf(e.month)];
      expect({ held: cell.held, topic: cell.topic.num, homework: cell.homework.num, attendance: cell.attendance.num }).toEqual({
        held: e.held,
        topic: e.topic,
        homework: e.homework,
        attendance: e.attendance,
      });
      expect([cell.topic.den, cell.homework.den, cell.attendance.den]).toEqual([e.held, e.held, e.held]);
    }
    // The school row is the sum of the classes.
    const nov = expected.filter((e) => e.month === '2026-11');
    expect(v.school[2].held).toBe(nov.reduce((s, e) => s + e.held, 0));
  });

  it('judges entries on time from the audit log: late, never entered, same day; imported data is not judged', async () => {
    const v = await call('deputy', 'overview.completeness', {});
    const c5a = v.byClass.find((r: any) => r.id === sc.c5a);
    // 19.11 nothing by 20.11 (late), 23.11 entered 26.11 (due 24.11: late), 26.11 entered the same day.
    expect(c5a.months[2].onTime).toEqual({ num: 1, den: 3 });
    // September's data came without an audit trail: nothing to judge; 14.11-style not-held lessons never count.
    expect(c5a.months[0].onTime).toEqual({ num: 0, den: 0 });
    expect(v.byClass.find((r: any) => r.id === c6b).months[2].onTime).toEqual({ num: 0, den: 0 });
  });

  it('measures marks against the R7 norm prorated by the quarter school days gone', async () => {
    const v = await call('deputy', 'overview.completeness', {});
    const c5a = v.byClass.find((r: any) => r.id === sc.c5a);
    // 2 h a week → 5 marks a quarter. Q1 01.09–24.10, Q2 05.11–28.12 (weekdays).
    const sepPerPupil = (5 * weekdays('2026-09-01', '2026-09-30')) / weekdays('2026-09-01', '2026-10-24');
    const novPerPupil = (5 * weekdays('2026-11-05', '2026-11-26')) / weekdays('2026-11-05', '2026-12-28');
    // September: Андреев and Борисова in both journals (Волков joined in November); 2 marks in Russian, none in maths.
    expect(c5a.months[0].marks.num).toBe(2);
    expect(c5a.months[0].marks.den).toBeCloseTo(2 * 2 * sepPerPupil, 6);
    // November: only Russian has lessons; 3 pupils were in the group during the month; 1 + 2 (the column) marks.
    expect(c5a.months[2].marks.num).toBe(3);
    expect(c5a.months[2].marks.den).toBeCloseTo(3 * novPerPupil, 6);
  });

  it('lists teachers by who taught the lessons, and puts the worst cell first', async () => {
    const v = await call('deputy', 'overview.completeness', {});
    const byId = new Map(v.byTeacher.map((r: any) => [r.id, r]));
    const taught = sql<{ t: number; n: number }>(
      `SELECT actual_teacher_id AS t, COUNT(*) AS n FROM lesson WHERE held = 1 AND cancelled = 0 AND part = 0 AND date BETWEEN '2026-09-01' AND '2026-09-30' GROUP BY t`,
    );
    for (const { t, n } of taught) expect((byId.get(t) as any).months[0].held).toBe(n);
    expect((byId.get(sc.teacher) as any).name).toMatch(/^\S+ \S\./);
    const worst = (r: any) =>
      Math.min(1, ...r.months.flatMap((c: any) => ['topic', 'homework', 'attendance', 'marks', 'onTime'].filter((m) => c[m].den > 0).map((m) => c[m].num / c[m].den)));
    for (const list of [v.byClass, v.byTeacher]) {
      const ws = list.map(worst);
      expect(ws).toEqual([...ws].sort((a, b) => a - b));
    }
    // Weeks: Monday keys, held lessons add up to the school's total.
    const weekHeld = v.weeks.reduce((s: number, w: any) => s + w.value.held, 0);
    expect(weekHeld).toBe(v.school.reduce((s: number, c: any) => s + c.held, 0));
    expect(v.weeks.map((w: any) => new Date(`${w.week}T00:00:00Z`).getUTCDay())).toEqual(v.weeks.map(() => 1));
  });

  it('is refused to a teacher and an unknown year is a clear not_found', async () => {
    const env = await app.router.call('overview.completeness', {}, tokens.teacher!);
    expect(env.ok ? null : env.error.code).toBe('forbidden');
    const missing = await app.router.call('overview.completeness', { yearId: 999 }, tokens.deputy!);
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
  });
});

describe('overview.deputy and overview.director', () => {
  it("counts this month's check and the remarks by state as plain SQL does", async () => {
    const empty = await call('deputy', 'overview.deputy', {});
    expect(empty).toEqual({ month: '2026-11', check: null, remarks: { draft: 0, open: 0, acknowledged: 0, fixed: 0, verified: 0, overdue: 0 } });
    const check = (from: string, to: string) =>
      ins(
        "INSERT INTO journal_check (year_id, date_from, date_to, scope, created_by, created_at, ran_at) VALUES (?,?,?,'{}',?,?,?)",
        sc.year, from, to, sc.deputy, '2026-11-02T08:00:00Z', '2026-11-02T08:00:00Z',
      );
    check('2026-09-01', '2026-09-30');
    const oct = check('2026-10-01', '2026-10-31');
    const finding = (rule: string, severity: string, key: string, dismissed = false) =>
      ins(
        `INSERT INTO check_finding (check_id, rule, severity, key, teacher_id, text, dismissed_at, dismissed_reason) VALUES (?,?,?,?,?,'x',?,?)`,
        oct, rule, severity, key, sc.teacher, dismissed ? '2026-11-03T08:00:00Z' : null, dismissed ? 'перенос' : null,
      );
    finding('R1', 'error', 'R1:l1');
    finding('R1', 'error', 'R1:l2');
    finding('R2', 'warning', 'R2:l1');
    finding('R8', 'info', 'R8:a', true);
    for (const state of ['open', 'open', 'fixed', 'overdue'])
      ins(
        `INSERT INTO remark (check_id, teacher_id, text, deadline, state, created_by, created_at, state_at) VALUES (?,?,'Заполните тему','2026-11-10',?,?,?,?)`,
        oct, sc.teacher, state, sc.deputy, '2026-11-03T08:00:00Z', '2026-11-03T08:00:00Z',
      );
    const v = await call('deputy', 'overview.deputy', {});
    // The October check was run in November: it is this month's (the latest such).
    expect(v.check).toMatchObject({ id: oct, from: '2026-10-01', to: '2026-10-31', status: 'draft', dismissed: 1 });
    const bySeverity = Object.fromEntries(
      sql<{ s: string; n: number }>('SELECT severity AS s, COUNT(*) AS n FROM check_finding WHERE check_id = ? AND dismissed_at IS NULL GROUP BY severity', oct).map(
        (r) => [r.s, r.n],
      ),
    );
    expect(v.check.findings).toEqual({ error: bySeverity.error ?? 0, warning: bySeverity.warning ?? 0, info: bySeverity.info ?? 0 });
    for (const { s, n } of sql<{ s: string; n: number }>('SELECT state AS s, COUNT(*) AS n FROM remark GROUP BY state')) expect(v.remarks[s]).toBe(n);
    expect(v.remarks.verified).toBe(0);
  });

  it('gives the director marks by class, absences by reason and the export state', async () => {
    const v = await call('director', 'overview.director', {});
    expect(v.from).toBe('2026-09-01');
    const marks = sql<{ c: number; v: string; n: number }>(
      `SELECT g.class_id AS c, m.value AS v, COUNT(*) AS n FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN study_group g ON g.id = l.group_id
        WHERE l.cancelled = 0 AND l.date <= '2026-11-26' GROUP BY c, v`,
    );
    expect(marks.length).toBeGreaterThan(2);
    for (const { c, v: value, n } of marks) expect(v.marksByClass.find((r: any) => r.classId === c).counts[value]).toBe(n);
    expect(v.marksByClass.find((r: any) => r.classId === sc.c5a).className).toBe('5А');
    const absences = sql<{ reason: string; count: number }>(
      `SELECT a.reason, COUNT(*) AS count FROM absence a JOIN lesson l ON l.id = a.lesson_id WHERE l.cancelled = 0 GROUP BY a.reason ORDER BY count DESC, a.reason`,
    );
    expect(v.absencesByReason).toEqual(absences);
    expect(v.export).toEqual({ configured: false, lastDailyDone: null, lastFullDone: null, dailyLate: false, queued: 0, refused: 0, problem: null });
  });
});
