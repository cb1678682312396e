// The lesson plan (КТП) through the real router on a temp database: who may write and read,
// the whole-list save, CSV/XLSX import with per-row errors, the topics a journal is offered
// (checked against plain SQL over the calendar) and accepting one into a lesson.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonView } from '../../src-shared/rpc/journal';
import type { PlanItem, PlanView } from '../../src-shared/rpc/plan';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';
import { writeXlsx } from '../helpers/xlsx';

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
const db = () => app.services.sqlite;
const rows = <T>(sql: string, ...p: unknown[]) => db().prepare(sql).all(...p) as T[];
const slot = (date: string, s = 2) => ({ groupId: sc.g5a, subjectId: sc.rus, date, slot: s });
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
const storedTopics = (teacher: number, subject: number, grade: number) =>
  rows<{ position: number; topic: string; hours: number; work_type_id: number | null }>(
    `SELECT t.position, t.topic, t.hours, t.work_type_id FROM plan_topic t JOIN plan p ON p.id = t.plan_id
       WHERE p.teacher_id = ? AND p.subject_id = ? AND p.grade = ? ORDER BY t.position`,
    teacher,
    subject,
    grade,
  );

describe('who writes and reads a plan', () => {
  it('lets a teacher save the plan of a subject and grade they teach, and nobody else', async () => {
    const plan = await as('teacher').call<PlanView>('plan.save', {
      subjectId: sc.rus,
      grade: 5,
      topics: [
        { topic: 'Повторение', hours: 2 },
        { topic: 'Имя существительное', hours: 3, workTypeId: sc.wtControl },
      ],
    });
    expect(plan.access).toBe('write');
    expect(storedTopics(sc.teacher, sc.rus, 5)).toEqual([
      { position: 1, topic: 'Повторение', hours: 2, work_type_id: null },
      { position: 2, topic: 'Имя существительное', hours: 3, work_type_id: sc.wtControl },
    ]);
    // Another teacher's subject, a grade the teacher has no load in, another teacher on this subject.
    const refusals = [
      await as('teacher').fail('plan.save', { subjectId: sc.math, grade: 5, topics: [{ topic: 'Дроби', hours: 1 }] }),
      await as('teacher').fail('plan.save', { subjectId: sc.rus, grade: 6, topics: [{ topic: 'Глагол', hours: 1 }] }),
      await as('other').fail('plan.save', { subjectId: sc.rus, grade: 5, topics: [{ topic: 'Глагол', hours: 1 }] }),
      await as('deputy').fail('plan.save', { subjectId: sc.rus, grade: 5, topics: [{ topic: 'Глагол', hours: 1 }] }),
      await as('other').fail('plan.import', { subjectId: sc.rus, grade: 5, fileName: 'k.csv', data: b64('Тема\nГлагол\n'), apply: true }),
    ];
    expect(refusals.map((e) => e.code)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden', 'forbidden']);
    expect(rows('SELECT id FROM plan')).toHaveLength(1);
    expect(storedTopics(sc.teacher, sc.rus, 5)).toHaveLength(2);
  });

  it('lists a teacher’s own plans and loads without one; the deputy sees all, read only', async () => {
    const mine = await as('other').call<{ items: PlanItem[] }>('plan.list', {});
    expect(mine.items.map((i) => [i.subjectName, i.grade, i.planId, i.access, i.groups.map((g) => g.name)])).toEqual([
      ['Математика', 5, null, 'write', ['5А']],
      ['Математика', 6, null, 'write', ['6Б']],
    ]);
    const all = await as('deputy').call<{ items: PlanItem[] }>('plan.list', {});
    const expected = rows<{ teacher_id: number; subject_id: number; grade: number }>(
      `SELECT DISTINCT tl.teacher_id, tl.subject_id, c.grade FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id
         JOIN class_unit c ON c.id = g.class_id ORDER BY 1, 2, 3`,
    ).map((r) => `${r.teacher_id}|${r.subject_id}|${r.grade}`);
    expect(all.items.map((i) => `${i.teacherId}|${i.subjectId}|${i.grade}`).sort()).toEqual(expected.sort());
    expect(all.items.every((i) => i.access === 'read')).toBe(true);
    const rus = all.items.find((i) => i.subjectId === sc.rus)!;
    expect([rus.topics, rus.hours]).toEqual([2, 5]);
    const seen = await as('deputy').call<PlanView>('plan.get', { subjectId: sc.rus, grade: 5, teacherId: sc.teacher });
    expect([seen.access, seen.topics.length]).toEqual(['read', 2]);
    expect(await as('other').fail('plan.get', { subjectId: sc.rus, grade: 5, teacherId: sc.teacher })).toMatchObject({ code: 'forbidden' });
  });
});

describe('saving the whole list', () => {
  it('replaces it in one audited write, positions 1..n, keeping the id of a topic kept under the same text', async () => {
    const before = await as('teacher').call<PlanView>('plan.get', { subjectId: sc.rus, grade: 5 });
    const noun = before.topics.find((t) => t.topic === 'Имя существительное')!;
    const audits = rows('SELECT seq FROM audit_event WHERE entity = ?', 'plan').length;
    const after = await as('teacher').call<PlanView>('plan.save', {
      subjectId: sc.rus,
      grade: 5,
      topics: [
        { topic: 'Имя существительное', hours: 3, workTypeId: sc.wtControl },
        { topic: 'Глагол', hours: 1 },
      ],
    });
    expect(after.topics.map((t) => [t.position, t.topic])).toEqual([
      [1, 'Имя существительное'],
      [2, 'Глагол'],
    ]);
    expect(after.topics[0]!.id).toBe(noun.id);
    const audit = rows<{ action: string; before: string; after: string }>(
      "SELECT action, before, after FROM audit_event WHERE entity = 'plan' ORDER BY seq DESC LIMIT 1",
    )[0]!;
    expect(rows('SELECT seq FROM audit_event WHERE entity = ?', 'plan')).toHaveLength(audits + 1);
    expect(audit.action).toBe('plan.save');
    expect(JSON.parse(audit.before).topics.map((t: { topic: string }) => t.topic)).toEqual(['Повторение', 'Имя существительное']);
    expect(JSON.parse(audit.after).topics.map((t: { topic: string }) => t.topic)).toEqual(['Имя существительное', 'Глагол']);
  });

  it('refuses a bad list whole: nothing is written', async () => {
    const bad = [
      { topics: [{ topic: '   ', hours: 1 }] },
      { topics: [{ topic: 'Глагол', hours: 0 }] },
      { topics: [{ topic: 'Глагол', hours: 11 }] },
      { topics: [{ topic: 'Глагол', hours: 1.5 }] },
      { topics: [{ topic: 'Глагол', hours: 1, workTypeId: 9999 }] },
    ];
    const seq = rows<{ s: number }>('SELECT MAX(seq) AS s FROM audit_event')[0]!.s;
    for (const b of bad) expect(await as('teacher').fail('plan.save', { subjectId: sc.rus, grade: 5, ...b }), JSON.stringify(b)).toMatchObject({ code: 'validation' });
    expect(rows<{ s: number }>('SELECT MAX(seq) AS s FROM audit_event')[0]!.s).toBe(seq);
    expect(storedTopics(sc.teacher, sc.rus, 5).map((t) => t.topic)).toEqual(['Имя существительное', 'Глагол']);
  });
});

describe('importing a plan', () => {
  const importAs = (data: string, fileName: string, apply: boolean) =>
    as('teacher').call<{ applied: boolean; rows: { line: number; topic: string; hours: number | null }[]; errors: { line: number; message: string }[] }>(
      'plan.import',
      { subjectId: sc.rus, grade: 5, fileName, data, apply },
    );

  it('lists every bad row of a CSV with its line, and applies nothing', async () => {
    const csv = [
      '№;Тема;Часы;Вид контроля',
      '1;Фонетика;2;',
      '2;;1;',
      '3;Морфемика;0;',
      '4;Лексика;abc;',
      '5;Глагол;11;',
      '6;Наречие;1,5;',
      '7;Причастие;1;Диктант',
      '8;Деепричастие;1;контрольная работа',
    ].join('\r\n');
    const r = await importAs(b64(csv), 'ktp.csv', true);
    expect(r.applied).toBe(false);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    const byLine = new Map(r.errors.map((e) => [e.line, e.message]));
    expect(byLine.get(3)).toMatch(/Строка 3: тема не указана/);
    expect(byLine.get(4)).toMatch(/часы 0: укажите число уроков от 1 до 10/);
    expect(byLine.get(5)).toMatch(/часы «abc» — не число/);
    expect(byLine.get(6)).toMatch(/часы 11: укажите число уроков от 1 до 10/);
    expect(byLine.get(7)).toMatch(/целое число уроков/);
    expect(byLine.get(8)).toMatch(/неизвестный вид контроля «Диктант»: допустимы .*«Контрольная работа»/);
    expect(r.rows).toHaveLength(8);
    expect(storedTopics(sc.teacher, sc.rus, 5).map((t) => t.topic)).toEqual(['Имя существительное', 'Глагол']);
  });

  it('reads an XLSX with number cells the same way', async () => {
    const xlsx = writeXlsx(
      [
        ['Тема', 'Часы', 'Вид контроля'],
        ['Повторение', 2, null],
        ['Сложное предложение', 12, null],
        ['Прямая речь', 1, 'Ответ на уроке'],
        [null, 1, null],
      ],
      { sharedStrings: true },
    );
    const r = await importAs(b64(xlsx), 'ktp.xlsx', false);
    expect(r.errors.map((e) => [e.line, /часы 12|тема не указана/.test(e.message)])).toEqual([
      [3, true],
      [5, true],
    ]);
    expect(r.rows.map((x) => x.hours)).toEqual([2, 12, 1, 1]);
  });

  it('says what is wrong with a file that is not a plan', async () => {
    const r = await importAs(b64('Фамилия;Имя\nИванов;Пётр\n'), 'people.csv', true);
    expect(r.errors).toEqual([{ line: 1, message: expect.stringMatching(/Не найдена колонка «Тема»/) }]);
  });

  it('applies a clean file as the whole plan, audited', async () => {
    const csv = '\uFEFFТема;Часы;Вид контроля\nФонетика;2;\nГлагол;1;Контрольная работа\nНаречие;;\n';
    const preview = await importAs(b64(csv), 'ktp.csv', false);
    expect([preview.applied, preview.errors]).toEqual([false, []]);
    expect(storedTopics(sc.teacher, sc.rus, 5).map((t) => t.topic)).toEqual(['Имя существительное', 'Глагол']);
    const r = await importAs(b64(csv), 'ktp.csv', true);
    expect(r.applied).toBe(true);
    expect(storedTopics(sc.teacher, sc.rus, 5)).toEqual([
      { position: 1, topic: 'Фонетика', hours: 2, work_type_id: null },
      { position: 2, topic: 'Глагол', hours: 1, work_type_id: sc.wtControl },
      { position: 3, topic: 'Наречие', hours: 1, work_type_id: null },
    ]);
    expect(rows("SELECT 1 FROM audit_event WHERE entity = 'plan' AND action = 'plan.save'").length).toBeGreaterThanOrEqual(2);
  });
});

describe('the plan in the journal', () => {
  // Sixty-one hours: «Т1» takes two lessons, «Т2»…«Т60» one each.
  const TOPICS = Array.from({ length: 60 }, (_, i) => ({ topic: `Т${i + 1}`, hours: i === 0 ? 2 : 1 }));
  let plan: PlanView;
  const id = (name: string) => plan.topics.find((t) => t.topic === name)!.id;

  beforeAll(async () => {
    plan = await as('teacher').call<PlanView>('plan.save', { subjectId: sc.rus, grade: 5, topics: TOPICS });
  });

  it('offers the topics in order, skips a lesson not held, and continues after an accepted one', async () => {
    // 3 September was not held; 30 November (ahead, Monday) takes «Т50».
    await as('teacher').call('journal.setLesson', { lesson: slot('2026-09-03'), held: false });
    await as('teacher').call('plan.acceptTopic', { lesson: slot('2026-11-30'), planTopicId: id('Т50') });
    const r = await as('teacher').call<{ lessons: { date: string; topic: string | null; accepted: boolean }[]; progress: Record<string, number> }>(
      'plan.forJournal',
      { groupId: sc.g5a, subjectId: sc.rus },
    );
    // The journal's lessons, from plain SQL: Mondays and Thursdays inside the quarters.
    const dates = rows<{ d: string }>(
      `WITH RECURSIVE day(d) AS (SELECT '2026-09-01' UNION ALL SELECT date(d, '+1 day') FROM day WHERE d < '2027-05-31')
       SELECT d FROM day WHERE strftime('%w', d) IN ('1', '4')
         AND EXISTS (SELECT 1 FROM term t WHERE t.kind = 'quarter' AND d BETWEEN t.starts_on AND t.ends_on) ORDER BY d`,
    ).map((x) => x.d);
    expect(r.lessons.map((l) => l.date)).toEqual(dates);
    // The design's walk: the k-th held lesson before the accepted one gets hour k of the line
    // Т1 Т1 Т2 Т3 …; after «Т50» come «Т51»…«Т60», then nothing.
    const expected: (string | null)[] = [];
    let k = 0;
    let after = 50;
    for (const d of dates) {
      if (d === '2026-09-03') expected.push(null);
      else if (d < '2026-11-30') expected.push(k++ < 2 ? 'Т1' : `Т${k - 1}`);
      else if (d === '2026-11-30') expected.push('Т50');
      else expected.push(++after <= 60 ? `Т${after}` : null);
    }
    expect(r.lessons.map((l) => l.topic)).toEqual(expected);
    expect(r.lessons.filter((l) => l.accepted).map((l) => l.date)).toEqual(['2026-11-30']);
    const toDate = dates.filter((d) => d <= '2026-11-26').length;
    expect(r.progress).toEqual({ today: '2026-11-26', given: toDate - 1, position: toDate - 1, expected: toDate, totalHours: 61, delta: -1 });
  });

  it('is read by the deputy and refused to a teacher without access to the journal', async () => {
    const r = await as('deputy').call<{ plan: PlanView }>('plan.forJournal', { groupId: sc.g5a, subjectId: sc.rus });
    expect([r.plan.teacherId, r.plan.access]).toEqual([sc.teacher, 'read']);
    expect(await as('other').fail('plan.forJournal', { groupId: sc.g5a, subjectId: sc.rus })).toMatchObject({ code: 'forbidden' });
  });

  it('accepts a topic into a lesson: topic and plan topic in one audited write, the version bumped', async () => {
    const v = await as('teacher').call<LessonView>('plan.acceptTopic', {
      lesson: slot('2026-11-26'),
      planTopicId: id('Т40'),
      topic: 'Т40: повторение правил',
    });
    const row = rows<{ id: number; topic: string; plan_topic_id: number; version: number }>(
      'SELECT id, topic, plan_topic_id, version FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = 2',
      sc.g5a,
      sc.rus,
      '2026-11-26',
    )[0]!;
    expect(row).toMatchObject({ topic: 'Т40: повторение правил', plan_topic_id: id('Т40'), version: 1 });
    expect([v.topic, v.planTopicId, v.version]).toEqual([row.topic, row.plan_topic_id, 1]);
    const audit = rows<{ action: string; before: string; after: string; feed_op: string }>(
      "SELECT action, before, after, feed_op FROM audit_event WHERE entity = 'lesson' AND entity_id = ? ORDER BY seq DESC LIMIT 1",
      String(row.id),
    )[0]!;
    expect([audit.action, audit.feed_op]).toEqual(['journal.lesson', 'upsert']);
    expect(JSON.parse(audit.before)).toEqual({ topic: null, planTopicId: null });
    expect(JSON.parse(audit.after)).toMatchObject({ topic: 'Т40: повторение правил', planTopicId: id('Т40'), edited: true });
    // A stale version is refused with the current lesson.
    expect(await as('teacher').fail('plan.acceptTopic', { lesson: slot('2026-11-26'), planTopicId: id('Т41'), version: 0 })).toMatchObject({
      code: 'conflict',
    });
  });

  it('refuses another teacher’s journal, a topic of another plan, and a closed term', async () => {
    const otherPlan = await as('other').call<PlanView>('plan.save', { subjectId: sc.math, grade: 5, topics: [{ topic: 'Дроби', hours: 1 }] });
    const mathLesson = { groupId: sc.g5a, subjectId: sc.math, date: '2026-11-26', slot: 3 };
    expect(await as('teacher').fail('plan.acceptTopic', { lesson: mathLesson, planTopicId: otherPlan.topics[0]!.id })).toMatchObject({ code: 'forbidden' });
    expect(await as('other').fail('plan.acceptTopic', { lesson: slot('2026-11-23'), planTopicId: id('Т2') })).toMatchObject({ code: 'forbidden' });
    expect(await as('teacher').fail('plan.acceptTopic', { lesson: slot('2026-11-23'), planTopicId: otherPlan.topics[0]!.id })).toMatchObject({
      code: 'validation',
    });
    db().prepare("UPDATE term SET closed_at = '2026-10-30T10:00:00Z' WHERE id = ?").run(sc.q1);
    try {
      expect(await as('teacher').fail('plan.acceptTopic', { lesson: slot('2026-10-05'), planTopicId: id('Т2') })).toMatchObject({ code: 'locked' });
    } finally {
      db().prepare('UPDATE term SET closed_at = NULL WHERE id = ?').run(sc.q1);
    }
    expect(rows("SELECT 1 FROM lesson WHERE date IN ('2026-11-23', '2026-10-05')")).toEqual([]);
  });

  it('unlinks lessons from a topic the plan no longer has', async () => {
    await as('teacher').call('plan.save', { subjectId: sc.rus, grade: 5, topics: TOPICS.filter((t) => t.topic !== 'Т50') });
    expect(rows("SELECT plan_topic_id FROM lesson WHERE date = '2026-11-30'")).toEqual([{ plan_topic_id: null }]);
    expect(rows("SELECT topic FROM lesson WHERE date = '2026-11-30'")).toEqual([{ topic: 'Т50' }]);
  });
});
