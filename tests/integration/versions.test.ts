// Versions and conflicts (issue 10, DESIGN.md §10): an edit names the version it was made on; a
// stale one is refused with `conflict`, the current value and who changed it, and writes nothing.
// Checked through the real router on a real database; expected values from plain SQL and the fixture.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalView } from '../../src-shared/rpc/journal';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z'); // Thursday
  sc = await buildTinySchool(app);
  // A second teacher of the same journal (co-teaching): two people may write the same cells.
  app.services.sqlite
    .prepare("INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,2,'2026-09-01')")
    .run(sc.g5a, sc.rus, sc.other);
  for (const l of ['teacher', 'other'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
});
afterAll(() => app.dispose());

/** addUser names everyone «Тестова <login> Ивановна»: the short form the message must carry. */
const nameOf = (login: string) => `Тестова ${login[0]}. И.`;
const call = async (login: string, method: string, input: unknown) => app.router.call(method, input, tokens[login]!);
const ok = async <T = any>(login: string, method: string, input: unknown): Promise<T> => {
  const env = await call(login, method, input);
  if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
  return env.value as T;
};
const fail = async (login: string, method: string, input: unknown) => {
  const env = await call(login, method, input);
  if (env.ok) throw new Error(`${method} should have been refused`);
  return env.error;
};
const one = <T>(sql: string, ...p: unknown[]) => app.services.sqlite.prepare(sql).get(...p) as T;
const slot = (date: string) => ({ groupId: sc.g5a, subjectId: sc.rus, date, slot: 2 });
const cellEdit = (date: string, pupilId: number, value: string | null, version?: number) => ({
  lesson: slot(date),
  pupilId,
  marks: value === null ? [] : [{ value, workTypeId: sc.wtAnswer }],
  absence: null,
  ...(version === undefined ? {} : { version }),
});
const lessonId = (date: string) =>
  one<{ id: number }>('SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ?', sc.g5a, sc.rus, date).id;
const storedVersion = (lesson: number, pupil: number) =>
  one<{ version: number } | undefined>('SELECT version FROM cell_version WHERE lesson_id = ? AND pupil_id = ?', lesson, pupil)?.version;
const marksOf = (lesson: number, pupil: number) =>
  (
    app.services.sqlite.prepare('SELECT value FROM mark WHERE lesson_id = ? AND pupil_id = ? ORDER BY position').all(lesson, pupil) as {
      value: string;
    }[]
  ).map((m) => m.value);

describe('cell versions', () => {
  const date = '2026-11-23';
  it('refuses a stale edit with the current cell and who changed it, and writes nothing', async () => {
    const [pupil] = sc.pupils;
    const a = await ok('teacher', 'journal.setCell', cellEdit(date, pupil, '5', 0));
    expect(a.cell.version).toBe(1);
    const l = lessonId(date);
    expect(storedVersion(l, pupil)).toBe(1);
    const auditBefore = one<{ n: number }>('SELECT COUNT(*) AS n FROM audit_event').n;
    // The other teacher edits on the version they saw before: refused.
    const err = await fail('other', 'journal.setCell', cellEdit(date, pupil, '3', 0));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(`уже изменил(а) ${nameOf('teacher')}`);
    expect(err.current).toEqual({
      lessonId: l,
      pupilId: pupil,
      marks: [{ value: '5', workTypeId: sc.wtAnswer, weight: 1 }],
      absence: null,
      version: 1,
    });
    expect(marksOf(l, pupil)).toEqual(['5']);
    expect(storedVersion(l, pupil)).toBe(1);
    expect(one<{ n: number }>('SELECT COUNT(*) AS n FROM audit_event').n).toBe(auditBefore);
    // «Оставить моё»: resent on the current version, it wins.
    const b = await ok('other', 'journal.setCell', cellEdit(date, pupil, '3', 1));
    expect(b.cell.version).toBe(2);
    expect(marksOf(l, pupil)).toEqual(['3']);
  });

  it('lets exactly one of two edits made on the same version win', async () => {
    const [, , pupil] = sc.pupils; // joined on 10 Nov: a member on the 23rd
    const [x, y] = await Promise.all([
      call('teacher', 'journal.setCell', cellEdit(date, pupil, '4', 0)),
      call('other', 'journal.setCell', cellEdit(date, pupil, '2', 0)),
    ]);
    expect([x.ok, y.ok].filter(Boolean)).toHaveLength(1);
    const loser = (x.ok ? y : x) as { ok: false; error: { code: string } };
    expect(loser.error.code).toBe('conflict');
    expect(marksOf(lessonId(date), pupil)).toEqual([x.ok ? '4' : '2']);
    expect(storedVersion(lessonId(date), pupil)).toBe(1);
  });

  it('keeps the version of an emptied cell, lists it in the journal and accepts an edit made on it', async () => {
    const [pupil] = sc.pupils;
    const l = lessonId(date);
    const v = storedVersion(l, pupil)!;
    const emptied = await ok('teacher', 'journal.setCell', cellEdit(date, pupil, null, v));
    expect(emptied.cell).toMatchObject({ marks: [], absence: null, version: v + 1 });
    expect(marksOf(l, pupil)).toEqual([]);
    expect(storedVersion(l, pupil)).toBe(v + 1);
    const j = await ok<JournalView>('other', 'journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j.cells.find((c) => c.lessonId === l && c.pupilId === pupil)).toEqual({
      lessonId: l,
      pupilId: pupil,
      marks: [],
      absence: null,
      version: v + 1,
    });
    await ok('other', 'journal.setCell', cellEdit(date, pupil, '4', v + 1));
    expect(marksOf(l, pupil)).toEqual(['4']);
  });

  it('overwrites without a version (old callers) and still bumps it', async () => {
    const [pupil] = sc.pupils;
    const l = lessonId(date);
    const v = storedVersion(l, pupil)!;
    const r = await ok('other', 'journal.setCell', cellEdit(date, pupil, '5'));
    expect(r.cell.version).toBe(v + 1);
    expect(storedVersion(l, pupil)).toBe(v + 1);
  });

  it('refuses a pasted column with one stale cell as a whole, naming its row', async () => {
    const [a, , c] = sc.pupils;
    const l = lessonId(date);
    const va = storedVersion(l, a)!;
    const vc = storedVersion(l, c)!;
    const before = [marksOf(l, a), marksOf(l, c)];
    const err = await fail('teacher', 'journal.setCells', { edits: [cellEdit(date, a, '2', va), cellEdit(date, c, '2', vc - 1)] });
    expect(err.code).toBe('conflict');
    expect(err.message).toMatch(/^Строка 2: /);
    expect(err.current).toMatchObject({ lessonId: l, pupilId: c, version: vc });
    expect([marksOf(l, a), marksOf(l, c)]).toEqual(before);
    expect([storedVersion(l, a), storedVersion(l, c)]).toEqual([va, vc]);
  });
});

describe('lesson versions', () => {
  const date = '2026-11-26';
  it('bumps on every change, refuses a stale one with the current lesson, keeps the stored one', async () => {
    const j = await ok<JournalView>('teacher', 'journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j.lessons.find((l) => l.date === date)).toMatchObject({ lessonId: null, version: 0 });
    const a = await ok('teacher', 'journal.setLesson', { lesson: slot(date), topic: 'Причастие', version: 0 });
    expect(a.version).toBe(1);
    const err = await fail('other', 'journal.setLesson', { lesson: slot(date), topic: 'Деепричастие', version: 0 });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(`уже изменил(а) ${nameOf('teacher')}`);
    expect(err.current).toMatchObject({ lessonId: a.lessonId, topic: 'Причастие', version: 1 });
    expect(one('SELECT topic, version FROM lesson WHERE id = ?', a.lessonId)).toEqual({ topic: 'Причастие', version: 1 });
    const b = await ok('other', 'journal.setLesson', { lesson: slot(date), homework: 'Упр. 5', version: 1 });
    expect(b.version).toBe(2);
    // Without a version: overwrites, bumps.
    expect((await ok('teacher', 'journal.setLesson', { lesson: slot(date), held: true })).version).toBe(3);
    expect(one('SELECT version FROM lesson WHERE id = ?', a.lessonId)).toEqual({ version: 3 });
    const j2 = await ok<JournalView>('other', 'journal.open', { groupId: sc.g5a, subjectId: sc.rus });
    expect(j2.lessons.find((l) => l.date === date)).toMatchObject({ version: 3, topic: 'Причастие', homework: 'Упр. 5' });
  });
});

describe('two edits made on the same version', () => {
  it('of a lesson and of a term mark: exactly one of each wins', async () => {
    const date = '2026-11-26';
    const v = (await ok<JournalView>('teacher', 'journal.open', { groupId: sc.g5a, subjectId: sc.rus })).lessons.find(
      (l) => l.date === date,
    )!.version;
    const lessons = await Promise.all([
      call('teacher', 'journal.setLesson', { lesson: slot(date), homework: 'А', version: v }),
      call('other', 'journal.setLesson', { lesson: slot(date), homework: 'Б', version: v }),
    ]);
    expect(lessons.map((r) => r.ok).filter(Boolean)).toHaveLength(1);
    expect(lessons.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['conflict', 'ok']);
    expect(one('SELECT homework, version FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ?', sc.g5a, sc.rus, date)).toEqual({
      homework: lessons[0]!.ok ? 'А' : 'Б',
      version: v + 1,
    });
    const [, , pupil] = sc.pupils;
    const ref = { groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2, pupilId: pupil };
    const marks = await Promise.all([
      call('teacher', 'journal.setTermMark', { ...ref, value: '4', version: 0 }),
      call('other', 'journal.setTermMark', { ...ref, value: '3', version: 0 }),
    ]);
    expect(marks.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['conflict', 'ok']);
    expect(
      one(
        'SELECT value FROM term_mark WHERE pupil_id = ? AND group_id = ? AND subject_id = ? AND term_id = ?',
        pupil,
        sc.g5a,
        sc.rus,
        sc.q2,
      ),
    ).toEqual({ value: marks[0]!.ok ? '4' : '3' });
  });
});

describe('term mark versions', () => {
  const ref = () => ({ groupId: sc.g5a, subjectId: sc.rus, termId: sc.q2 });
  it('refuses stale edits, also across a removal, and never repeats a version', async () => {
    const [pupil] = sc.pupils;
    const a = await ok('teacher', 'journal.setTermMark', { ...ref(), pupilId: pupil, value: '4', version: 0 });
    expect(a.termMark.version).toBeGreaterThan(0);
    const v1 = a.termMark.version as number;
    const err = await fail('other', 'journal.setTermMark', { ...ref(), pupilId: pupil, value: '5', version: 0 });
    expect(err.code).toBe('conflict');
    expect(err.message).toContain(nameOf('teacher'));
    expect(err.current).toMatchObject({ pupilId: pupil, value: '4', version: v1 });
    const stored = () =>
      one<{ value: string; version: number } | undefined>(
        'SELECT value, version FROM term_mark WHERE pupil_id = ? AND group_id = ? AND subject_id = ? AND term_id = ?',
        pupil,
        sc.g5a,
        sc.rus,
        sc.q2,
      );
    expect(stored()).toEqual({ value: '4', version: v1 });
    // Removed on the current version.
    expect((await ok('other', 'journal.setTermMark', { ...ref(), pupilId: pupil, value: null, version: v1 })).termMark).toBeNull();
    expect(stored()).toBeUndefined();
    // An edit made on the mark before its removal is stale: the current value is «none».
    const gone = await fail('teacher', 'journal.setTermMark', { ...ref(), pupilId: pupil, value: '5', version: v1 });
    expect(gone.code).toBe('conflict');
    expect(gone.current).toBeNull();
    // Set again on the removed state (0): a version nobody held before.
    const again = await ok('teacher', 'journal.setTermMark', { ...ref(), pupilId: pupil, value: '5', version: 0 });
    expect(again.termMark.version).toBeGreaterThan(v1);
    expect(stored()).toEqual({ value: '5', version: again.termMark.version });
    const j = await ok<JournalView>('other', 'journal.open', { ...ref() });
    expect(j.termMarks.find((t) => t.pupilId === pupil)).toMatchObject({ value: '5', version: again.termMark.version });
  });
});
