// Forms with correct Russian (issue 13), through the real router on a real database: the diary
// application's PDF (text read back by tests/helpers/pdf-text.ts) declines the guardian, the
// pupil and the director, names the school by its full name in the genitive from the settings,
// agrees «обучающегося/обучающейся», «ознакомлен/ознакомлена» with the gender; a stored correction
// and a stored gender change what is printed; rights and bad input are refused without a write.
// Expected texts are written here by hand from Russian grammar.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, tableCounts, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { pdfPages } from '../helpers/pdf-text';
import { buildTinySchool, type TinySchool } from '../helpers/school';

const FULL =
  'Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 123 Невского района Санкт-Петербурга';
const GENITIVE =
  'Государственного бюджетного общеобразовательного учреждения средней общеобразовательной школы № 123 Невского района Санкт-Петербурга';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
const people: Record<string, number> = {};

const as = (login: string) => ({
  call: <T = any>(method: string, input: unknown) => app.call<T>(method, input, tokens[login]),
  fail: async (method: string, input: unknown) => {
    const env = await app.router.call(method, input, tokens[login]!);
    if (env.ok) throw new Error(`${method} should have failed`);
    return env.error;
  },
});

beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z');
  sc = await buildTinySchool(app);
  const s = app.services.sqlite;
  const ins = (sql: string, ...p: unknown[]) => Number(s.prepare(sql).run(...p).lastInsertRowid);
  const director = await addUser(app, 'director', ['director']);
  s.prepare(
    "UPDATE person SET surname = 'Кузнецов', name = 'Пётр', patronymic = 'Ильич' WHERE id = (SELECT person_id FROM staff_user WHERE id = ?)",
  ).run(director);
  const pupil = (surname: string, name: string, patronymic: string | null) => {
    const p = ins('INSERT INTO person (surname, name, patronymic) VALUES (?,?,?)', surname, name, patronymic);
    ins("INSERT INTO enrolment (pupil_id, class_id, from_date) VALUES (?, ?, '2026-09-01')", p, sc.c5a);
    return p;
  };
  people.ivan = pupil('Андреев', 'Иван', 'Сергеевич');
  people.olga = pupil('Шевчук', 'Ольга', 'Олеговна');
  people.sasha = pupil('Ким', 'Саша', null);
  for (const l of ['admin', 'teacher', 'other'])
    tokens[l] = (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
});
afterAll(() => app.dispose());

let number = 0;
async function apply(pupilId: number, g: { surname: string; name: string; patronymic?: string }, relation: string) {
  const r = await as('admin').call('applications.create', {
    pupilId,
    guardian: { ...g, relation },
    passport: g,
    confirmMismatch: false,
    passportChecked: true,
    number: `${++number}/2026`,
    appliedOn: '2026-11-26',
  });
  return r.application as { id: number; guardianId: number };
}

/** The application's PDF as one line of text: wrapped lines joined with a space. */
async function printed(id: number): Promise<string> {
  const pdf = await as('admin').call('applications.print', { id });
  return pdfPages(Buffer.from(pdf.data, 'base64'))
    .map((p) => p.lines.join(' '))
    .join(' ')
    .replace(/\s+/g, ' ');
}

describe('the diary application printed with declined names', () => {
  it('falls back to a phrase around the short name while the settings have no genitive', async () => {
    const a = await apply(people.ivan!, { surname: 'Андреева', name: 'Валерия', patronymic: 'Ильинична' }, 'мать');
    const text = await printed(a.id);
    expect(text).toContain(
      `Директору образовательной организации «${app.services.sqlite.prepare('SELECT name FROM school').pluck().get()}» Кузнецову П. И.`,
    );
  });

  it('says «от Андреевой Валерии Ильиничны», the pupil in the genitive and the school’s full name in the genitive', async () => {
    await as('admin').call('school.updateSettings', { settings: { exportDailyAt: '17:30', lockoutMinutes: 30 } });
    await as('admin').call('school.updateSettings', { settings: { fullName: FULL, fullNameGenitive: GENITIVE } });
    // Naming the full name changes only it: the other settings keep their values (not reset to defaults).
    const stored = app.services.sqlite
      .prepare(
        "SELECT json_extract(settings, '$.exportDailyAt') AS at, json_extract(settings, '$.lockoutMinutes') AS lock, json_extract(settings, '$.fullName') AS full FROM school",
      )
      .get();
    expect(stored).toEqual({ at: '17:30', lock: 30, full: FULL });
    const a = (await as('admin').call('applications.list', {})).applications[0];
    const text = await printed(a.id);
    expect(text).toContain(`Директору ${GENITIVE} Кузнецову П. И. от Андреевой Валерии Ильиничны (мать)`);
    expect(text).toContain('моего ребёнка (подопечного) Андреева Ивана Сергеевича, обучающегося 5А класса,');
    expect(text).toContain('С порядком предоставления услуги ознакомлена. Согласна на обработку персональных данных');
    expect(text).not.toMatch(/Андреева Валерия|\(а\)|\(на\)/);
  });

  it('agrees with a girl and a father: «обучающейся», «ознакомлен», «Согласен»; a woman’s «Шевчук» stays', async () => {
    const a = await apply(people.olga!, { surname: 'Шевчук', name: 'Олег', patronymic: 'Петрович' }, 'отец');
    const text = await printed(a.id);
    expect(text).toContain('от Шевчука Олега Петровича (отец)');
    expect(text).toContain('моего ребёнка (подопечного) Шевчук Ольги Олеговны, обучающейся 5А класса,');
    expect(text).toContain('услуги ознакомлен. Согласен на обработку');
  });

  it('prints «(а)» and the nominative where nothing tells the gender, until a gender is stored', async () => {
    const a = await apply(people.sasha!, { surname: 'Ли', name: 'Сати' }, 'опекун');
    let text = await printed(a.id);
    expect(text).toContain('от Ли Сати (опекун)');
    expect(text).toContain('услуги ознакомлен(а). Согласен(на) на обработку');
    const v = await as('admin').call('names.setGender', { personId: a.guardianId, gender: 'female' });
    expect(v).toMatchObject({ gender: 'female', storedGender: 'female', guessedGender: null });
    text = await printed(a.id);
    expect(text).toContain('услуги ознакомлена. Согласна на обработку');
    expect(app.services.sqlite.prepare('SELECT gender FROM person_gender WHERE person_id = ?').pluck().get(a.guardianId)).toBe('female');
  });

  it('prints a stored correction instead of the rules’ form, and stops when the name is respelt', async () => {
    const a = (await as('admin').call('applications.list', {})).applications.find((x: any) => x.pupilId === people.sasha);
    // The rules decline a boy «Ким Саша» as «Кима Сашы»: the administrator corrects it.
    let text = await printed(a.id);
    expect(text).toContain('ребёнка (подопечного) Кима Сашы,');
    const v = await as('admin').call('names.setForm', {
      personId: people.sasha,
      case: 'genitive',
      form: { surname: 'Кима', name: 'Саши' },
    });
    expect(v.forms.find((f: any) => f.case === 'genitive')).toMatchObject({
      auto: { surname: 'Кима', name: 'Сашы', patronymic: null },
      corrected: { surname: 'Кима', name: 'Саши', patronymic: null },
      printed: 'Кима Саши',
    });
    text = await printed(a.id);
    expect(text).toContain('ребёнка (подопечного) Кима Саши, обучающегося 5А класса');
    const audit = app.services.sqlite.prepare("SELECT entity_id, after FROM audit_event WHERE action = 'names.setForm'").all() as any[];
    expect(audit).toEqual([
      { entity_id: String(people.sasha), after: JSON.stringify({ case: 'genitive', surname: 'Кима', name: 'Саши', patronymic: null }) },
    ]);
    // The list shows what the form prints.
    const listed = (await as('admin').call('applications.list', {})).applications.find((x: any) => x.id === a.id);
    expect(listed).toMatchObject({ pupilGenitive: 'Кима Саши', guardianGenitive: 'Ли Сати' });
    // A respelt name: the correction was for «Ким Саша» and is no longer printed.
    app.services.sqlite.prepare("UPDATE person SET name = 'Александр' WHERE id = ?").run(people.sasha);
    text = await printed(a.id);
    expect(text).toContain('ребёнка (подопечного) Кима Александра,');
    const stale = await as('admin').call('names.forms', { personId: people.sasha });
    expect(stale.forms.find((f: any) => f.case === 'genitive')).toMatchObject({ corrected: null, stale: { name: 'Саши' } });
    app.services.sqlite.prepare("UPDATE person SET name = 'Саша' WHERE id = ?").run(people.sasha);
    // Clearing brings the rules' form back.
    await as('admin').call('names.setForm', { personId: people.sasha, case: 'genitive', form: null });
    expect(await printed(a.id)).toContain('ребёнка (подопечного) Кима Сашы,');
    expect(app.services.sqlite.prepare('SELECT COUNT(*) FROM name_form').pluck().get()).toBe(0);
  });
});

describe('names.* rights and input', () => {
  it('refuses bad input and unknown people without writing anything', async () => {
    const before = tableCounts(app);
    const bad = [
      { personId: people.ivan, case: 'genitive', form: { surname: 'Андреева', name: 'Ивана' } }, // patronymic left out
      { personId: people.sasha, case: 'genitive', form: { surname: 'Кима', name: 'Саши', patronymic: 'Лукича' } }, // has none
      { personId: people.ivan, case: 'nominative', form: { surname: 'А', name: 'Б' } },
      { personId: people.ivan, case: 'genitive', form: { surname: ' ', name: 'Ивана', patronymic: 'Сергеевича' } },
      { personId: people.ivan, case: 'genitive', form: { surname: 'Андреева', name: 'Ивана', patronymic: 'Сергеевича', extra: 1 } },
      { personId: people.ivan, case: 'genitive', form: { surname: '40 12 345678', name: 'Ивана', patronymic: 'Сергеевича' } },
    ];
    for (const input of bad)
      expect(await as('admin').fail('names.setForm', input), JSON.stringify(input)).toMatchObject({ code: 'validation' });
    expect(await as('admin').fail('names.setGender', { personId: people.ivan, gender: 'other' })).toMatchObject({ code: 'validation' });
    expect(await as('admin').fail('names.setForm', { personId: 999999, case: 'dative', form: null })).toMatchObject({ code: 'not_found' });
    expect(await as('admin').fail('names.forms', { personId: 999999 })).toMatchObject({ code: 'not_found' });
    expect(tableCounts(app)).toEqual(before);
  });

  it('lets a class teacher read the forms of their own pupils and their guardians only, and change nothing', async () => {
    const g = (await as('admin').call('guardians.ofPupil', { pupilId: people.ivan })).guardians[0].guardianId;
    expect((await as('teacher').call('names.forms', { personId: g })).forms[0]).toMatchObject({
      case: 'genitive',
      printed: 'Андреевой Валерии Ильиничны',
    });
    expect((await as('teacher').call('names.forms', { personId: people.olga })).forms[1]).toMatchObject({
      case: 'dative',
      printed: 'Шевчук Ольге Олеговне',
    });
    // 6Б's pupil is not the teacher's; a staff member's forms are the administrator's.
    const s = app.services.sqlite;
    const alien = Number(s.prepare("INSERT INTO person (surname, name) VALUES ('Чужой', 'Пётр')").run().lastInsertRowid);
    s.prepare(
      "INSERT INTO enrolment (pupil_id, class_id, from_date) VALUES (?, (SELECT class_id FROM study_group WHERE id = ?), '2026-09-01')",
    ).run(alien, sc.g6b);
    expect(await as('teacher').fail('names.forms', { personId: alien })).toMatchObject({ code: 'forbidden' });
    expect(await as('teacher').fail('names.forms', { personId: 999999 })).toMatchObject({ code: 'forbidden' });
    const staffPerson = s.prepare('SELECT person_id FROM staff_user WHERE id = ?').pluck().get(sc.deputy) as number;
    expect(await as('teacher').fail('names.forms', { personId: staffPerson })).toMatchObject({ code: 'forbidden' });
    expect(await as('teacher').fail('names.setForm', { personId: g, case: 'dative', form: null })).toMatchObject({ code: 'forbidden' });
    expect(await as('other').fail('names.forms', { personId: g })).toMatchObject({ code: 'forbidden' });
    // The administrator manages staff too: the director's dative with initials on the form follows it.
    const dir = s.prepare("SELECT person_id FROM staff_user WHERE login = 'director'").pluck().get() as number;
    await as('admin').call('names.setForm', {
      personId: dir,
      case: 'dative',
      form: { surname: 'Кузнецову', name: 'Петру', patronymic: 'Ильичу' },
    });
    expect((await as('admin').call('names.forms', { personId: dir })).roles).toEqual(['staff']);
  });
});
