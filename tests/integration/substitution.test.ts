// Substitutions (issue 11): the deputy records who replaces a teacher; the substitute sees it
// with its term, opens that journal in that term and writes only that lesson; the regular
// teacher may fill it later (history names who); closed terms and busy substitutes refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalView } from '../../src-shared/rpc/journal';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
let subId: number;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  // Monday 2 November: the autumn break, between the first and second quarter.
  app = createTestApp('2026-11-02T07:00:00Z');
  sc = await buildTinySchool(app);
  subId = await addUser(app, 'sub', ['teacher']);
  await login();
});
async function login() {
  for (const l of ['teacher', 'other', 'deputy', 'sub'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
}
afterAll(() => app.dispose());

const as = (login: string) => ({
  call: <T = any>(method: string, input: unknown) => app.call<T>(method, input, tokens[login]),
  fail: async (method: string, input: unknown) => {
    const env = await app.router.call(method, input, tokens[login]!);
    if (env.ok) throw new Error(`${method} should have failed`);
    return env.error;
  },
});
const one = (sql: string, ...p: unknown[]) => app.services.sqlite.prepare(sql).get(...p) as any;
// Math of 5А, Thursday 5 November (the second quarter's first day), third lesson: 'other' teaches it.
const math = (date = '2026-11-05', slot = 3) => ({ groupId: sc.g5a, subjectId: sc.math, date, slot });

describe('recording a substitution', () => {
  it("lists the day's lessons and records the substitute on the lesson row (created from the timetable)", async () => {
    const day = await as('deputy').call('substitution.list', { date: '2026-11-05' });
    expect(day.lessons.map((l: any) => [l.slot, l.subjectName, l.plannedTeacherId, l.lessonId])).toEqual([
      [2, 'Русский язык', sc.teacher, null],
      [3, 'Математика', sc.other, null],
      [4, 'Математика', sc.other, null],
    ]);
    const r = await as('deputy').call('substitution.set', { lesson: math(), substituteId: subId });
    expect(r).toMatchObject({ plannedTeacherId: sc.other, actualTeacherId: subId, termId: sc.q2 });
    expect(one('SELECT planned_teacher_id AS p, actual_teacher_id AS a FROM lesson WHERE id = ?', r.lessonId)).toEqual({ p: sc.other, a: subId });
    const audit = one("SELECT actor_id, feed_op FROM audit_event WHERE action = 'substitution.set' AND entity_id = ?", String(r.lessonId));
    expect(audit).toEqual({ actor_id: one("SELECT id FROM staff_user WHERE login = 'deputy'").id, feed_op: 'upsert' });
  });

  it('is refused to teachers, for the timetabled teacher, and for a substitute busy in that slot', async () => {
    expect(await as('other').fail('substitution.set', { lesson: math('2026-11-12'), substituteId: subId })).toMatchObject({ code: 'forbidden' });
    const own = await as('deputy').fail('substitution.set', { lesson: math('2026-11-12'), substituteId: sc.other });
    expect(own.message).toMatch(/Это учитель по расписанию/);
    // An extra lesson of 6Б at the third lesson of 12 November, when 'other' teaches 5А math.
    await as('deputy').call('timetable.addLesson', { lesson: { groupId: sc.g6b, subjectId: sc.rus, date: '2026-11-12', slot: 3 }, teacherId: sc.teacher });
    const busy = await as('deputy').fail('substitution.set', {
      lesson: { groupId: sc.g6b, subjectId: sc.rus, date: '2026-11-12', slot: 3 },
      substituteId: sc.other,
    });
    expect(busy).toMatchObject({ code: 'validation' });
    expect(busy.message).toMatch(/урок в 5А/);
    // On 5 November 'other' is replaced at the third lesson, so free there.
    await as('deputy').call('timetable.addLesson', { lesson: { groupId: sc.g6b, subjectId: sc.rus, date: '2026-11-05', slot: 3 }, teacherId: sc.teacher });
    await as('deputy').call('substitution.set', { lesson: { groupId: sc.g6b, subjectId: sc.rus, date: '2026-11-05', slot: 3 }, substituteId: sc.other });
    await as('deputy').call('substitution.remove', { lesson: { groupId: sc.g6b, subjectId: sc.rus, date: '2026-11-05', slot: 3 } });
  });

  it('is refused in a closed term', async () => {
    app.services.sqlite.prepare("UPDATE term SET closed_at = '2026-10-30T10:00:00Z' WHERE id = ?").run(sc.q1);
    const e = await as('deputy').fail('substitution.set', { lesson: math('2026-10-22'), substituteId: subId });
    expect(e).toMatchObject({ code: 'locked' });
    expect(one("SELECT COUNT(*) AS n FROM lesson WHERE date = '2026-10-22'").n).toBe(0);
    app.services.sqlite.prepare('UPDATE term SET closed_at = NULL WHERE id = ?').run(sc.q1);
  });
});

describe('the substitute', () => {
  it('sees the substitution with its term and opens exactly that journal and term', async () => {
    const mine = await as('sub').call('substitution.mine', {});
    expect(mine.lessons).toEqual([expect.objectContaining({ groupId: sc.g5a, subjectId: sc.math, date: '2026-11-05', slot: 3, termId: sc.q2 })]);
    // Without the term the journal opens at today's period (the first quarter in the break),
    // where 'sub' taught nothing: the link from «Замены» must carry the term.
    expect(await as('sub').fail('journal.open', { groupId: sc.g5a, subjectId: sc.math })).toMatchObject({ code: 'forbidden' });
    const j = await as('sub').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.math, termId: sc.q2 });
    expect(j.access).toBe('substitute');
    expect(j.term.id).toBe(sc.q2);
    expect(j.lessons.filter((l) => l.editable).map((l) => l.date)).toEqual(['2026-11-05']);
  });

  it('enters a mark in that lesson only; the regular teacher may too, and history names who', async () => {
    app.clock.now = new Date('2026-11-05T12:00:00Z');
    await login(); // the clock jump ended the sessions
    const cell = (lesson: ReturnType<typeof math>, value: string) => ({
      lesson,
      pupilId: sc.pupils[0],
      marks: [{ value, workTypeId: sc.wtAnswer }],
      absence: null,
    });
    await as('sub').call('journal.setCell', cell(math(), '5'));
    expect(await as('sub').fail('journal.setCell', cell(math('2026-11-12'), '4'))).toMatchObject({ code: 'forbidden' });
    await as('other').call('journal.setCell', { ...cell(math(), '4'), marks: [{ value: '5', workTypeId: sc.wtAnswer }, { value: '4', workTypeId: sc.wtAnswer }] });
    const lessonId = one("SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date = '2026-11-05' AND slot = 3", sc.g5a, sc.math).id;
    const h = await as('deputy').call('journal.history', { lessonId, pupilId: sc.pupils[0] });
    const who = h.entries.filter((e: any) => e.action === 'journal.cell').map((e: any) => e.actor);
    expect(who).toEqual(['Тестова o. И.', 'Тестова s. И.']); // newest first
  });

  it('loses the lesson when the substitution is removed', async () => {
    await as('deputy').call('substitution.remove', { lesson: math() });
    expect((await as('sub').call('substitution.mine', {})).lessons).toEqual([]);
    expect(await as('sub').fail('journal.open', { groupId: sc.g5a, subjectId: sc.math, termId: sc.q2 })).toMatchObject({ code: 'forbidden' });
    expect(await as('deputy').fail('substitution.remove', { lesson: math() })).toMatchObject({ code: 'not_found' });
  });
});
