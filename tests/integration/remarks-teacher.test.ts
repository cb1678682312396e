// The teacher's side of the monthly check (issue 12) in the journal: the «без домашнего задания»
// flag of a lesson (journal.setLesson → lesson.no_homework, audited, no export feed mark).
// Expected values are read back with plain SQL, not through the code under test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z'); // Thursday, 10:00 in Moscow
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
const slot = (date: string, s = 2) => ({ groupId: sc.g5a, subjectId: sc.rus, date, slot: s });
const row = (date: string) =>
  app.services.sqlite
    .prepare('SELECT id, homework, no_homework, version FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = 2 AND part = 0')
    .get(sc.g5a, sc.rus, date) as { id: number; homework: string | null; no_homework: number; version: number } | undefined;
const audits = (lessonId: number) =>
  app.services.sqlite
    .prepare("SELECT seq, action, before, after, feed_op FROM audit_event WHERE entity = 'lesson' AND entity_id = ? ORDER BY seq")
    .all(String(lessonId)) as { seq: number; action: string; before: string | null; after: string | null; feed_op: string | null }[];
const feedRows = (lessonId: number) =>
  (
    app.services.sqlite.prepare("SELECT COUNT(*) AS n FROM change_feed WHERE entity = 'lesson' AND entity_id = ?").get(String(lessonId)) as {
      n: number;
    }
  ).n;

describe('«без домашнего задания»', () => {
  it('marks a planned lesson: the row is made, the flag stored, audited with before/after, shown when the journal opens', async () => {
    expect(row('2026-11-19')).toBeUndefined();
    const v = await as('teacher').call<LessonView>('journal.setLesson', { lesson: slot('2026-11-19'), noHomework: true });
    expect(v.noHomework).toBe(true);
    const r = row('2026-11-19')!;
    expect(r).toMatchObject({ homework: null, no_homework: 1 });
    const a = audits(r.id);
    expect(a.map((e) => e.action)).toEqual(['journal.lesson_create', 'journal.lesson']);
    expect(JSON.parse(a[1]!.before!)).toMatchObject({ noHomework: false });
    expect(JSON.parse(a[1]!.after!)).toMatchObject({ noHomework: true });
    const j = await as('teacher').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j.lessons.find((l) => l.date === '2026-11-19')!.noHomework).toBe(true);
    expect(j.lessons.find((l) => l.date === '2026-11-16')!.noHomework).toBe(false);
    // Readers see it too (the deputy's check reads the same column).
    const d = await as('deputy').call<JournalView>('journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(d.lessons.find((l) => l.date === '2026-11-19')!.noHomework).toBe(true);
  });

  it('leaves no export feed mark when only the flag changes (the portal has no such field)', async () => {
    await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-16'), topic: 'Имя существительное' });
    const r = row('2026-11-16')!;
    const feeds = feedRows(r.id);
    await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-16'), noHomework: true, version: r.version });
    expect(row('2026-11-16')!.no_homework).toBe(1);
    expect(feedRows(r.id)).toBe(feeds);
    const last = audits(r.id).at(-1)!;
    expect([last.action, last.feed_op]).toEqual(['journal.lesson', null]);
    // Clearing it again is an audited edit as well.
    await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-16'), noHomework: false });
    expect(row('2026-11-16')!.no_homework).toBe(0);
    expect(JSON.parse(audits(r.id).at(-1)!.after!)).toMatchObject({ noHomework: false });
  });

  it('homework written later takes the flag off; the flag next to homework text is refused, nothing written', async () => {
    await as('teacher').call('journal.setLesson', { lesson: slot('2026-11-12'), noHomework: true });
    const hw = await as('teacher').call<LessonView>('journal.setLesson', { lesson: slot('2026-11-12'), homework: 'Упр. 15' });
    expect(hw.noHomework).toBe(false);
    expect(row('2026-11-12')).toMatchObject({ homework: 'Упр. 15', no_homework: 0 });

    const before = row('2026-11-12')!;
    const n = audits(before.id).length;
    expect(await as('teacher').fail('journal.setLesson', { lesson: slot('2026-11-12'), noHomework: true })).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('очистите'),
    });
    expect(
      await as('teacher').fail('journal.setLesson', { lesson: slot('2026-11-12'), noHomework: true, homework: 'Упр. 16' }),
    ).toMatchObject({ code: 'validation' });
    expect(row('2026-11-12')).toEqual(before);
    expect(audits(before.id)).toHaveLength(n);

    // Clearing the homework and marking the lesson in one edit is fine.
    const cleared = await as('teacher').call<LessonView>('journal.setLesson', { lesson: slot('2026-11-12'), homework: '', noHomework: true });
    expect([cleared.homework, cleared.noHomework]).toEqual([null, true]);
    expect(row('2026-11-12')).toMatchObject({ homework: null, no_homework: 1 });
  });

  it('is the lesson teacher’s: another teacher and a reader are refused, a bad value is a validation error', async () => {
    expect(await as('other').fail('journal.setLesson', { lesson: slot('2026-11-09'), noHomework: true })).toMatchObject({
      code: 'forbidden',
    });
    expect(await as('deputy').fail('journal.setLesson', { lesson: slot('2026-11-09'), noHomework: true })).toMatchObject({
      code: 'forbidden',
    });
    expect(await as('teacher').fail('journal.setLesson', { lesson: slot('2026-11-09'), noHomework: 'да' })).toMatchObject({
      code: 'validation',
    });
    expect(row('2026-11-09')).toBeUndefined();
  });
});
