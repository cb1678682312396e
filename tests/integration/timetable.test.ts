// The timetable (issue 11): changes from a date, bells, import with per-row errors, lesson
// generation checked by plain SQL against an independent count, regeneration that keeps rows
// holding data, one-off changes and drafts — through the real router on a temp database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalView } from '../../src-shared/rpc/journal';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z'); // Thursday
  sc = await buildTinySchool(app);
  await addUser(app, 'sub', ['teacher']);
  // A holiday inside the second quarter (a Monday): no lesson is generated on it.
  app.services.sqlite.prepare("INSERT INTO calendar_day (year_id, date, kind) VALUES (?, '2026-12-14', 'holiday')").run(sc.year);
  for (const l of ['teacher', 'other', 'deputy', 'admin', 'sub'])
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
const q = <T = any>(sql: string, ...p: unknown[]) => app.services.sqlite.prepare(sql).all(...p) as T[];
const n = (sql: string, ...p: unknown[]) => (app.services.sqlite.prepare(sql).get(...p) as { n: number }).n;

/**
 * Independent of the generator: every calendar day of the year inside a study period of the
 * group's grade, not a holiday, Monday–Friday, times the entries in force that day for its weekday.
 */
function expectedLessons(yearId: number, groupId?: number): number {
  return n(
    `WITH RECURSIVE d(x) AS (SELECT starts_on FROM school_year WHERE id = @y
                              UNION ALL SELECT date(x, '+1 day') FROM d WHERE x < (SELECT ends_on FROM school_year WHERE id = @y))
     SELECT COUNT(*) AS n FROM d
       JOIN timetable_entry e ON e.draft = 0 AND e.weekday = CAST(strftime('%u', x) AS INTEGER) AND x >= e.valid_from
                              AND (e.valid_to IS NULL OR x <= e.valid_to) AND (@g IS NULL OR e.group_id = @g)
       JOIN study_group g ON g.id = e.group_id JOIN class_unit c ON c.id = g.class_id AND c.year_id = @y
      WHERE CAST(strftime('%u', x) AS INTEGER) <= 5
        AND EXISTS (SELECT 1 FROM term t WHERE t.year_id = @y AND t.kind IN ('quarter','half','trimester')
                      AND c.grade BETWEEN t.grade_from AND t.grade_to AND x BETWEEN t.starts_on AND t.ends_on)
        AND NOT EXISTS (SELECT 1 FROM calendar_day h WHERE h.year_id = @y AND h.kind = 'holiday' AND h.date = x
                          AND c.grade BETWEEN h.grade_from AND h.grade_to)`,
    { y: yearId, g: groupId ?? null } as never,
  );
}
const storedLessons = () => n('SELECT COUNT(*) AS n FROM lesson WHERE cancelled = 0');

describe('generation', () => {
  it('creates one lesson per timetable entry and school day, once, with one audit record per run', async () => {
    const expected = expectedLessons(sc.year);
    expect(expected).toBeGreaterThan(50);
    const audits = () => n("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'timetable.generate'");
    const r = await as('deputy').call('timetable.generate', { yearId: sc.year });
    expect(r).toMatchObject({ created: expected, deleted: 0, conflicts: [] });
    expect(storedLessons()).toBe(expected);
    expect(n("SELECT COUNT(*) AS n FROM lesson WHERE date = '2026-12-14'")).toBe(0);
    expect(audits()).toBe(1);
    // Generated rows are not sent one by one: no feed mark per row.
    expect(n("SELECT COUNT(*) AS n FROM audit_event WHERE entity = 'lesson'")).toBe(0);
    const again = await as('deputy').call('timetable.generate', { yearId: sc.year });
    expect(again).toMatchObject({ created: 0, deleted: 0, updated: 0, conflicts: [] });
    expect(storedLessons()).toBe(expected);
    expect(audits()).toBe(2);
  });

  it('the journal then shows exactly the stored rows of the term', async () => {
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2 });
    const rows = q<{ id: number }>(
      "SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date BETWEEN '2026-11-05' AND '2026-12-28' AND cancelled = 0 ORDER BY date, slot",
      sc.g5a,
      sc.rus,
    );
    expect(j.lessons.map((l) => l.lessonId)).toEqual(rows.map((r) => r.id));
  });

  it('is refused to a teacher', async () => {
    expect(await as('teacher').fail('timetable.generate', { yearId: sc.year })).toMatchObject({ code: 'forbidden' });
  });
});

describe('changes from a date and regeneration', () => {
  it('ends the old entry the day before, follows it in stored lessons, and keeps rows holding data as conflicts', async () => {
    // Data on two Monday Russian lessons after the change date: a mark and a topic.
    await as('teacher').call('journal.setCell', {
      lesson: { groupId: sc.g5a, subjectId: sc.rus, date: '2026-11-23', slot: 2 },
      pupilId: sc.pupils[0],
      marks: [{ value: '5', workTypeId: sc.wtAnswer }],
      absence: null,
    });
    await as('teacher').call('journal.setLesson', {
      lesson: { groupId: sc.g5a, subjectId: sc.rus, date: '2026-11-16', slot: 2 },
      topic: 'Причастие',
    });
    await as('deputy').call('timetable.setEntry', {
      groupId: sc.g5a,
      weekday: 1,
      slot: 2,
      subjectId: sc.math,
      teacherId: sc.other,
      room: '7',
      from: '2026-11-09',
    });
    const entries = q<{ subject_id: number; valid_from: string; valid_to: string | null }>(
      'SELECT subject_id, valid_from, valid_to FROM timetable_entry WHERE group_id = ? AND weekday = 1 AND slot = 2 ORDER BY valid_from',
      sc.g5a,
    );
    expect(entries).toEqual([
      { subject_id: sc.rus, valid_from: '2026-09-01', valid_to: '2026-11-08' },
      { subject_id: sc.math, valid_from: '2026-11-09', valid_to: null },
    ]);
    // Mondays from 09.11 to 28.12 minus the holiday 14.12: 7.
    const mondays = n(
      "SELECT COUNT(*) AS n FROM lesson WHERE group_id = ? AND subject_id = ? AND slot = 2 AND date >= '2026-11-09' AND strftime('%u', date) = '1'",
      sc.g5a,
      sc.math,
    );
    expect(mondays).toBe(7);
    const rusLeft = q<{ date: string }>(
      "SELECT date FROM lesson WHERE group_id = ? AND subject_id = ? AND slot = 2 AND date >= '2026-11-09' AND strftime('%u', date) = '1' ORDER BY date",
      sc.g5a,
      sc.rus,
    );
    expect(rusLeft.map((r) => r.date)).toEqual(['2026-11-16', '2026-11-23']);
    expect(storedLessons()).toBe(expectedLessons(sc.year) + 2);
    // Regenerating lists them for a person to resolve.
    const r = await as('deputy').call('timetable.generate', { yearId: sc.year, groupId: sc.g5a });
    expect(r.created).toBe(0);
    expect(r.conflicts.map((c: { date: string; reason: string }) => [c.date, /отметки|тема/.test(c.reason)])).toEqual([
      ['2026-11-16', true],
      ['2026-11-23', true],
    ]);
  });

  it('replaces an entry starting the same date instead of adding one', async () => {
    const before = n('SELECT COUNT(*) AS n FROM timetable_entry');
    await as('deputy').call('timetable.setEntry', {
      groupId: sc.g5a,
      weekday: 1,
      slot: 2,
      subjectId: sc.math,
      teacherId: sc.other,
      room: '9',
      from: '2026-11-09',
    });
    expect(n('SELECT COUNT(*) AS n FROM timetable_entry')).toBe(before);
    expect(n("SELECT COUNT(*) AS n FROM timetable_entry WHERE room = '9' AND valid_from = '2026-11-09'")).toBe(1);
  });

  it('refuses a teacher who already teaches in that slot, and dates outside the year', async () => {
    const clash = await as('deputy').fail('timetable.setEntry', {
      groupId: sc.g6b,
      weekday: 1,
      slot: 2,
      subjectId: sc.math,
      teacherId: sc.other,
      from: '2026-11-30',
    });
    expect(clash).toMatchObject({ code: 'validation' });
    expect(clash.message).toMatch(/уже ведёт урок/);
    const outside = await as('deputy').fail('timetable.setEntry', {
      groupId: sc.g6b,
      weekday: 2,
      slot: 2,
      subjectId: sc.math,
      teacherId: sc.other,
      from: '2027-08-01',
    });
    expect(outside.message).toMatch(/внутри учебного года/);
  });

  it('removing a slot from a date deletes its empty stored lessons from then on', async () => {
    const r = await as('deputy').call('timetable.removeEntry', { groupId: sc.g6b, weekday: 4, slot: 4, from: '2026-12-01' });
    expect(r.removed).toBe(1);
    expect(n("SELECT COUNT(*) AS n FROM lesson WHERE group_id = ? AND date >= '2026-12-01'", sc.g6b)).toBe(0);
    expect(n("SELECT COUNT(*) AS n FROM lesson WHERE group_id = ? AND date < '2026-12-01'", sc.g6b)).toBeGreaterThan(0);
    expect(storedLessons()).toBe(expectedLessons(sc.year) + 2);
  });
});

describe('bells', () => {
  it('stores consistent bells and refuses overlaps and ends before starts', async () => {
    const ok = await as('deputy').call('timetable.setBells', {
      yearId: sc.year,
      bells: [
        { slot: 1, startsAt: '08:30', endsAt: '09:15' },
        { slot: 2, startsAt: '09:25', endsAt: '10:10' },
      ],
    });
    expect(ok.bells).toHaveLength(2);
    const overlap = await as('deputy').fail('timetable.setBells', {
      yearId: sc.year,
      bells: [
        { slot: 1, startsAt: '08:30', endsAt: '09:15' },
        { slot: 2, startsAt: '09:10', endsAt: '09:55' },
      ],
    });
    expect(overlap.message).toMatch(/раньше, чем кончается урок 1/);
    const reversed = await as('deputy').fail('timetable.setBells', { yearId: sc.year, bells: [{ slot: 1, startsAt: '09:15', endsAt: '08:30' }] });
    expect(reversed.message).toMatch(/позже начала/);
    expect(n('SELECT COUNT(*) AS n FROM bell_time WHERE year_id = ?', sc.year)).toBe(2);
    const t = await as('teacher').call('timetable.get', { date: '2026-11-26', groupId: sc.g5a });
    expect(t.bells.map((b: { startsAt: string }) => b.startsAt)).toEqual(['08:30', '09:25']);
    expect(t.entries.map((e: { weekday: number; slot: number }) => `${e.weekday}/${e.slot}`)).toEqual(['1/2', '4/2', '4/3']);
  });
});

describe('import', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  it('lists every bad row in Russian and writes nothing', async () => {
    const csv = [
      'Класс;Группа;День;Урок;Предмет;Учитель;Кабинет;С даты',
      '6Б;;Вт;1;Математика;other;5;01.12.2026',
      '6Б;;Восьмидень;1;Математика;other;5;01.12.2026',
      '7В;;Ср;1;Математика;other;5;01.12.2026',
      '6Б;;Ср;2;Химия;other;5;01.12.2026',
      '6Б;;Чт;3;Математика;никто;5;01.12.2026',
      '6Б;;пятница;1;Математика;other;5;31.02.2026',
    ].join('\n');
    const before = n('SELECT COUNT(*) AS n FROM timetable_entry');
    const r = await as('deputy').call('timetable.import', { fileName: 't.csv', data: b64(csv), dryRun: false });
    expect(r.imported).toBe(false);
    expect(r.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6, 7]);
    expect(r.errors[0].message).toMatch(/не день недели/);
    expect(r.errors[1].message).toMatch(/класса 7В нет/);
    expect(r.errors[2].message).toMatch(/предмет «Химия» не найден/);
    expect(r.errors[3].message).toMatch(/учитель «никто» не найден/);
    expect(r.errors[4].message).toMatch(/не дата/);
    expect(n('SELECT COUNT(*) AS n FROM timetable_entry')).toBe(before);
  });

  it('previews, then applies all rows in one go', async () => {
    const csv = ['класс,день,урок,предмет,учитель,кабинет,с', '6Б,2,1,Математика,other,5,01.12.2026', '6Б,среда,1,Русский язык,teacher,,01.12.2026'].join(
      '\n',
    );
    const dry = await as('deputy').call('timetable.import', { fileName: 't.csv', data: b64(csv), dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, imported: false, errors: [] });
    expect(dry.preview.map((p: { weekday: number; from: string }) => [p.weekday, p.from])).toEqual([
      [2, '2026-12-01'],
      [3, '2026-12-01'],
    ]);
    expect(n("SELECT COUNT(*) AS n FROM timetable_entry WHERE valid_from = '2026-12-01'")).toBe(0);
    const done = await as('deputy').call('timetable.import', { fileName: 't.csv', data: b64(csv), dryRun: false });
    expect(done.imported).toBe(true);
    expect(
      q("SELECT weekday, slot, subject_id AS s, room FROM timetable_entry WHERE group_id = ? AND valid_from = '2026-12-01' ORDER BY weekday", sc.g6b),
    ).toEqual([
      { weekday: 2, slot: 1, s: sc.math, room: '5' },
      { weekday: 3, slot: 1, s: sc.rus, room: null },
    ]);
    // The group's stored lessons follow the new slots.
    expect(storedLessons()).toBe(expectedLessons(sc.year) + 2);
  });
});

describe('one-off changes', () => {
  const rus = (date: string, slot = 2) => ({ groupId: sc.g5a, subjectId: sc.rus, date, slot });
  it('cancels an empty lesson: the journal hides it and regeneration does not bring it back', async () => {
    await as('deputy').call('timetable.cancelLesson', { lesson: rus('2026-12-03') });
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2 });
    expect(j.lessons.some((l) => l.date === '2026-12-03')).toBe(false);
    await as('deputy').call('timetable.generate', { yearId: sc.year });
    expect(n("SELECT COUNT(*) AS n FROM lesson WHERE date = '2026-12-03' AND subject_id = ? AND cancelled = 0", sc.rus)).toBe(0);
    expect(await as('teacher').fail('journal.setCell', { lesson: rus('2026-12-03'), pupilId: sc.pupils[0], marks: [], absence: 'н' })).toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses to cancel a lesson holding data', async () => {
    await as('teacher').call('journal.setCell', { lesson: rus('2026-11-19'), pupilId: sc.pupils[0], marks: [{ value: '4', workTypeId: sc.wtAnswer }], absence: null });
    const e = await as('deputy').fail('timetable.cancelLesson', { lesson: rus('2026-11-19') });
    expect(e).toMatchObject({ code: 'validation' });
    expect(e.message).toMatch(/нельзя отменить: на уроке есть отметки/);
  });

  it('moves a lesson with its marks; the slot it left stays empty', async () => {
    const id = n("SELECT id AS n FROM lesson WHERE group_id = ? AND subject_id = ? AND date = '2026-11-19' AND slot = 2", sc.g5a, sc.rus);
    const r = await as('deputy').call('timetable.moveLesson', { lesson: rus('2026-11-19'), to: { date: '2026-11-20', slot: 5 } });
    expect(r.lessonId).toBe(id);
    expect(q('SELECT date, slot, origin, moved_from FROM lesson WHERE id = ?', id)).toEqual([
      { date: '2026-11-20', slot: 5, origin: 'moved', moved_from: '2026-11-19#2' },
    ]);
    expect(n('SELECT COUNT(*) AS n FROM mark WHERE lesson_id = ?', id)).toBe(1);
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2 });
    expect(j.lessons.filter((l) => l.date === '2026-11-19')).toEqual([]);
    expect(j.lessons.find((l) => l.date === '2026-11-20')).toMatchObject({ lessonId: id, slot: 5, origin: 'moved', movedFrom: '2026-11-19#2' });
    await as('deputy').call('timetable.generate', { yearId: sc.year, groupId: sc.g5a });
    expect(n("SELECT COUNT(*) AS n FROM lesson WHERE date = '2026-11-19' AND subject_id = ? AND cancelled = 0", sc.rus)).toBe(0);
    // Not onto a slot the group already has.
    const busy = await as('deputy').fail('timetable.moveLesson', { lesson: rus('2026-11-26'), to: { date: '2026-11-26', slot: 3 } });
    expect(busy.message).toMatch(/уже есть урок/);
  });

  it('adds an extra lesson the journal shows', async () => {
    await as('deputy').call('timetable.addLesson', { lesson: rus('2026-11-27', 6), teacherId: sc.teacher });
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2 });
    expect(j.lessons.find((l) => l.date === '2026-11-27')).toMatchObject({ slot: 6, origin: 'extra', editable: true });
    const holiday = await as('deputy').fail('timetable.addLesson', { lesson: rus('2026-11-01', 6), teacherId: sc.teacher });
    expect(holiday.message).toMatch(/не входит ни в один учебный период/);
  });
});

describe('drafts', () => {
  it('give no access, no planned or generated lessons until published', async () => {
    const s = app.services.sqlite;
    const ins = (sql: string, ...p: unknown[]) => Number(s.prepare(sql).run(...p).lastInsertRowid);
    const subId = n("SELECT id AS n FROM staff_user WHERE login = 'sub'");
    // The rollover's shape: a new group whose load and timetable are drafts.
    const c7 = ins("INSERT INTO class_unit (year_id, grade, letter) VALUES (?, 7, 'В')", sc.year);
    const g7 = ins("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '7В', 1)", c7);
    ins("INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from, draft) VALUES (?,?,?,1,'2026-09-01',1)", g7, sc.rus, subId);
    ins(
      "INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, valid_from, draft) VALUES (?,?,?,5,6,'2026-09-01',1)",
      g7,
      sc.rus,
      subId,
    );
    expect(await as('sub').fail('journal.open', { groupId: g7, subjectId: sc.rus })).toMatchObject({ code: 'forbidden' });
    expect((await as('sub').call('journal.list', {})).journals).toEqual([]);
    expect((await as('sub').call('journal.myWork', {})).week).toEqual([]);
    const dep = await as('deputy').call<JournalView>('journal.open', { groupId: g7, subjectId: sc.rus, termId: sc.q2 });
    expect(dep.lessons).toEqual([]);
    expect(await as('deputy').fail('timetable.cancelLesson', { lesson: { groupId: g7, subjectId: sc.rus, date: '2026-11-27', slot: 6 } })).toMatchObject({
      code: 'not_found',
    });
    expect((await as('deputy').call('timetable.generate', { yearId: sc.year })).created).toBe(0);
    expect(n('SELECT COUNT(*) AS n FROM lesson WHERE group_id = ?', g7)).toBe(0);

    const pub = await as('deputy').call('timetable.publishDrafts', { yearId: sc.year });
    expect(pub).toMatchObject({ loads: 1, entries: 1 });
    expect(pub.created).toBe(expectedLessons(sc.year, g7));
    expect(n('SELECT COUNT(*) AS n FROM lesson WHERE group_id = ?', g7)).toBe(pub.created);
    expect((await as('sub').call<JournalView>('journal.open', { groupId: g7, subjectId: sc.rus })).access).toBe('write');
  });
});
