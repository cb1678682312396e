// Control-work columns and changing the work type of entered marks (issue 11), through the
// real router on a temp database; expected values from plain SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { incrementalPayload } from '../../src-main/services/export/incremental';
import { yearRef } from '../../src-main/services/export/outbox';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { localFullPayload } from '../helpers/export';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z'); // Thursday
  sc = await buildTinySchool(app);
  for (const l of ['teacher', 'other', 'deputy'])
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
const slot = (date: string, part?: number) => ({
  groupId: sc.g5a,
  subjectId: sc.rus,
  date,
  slot: 2,
  ...(part === undefined ? {} : { part }),
});
const sql = <T = any>(q: string, ...p: unknown[]) => app.services.sqlite.prepare(q).all(...p) as T[];
const one = <T = any>(q: string, ...p: unknown[]) => app.services.sqlite.prepare(q).get(...p) as T;

describe('adding, changing and removing a column', () => {
  it('adds part 1 to a planned lesson (creating the lesson row), with its type and own weight, audited', async () => {
    const col = await as('teacher').call<LessonView>('journal.addColumn', {
      lesson: slot('2026-11-23'),
      workTypeId: sc.wtControl,
      weight: 3,
    });
    expect(col).toMatchObject({ part: 1, workTypeId: sc.wtControl, weight: 3, date: '2026-11-23', slot: 2, editable: true });
    const rows = sql(
      'SELECT id, part, work_type_id, weight FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? ORDER BY part',
      sc.g5a,
      sc.rus,
      '2026-11-23',
    );
    expect(rows.map((r) => [r.part, r.work_type_id, r.weight])).toEqual([
      [0, null, null],
      [1, sc.wtControl, 3],
    ]);
    expect(col.lessonId).toBe(rows[1].id);
    const audit = one("SELECT action, after, feed_op FROM audit_event WHERE entity = 'lesson' AND entity_id = ?", String(col.lessonId));
    expect(audit).toMatchObject({ action: 'journal.column_add', feed_op: null });
    expect(JSON.parse(audit.after)).toMatchObject({ lessonId: rows[0].id, part: 1, workTypeId: sc.wtControl, weight: 3 });
    const second = await as('teacher').call<LessonView>('journal.addColumn', { lesson: slot('2026-11-23'), workTypeId: sc.wtAnswer });
    expect(second.part).toBe(2);
    // The journal shows the lesson, then its columns in part order.
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j.lessons.filter((l) => l.date === '2026-11-23').map((l) => l.part)).toEqual([0, 1, 2]);
  });

  it('refuses other teachers, a make-up type, a part given to addColumn, a column that does not exist and a closed term', async () => {
    expect(await as('other').fail('journal.addColumn', { lesson: slot('2026-11-19'), workTypeId: sc.wtControl })).toMatchObject({
      code: 'forbidden',
    });
    expect(await as('deputy').fail('journal.addColumn', { lesson: slot('2026-11-19'), workTypeId: sc.wtControl })).toMatchObject({
      code: 'forbidden',
    });
    expect(await as('teacher').fail('journal.addColumn', { lesson: slot('2026-11-19'), workTypeId: sc.wtMakeUp })).toMatchObject({
      code: 'validation',
    });
    expect(await as('teacher').fail('journal.addColumn', { lesson: slot('2026-11-19', 1), workTypeId: sc.wtControl })).toMatchObject({
      code: 'validation',
    });
    expect(await as('teacher').fail('journal.setColumn', { lesson: slot('2026-11-19', 3), weight: 2 })).toMatchObject({
      code: 'not_found',
    });
    expect(
      await as('teacher').fail('journal.setCell', { lesson: slot('2026-11-19', 1), pupilId: sc.pupils[0], marks: [], absence: null }),
    ).toMatchObject({ code: 'not_found' });
    // The first quarter closed: no column is added to its lessons.
    app.services.sqlite.prepare("UPDATE term SET closed_at = '2026-10-30T10:00:00Z' WHERE id = ?").run(sc.q1);
    try {
      expect(await as('teacher').fail('journal.addColumn', { lesson: slot('2026-10-19'), workTypeId: sc.wtControl })).toMatchObject({
        code: 'locked',
      });
    } finally {
      app.services.sqlite.prepare('UPDATE term SET closed_at = NULL WHERE id = ?').run(sc.q1);
    }
    expect(one('SELECT COUNT(*) AS n FROM lesson WHERE date IN (?, ?)', '2026-11-19', '2026-10-19').n).toBe(0);
  });

  it('takes marks in a column with its own weight; refuses an absence there and a control mark for a pupil absent at the lesson', async () => {
    const [andreev, , volkov] = sc.pupils;
    const r = await as('teacher').call('journal.setCell', {
      lesson: slot('2026-11-23', 1),
      pupilId: andreev,
      marks: [{ value: '5', workTypeId: sc.wtControl }],
      absence: null,
    });
    expect(r.cell.marks).toEqual([{ value: '5', workTypeId: sc.wtControl, weight: 3 }]);
    expect(one('SELECT l.part, m.weight FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE m.pupil_id = ?', andreev)).toEqual({
      part: 1,
      weight: 3,
    });
    const err = await as('teacher').fail('journal.setCell', { lesson: slot('2026-11-23', 1), pupilId: volkov, marks: [], absence: 'н' });
    expect(err).toMatchObject({ code: 'validation' });
    expect(err.message).toMatch(/Пропуск отмечается в колонке самого урока/);
    await as('teacher').call('journal.setCell', { lesson: slot('2026-11-23'), pupilId: volkov, marks: [], absence: 'н' });
    expect(
      await as('teacher').fail('journal.setCell', {
        lesson: slot('2026-11-23', 1),
        pupilId: volkov,
        marks: [{ value: '3', workTypeId: sc.wtControl }],
        absence: null,
      }),
    ).toMatchObject({ code: 'validation' });
    // A make-up mark is what an absent pupil may get there.
    await as('teacher').call('journal.setCell', {
      lesson: slot('2026-11-23', 1),
      pupilId: volkov,
      marks: [{ value: '4', workTypeId: sc.wtMakeUp }],
      absence: null,
    });
    expect(
      await as('teacher').fail('journal.attachFile', { lesson: slot('2026-11-23', 1), name: 'к.txt', mime: 'text/plain', data: 'MTIz' }),
    ).toMatchObject({
      code: 'validation',
    });
    expect(await as('teacher').fail('journal.setLesson', { lesson: slot('2026-11-23', 1), topic: 'Тема' })).toMatchObject({
      code: 'validation',
    });
  });

  it('removes only an empty column, and feeds its pupils’ lesson cells so the portal drops what it sent', async () => {
    const [andreev] = sc.pupils;
    const e = await as('teacher').fail('journal.removeColumn', { lesson: slot('2026-11-23', 1) });
    expect(e).toMatchObject({ code: 'validation' });
    expect(one('SELECT COUNT(*) AS n FROM lesson WHERE date = ? AND part = 1', '2026-11-23').n).toBe(1);
    await as('teacher').call('journal.setCell', {
      lesson: slot('2026-11-23', 2),
      pupilId: andreev,
      marks: [{ value: '4', workTypeId: sc.wtAnswer }],
      absence: null,
    });
    await as('teacher').call('journal.setCell', { lesson: slot('2026-11-23', 2), pupilId: andreev, marks: [], absence: null });
    const col = one('SELECT id FROM lesson WHERE date = ? AND part = 2', '2026-11-23').id as number;
    const lesson = one('SELECT id FROM lesson WHERE date = ? AND part = 0', '2026-11-23').id as number;
    expect(await as('other').fail('journal.removeColumn', { lesson: slot('2026-11-23', 2) })).toMatchObject({ code: 'forbidden' });
    await as('teacher').call('journal.removeColumn', { lesson: slot('2026-11-23', 2) });
    expect(one('SELECT COUNT(*) AS n FROM lesson WHERE id = ?', col).n).toBe(0);
    expect(one('SELECT COUNT(*) AS n FROM cell_version WHERE lesson_id = ?', col).n).toBe(0);
    expect(
      one(
        "SELECT feed_op FROM audit_event WHERE action = 'journal.column_remove' AND entity = 'cell' AND entity_id = ?",
        `${lesson}:${andreev}`,
      ),
    ).toEqual({
      feed_op: 'upsert',
    });
  });

  it('changes an empty column’s type and weight, and refuses it over entered marks naming their number', async () => {
    const added = await as('teacher').call<LessonView>('journal.addColumn', { lesson: slot('2026-11-16'), workTypeId: sc.wtAnswer });
    const set = await as('teacher').call<LessonView>('journal.setColumn', {
      lesson: slot('2026-11-16', added.part),
      workTypeId: sc.wtControl,
      weight: 2.5,
    });
    expect(set).toMatchObject({ workTypeId: sc.wtControl, weight: 2.5, version: 1 });
    expect(one('SELECT work_type_id, weight FROM lesson WHERE id = ?', added.lessonId)).toEqual({
      work_type_id: sc.wtControl,
      weight: 2.5,
    });
    const e = await as('teacher').fail('journal.setColumn', { lesson: slot('2026-11-23', 1), weight: 4 });
    expect(e).toMatchObject({ code: 'validation', current: { marksToRetype: 1 } });
    expect(e.message).toContain('1 оценка');
  });
});

describe('changing the work type of a lesson with marks', () => {
  let lessonId: number;
  beforeAll(async () => {
    const [andreev, borisova] = sc.pupils;
    for (const [p, v] of [
      [andreev, '4'],
      [borisova, '3'],
    ] as const)
      lessonId = (
        await as('teacher').call('journal.setCell', {
          lesson: slot('2026-11-12'),
          pupilId: p,
          marks: [{ value: v, workTypeId: sc.wtAnswer }],
          absence: null,
        })
      ).lessonId;
    // A make-up mark keeps its type: it is not an answer entered with the lesson's type.
    await as('teacher').call('journal.setCell', { lesson: slot('2026-11-12'), pupilId: sc.pupils[2], marks: [], absence: 'н' });
    await as('teacher').call('journal.setCell', {
      lesson: slot('2026-11-12'),
      pupilId: sc.pupils[2],
      marks: [{ value: '5', workTypeId: sc.wtMakeUp }],
      absence: 'н',
    });
  });

  it('refuses setLesson to change the type silently: a typed error names the 2 marks, nothing written', async () => {
    const before = one('SELECT work_type_id, version FROM lesson WHERE id = ?', lessonId);
    const e = await as('teacher').fail('journal.setLesson', { lesson: slot('2026-11-12'), workTypeId: sc.wtControl });
    expect(e).toMatchObject({ code: 'validation', current: { marksToRetype: 2 } });
    expect(e.message).toContain('2 оценки');
    expect(one('SELECT work_type_id, version FROM lesson WHERE id = ?', lessonId)).toEqual(before);
    // Topic edits and a type change with no marks of the old type still pass.
    await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-12'), topic: 'Диктант' });
  });

  it('refuses a stale count with conflict, then applies to the 2 marks: weights, audit per cell, versions, feed and events', async () => {
    const stale = await as('teacher').fail('journal.changeWorkType', {
      lesson: slot('2026-11-12'),
      workTypeId: sc.wtControl,
      applyToMarks: true,
      marks: 1,
    });
    expect(stale).toMatchObject({ code: 'conflict', current: { marksToRetype: 2 } });
    expect(sql('SELECT DISTINCT work_type_id FROM mark WHERE lesson_id = ? AND work_type_id = ?', lessonId, sc.wtControl)).toEqual([]);
    const versions = () => sql('SELECT pupil_id, version FROM cell_version WHERE lesson_id = ? ORDER BY pupil_id', lessonId);
    const v0 = new Map(versions().map((v) => [v.pupil_id, v.version]));
    const seq = one('SELECT MAX(seq) AS s FROM audit_event').s as number;
    const r = await as('teacher').call<{ lesson: LessonView; marks: number }>('journal.changeWorkType', {
      lesson: slot('2026-11-12'),
      workTypeId: sc.wtControl,
      applyToMarks: true,
      marks: 2,
    });
    expect(r.marks).toBe(2);
    expect(r.lesson.workTypeId).toBe(sc.wtControl);
    const [andreev, borisova, volkov] = sc.pupils;
    expect(sql('SELECT pupil_id, value, work_type_id, weight FROM mark WHERE lesson_id = ? ORDER BY pupil_id', lessonId)).toEqual(
      [
        { pupil_id: andreev, value: '4', work_type_id: sc.wtControl, weight: 2 },
        { pupil_id: borisova, value: '3', work_type_id: sc.wtControl, weight: 2 },
        { pupil_id: volkov, value: '5', work_type_id: sc.wtMakeUp, weight: 1 },
      ].sort((a, b) => a.pupil_id - b.pupil_id),
    );
    const cells = sql(
      "SELECT entity_id, before, after, feed_op FROM audit_event WHERE seq > ? AND action = 'journal.work_type' ORDER BY entity_id",
      seq,
    );
    expect(cells.map((c) => [c.entity_id, c.feed_op])).toEqual(
      [andreev, borisova]
        .sort()
        .map((p) => [`${lessonId}:${p}`, 'upsert'])
        .sort((a, b) => (a[0]! < b[0]! ? -1 : 1)),
    );
    const a = cells.find((c) => c.entity_id === `${lessonId}:${andreev}`)!;
    expect(JSON.parse(a.before).marks).toEqual([{ value: '4', workTypeId: sc.wtAnswer, weight: 1 }]);
    expect(JSON.parse(a.after).marks).toEqual([{ value: '4', workTypeId: sc.wtControl, weight: 2 }]);
    for (const v of versions()) expect(v.version).toBe(v0.get(v.pupil_id)! + (v.pupil_id === volkov ? 0 : 1));
    // The history of the cell shows the change with both types.
    const h = await as('teacher').call<{ entries: { action: string }[] }>('journal.history', { lessonId, pupilId: andreev });
    expect(h.entries[0]!.action).toBe('journal.work_type');
  });
});

describe('export of a column’s marks', () => {
  it('sends them as marks of the lesson (part 0) with their work type and weight; no lesson for the column', async () => {
    const p = await localFullPayload(app.services, '2026-11-26');
    const cols = sql('SELECT id FROM lesson WHERE part > 0').map((r) => r.id as number);
    expect(p.lessons.filter((l) => cols.includes(l.id))).toEqual([]);
    expect(p.cells.filter((c) => cols.includes(c.lessonId))).toEqual([]);
    // Expected from SQL: each (lesson, pupil) with its marks of every part, part then position.
    const expected = sql(
      `SELECT p.id AS lesson, m.pupil_id, m.value, w.name, m.weight FROM mark m JOIN lesson c ON c.id = m.lesson_id
         JOIN lesson p ON p.group_id = c.group_id AND p.subject_id = c.subject_id AND p.date = c.date AND p.slot = c.slot AND p.part = 0
         JOIN work_type w ON w.id = m.work_type_id ORDER BY p.id, m.pupil_id, c.part, m.position`,
    );
    const got = p.cells.flatMap((c) => c.marks.map((m) => [c.lessonId, c.pupil, m.value, m.workType, m.weight]));
    const lesson23 = one('SELECT id FROM lesson WHERE date = ? AND part = 0', '2026-11-23').id;
    const ofLesson = (rows: unknown[][]) => rows.filter((r) => r[0] === lesson23).map((r) => r.slice(2));
    expect(ofLesson(got)).toEqual(ofLesson(expected.map((e) => [e.lesson, e.pupil_id, e.value, e.name, e.weight])));
    expect(ofLesson(got)).toContainEqual(['5', 'Контрольная работа', 3]);
    expect(got.length).toBe(expected.length);
  });

  it('the incremental package sends a column cell under its lesson, merged with the lesson’s own marks', async () => {
    const [andreev] = sc.pupils;
    const seq = one('SELECT MAX(seq) AS s FROM audit_event').s as number;
    await as('teacher').call('journal.setCell', {
      lesson: slot('2026-11-23'),
      pupilId: andreev,
      marks: [{ value: '3', workTypeId: sc.wtAnswer }],
      absence: null,
    });
    await as('teacher').call('journal.setCell', {
      lesson: slot('2026-11-23', 1),
      pupilId: andreev,
      marks: [{ value: '4', workTypeId: sc.wtControl }],
      absence: null,
    });
    const ctx = { ...app.services, actor: null };
    const to = one('SELECT MAX(seq) AS s FROM audit_event').s as number;
    const { payload } = incrementalPayload(ctx, yearRef(ctx, '2026-11-26'), '2026-11-26', seq, to);
    const lesson = one('SELECT id FROM lesson WHERE date = ? AND part = 0', '2026-11-23').id;
    expect(payload.cells).toHaveLength(1);
    expect(payload.cells[0]).toMatchObject({
      lessonId: lesson,
      marks: [
        { value: '3', workType: 'Ответ на уроке', weight: 1 },
        { value: '4', workType: 'Контрольная работа', weight: 3 },
      ],
      absence: null,
    });
    // The lesson goes with its cell (the portal may not have it yet); the column is never a lesson there.
    expect(payload.lessons.map((l) => l.id)).toEqual([lesson]);
  });
});
