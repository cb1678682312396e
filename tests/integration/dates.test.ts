// Impossible calendar dates, times and months, and ranges that end before they start, are
// refused with `validation` wherever they enter (RPC inputs, roster files), and nothing is
// written: row counts come from plain SQL before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';
import { writeXlsx } from '../helpers/xlsx';

let app: TestApp;
let sc: TinySchool;
const token = new Map<string, string>();

beforeAll(async () => {
  app = createTestApp();
  sc = await buildTinySchool(app);
  await addUser(app, 'director', ['director']);
  for (const login of ['teacher', 'admin', 'deputy'])
    token.set(login, (await app.call<{ token: string }>('auth.login', { login, password: TEST_PASSWORD })).token);
});
afterAll(() => app.dispose());

const COUNTED = [
  'lesson',
  'mark',
  'absence',
  'teaching_load',
  'diary_application',
  'person',
  'guardianship',
  'enrolment',
  'group_member',
  'audit_event',
];

/** Plain SQL, independent of the services: rows per table, plus the settings and load ends an UPDATE would change. */
function snapshot(): Record<string, unknown> {
  const s = app.services.sqlite;
  const counts = Object.fromEntries(COUNTED.map((t) => [t, s.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get()]));
  return {
    ...counts,
    settings: s.prepare('SELECT settings FROM school').pluck().get(),
    loadEnds: s.prepare("SELECT group_concat(ifnull(valid_to, '-')) FROM teaching_load").pluck().get(),
  };
}

/** Refused as `validation`; with `field`, the refusal names that input field (not a later check). */
async function refused(method: string, input: unknown, who: string, field?: string): Promise<void> {
  const before = snapshot();
  const env = await app.router.call(method, input, token.get(who)!);
  expect(env, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'validation' } });
  if (field && !env.ok)
    expect(
      env.error.issues?.map((i) => i.path.join('.')),
      JSON.stringify(input),
    ).toContain(field);
  expect(snapshot(), `${method} wrote something`).toEqual(before);
}

const slot = (date: string) => ({ groupId: sc.g5a, subjectId: sc.rus, date, slot: 2 });

describe('impossible dates are refused with validation and nothing is written', () => {
  it('a journal cell on 2026-09-31 (no phantom lesson beside 1 October)', async () => {
    await refused(
      'journal.setCell',
      { lesson: slot('2026-09-31'), pupilId: sc.pupils[0], marks: [{ value: '5', workTypeId: sc.wtAnswer }], absence: null },
      'teacher',
    );
    await refused(
      'journal.setCells',
      { edits: [{ lesson: slot('2026-09-31'), pupilId: sc.pupils[0], marks: [], absence: 'н' }] },
      'teacher',
    );
    expect(
      app.services.sqlite.prepare("SELECT COUNT(*) FROM lesson WHERE date >= '2026-09-30' AND date <= '2026-10-02'").pluck().get(),
    ).toBe(0);
  });

  it('a lesson on 2026-11-31', async () => {
    await refused('journal.setLesson', { lesson: slot('2026-11-31'), topic: 'Тема' }, 'teacher');
    await refused('journal.attachFile', { lesson: slot('2026-11-31'), name: 'a.txt', mime: 'text/plain', data: 'MTIz' }, 'teacher');
  });

  it('a load ending on 2026-13-45, or before it began', async () => {
    const loadId = app.services.sqlite.prepare('SELECT id FROM teaching_load ORDER BY id LIMIT 1').pluck().get() as number;
    await refused('load.end', { loadId, validTo: '2026-13-45' }, 'admin', 'validTo');
    await refused('load.end', { loadId, validTo: '2026-08-31' }, 'admin');
  });

  it('an application dated 2027-02-30', async () => {
    const passport = { surname: 'Андреева', name: 'Мария', patronymic: 'Петровна' };
    await refused(
      'applications.create',
      {
        pupilId: sc.pupils[0],
        guardian: { ...passport, relation: 'мать' },
        passport,
        confirmMismatch: false,
        passportChecked: true,
        number: '7/2027',
        appliedOn: '2027-02-30',
      },
      'admin',
      'appliedOn',
    );
  });

  it('2026-13-01 in journal.myWork and load.assign', async () => {
    await refused('journal.myWork', { date: '2026-13-01' }, 'teacher', 'date');
    await refused(
      'load.assign',
      { groupId: sc.g6b, subjectId: sc.rus, teacherId: sc.teacher, hoursPerWeek: 2, validFrom: '2026-13-01' },
      'admin',
      'validFrom',
    );
  });

  it('a week that runs past the last day of the calendar', async () => {
    // 2199-12-31 is a Tuesday: its Thursday lesson would fall on 2200-01-02, past SchoolDate's range.
    await refused('journal.myWork', { date: '2199-12-31' }, 'teacher', 'date');
  });

  it('times and months that are not on the clock or the calendar', async () => {
    for (const t of ['24:00', '23:60', '7:00', '18:0', '1800']) {
      await refused('export.configure', { dailyAt: t }, 'admin', 'dailyAt');
      await refused('school.updateSettings', { settings: { exportDailyAt: t } }, 'admin', 'settings.exportDailyAt');
    }
    for (const m of ['2026-13', '2026-00', '1899-12', '2026-1'])
      for (const who of ['teacher', 'deputy']) await refused('export.reconcile', { month: m }, who, 'month');
  });

  it('dates the calendar has are accepted (the edges of the rules, not only the middle)', async () => {
    const env = await app.router.call('journal.myWork', { date: '2028-02-29' }, token.get('teacher')!);
    expect(env.ok).toBe(true);
    expect(await app.router.call('export.configure', { dailyAt: '23:59' }, token.get('admin')!)).toMatchObject({ ok: true });
    expect(await app.router.call('export.configure', { dailyAt: '00:00' }, token.get('admin')!)).toMatchObject({ ok: true });
  });
});

describe('roster files: impossible or out-of-range dates are per-row errors and nothing is imported', () => {
  const run = async (kind: 'pupils' | 'guardians' | 'staff', file: string | Uint8Array, name: string) => {
    const before = snapshot();
    const data = Buffer.from(typeof file === 'string' ? new TextEncoder().encode(file) : file).toString('base64');
    const r = await app.call<{ imported: boolean; errors: { line: number; message: string }[] }>(
      'roster.import',
      { kind, fileName: name, data, dryRun: false },
      token.get('admin')!,
    );
    expect(r.imported).toBe(false);
    expect(snapshot()).toEqual(before);
    return r.errors;
  };

  it('pupils: birth and enrolment dates', async () => {
    const csv = [
      'Внешний код;Фамилия;Имя;Дата рождения;Класс;Дата зачисления',
      'D1;Алексеев;Марк;31.09.2015;5А;',
      'D2;Борисов;Ян;01.01.1850;5А;',
      'D3;Власов;Лев;2015-02-29;5А;',
      'D4;Гусев;Тимур;01.01.2015;5А;31.09.2026',
      'D5;Демин;Олег;01.01.2015;5А;2026-11-31',
      'D6;Егоров;Марат;01.01.2015;5А;01.12.2026',
    ].join('\n');
    const errors = await run('pupils', csv, 'pupils.csv');
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(errors[0]!.message).toContain('31.09.2015');
    expect(errors[1]!.message).toContain('01.01.1850');
    expect(errors[3]!.message).toContain('дата зачисления');
  });

  it('a spreadsheet date serial past the calendar the app accepts', async () => {
    const file = writeXlsx([
      ['Внешний код', 'Фамилия', 'Имя', 'Дата рождения', 'Класс'],
      ['X1', 'Жуков', 'Назар', { date: '2250-01-01' }, '5А'],
      ['X2', 'Зайцев', 'Олег', { date: '2015-05-05' }, '5А'],
    ]);
    const errors = await run('pupils', file, 'pupils.xlsx');
    expect(errors.map((e) => e.line)).toEqual([2]);
  });

  it('guardians and staff: birth dates', async () => {
    const g = await run(
      'guardians',
      'Внешний код;Фамилия;Имя;Дата рождения;Код ученика;Кем приходится\nG1;Иванова;Анна;30.02.1985;P1;мать\n',
      'g.csv',
    );
    expect(g.some((e) => e.line === 2 && e.message.includes('30.02.1985'))).toBe(true);
    const s = await run('staff', 'Внешний код;Фамилия;Имя;Дата рождения;Логин;Роли\nS1;Петров;Иван;31.04.1980;petrov;учитель\n', 's.csv');
    expect(s.some((e) => e.line === 2 && e.message.includes('31.04.1980'))).toBe(true);
  });
});
