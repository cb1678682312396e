// The journal's rules, scope and audit trail, through the real router on a temp database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalView } from '../../src-shared/rpc/journal';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z'); // Thursday, 10:00 in Moscow
  sc = await buildTinySchool(app);
  for (const l of ['teacher', 'other', 'deputy', 'admin'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
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
const slot = (date: string, s = 2) => ({ groupId: sc.g5a, subjectId: sc.rus, date, slot: s });
const count = (sql: string, ...p: unknown[]) => (app.services.sqlite.prepare(sql).get(...p) as { n: number }).n;

describe('opening a journal', () => {
  it('shows pupils alphabetically, lessons from the timetable for the current quarter, and write access', async () => {
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j.term.id).toBe(sc.q2);
    expect(j.access).toBe('write');
    expect(j.pupils.map((p) => [p.name, p.from, p.to])).toEqual([
      ['Андреев Пётр', '2026-09-01', null],
      ['Борисова Анна', '2026-09-01', '2026-11-15'],
      ['Волков Игорь', '2026-11-10', null],
    ]);
    const dates = j.lessons.map((l) => l.date);
    expect(dates.slice(0, 4)).toEqual(['2026-11-05', '2026-11-09', '2026-11-12', '2026-11-16']);
    expect(dates).toContain('2026-12-28');
    expect(j.lessons.every((l) => l.lessonId === null && l.editable)).toBe(true);
    expect(j.workTypes.map((w) => w.name)).toContain('Отработка');
  });

  it('lets the class teacher read another subject of their class, and refuses other journals', async () => {
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.math });
    expect(j.access).toBe('read');
    expect(j.lessons.every((l) => !l.editable)).toBe(true);
    expect(await as('teacher').fail('journal.open', { groupId: sc.g6b, subjectId: sc.math })).toMatchObject({ code: 'forbidden' });
    expect((await as('deputy').call<JournalView>('journal.open', { groupId: sc.g6b, subjectId: sc.math })).access).toBe('read');
    expect(await as('admin').fail('journal.open', { groupId: sc.g6b, subjectId: sc.math })).toMatchObject({ code: 'forbidden' });
  });

  it('lists the journals each user may open', async () => {
    const t = (await as('teacher').call<{ journals: any[] }>('journal.list', {})).journals;
    expect(t.map((j) => [j.className, j.subjectName, j.access])).toEqual([
      ['5А', 'Русский язык', 'write'],
      ['5А', 'Математика', 'read'],
    ]);
    expect((await as('deputy').call<{ journals: any[] }>('journal.list', {})).journals).toHaveLength(3);
  });
});

describe('entering marks and absences', () => {
  it('creates the lesson on first entry and writes cell, audit and feed in one go', async () => {
    const [andreev] = sc.pupils;
    const auditBefore = count('SELECT COUNT(*) AS n FROM audit_event');
    const r = await as('teacher').call('journal.setCell', {
      lesson: slot('2026-11-23'),
      pupilId: andreev,
      marks: [
        { value: '5', workTypeId: sc.wtAnswer },
        { value: '4', workTypeId: sc.wtControl },
      ],
      absence: null,
    });
    expect(r.cell).toEqual({
      lessonId: r.lessonId,
      pupilId: andreev,
      marks: [
        { value: '5', workTypeId: sc.wtAnswer, weight: 1 },
        { value: '4', workTypeId: sc.wtControl, weight: 2 },
      ],
      absence: null,
      version: 1,
    });
    expect(count('SELECT COUNT(*) AS n FROM lesson WHERE id = ? AND planned_teacher_id = ? AND held = 1', r.lessonId, sc.teacher)).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM audit_event')).toBe(auditBefore + 2); // lesson created + cell
    expect(count("SELECT COUNT(*) AS n FROM change_feed WHERE entity = 'cell' AND entity_id = ?", `${r.lessonId}:${andreev}`)).toBe(1);
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j.cells).toContainEqual(r.cell);
    expect(j.lessons.find((l) => l.date === '2026-11-23')!.lessonId).toBe(r.lessonId);
  });

  it('keeps a history of a cell: who, when, old → new, and undo is one more edit', async () => {
    const [andreev] = sc.pupils;
    const set = (marks: { value: string; workTypeId: number }[], absence: string | null) =>
      as('teacher').call('journal.setCell', { lesson: slot('2026-11-19'), pupilId: andreev, marks, absence });
    const first = await set([{ value: '3', workTypeId: sc.wtAnswer }], null);
    app.clock.advance(60_000);
    await set([{ value: '4', workTypeId: sc.wtAnswer }], null);
    app.clock.advance(60_000);
    await set([{ value: '3', workTypeId: sc.wtAnswer }], null); // Ctrl+Z sends the old state back
    const h = await as('teacher').call<{ entries: any[] }>('journal.history', { lessonId: first.lessonId, pupilId: andreev });
    expect(h.entries.map((e) => [e.actor, e.before.marks.map((m: any) => m.value), e.after.marks.map((m: any) => m.value)])).toEqual([
      ['Тестова t. И.', ['4'], ['3']],
      [expect.any(String), ['3'], ['4']],
      [expect.any(String), [], ['3']],
    ]);
    expect(h.entries[0].at > h.entries[1].at).toBe(true);
    expect(await as('admin').fail('journal.history', { lessonId: first.lessonId, pupilId: andreev })).toMatchObject({ code: 'forbidden' });
  });

  it('accepts absence reasons, and a mark for an absent pupil only as make-up work', async () => {
    const [andreev] = sc.pupils;
    const cell = (marks: { value: string; workTypeId: number }[], absence: string | null) => ({
      lesson: slot('2026-11-16'),
      pupilId: andreev,
      marks,
      absence,
    });
    expect((await as('teacher').call('journal.setCell', cell([], 'б'))).cell.absence).toBe('б');
    expect(await as('teacher').fail('journal.setCell', cell([{ value: '2', workTypeId: sc.wtAnswer }], 'б'))).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('Отработка'),
    });
    expect((await as('teacher').call('journal.setCell', cell([{ value: '4', workTypeId: sc.wtMakeUp }], 'б'))).cell.marks).toHaveLength(1);
    // Late is a presence: an ordinary mark is fine.
    expect((await as('teacher').call('journal.setCell', cell([{ value: '5', workTypeId: sc.wtAnswer }], 'оп'))).cell.absence).toBe('оп');
  });

  it('refuses pupils not enrolled that day, future lessons and lessons not in the timetable', async () => {
    const [, borisova, volkov] = sc.pupils;
    const mark = [{ value: '5', workTypeId: sc.wtAnswer }];
    expect(
      await as('teacher').fail('journal.setCell', { lesson: slot('2026-11-16'), pupilId: borisova, marks: mark, absence: null }),
    ).toMatchObject({ code: 'validation', message: expect.stringContaining('не числится') });
    expect(
      await as('teacher').fail('journal.setCell', { lesson: slot('2026-11-09'), pupilId: volkov, marks: mark, absence: null }),
    ).toMatchObject({
      code: 'validation',
    });
    expect(
      await as('teacher').fail('journal.setCell', { lesson: slot('2026-11-30'), pupilId: volkov, marks: mark, absence: null }),
    ).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('будущие'),
    });
    expect(
      await as('teacher').fail('journal.setCell', { lesson: slot('2026-11-24'), pupilId: volkov, marks: mark, absence: null }),
    ).toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses marks on a lesson not held, and un-holding a lesson with marks', async () => {
    const [andreev] = sc.pupils;
    await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-12'), held: false });
    expect(
      await as('teacher').fail('journal.setCell', {
        lesson: slot('2026-11-12'),
        pupilId: andreev,
        marks: [{ value: '5', workTypeId: sc.wtAnswer }],
        absence: null,
      }),
    ).toMatchObject({ code: 'validation', message: expect.stringContaining('не проведённый') });
    expect(await as('teacher').fail('journal.setLesson', { lesson: slot('2026-11-23'), held: false })).toMatchObject({
      code: 'validation',
    });
    expect(await as('teacher').fail('journal.setLesson', { lesson: slot('2026-12-03'), held: true })).toMatchObject({ code: 'validation' });
  });

  it("refuses edits in someone else's journal and by roles that do not enter marks", async () => {
    const [andreev] = sc.pupils;
    const input = { lesson: slot('2026-11-23'), pupilId: andreev, marks: [], absence: 'н' };
    expect(await as('other').fail('journal.setCell', input)).toMatchObject({ code: 'forbidden' });
    expect(await as('deputy').fail('journal.setCell', input)).toMatchObject({ code: 'forbidden' });
    expect(await as('admin').fail('journal.setCell', input)).toMatchObject({ code: 'forbidden' });
  });
});

describe('pasting a column', () => {
  it('writes every cell of a planned lesson in one transaction', async () => {
    const [andreev, , volkov] = sc.pupils;
    const lesson = slot('2026-11-26');
    const r = await as('teacher').call('journal.setCells', {
      edits: [
        { lesson, pupilId: andreev, marks: [{ value: '5', workTypeId: sc.wtAnswer }], absence: null },
        { lesson, pupilId: volkov, marks: [], absence: 'б' },
      ],
    });
    expect(r.cells.map((c: any) => c.lessonId)).toEqual([r.cells[0].lessonId, r.cells[0].lessonId]);
    expect(count('SELECT COUNT(*) AS n FROM lesson WHERE group_id = ? AND date = ?', sc.g5a, '2026-11-26')).toBe(1);
  });

  it('writes nothing when one edit breaks a rule, and says which', async () => {
    const [andreev, borisova] = sc.pupils;
    const lesson = slot('2026-11-23');
    const marks = () => count('SELECT COUNT(*) AS n FROM mark');
    const before = marks();
    const err = await as('teacher').fail('journal.setCells', {
      edits: [
        { lesson, pupilId: andreev, marks: [{ value: '2', workTypeId: sc.wtAnswer }], absence: null },
        { lesson, pupilId: borisova, marks: [{ value: '3', workTypeId: sc.wtAnswer }], absence: null },
      ],
    });
    expect(err).toMatchObject({ code: 'validation', message: expect.stringMatching(/^Строка 2: /), issues: [{ path: ['edits', 1] }] });
    expect(marks()).toBe(before);
  });
});

describe('lesson details and substitutions', () => {
  it('saves topic and homework (also ahead of time), and records a substitution', async () => {
    const future = await as('teacher').call('journal.setLesson', {
      lesson: slot('2026-12-03'),
      topic: '  Имя прилагательное ',
      homework: 'Упр. 112',
    });
    expect(future).toMatchObject({ topic: 'Имя прилагательное', homework: 'Упр. 112', editable: true });
    const sub = await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-26'), actualTeacherId: sc.other });
    expect(sub).toMatchObject({ plannedTeacherId: sc.teacher, actualTeacherId: sc.other });
    expect(
      count("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'journal.substitution' AND entity_id = ?", String(sub.lessonId)),
    ).toBe(1);
    // The substitute may now fill that lesson, and only that one.
    const [andreev] = sc.pupils;
    await as('other').call('journal.setCell', {
      lesson: slot('2026-11-26'),
      pupilId: andreev,
      marks: [{ value: '4', workTypeId: sc.wtAnswer }],
      absence: null,
    });
    expect(
      await as('other').fail('journal.setCell', {
        lesson: slot('2026-11-23'),
        pupilId: andreev,
        marks: [{ value: '4', workTypeId: sc.wtAnswer }],
        absence: null,
      }),
    ).toMatchObject({ code: 'forbidden' });
    const list = (await as('other').call<{ journals: any[] }>('journal.list', {})).journals;
    expect(list).toContainEqual(expect.objectContaining({ groupId: sc.g5a, subjectId: sc.rus, access: 'substitute' }));
    const j = await as('other').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j.lessons.filter((l) => l.editable).map((l) => l.date)).toEqual(['2026-11-26']);
    expect(await as('teacher').fail('journal.setLesson', { lesson: slot('2026-11-26'), actualTeacherId: sc.admin })).toMatchObject({
      code: 'validation',
    });
  });
});

describe('homework files', () => {
  const pdf = Buffer.from('%PDF-1.4 домашнее задание').toString('base64');
  it('attaches, serves, de-duplicates by content and removes', async () => {
    const a = await as('teacher').call('journal.attachFile', {
      lesson: slot('2026-11-23'),
      name: 'задание.pdf',
      mime: 'application/pdf',
      data: pdf,
    });
    const b = await as('teacher').call('journal.attachFile', {
      lesson: slot('2026-11-19'),
      name: 'копия.pdf',
      mime: 'application/pdf',
      data: pdf,
    });
    expect(count('SELECT COUNT(*) AS n FROM file_blob')).toBe(1);
    expect(await as('deputy').call('journal.getFile', { fileId: a.id })).toEqual({
      name: 'задание.pdf',
      mime: 'application/pdf',
      data: pdf,
    });
    await as('teacher').call('journal.removeFile', { fileId: a.id });
    expect(count('SELECT COUNT(*) AS n FROM file_blob')).toBe(1);
    await as('teacher').call('journal.removeFile', { fileId: b.id });
    expect(count('SELECT COUNT(*) AS n FROM file_blob')).toBe(0);
  });

  it('refuses disallowed types and files over the size limit with a clear message', async () => {
    expect(
      await as('teacher').fail('journal.attachFile', {
        lesson: slot('2026-11-23'),
        name: 'virus.exe',
        mime: 'application/x-msdownload',
        data: pdf,
      }),
    ).toMatchObject({ code: 'validation', message: expect.stringContaining('тип файла') });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1).toString('base64');
    expect(
      await as('teacher').fail('journal.attachFile', { lesson: slot('2026-11-23'), name: 'big.pdf', mime: 'application/pdf', data: big }),
    ).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('10 МБ'),
    });
  });
});

describe('term marks and closed terms', () => {
  it('suggests from the weighted average and records overrides', async () => {
    const [, , volkov] = sc.pupils;
    const put = (date: string, value: string, wt: number) =>
      as('teacher').call('journal.setCell', { lesson: slot(date), pupilId: volkov, marks: [{ value, workTypeId: wt }], absence: null });
    await put('2026-11-12', '5', sc.wtAnswer).catch(() => {}); // lesson not held: refused
    await put('2026-11-16', '5', sc.wtAnswer);
    await put('2026-11-19', '4', sc.wtControl);
    await put('2026-11-23', '5', sc.wtAnswer);
    // (5 + 4·2 + 5) / 4 = 4.5 → 4 with the default threshold 0.6
    const r = await as('teacher').call('journal.setTermMark', {
      groupId: sc.g5a,
      subjectId: sc.rus,
      termId: sc.q2,
      pupilId: volkov,
      value: '5',
    });
    expect(r.termMark).toMatchObject({ value: '5', suggested: '4' });
    const audit = app.services.sqlite
      .prepare("SELECT after FROM audit_event WHERE action = 'journal.term_mark' ORDER BY seq DESC")
      .get() as { after: string };
    expect(JSON.parse(audit.after)).toEqual({ value: '5', suggested: '4', override: true });
    expect(
      await as('deputy').fail('journal.setTermMark', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2, pupilId: volkov, value: '4' }),
    ).toMatchObject({
      code: 'forbidden',
    });
  });

  it('keeps the history of a term mark: confirmed, overridden, removed, newest first', async () => {
    const [, , volkov] = sc.pupils; // the test above: suggested 4, overridden with 5
    const ref = { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2, pupilId: volkov };
    for (const value of ['4', '3', null]) {
      app.clock.advance(60_000);
      await as('teacher').call('journal.setTermMark', { ...ref, value });
    }
    const h = await as('teacher').call<{ entries: any[] }>('journal.termMarkHistory', ref);
    expect(h.entries.map((e) => [e.action, e.actor, e.before, e.after])).toEqual([
      ['journal.term_mark', 'Тестова t. И.', { value: '3', suggested: '4' }, null],
      ['journal.term_mark', 'Тестова t. И.', { value: '4', suggested: '4' }, { value: '3', suggested: '4', override: true }],
      ['journal.term_mark', 'Тестова t. И.', { value: '5', suggested: '4' }, { value: '4', suggested: '4', override: false }],
      ['journal.term_mark', 'Тестова t. И.', null, { value: '5', suggested: '4', override: true }],
    ]);
    expect(h.entries[0].at > h.entries[1].at).toBe(true);
    // The deputy reads every journal; another pupil's or another term's mark is not mixed in.
    expect((await as('deputy').call<{ entries: any[] }>('journal.termMarkHistory', ref)).entries).toHaveLength(4);
    expect((await as('teacher').call<{ entries: any[] }>('journal.termMarkHistory', { ...ref, pupilId: sc.pupils[0] })).entries).toEqual(
      [],
    );
    expect((await as('teacher').call<{ entries: any[] }>('journal.termMarkHistory', { ...ref, termId: sc.q1 })).entries).toEqual([]);
    expect(await as('admin').fail('journal.termMarkHistory', ref)).toMatchObject({ code: 'forbidden' });
  });

  it('refuses every edit in a closed term with locked', async () => {
    const [andreev] = sc.pupils;
    app.services.sqlite.prepare("UPDATE term SET closed_at = '2026-10-30T10:00:00Z', closed_by = ? WHERE id = ?").run(sc.deputy, sc.q1);
    const oct = { groupId: sc.g5a, subjectId: sc.rus, date: '2026-10-19', slot: 2 };
    expect(await as('teacher').fail('journal.setCell', { lesson: oct, pupilId: andreev, marks: [], absence: 'н' })).toMatchObject({
      code: 'locked',
    });
    expect(await as('teacher').fail('journal.setLesson', { lesson: oct, topic: 'x' })).toMatchObject({ code: 'locked' });
    expect(
      await as('teacher').fail('journal.setTermMark', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q1, pupilId: andreev, value: '5' }),
    ).toMatchObject({ code: 'locked' });
  });
});

describe('holidays', () => {
  it('plans no lesson of a half-year on days outside every quarter', async () => {
    const s = app.services.sqlite;
    const ins = (sql: string, ...p: unknown[]) => Number(s.prepare(sql).run(...p).lastInsertRowid);
    ins(
      "INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?, 'half', 1, '2026-09-01', '2026-12-28', 10, 11)",
      sc.year,
    );
    const c10 = ins("INSERT INTO class_unit (year_id, grade, letter) VALUES (?, 10, 'А')", sc.year);
    const g10 = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '10А', 1)", c10);
    ins(
      "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,1,'2026-09-01')",
      g10,
      sc.rus,
      sc.teacher,
    );
    ins(
      "INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, valid_from) VALUES (?,?,?,1,1,'2026-09-01')",
      g10,
      sc.rus,
      sc.teacher,
    );
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: g10, subjectId: sc.rus });
    const dates = j.lessons.map((l) => l.date);
    // Mondays 26.10 and 02.11 fall in the break between the quarters (24.10 … 05.11).
    expect(dates).toContain('2026-10-19');
    expect(dates).not.toContain('2026-10-26');
    expect(dates).not.toContain('2026-11-02');
    expect(dates).toContain('2026-11-09');
  });
});

describe('a pupil who left the group and came back', () => {
  it('reports each stay as a period, refuses the gap and accepts both stays', async () => {
    const s = app.services.sqlite;
    const ins = (sql: string, ...p: unknown[]) => Number(s.prepare(sql).run(...p).lastInsertRowid);
    const back = ins("INSERT INTO person (surname, name, birth_date) VALUES ('Гаврилова', 'Вера', '2015-05-01')");
    // Out from 11.11 to 19.11: Thursday 12.11 and Monday 16.11 fall in the gap.
    ins("INSERT INTO group_member (pupil_id, group_id, from_date, to_date) VALUES (?, ?, '2026-09-01', '2026-11-10')", back, sc.g5a);
    ins("INSERT INTO group_member (pupil_id, group_id, from_date, to_date) VALUES (?, ?, '2026-11-20', NULL)", back, sc.g5a);

    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    const rows = j.pupils.filter((p) => p.id === back);
    expect(rows).toHaveLength(1);
    expect(j.pupils.map((p) => p.name)).toEqual(['Андреев Пётр', 'Борисова Анна', 'Волков Игорь', 'Гаврилова Вера']);
    expect(rows[0]).toMatchObject({
      from: '2026-09-01',
      to: null,
      periods: [
        { from: '2026-09-01', to: '2026-11-10' },
        { from: '2026-11-20', to: null },
      ],
    });
    // Pupils with one stay have one period equal to their span.
    expect(j.pupils.find((p) => p.id === sc.pupils[1])!.periods).toEqual([{ from: '2026-09-01', to: '2026-11-15' }]);

    const mark = [{ value: '4', workTypeId: sc.wtAnswer }];
    for (const date of ['2026-11-12', '2026-11-16'])
      expect(await as('teacher').fail('journal.setCell', { lesson: slot(date), pupilId: back, marks: mark, absence: null })).toMatchObject({
        code: 'validation',
        message: 'Ученик не числится в этой группе на дату урока',
      });
    for (const date of ['2026-11-09', '2026-11-23'])
      expect(
        (await as('teacher').call('journal.setCell', { lesson: slot(date), pupilId: back, marks: mark, absence: null })).cell,
      ).toMatchObject({ pupilId: back, marks: [{ value: '4' }] });
  });

  it('merges stays that touch or overlap into one period', async () => {
    const s = app.services.sqlite;
    const ins = (sql: string, ...p: unknown[]) => Number(s.prepare(sql).run(...p).lastInsertRowid);
    const p = ins("INSERT INTO person (surname, name, birth_date) VALUES ('Дмитриев', 'Олег', '2015-05-01')");
    ins("INSERT INTO group_member (pupil_id, group_id, from_date, to_date) VALUES (?, ?, '2026-09-01', '2026-11-10')", p, sc.g5a);
    ins("INSERT INTO group_member (pupil_id, group_id, from_date, to_date) VALUES (?, ?, '2026-11-11', '2026-12-01')", p, sc.g5a);
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j.pupils.find((x) => x.id === p)).toMatchObject({
      from: '2026-09-01',
      to: '2026-12-01',
      periods: [{ from: '2026-09-01', to: '2026-12-01' }],
    });
  });
});

describe("the substitute's name", () => {
  it('comes with a substituted lesson for readers and writers, and is null otherwise', async () => {
    // 26.11 was substituted by «other» above (Тестова other Ивановна).
    const j = await as('deputy').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    const at = (date: string) => j.lessons.find((l) => l.date === date && l.slot === 2)!;
    expect(at('2026-11-26')).toMatchObject({ actualTeacherId: sc.other, actualTeacherName: 'Тестова o. И.' });
    expect(at('2026-11-23')).toMatchObject({ lessonId: expect.any(Number), actualTeacherId: sc.teacher, actualTeacherName: null });
    expect(at('2026-12-07')).toMatchObject({ lessonId: null, actualTeacherName: null });

    const sub = await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-19'), actualTeacherId: sc.other });
    expect(sub).toMatchObject({ actualTeacherId: sc.other, actualTeacherName: 'Тестова o. И.' });
    const undone = await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-19'), actualTeacherId: sc.teacher });
    expect(undone).toMatchObject({ actualTeacherId: sc.teacher, actualTeacherName: null });
  });
});
