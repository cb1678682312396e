// The calendar RPC through the real router on a real database: rights, audit, closed terms,
// refused dates, term marks that follow their period, and the school days after each edit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { schoolDays } from '../../src-main/services/calendar/days';
import { applyTemplate, templateYear } from '../../src-main/services/calendar/template';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';

let app: TestApp;
const tok: Record<'teacher' | 'deputy' | 'admin', string> = { teacher: '', deputy: '', admin: '' };
let yearId: number;
let g5: number;
let g9: number;
let rus: number;
let pupil: number;
let teacherId: number;

const sql = () => app.services.sqlite;
const ins = (q: string, ...p: unknown[]) =>
  Number(
    sql()
      .prepare(q)
      .run(...p).lastInsertRowid,
  );
const one = <T>(q: string, ...p: unknown[]) =>
  sql()
    .prepare(q)
    .get(...p) as T;
const termId = (kind: string, n: number, grade: number) =>
  one<{ id: number }>(
    'SELECT id FROM term WHERE year_id = ? AND kind = ? AND number = ? AND ? BETWEEN grade_from AND grade_to',
    yearId,
    kind,
    n,
    grade,
  ).id;
const days = (grade: number) => schoolDays(sql(), yearId, grade);
const has = (grade: number, date: string) => days(grade).some((d) => d.date === date);
const audits = (action: string) =>
  sql().prepare('SELECT before, after, actor_id FROM audit_event WHERE action = ? ORDER BY seq').all(action) as {
    before: string | null;
    after: string;
    actor_id: number;
  }[];
async function refused(
  method: string,
  input: unknown,
  token: string,
): Promise<{ code: string; message: string; issues?: { path: unknown[] }[] }> {
  const env = await app.router.call(method, input, token);
  if (env.ok) throw new Error(`${method} was accepted`);
  return env.error;
}
const QUARTERS = [
  { startsOn: '2026-09-01', endsOn: '2026-10-24' },
  { startsOn: '2026-11-05', endsOn: '2026-12-28' },
  { startsOn: '2027-01-12', endsOn: '2027-03-20' },
  { startsOn: '2027-03-30', endsOn: '2027-05-31' },
];

beforeAll(async () => {
  app = createTestApp();
  teacherId = await addUser(app, 'teacher', ['teacher', 'classTeacher']);
  await addUser(app, 'deputy', ['deputy']);
  await addUser(app, 'admin', ['administrator']);
  for (const k of ['teacher', 'deputy', 'admin'] as const)
    tok[k] = (await app.call<{ token: string }>('auth.login', { login: k, password: TEST_PASSWORD })).token;
});
afterAll(() => app.dispose());

// A fresh standard year for each test (the previous one is archived under another label).
beforeEach(() => {
  const s = sql();
  s.prepare("UPDATE school_year SET status = 'archived', label = label || '#' || id").run();
  yearId = ins("INSERT INTO school_year (label, starts_on, ends_on, status) VALUES ('2026/2027', '2026-09-01', '2027-05-31', 'open')");
  applyTemplate(s, yearId, templateYear(2026));
  const c5 = ins("INSERT INTO class_unit (year_id, grade, letter) VALUES (?, 5, 'А')", yearId);
  const c9 = ins("INSERT INTO class_unit (year_id, grade, letter) VALUES (?, 9, 'А')", yearId);
  g5 = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '5А', 1)", c5);
  g9 = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '9А', 1)", c9);
  rus = ins("INSERT INTO subject (name, short_name) VALUES ('Русский язык ' || ?, 'Рус')", yearId);
  pupil = ins("INSERT INTO person (surname, name) VALUES ('Андреев', 'Пётр')");
});

describe('calendar RPC', () => {
  it('calendar.get shows the template year to everyone; only the deputy and the administrator change it', async () => {
    const cal = await app.call<{ ranges: unknown[]; terms: { kind: string }[]; days: unknown[]; weeks: { daysPerWeek: number }[] }>(
      'calendar.get',
      {},
      tok.teacher,
    );
    expect(cal.ranges).toEqual([
      { gradeFrom: 1, gradeTo: 9, kind: 'quarter' },
      { gradeFrom: 10, gradeTo: 11, kind: 'half' },
    ]);
    expect(cal.terms.filter((t) => t.kind === 'exam' || t.kind === 'final')).toHaveLength(4);
    expect(cal.weeks.map((w) => w.daysPerWeek)).toEqual(Array(11).fill(5));
    const day = { gradeFrom: 5, gradeTo: 5, kind: 'holiday', date: '2026-12-01', note: 'Карантин' };
    expect((await refused('calendar.setDay', day, tok.teacher)).code).toBe('forbidden');
    expect(has(5, '2026-12-01')).toBe(true);
    await app.call('calendar.setDay', day, tok.deputy);
    await app.call('calendar.setDay', { ...day, gradeFrom: 6, gradeTo: 6 }, tok.admin);
    expect(has(5, '2026-12-01')).toBe(false);
    expect(has(6, '2026-12-01')).toBe(false);
    expect(has(7, '2026-12-01')).toBe(true);
  });

  it('a holiday takes its day out of the school days and reports the lessons left on it; the audit holds before and after', async () => {
    ins("INSERT INTO lesson (group_id, subject_id, date, slot, held) VALUES (?, ?, '2026-12-02', 1, 1)", g5, rus);
    ins("INSERT INTO lesson (group_id, subject_id, date, slot, held) VALUES (?, ?, '2026-12-02', 1, 1)", g9, rus);
    const r = await app.call<{ lessonsOffCalendar: number }>(
      'calendar.setDay',
      { gradeFrom: 5, gradeTo: 5, kind: 'holiday', date: '2026-12-02', until: '2026-12-03', note: 'Карантин' },
      tok.deputy,
    );
    expect(r.lessonsOffCalendar).toBe(1); // the 5th grade's lesson, not the 9th's
    expect(has(5, '2026-12-02') || has(5, '2026-12-03')).toBe(false);
    const a = audits('calendar.setDay').at(-1)!;
    expect(JSON.parse(a.after)).toEqual([
      { date: '2026-12-02', kind: 'holiday', gradeFrom: 5, gradeTo: 5, asWeekday: null, note: 'Карантин' },
      { date: '2026-12-03', kind: 'holiday', gradeFrom: 5, gradeTo: 5, asWeekday: null, note: 'Карантин' },
    ]);
    const ids = (sql().prepare("SELECT id FROM calendar_day WHERE year_id = ? AND note = 'Карантин'").all(yearId) as { id: number }[]).map(
      (x) => x.id,
    );
    await app.call('calendar.removeDay', { ids }, tok.deputy);
    expect(has(5, '2026-12-02')).toBe(true);
    expect(JSON.parse(audits('calendar.removeDay').at(-1)!.before!)).toHaveLength(2);
  });

  it('a six-day week adds the Saturdays of the quarters, but not 1 May; a working Saturday follows the given weekday', async () => {
    const five = days(7).length;
    await app.call('calendar.setWeek', { grade: 7, daysPerWeek: 6 }, tok.deputy);
    expect(days(7).length - five).toBe(34); // counted off the paper calendar
    expect(has(7, '2027-05-01')).toBe(false);
    expect(days(8).length).toBe(five);
    expect(JSON.parse(audits('calendar.setWeek').at(-1)!.before!)).toEqual({ grade: 7, daysPerWeek: 5 });

    await app.call('calendar.setDay', { gradeFrom: 8, gradeTo: 8, kind: 'workday', date: '2026-12-05', asWeekday: 1 }, tok.admin);
    expect(days(8).find((d) => d.date === '2026-12-05')).toEqual({ date: '2026-12-05', asWeekday: 1 });
    expect(has(9, '2026-12-05')).toBe(false);
    // A working day where a holiday of a wider range already is: a clear conflict, nothing written.
    const e = await refused('calendar.setDay', { gradeFrom: 5, gradeTo: 5, kind: 'workday', date: '2026-11-04', asWeekday: 3 }, tok.deputy);
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/04\.11\.2026.*1–11 классов/);
  });

  it('refuses impossible and out-of-year dates with validation, writing nothing', async () => {
    const count = () =>
      one<{ n: number }>(
        'SELECT (SELECT COUNT(*) FROM audit_event) + (SELECT COUNT(*) FROM calendar_day) + (SELECT COUNT(*) FROM term) AS n',
      ).n;
    const before = count();
    const cases: [string, unknown][] = [
      ['calendar.setDay', { gradeFrom: 5, gradeTo: 5, kind: 'holiday', date: '2026-02-30' }],
      ['calendar.setDay', { gradeFrom: 5, gradeTo: 5, kind: 'holiday', date: '2027-06-15' }],
      ['calendar.setDay', { gradeFrom: 5, gradeTo: 5, kind: 'holiday', date: '2026-12-10', until: '2026-12-01' }],
      ['calendar.setDay', { gradeFrom: 5, gradeTo: 5, kind: 'workday', date: '2026-12-05' }],
      ['calendar.setDay', { gradeFrom: 7, gradeTo: 5, kind: 'holiday', date: '2026-12-05' }],
      [
        'calendar.setPeriods',
        { gradeFrom: 1, gradeTo: 9, kind: 'quarter', periods: [{ startsOn: '2026-08-20', endsOn: '2026-10-24' }, ...QUARTERS.slice(1)] },
      ],
      [
        'calendar.setPeriods',
        {
          gradeFrom: 1,
          gradeTo: 9,
          kind: 'quarter',
          periods: [QUARTERS[0], { startsOn: '2026-10-20', endsOn: '2026-12-28' }, ...QUARTERS.slice(2)],
        },
      ],
      ['calendar.setPeriods', { gradeFrom: 1, gradeTo: 9, kind: 'trimester', periods: QUARTERS }],
      [
        'calendar.setPeriods',
        { gradeFrom: 1, gradeTo: 9, kind: 'quarter', periods: [...QUARTERS.slice(0, 3), { startsOn: '2027-03-30', endsOn: '2027-06-10' }] },
      ],
      ['calendar.setWeek', { grade: 12, daysPerWeek: 6 }],
      ['calendar.setWeek', { grade: 5, daysPerWeek: 7 }],
    ];
    for (const [m, input] of cases) expect((await refused(m, input, tok.deputy)).code, JSON.stringify(input)).toBe('validation');
    const e = await refused('calendar.setPeriods', cases[6]![1], tok.deputy);
    expect(e.issues?.[0]?.path).toEqual(['periods', 1, 'startsOn']);
    expect(count()).toBe(before);
  });

  it('a closed term (for the school or one class) keeps its dates; other periods still change', async () => {
    const moved = [...QUARTERS.slice(0, 2), { startsOn: '2027-01-11', endsOn: '2027-03-19' }, QUARTERS[3]!];
    sql()
      .prepare("UPDATE term SET closed_at = '2026-10-30T10:00:00Z' WHERE id = ?")
      .run(termId('quarter', 1, 5));
    const e = await refused(
      'calendar.setPeriods',
      { gradeFrom: 1, gradeTo: 9, kind: 'quarter', periods: [{ startsOn: '2026-09-02', endsOn: '2026-10-24' }, ...QUARTERS.slice(1)] },
      tok.deputy,
    );
    expect(e.code).toBe('locked');
    expect(e.message).toMatch(/1 четверть 1–9 классов закрыта/);
    await app.call('calendar.setPeriods', { gradeFrom: 1, gradeTo: 9, kind: 'quarter', periods: moved }, tok.deputy);
    expect(has(5, '2027-01-11')).toBe(true);

    const q2 = termId('quarter', 2, 5);
    ins(
      "INSERT INTO term_closure (term_id, class_id, closed_at) VALUES (?, (SELECT class_id FROM study_group WHERE id = ?), '2026-12-29T10:00:00Z')",
      q2,
      g5,
    );
    expect(
      (
        await refused(
          'calendar.setPeriods',
          {
            gradeFrom: 1,
            gradeTo: 9,
            kind: 'quarter',
            periods: [QUARTERS[0], { startsOn: '2026-11-06', endsOn: '2026-12-28' }, ...moved.slice(2)],
          },
          tok.deputy,
        )
      ).code,
    ).toBe('locked');
    expect(termId('quarter', 2, 5)).toBe(q2);
  });

  it('term marks keep their rows: dates change in place; a split moves them; trimesters are refused while quarter marks exist', async () => {
    const q1 = termId('quarter', 1, 5);
    const q2 = termId('quarter', 2, 5);
    const mark = ins("INSERT INTO term_mark (pupil_id, group_id, subject_id, term_id, value) VALUES (?, ?, ?, ?, '5')", pupil, g5, rus, q1);
    ins("INSERT INTO term_mark (pupil_id, group_id, subject_id, term_id, value) VALUES (?, ?, ?, ?, '4')", pupil, g9, rus, q2);
    // Same ranges, new dates: rows updated in place.
    await app.call(
      'calendar.setPeriods',
      { gradeFrom: 1, gradeTo: 9, kind: 'quarter', periods: [{ startsOn: '2026-09-01', endsOn: '2026-10-25' }, ...QUARTERS.slice(1)] },
      tok.deputy,
    );
    expect(one<{ term_id: number }>('SELECT term_id FROM term_mark WHERE id = ?', mark).term_id).toBe(q1);
    expect(one<{ ends_on: string }>('SELECT ends_on FROM term WHERE id = ?', q1).ends_on).toBe('2026-10-25');

    // Grades 5–7 get other quarters: 1–4 and 8–9 keep theirs, the 5th grade's mark follows its quarter.
    await app.call('calendar.setPeriods', { gradeFrom: 5, gradeTo: 7, kind: 'quarter', periods: QUARTERS }, tok.deputy);
    const ranges = sql()
      .prepare("SELECT grade_from, grade_to, ends_on FROM term WHERE year_id = ? AND kind = 'quarter' AND number = 1 ORDER BY grade_from")
      .all(yearId);
    expect(ranges).toEqual([
      { grade_from: 1, grade_to: 4, ends_on: '2026-10-25' },
      { grade_from: 5, grade_to: 7, ends_on: '2026-10-24' },
      { grade_from: 8, grade_to: 9, ends_on: '2026-10-25' },
    ]);
    expect(
      one<{ grade_from: number }>('SELECT t.grade_from FROM term_mark m JOIN term t ON t.id = m.term_id WHERE m.id = ?', mark).grade_from,
    ).toBe(5);
    expect(one<{ term_id: number }>('SELECT term_id FROM term_mark WHERE group_id = ?', g9).term_id).toBe(termId('quarter', 2, 9));

    const tri = [
      { startsOn: '2026-09-01', endsOn: '2026-11-30' },
      { startsOn: '2026-12-01', endsOn: '2027-02-28' },
      { startsOn: '2027-03-01', endsOn: '2027-05-31' },
    ];
    const e = await refused('calendar.setPeriods', { gradeFrom: 5, gradeTo: 7, kind: 'trimester', periods: tri }, tok.deputy);
    expect(e.code).toBe('conflict');
    expect(e.message).toMatch(/1 четверти \(5 класс\) — 1/);
    // Without marks the switch is allowed: trimesters replace the quarters of 6–7 only.
    await app.call('calendar.setPeriods', { gradeFrom: 6, gradeTo: 7, kind: 'trimester', periods: tri }, tok.deputy);
    const cal = await app.call<{ ranges: unknown[] }>('calendar.get', {}, tok.deputy);
    expect(cal.ranges).toEqual([
      { gradeFrom: 1, gradeTo: 4, kind: 'quarter' },
      { gradeFrom: 5, gradeTo: 5, kind: 'quarter' },
      { gradeFrom: 6, gradeTo: 7, kind: 'trimester' },
      { gradeFrom: 8, gradeTo: 9, kind: 'quarter' },
      { gradeFrom: 10, gradeTo: 11, kind: 'half' },
    ]);
    // The trimesters have no breaks: the autumn break is a school day for the 6th grade now.
    expect(has(6, '2026-10-27')).toBe(true);
    expect(has(5, '2026-10-27')).toBe(false);
    const a = JSON.parse(audits('calendar.setPeriods').at(-1)!.after);
    expect(a.periods.filter((p: { kind: string }) => p.kind === 'trimester')).toHaveLength(3);
  });

  it('the journal opens on a study period by default, never on the exam or final rows at the year end', async () => {
    ins(
      "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?, ?, ?, 2, '2026-09-01')",
      g9,
      rus,
      teacherId,
    );
    const at = (iso: string) => (app.clock.now = new Date(iso));
    try {
      for (const when of ['2027-05-27T07:00:00Z', '2027-06-10T07:00:00Z']) {
        at(when);
        // Months later the morning's session has ended: sign in again on that day.
        const { token } = await app.call<{ token: string }>('auth.login', { login: 'teacher', password: TEST_PASSWORD });
        const j = await app.call<{ term: { kind: string; number: number }; terms: { kind: string }[] }>(
          'journal.open',
          { groupId: g9, subjectId: rus },
          token,
        );
        expect([j.term.kind, j.term.number], when).toEqual(['quarter', 4]);
        expect(j.terms.map((x) => x.kind)).toEqual(expect.arrayContaining(['exam', 'final', 'year']));
      }
    } finally {
      at('2026-11-26T07:00:00Z');
    }
  });

  it('an archived year is read, never written', async () => {
    sql().prepare("UPDATE school_year SET status = 'archived' WHERE id = ?").run(yearId);
    const cal = await app.call<{ year: { archived: boolean } }>('calendar.get', { yearId }, tok.deputy);
    expect(cal.year.archived).toBe(true);
    const e = await refused('calendar.setWeek', { yearId, grade: 5, daysPerWeek: 6 }, tok.deputy);
    expect(e.code).toBe('locked');
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM year_grade WHERE year_id = ?', yearId).n).toBe(0);
  });
});
