// The monthly check's rules R1–R6, R16, R17 (issue 12) on a crafted journal of the tiny school,
// written through the real router with a moving clock (so the audit log holds real entry
// times), each rule with a true case and a near miss. Expected keys and numbers come from the
// issue's rule text and the tiny school's calendar (written out below), not from the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src-shared/check/rules';
import { DEFAULT_SETTINGS, type CheckSettings } from '../../src-shared/domain';
import { runRules } from '../../src-main/services/check/engine';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
const TODAY = '2026-11-24'; // Tuesday

/** Grade 5/6 school days of November 2026 up to TODAY: Q2 starts Thu 5.11, five-day weeks, no holidays. */
const NOV_DAYS = ['05', '06', '09', '10', '11', '12', '13', '16', '17', '18', '19', '20', '23', '24'].map((d) => `2026-11-${d}`);

/**
 * Moves the frozen clock to 10:00 Moscow time of a date (forward only: audit times follow seq).
 * The sessions opened at the start are kept alive across the days jumped (a login per day
 * would cost a scrypt hash each): this test is about the check, not about session expiry.
 */
const at = (date: string) => {
  app.clock.now = new Date(`${date}T07:00:00Z`);
  app.services.sqlite.prepare("UPDATE session SET expires_at = '2100-01-01T00:00:00.000Z', last_seen_at = ?, locked = 0").run(app.clock.now.toISOString());
};
const as = (login: string) => (method: string, input: unknown) => app.call<any>(method, input, tokens[login]);
const rus = (date: string) => ({ groupId: sc.g5a, subjectId: sc.rus, date, slot: 2 });
const math5 = (date: string) => ({ groupId: sc.g5a, subjectId: sc.math, date, slot: 3 });
const math6 = (date: string) => ({ groupId: sc.g6b, subjectId: sc.math, date, slot: 4 });
const lessonId = (l: { groupId: number; subjectId: number; date: string; slot: number }) =>
  (
    app.services.sqlite.prepare('SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ? AND part = 0').get(l.groupId, l.subjectId, l.date, l.slot) as {
      id: number;
    }
  ).id;

function check(
  opts: {
    settings?: Partial<CheckSettings>;
    scope?: Partial<{ classIds: number[]; teacherIds: number[]; subjectIds: number[] }>;
    journal?: { groupId: number; subjectId: number };
    to?: string;
  } = {},
): Finding[] {
  return runRules(app.services, {
    from: '2026-11-01',
    to: opts.to ?? '2026-11-30',
    today: TODAY,
    scope: { classIds: [], teacherIds: [], subjectIds: [], ...opts.scope },
    settings: { ...DEFAULT_SETTINGS.check, ...opts.settings },
    ...(opts.journal ? { journal: opts.journal } : {}),
  });
}
let all: Finding[];
let g1a: number;
const byKey = (key: string) => all.find((f) => f.key === key);
const keys = (rule: string) => all.filter((f) => f.rule === rule).map((f) => f.key);

beforeAll(async () => {
  app = createTestApp('2026-11-02T07:00:00Z');
  sc = await buildTinySchool(app);
  for (const l of ['teacher', 'other', 'deputy'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
  const [andreev] = sc.pupils;
  // Plans (КТП): 5А Russian by `teacher` (grade 5) and 6Б maths by `other` (grade 6). Q1 holds
  // 15 Russian lessons (Mondays and Thursdays 3.09–22.10) and 8 maths lessons of 6Б (Thursdays).
  await as('teacher')('plan.save', {
    subjectId: sc.rus,
    grade: 5,
    topics: [
      { topic: 'Вводный курс', hours: 10 },
      { topic: 'Звуки и буквы', hours: 5 },
      { topic: 'Повторение изученного', hours: 1 }, // 16th lesson: Thu 5.11
      { topic: 'Существительное', hours: 1 }, // 17th: Mon 9.11
      { topic: 'Имя существительное', hours: 1 }, // 18th: Thu 12.11
      { topic: 'Наречие', hours: 1 }, // 19th: Mon 16.11
      { topic: 'Глагол', hours: 10 },
    ],
  });
  await as('other')('plan.save', { subjectId: sc.math, grade: 6, topics: [{ topic: 'Натуральные числа', hours: 10 }, { topic: 'Дроби', hours: 10 }] });

  at('2026-11-05');
  await as('teacher')('journal.setLesson', { lesson: rus('2026-11-05'), topic: 'Повторение изученного.', homework: 'упр. 1' });
  at('2026-11-09');
  // A mark for Thursday's lesson two school days later (Fri 6, Mon 9): late marks (R3).
  await as('teacher')('journal.setCell', { lesson: rus('2026-11-05'), pupilId: andreev, marks: [{ value: '5', workTypeId: sc.wtAnswer }], absence: null });
  await as('teacher')('journal.setLesson', { lesson: rus('2026-11-09'), topic: 'Сущ.', homework: 'упр. 2' });
  at('2026-11-10');
  // Thursday's topic on Tuesday: three school days later (R3); Monday's absence on Tuesday: one (in time).
  await as('other')('journal.setLesson', { lesson: math5('2026-11-05'), topic: 'Натуральные числа', homework: '№ 1' });
  await as('teacher')('journal.setCell', { lesson: rus('2026-11-09'), pupilId: andreev, marks: [], absence: 'н' });
  // Q1 lessons edited in November; Q1 gets closed before these edits below (R17).
  await as('teacher')('journal.setLesson', { lesson: rus('2026-10-22'), topic: 'Повторение за четверть' });
  await as('other')('journal.setLesson', { lesson: math5('2026-10-22'), topic: 'Повторение за четверть' });
  at('2026-11-12');
  await as('teacher')('journal.setLesson', { lesson: rus('2026-11-12'), topic: 'Имя' });
  await as('teacher')('journal.setCell', { lesson: rus('2026-11-12'), pupilId: andreev, marks: [], absence: 'б' });
  await as('other')('journal.setLesson', { lesson: math5('2026-11-12'), topic: 'Уравнения' });
  await as('other')('journal.setLesson', { lesson: math6('2026-11-12'), held: false });
  at('2026-11-16');
  await as('teacher')('journal.setLesson', { lesson: rus('2026-11-16'), topic: 'Глагол как часть речи', homework: 'упр. 3' });
  at('2026-11-19');
  await as('teacher')('journal.setLesson', { lesson: rus('2026-11-19'), homework: 'упр. 4' });
  await as('other')('journal.setLesson', { lesson: math5('2026-11-19'), topic: 'Дроби' });
  at('2026-11-23');
  await as('teacher')('journal.setLesson', { lesson: rus('2026-11-23'), homework: 'упр. 5' });
  await as('teacher')('journal.setCell', { lesson: rus('2026-11-23'), pupilId: andreev, marks: [], absence: 'н' });
  at(TODAY);

  const s = app.services.sqlite;
  // «Без домашнего задания» (the teacher helper adds it to journal.setLesson): 5А maths 12.11.
  s.prepare('UPDATE lesson SET no_homework = 1 WHERE id = ?').run(lessonId(math5('2026-11-12')));
  // Q1 closed for 5А on 30.10 — before the edits of 10.11; maths was reopened with a reason on 1.11.
  s.prepare("INSERT INTO term_closure (term_id, class_id, closed_at, closed_by) VALUES (?, ?, '2026-10-30T10:00:00.000Z', ?)").run(sc.q1, sc.c5a, sc.deputy);
  s.prepare(
    `INSERT INTO term_reopen (term_id, group_id, subject_id, reason, opened_by, opened_at)
       VALUES (?, ?, ?, 'Исправление темы по заявлению учителя', ?, '2026-11-01T10:00:00.000Z')`,
  ).run(sc.q1, sc.g5a, sc.math, sc.deputy);
  // 1А: one held maths lesson without homework (first-graders get none: СанПиН 1.2.3685-21).
  const c1a = Number(s.prepare("INSERT INTO class_unit (year_id, grade, letter) VALUES (?, 1, 'А')").run(sc.year).lastInsertRowid);
  g1a = Number(s.prepare("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '1А', 1)").run(c1a).lastInsertRowid);
  s.prepare("INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?, ?, ?, 4, '2026-09-01')").run(g1a, sc.math, sc.teacher);
  s.prepare("INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, topic) VALUES (?, ?, '2026-11-12', 1, ?, ?, 1, 'Счёт до десяти')").run(
    g1a,
    sc.math,
    sc.teacher,
    sc.teacher,
  );
  all = check();
});
afterAll(() => app.dispose());

describe('R1 topic', () => {
  it('finds a held lesson without a topic, or with a topic under 4 characters, more than 1 school day old', () => {
    const none = byKey(`R1:l${lessonId(rus('2026-11-19'))}`); // Thu 19.11: Fri 20, Mon 23, Tue 24 = 3 school days
    expect(none).toMatchObject({ rule: 'R1', severity: 'error', teacherId: sc.teacher, groupId: sc.g5a, subjectId: sc.rus, date: '2026-11-19' });
    expect(none!.text).toBe('5А, Русский язык, урок 19.11.2026 (2-й): тема урока не записана');
    expect(byKey(`R1:l${lessonId(rus('2026-11-12'))}`)?.detail).toMatchObject({ topic: 'Имя', minChars: 4 });
  });
  it('leaves a 4-character topic and a lesson of yesterday alone; the threshold is the setting', () => {
    expect(keys('R1').sort()).toEqual([`R1:l${lessonId(rus('2026-11-12'))}`, `R1:l${lessonId(rus('2026-11-19'))}`].sort());
    // entryDays 3: Thu 19.11 (3 school days old) is not due yet; topicMinChars 3: «Имя» is enough.
    const lenient = check({ settings: { topicMinChars: 3, entryDays: 3 } }).filter((f) => f.rule === 'R1');
    expect(lenient).toEqual([]);
  });
});

describe('R2 homework', () => {
  it('finds a held lesson with no homework (warning)', () => {
    expect(byKey(`R2:l${lessonId(math5('2026-11-19'))}`)).toMatchObject({ severity: 'warning', teacherId: sc.other });
    expect(byKey(`R2:l${lessonId(rus('2026-11-12'))}`)).toBeDefined();
  });
  it('says nothing of a lesson marked «без домашнего задания», one with homework, one of yesterday, or grade 1', () => {
    expect(all.filter((f) => f.groupId === g1a)).toEqual([]);
    // 5А maths 12.11 is «без домашнего задания», Russian 23.11 is yesterday's, the rest have homework.
    expect(keys('R2').sort()).toEqual([math5('2026-11-19'), rus('2026-11-12')].map((l) => `R2:l${lessonId(l)}`).sort());
  });
});

describe('R3 late entry (audit log)', () => {
  it('finds a topic entered 3 school days after the lesson and marks entered 2 days after', () => {
    const topic = byKey(`R3:l${lessonId(math5('2026-11-05'))}`);
    expect(topic).toMatchObject({ teacherId: sc.other, detail: { topic: '2026-11-10', schoolDays: 3, allowed: 1 } });
    const marks = byKey(`R3:l${lessonId(rus('2026-11-05'))}`);
    expect(marks?.detail).toMatchObject({ topic: '2026-11-05', marks: '2026-11-09', schoolDays: 2 });
    expect(marks?.text).toBe('5А, Русский язык, урок 05.11.2026 (2-й): внесено с опозданием (отметки — 09.11.2026; 2 уч. дн. после урока)');
  });
  it('counts school days, not calendar days: an absence entered the next school day is in time', () => {
    expect(byKey(`R3:l${lessonId(rus('2026-11-09'))}`)).toBeUndefined();
    expect(keys('R3').length).toBe(2);
    // entryDays 2: the marks two school days late are in time, the topic three days late is not.
    expect(check({ settings: { entryDays: 2 } }).filter((f) => f.rule === 'R3').map((f) => f.key)).toEqual([`R3:l${lessonId(math5('2026-11-05'))}`]);
  });
  it('sees an entry made after the period ended (a check of 1–5 November run on the 24th)', () => {
    // The topic of Thursday 5.11 was entered on Tuesday 10.11, after the period; the marks of the
    // same day's Russian lesson on Monday 9.11. Both are late, whatever the period.
    const late = check({ to: '2026-11-05' }).filter((f) => f.rule === 'R3');
    expect(late.map((f) => f.key).sort()).toEqual([`R3:l${lessonId(math5('2026-11-05'))}`, `R3:l${lessonId(rus('2026-11-05'))}`].sort());
    expect(late.find((f) => f.lessonId === lessonId(math5('2026-11-05')))?.detail).toMatchObject({ topic: '2026-11-10', schoolDays: 3 });
  });
});

describe('R4 journal not kept', () => {
  it('finds a journal with nothing entered for 7 school days or more', () => {
    expect(byKey(`R4:${sc.g6b}:${sc.math}:2026-11-05`)).toMatchObject({
      rule: 'R4',
      teacherId: sc.other,
      detail: { from: '2026-11-05', to: TODAY, schoolDays: NOV_DAYS.length },
    });
  });
  it('leaves journals whose every lesson has entries, and a run shorter than the setting', () => {
    expect(keys('R4')).toEqual([`R4:${sc.g6b}:${sc.math}:2026-11-05`]);
    // 5А maths: entries on Thursdays 5, 12, 19; the 4-day runs between them hold no lesson due,
    // so even silentDays 4 finds nothing there. 6Б: 14 school days, under a threshold of 15.
    expect(check({ settings: { silentDays: 4 } }).filter((f) => f.rule === 'R4').map((f) => f.key)).toEqual([`R4:${sc.g6b}:${sc.math}:2026-11-05`]);
    expect(check({ settings: { silentDays: 15 } }).filter((f) => f.rule === 'R4')).toEqual([]);
  });
});

describe('R5 timetabled lessons not held', () => {
  it('finds timetable slots with nothing entered and a lesson marked not held, and the lag', () => {
    expect(byKey(`R5:${sc.g6b}:${sc.math}:2026-11-19:4`)).toMatchObject({ teacherId: sc.other, lessonId: null, detail: { stored: false } });
    expect(byKey(`R5:${sc.g6b}:${sc.math}:2026-11-12:4`)).toMatchObject({ lessonId: lessonId(math6('2026-11-12')), detail: { stored: true } });
    // 6Б maths: Thursdays 5, 12, 19 planned, none held.
    expect(byKey(`R5:lag:${sc.g6b}:${sc.math}`)?.detail).toEqual({ planned: 3, held: 0, lag: 3 });
  });
  it('says nothing of held lessons, nor of a slot of yesterday', () => {
    // 5А: every slot up to 19.11 has a held lesson; Mon 23.11 is within the day allowed.
    expect(keys('R5').sort()).toEqual(
      [`R5:${sc.g6b}:${sc.math}:2026-11-05:4`, `R5:${sc.g6b}:${sc.math}:2026-11-12:4`, `R5:${sc.g6b}:${sc.math}:2026-11-19:4`, `R5:lag:${sc.g6b}:${sc.math}`].sort(),
    );
  });
});

describe('R6 the lesson plan', () => {
  it('finds a topic that is not the plan topic of that lesson number, and a journal behind its plan', () => {
    // Mon 16.11 is the 19th Russian lesson of the year: the plan says «Наречие».
    expect(byKey(`R6:l${lessonId(rus('2026-11-16'))}`)).toMatchObject({
      teacherId: sc.teacher,
      detail: { topic: 'Глагол как часть речи', planTopic: 'Наречие' },
    });
    // 6Б maths: 11 Thursdays to date (8 in Q1, 3 in November), 12.11 not held: 10 of 11 covered.
    expect(byKey(`R6:lag:${sc.g6b}:${sc.math}`)?.detail).toMatchObject({ expected: 11, position: 10, lag: 1 });
  });
  it('accepts the plan topic with other punctuation, and journals without a plan or on schedule', () => {
    expect(keys('R6').sort()).toEqual([`R6:l${lessonId(rus('2026-11-16'))}`, `R6:lag:${sc.g6b}:${sc.math}`].sort());
  });
});

describe('R16 absence without a reason', () => {
  it('finds an absence still «н» more than 3 days later, for the class teacher', () => {
    const [andreev] = sc.pupils;
    expect(byKey(`R16:${andreev}:2026-11-09`)).toMatchObject({
      rule: 'R16',
      teacherId: sc.teacher,
      pupilId: andreev,
      lessonId: lessonId(rus('2026-11-09')),
      text: '5А, 09.11.2026: Андреев Пётр — пропуск (Русский язык, 2-й урок) без указанной причины',
    });
  });
  it('leaves an absence with its reason and one of yesterday alone', () => {
    expect(keys('R16')).toEqual([`R16:${sc.pupils[0]}:2026-11-09`]);
  });
});

describe('R17 edits in a closed term', () => {
  it('finds an edit made after the quarter was closed for the class, without a reason', () => {
    const f = all.filter((x) => x.rule === 'R17');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ teacherId: sc.teacher, subjectId: sc.rus, lessonId: lessonId(rus('2026-10-22')), date: '2026-11-10' });
    expect(f[0]!.text).toBe('5А, Русский язык, урок 22.10.2026: исправление 10.11.2026 в закрытой четверти без указания причины');
  });
  it('accepts the edit covered by the deputy’s reopening with its reason', () => {
    expect(all.some((x) => x.rule === 'R17' && x.subjectId === sc.math)).toBe(false);
  });
});

describe('scope and re-check', () => {
  it('narrows by teacher (who answers), by class, and to one journal with one rule', () => {
    expect(check({ scope: { teacherIds: [sc.other] } }).every((f) => f.teacherId === sc.other)).toBe(true);
    expect(check({ scope: { teacherIds: [sc.other] } }).length).toBe(all.filter((f) => f.teacherId === sc.other).length);
    expect(check({ scope: { subjectIds: [sc.rus] } }).every((f) => f.subjectId === sc.rus)).toBe(true);
    const one = runRules(app.services, {
      from: '2026-11-01',
      to: '2026-11-30',
      today: TODAY,
      scope: { classIds: [], teacherIds: [], subjectIds: [] },
      settings: DEFAULT_SETTINGS.check,
      journal: { groupId: sc.g5a, subjectId: sc.rus },
      rules: ['R1'],
    });
    expect(one.map((f) => f.key).sort()).toEqual(keys('R1').sort());
  });
  it('keeps keys stable across runs and drops a finding once it is fixed', async () => {
    expect(check().map((f) => f.key)).toEqual(all.map((f) => f.key));
    await as('teacher')('journal.setLesson', { lesson: rus('2026-11-19'), topic: 'Глагол' });
    expect(check().some((f) => f.key === `R1:l${lessonId(rus('2026-11-19'))}`)).toBe(false);
  });
});
