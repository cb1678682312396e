// Roster import on a real database: CSV and XLSX files, dry runs, all-or-nothing, re-import by
// external id, class changes, guardians, staff, UIDs and refused passport data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '../../src-main/services/auth/sessions';
import type { Ctx } from '../../src-main/services/context';
import { verifyAuditChain } from '../../src-main/services/mutate';
import { importRoster, type RosterImportOutput } from '../../src-main/services/roster/import';
import { createTestApp, tableCounts, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';
import { cp1251, writeXlsx, type XCell } from '../helpers/xlsx';

// 2026-11-26, a Thursday: "today" for enrolments without a date.
const TODAY = '2026-11-26';

interface World {
  app: TestApp;
  sc: TinySchool;
  ctx: Ctx;
  run(kind: 'pupils' | 'guardians' | 'staff', file: Uint8Array | string, opts?: { dryRun?: boolean; name?: string }): RosterImportOutput;
  rows<T = any>(sql: string, ...p: unknown[]): T[];
  one<T = any>(sql: string, ...p: unknown[]): T;
}

async function world(login = 'admin'): Promise<World> {
  const app = createTestApp('2026-11-26T07:00:00Z');
  const sc = await buildTinySchool(app);
  const { token } = await app.call<{ token: string }>('auth.login', { login, password: TEST_PASSWORD });
  const ctx: Ctx = { ...app.services, actor: resolveSession(app.services, token, false) };
  const s = app.services.sqlite;
  return {
    app,
    sc,
    ctx,
    run(kind, file, opts = {}) {
      const bytes = typeof file === 'string' ? new TextEncoder().encode(file) : file;
      const fileName = opts.name ?? (typeof file === 'string' ? `${kind}.csv` : `${kind}.xlsx`);
      return importRoster(ctx, { kind, fileName, data: Buffer.from(bytes).toString('base64'), dryRun: opts.dryRun ?? false });
    },
    rows: (sql, ...p) => s.prepare(sql).all(...p) as any[],
    one: (sql, ...p) => s.prepare(sql).get(...p) as any,
  };
}

const pupilId = (w: World, ext: string) => (w.one('SELECT id FROM person WHERE external_id = ?', ext) as { id: number }).id;
const enrolments = (w: World, ext: string) =>
  w.rows(
    `SELECT c.grade || c.letter AS cls, e.from_date AS "from", e.to_date AS "to" FROM enrolment e JOIN class_unit c ON c.id = e.class_id
     WHERE e.pupil_id = ? ORDER BY e.from_date, e.id`,
    pupilId(w, ext),
  );
const memberships = (w: World, ext: string) =>
  w.rows(
    `SELECT g.name AS grp, m.from_date AS "from", m.to_date AS "to" FROM group_member m JOIN study_group g ON g.id = m.group_id
     WHERE m.pupil_id = ? ORDER BY m.from_date, g.name`,
    pupilId(w, ext),
  );
const BOM = '\uFEFF';

const PUPILS_SEMICOLON =
  `${BOM}Внешний код;Фамилия;Имя;Отчество;Дата рождения;Класс;Дата зачисления\r\n` +
  'P1;Смирнова;Анна;Игоревна;12.03.2015;5А;01.09.2026\r\n' +
  'P2;"Кузнецов-Ли";"Иван ""Ваня""";;2015-04-02;5 а;\r\n' +
  'P3;"Орлов; младший";Олег;;;6Б;\r\n';

describe('pupils from CSV', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.app.dispose());

  it('previews a ";" CSV with a BOM and quotes in a dry run, writing nothing', () => {
    const before = tableCounts(w.app);
    const r = w.run('pupils', PUPILS_SEMICOLON, { dryRun: true });
    expect(r).toMatchObject({ dryRun: true, imported: false, total: 3, created: 3, updated: 0, unchanged: 0, errors: [] });
    expect(r.preview).toEqual([
      { line: 2, action: 'create', externalId: 'P1', fullName: 'Смирнова Анна Игоревна', detail: '5А с 01.09.2026' },
      { line: 3, action: 'create', externalId: 'P2', fullName: 'Кузнецов-Ли Иван "Ваня"', detail: '5А с 26.11.2026' },
      { line: 4, action: 'create', externalId: 'P3', fullName: 'Орлов; младший Олег', detail: '6Б с 26.11.2026' },
    ]);
    expect(tableCounts(w.app)).toEqual(before);
  });

  it('imports: person, enrolment from the date (default today) and whole-class membership, all audited and fed', () => {
    const before = tableCounts(w.app);
    const r = w.run('pupils', PUPILS_SEMICOLON);
    expect(r).toMatchObject({ dryRun: false, imported: true, total: 3, created: 3, errors: [] });
    const after = tableCounts(w.app);
    expect(after.person! - before.person!).toBe(3);
    expect(after.enrolment! - before.enrolment!).toBe(3);
    expect(after.group_member! - before.group_member!).toBe(3);
    // 3 × (person, enrolment, membership) + the summary.
    expect(after.audit_event! - before.audit_event!).toBe(10);

    expect(w.one("SELECT surname, name, patronymic, birth_date FROM person WHERE external_id = 'P1'")).toEqual({
      surname: 'Смирнова',
      name: 'Анна',
      patronymic: 'Игоревна',
      birth_date: '2015-03-12',
    });
    expect(w.one("SELECT patronymic, birth_date FROM person WHERE external_id = 'P3'")).toEqual({ patronymic: null, birth_date: null });
    expect(enrolments(w, 'P1')).toEqual([{ cls: '5А', from: '2026-09-01', to: null }]);
    expect(enrolments(w, 'P2')).toEqual([{ cls: '5А', from: TODAY, to: null }]);
    expect(memberships(w, 'P3')).toEqual([{ grp: '6Б', from: TODAY, to: null }]);

    const audit = w.rows('SELECT action, entity, feed_op, actor_id, after FROM audit_event ORDER BY seq DESC LIMIT 10').reverse();
    expect(audit.map((a) => [a.action, a.entity, a.feed_op])).toEqual([
      ...Array(3)
        .fill([
          ['roster.create', 'person', 'upsert'],
          ['roster.create', 'enrolment', 'upsert'],
          ['roster.create', 'group_member', 'upsert'],
        ])
        .flat(),
      ['roster.import', 'roster', null],
    ]);
    expect(audit.every((a) => a.actor_id === w.sc.admin)).toBe(true);
    expect(JSON.parse(audit[9].after)).toEqual({ kind: 'pupils', fileName: 'pupils.csv', total: 3, created: 3, updated: 0, unchanged: 0 });
    expect(verifyAuditChain(w.ctx)).toBeNull();
  });

  it('a second import of the same file changes nothing and duplicates nobody', () => {
    const before = tableCounts(w.app);
    const r = w.run('pupils', PUPILS_SEMICOLON);
    expect(r).toMatchObject({ imported: true, total: 3, created: 0, updated: 0, unchanged: 3, errors: [] });
    expect(r.preview.map((p) => [p.action, p.detail])).toEqual([
      ['unchanged', '5А'],
      ['unchanged', '5А'],
      ['unchanged', '6Б'],
    ]);
    // Only the summary record of the import itself.
    expect(tableCounts(w.app)).toEqual({ ...before, audit_event: before.audit_event! + 1 });
  });

  it('re-import from a "," CSV updates names and moves a pupil to a new class from the given date', () => {
    // P1 also learns English in a subgroup of 5А.
    const sub = Number(
      w.app.services.sqlite.prepare("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '5А англ. 1', 0)").run(w.sc.c5a)
        .lastInsertRowid,
    );
    w.app.services.sqlite
      .prepare("INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?, ?, '2026-09-01')")
      .run(pupilId(w, 'P1'), sub);
    const persons = tableCounts(w.app).person;

    const csv =
      'external_id,surname,name,patronymic,birth_date,class,from\n' +
      'P1,Смирнова-Белова,Анна,Игоревна,12.03.2015,6Б,01.12.2026\n' +
      'P2,Кузнецов-Ли,"Иван ""Ваня""",,02.04.2015,5А,\n';
    const r = w.run('pupils', csv);
    expect(r).toMatchObject({ imported: true, total: 2, created: 0, updated: 1, unchanged: 1, errors: [] });
    expect(r.preview[0]).toMatchObject({ line: 2, action: 'update', detail: 'фамилия; перевод 5А → 6Б с 01.12.2026' });
    expect(tableCounts(w.app).person).toBe(persons);
    expect(w.one("SELECT surname FROM person WHERE external_id = 'P1'").surname).toBe('Смирнова-Белова');
    expect(enrolments(w, 'P1')).toEqual([
      { cls: '5А', from: '2026-09-01', to: '2026-11-30' },
      { cls: '6Б', from: '2026-12-01', to: null },
    ]);
    expect(memberships(w, 'P1')).toEqual([
      { grp: '5А', from: '2026-09-01', to: '2026-11-30' },
      { grp: '5А англ. 1', from: '2026-09-01', to: '2026-11-30' },
      { grp: '6Б', from: '2026-12-01', to: null },
    ]);
    const audit = w
      .rows("SELECT action, entity, feed_op, before, after FROM audit_event WHERE action LIKE 'roster.%' ORDER BY seq DESC LIMIT 7")
      .reverse();
    expect(audit.map((a) => [a.action, a.entity, a.feed_op])).toEqual([
      ['roster.update', 'person', 'upsert'],
      ['roster.update', 'group_member', 'upsert'],
      ['roster.update', 'group_member', 'upsert'],
      ['roster.update', 'enrolment', 'upsert'],
      ['roster.create', 'enrolment', 'upsert'],
      ['roster.create', 'group_member', 'upsert'],
      ['roster.import', 'roster', null],
    ]);
    expect(JSON.parse(audit[0].before)).toEqual({ surname: 'Смирнова' });
    expect(JSON.parse(audit[0].after)).toEqual({ surname: 'Смирнова-Белова' });
  });

  it('a class given wrongly the same day is corrected in place, not kept as a one-day stay', () => {
    // P3 was put into 6Б today; today's file says 5А.
    const r = w.run('pupils', 'Код;Фамилия;Имя;Класс\nP3;Орлов; младший;Олег;5А\n'.replace('Орлов; младший', '"Орлов; младший"'));
    expect(r).toMatchObject({ imported: true, updated: 1, errors: [] });
    expect(enrolments(w, 'P3')).toEqual([{ cls: '5А', from: TODAY, to: null }]);
    expect(memberships(w, 'P3')).toEqual([{ grp: '5А', from: TODAY, to: null }]);
    expect(w.rows("SELECT entity, feed_op FROM audit_event WHERE action = 'roster.delete' ORDER BY seq")).toEqual([
      { entity: 'group_member', feed_op: 'delete' },
      { entity: 'enrolment', feed_op: 'delete' },
    ]);
  });

  it('refuses a transfer dated before the current enrolment began', () => {
    const before = tableCounts(w.app);
    const r = w.run('pupils', 'Код;Фамилия;Имя;Класс;Дата зачисления\nP1;Смирнова-Белова;Анна;5А;15.11.2026\n');
    expect(r.imported).toBe(false);
    expect(r.errors).toEqual([{ line: 2, message: expect.stringMatching(/зачислен в 6Б с 01\.12\.2026.*не может быть раньше/) }]);
    expect(tableCounts(w.app)).toEqual(before);
  });

  it('reads a Windows-1251 CSV with "," and a ФИО column', () => {
    const csv = 'ID,ФИО,Дата рождения,Класс\r\nP10,"Ёлкина Алёна Сергеевна",01.02.2015,6Б\r\nP11,Щукин Юрий,"03.04.2014",5А\r\n';
    const r = w.run('pupils', cp1251(csv), { name: 'список.csv' });
    expect(r).toMatchObject({ imported: true, created: 2, errors: [] });
    expect(w.one("SELECT surname, name, patronymic, birth_date FROM person WHERE external_id = 'P10'")).toEqual({
      surname: 'Ёлкина',
      name: 'Алёна',
      patronymic: 'Сергеевна',
      birth_date: '2015-02-01',
    });
    expect(w.one("SELECT patronymic FROM person WHERE external_id = 'P11'").patronymic).toBeNull();
  });
});

describe('pupils from XLSX', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.app.dispose());

  it('imports a workbook with shared strings, numeric ids and date-formatted birth dates', () => {
    const file = writeXlsx(
      [
        ['Список учеников'],
        [],
        ['Внешний код', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Класс', 'Дата зачисления', 'UID'],
        [501, 'Белов', 'Глеб', 'Андреевич', { date: '2015-07-14' }, '5А', { date: '2026-10-01', format: 'custom' }, 1234567],
        [502, 'Чернова', 'Дарья', null, '03.05.2015', '6Б', 46296, null],
      ],
      { sharedStrings: true },
    );
    const dry = w.run('pupils', file, { dryRun: true });
    expect(dry).toMatchObject({ imported: false, created: 2, errors: [] });
    expect(dry.preview.map((p) => [p.line, p.externalId, p.detail])).toEqual([
      [4, '501', '5А с 01.10.2026'],
      [5, '502', '6Б с 01.10.2026'],
    ]);
    const r = w.run('pupils', file);
    expect(r).toMatchObject({ imported: true, created: 2 });
    expect(w.one("SELECT birth_date, portal_uid FROM person WHERE external_id = '501'")).toEqual({
      birth_date: '2015-07-14',
      portal_uid: '1234567',
    });
    expect(enrolments(w, '502')).toEqual([{ cls: '6Б', from: '2026-10-01', to: null }]);
  });

  it('reports row numbers of the sheet, and inline-string workbooks work the same', () => {
    const file = writeXlsx([
      ['Код', 'Фамилия', 'Имя', 'Класс'],
      ['503', 'Дымов', 'Илья', '9Я'],
    ]);
    const r = w.run('pupils', file);
    expect(r).toMatchObject({ imported: false, errors: [{ line: 2, message: 'класса 9Я нет в текущем учебном году 2026/2027' }] });
  });

  it('refuses old binary XLS and files that are not tables', () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(w.run('pupils', xls, { name: 'x.xls' }).errors).toEqual([
      { line: 0, message: expect.stringMatching(/XLS .* не поддерживается/) },
    ]);
    expect(w.run('pupils', new Uint8Array([1, 2, 3]), { name: 'x.xlsx' }).errors[0]!.message).toMatch(/не книга Excel/);
    expect(w.run('pupils', new Uint8Array([]), { name: 'x.csv' }).errors).toEqual([{ line: 0, message: 'Файл пуст' }]);
    expect(w.run('pupils', 'Фамилия;Имя\nА;Б\n').errors[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/нет обязательных столбцов: Внешний код, Класс/),
    });
  });
});

describe('an error in any row imports nothing', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.app.dispose());

  it('lists every error with its line, previews the valid rows and writes nothing', () => {
    w.app.services.sqlite.prepare("UPDATE person SET portal_uid = '5550001' WHERE id = ?").run(w.sc.pupils[0]);
    const csv = [
      'Внешний код;Фамилия;Имя;Дата рождения;Класс;UID',
      'E1;Алексеев;Марк;01.01.2015;5А;',
      'E2;Борисов;Ян;01.01.2015;7В;',
      'E3;Власов;Лев;31.02.2015;5А;',
      'E1;Гусев;Тимур;;5А;',
      'E5;;Роман;;5А;',
      'E6;Дроздов;Ефим;;5А;12ab3',
      'E7;Егоров;Марат;;5А;5550001',
      '',
      'E9;Жуков;Назар;;5А;123',
      'E10;Зайцев;Олег;;5А;77777777',
      'E11;Ильин;Пётр;;5А;77777777',
    ].join('\n');
    for (const dryRun of [true, false]) {
      const before = tableCounts(w.app);
      const r = w.run('pupils', csv, { dryRun });
      expect(r.imported).toBe(false);
      expect(r.total).toBe(10);
      expect(r.errors).toEqual([
        { line: 3, message: 'класса 7В нет в текущем учебном году 2026/2027' },
        { line: 4, message: 'неверная дата рождения «31.02.2015»: нужна ДД.ММ.ГГГГ или ГГГГ-ММ-ДД' },
        { line: 5, message: 'внешний код E1 повторяется: он уже есть в строке 2' },
        { line: 6, message: 'не указана фамилия' },
        { line: 7, message: 'UID «12ab3» должен состоять только из цифр' },
        { line: 8, message: 'UID 5550001 уже присвоен: Андреев Пётр (ученик 5А)' },
        { line: 10, message: 'UID 123: должно быть от 5 до 12 цифр' },
        { line: 12, message: 'UID 77777777 повторяется в файле: он уже указан в строке 11' },
      ]);
      expect(r.preview.map((p) => p.line)).toEqual([2, 11]);
      expect(r).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
      expect(tableCounts(w.app)).toEqual(before);
    }
  });

  it('is refused for anyone but the administrator', async () => {
    const { token } = await w.app.call<{ token: string }>('auth.login', { login: 'deputy', password: TEST_PASSWORD });
    const ctx: Ctx = { ...w.app.services, actor: resolveSession(w.app.services, token, false) };
    expect(() => importRoster(ctx, { kind: 'pupils', fileName: 'a.csv', data: '', dryRun: true })).toThrow(/только администратор/);
  });
});

describe('guardians', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
    w.run('pupils', 'Код;Фамилия;Имя;Класс\nK1;Соколов;Миша;5А\nK2;Соколова;Маша;6Б\n');
  });
  afterAll(() => w.app.dispose());

  const FILE =
    'Внешний код;Фамилия;Имя;Отчество;Код ученика;Степень родства\n' +
    'G1;Соколова;Елена;Павловна;K1;мать\n' +
    'G1;Соколова;Елена;Павловна;K2;мать\n' +
    'G2;Соколов;Андрей;;K1;отец\n';

  it('links one guardian to two children (one person, two guardianships)', () => {
    const before = tableCounts(w.app);
    const r = w.run('guardians', FILE);
    expect(r).toMatchObject({ imported: true, total: 3, created: 3, errors: [] });
    expect(r.preview.map((p) => [p.line, p.externalId, p.detail])).toEqual([
      [2, 'G1', 'мать → Соколов Миша (5А)'],
      [3, 'G1', 'мать → Соколова Маша (6Б)'],
      [4, 'G2', 'отец → Соколов Миша (5А)'],
    ]);
    const after = tableCounts(w.app);
    expect(after.person! - before.person!).toBe(2);
    expect(after.guardianship! - before.guardianship!).toBe(3);
    expect(
      w.rows(
        `SELECT g.external_id AS g, k.external_id AS k, gs.relation FROM guardianship gs JOIN person g ON g.id = gs.guardian_id
         JOIN person k ON k.id = gs.pupil_id ORDER BY g.external_id, k.external_id`,
      ),
    ).toEqual([
      { g: 'G1', k: 'K1', relation: 'мать' },
      { g: 'G1', k: 'K2', relation: 'мать' },
      { g: 'G2', k: 'K1', relation: 'отец' },
    ]);
    expect(w.rows("SELECT entity, feed_op FROM audit_event WHERE action = 'roster.create' AND entity = 'guardianship'")).toHaveLength(3);
  });

  it('re-import: unchanged rows write nothing, a changed relation is updated', () => {
    expect(w.run('guardians', FILE)).toMatchObject({ imported: true, unchanged: 3, created: 0, updated: 0 });
    const r = w.run('guardians', FILE.replace('K1;отец', 'K1;опекун'));
    expect(r).toMatchObject({ imported: true, unchanged: 2, updated: 1 });
    expect(r.preview[2]!.detail).toBe('опекун → Соколов Миша (5А); степень родства: отец → опекун');
    expect(w.one("SELECT relation FROM guardianship gs JOIN person g ON g.id = gs.guardian_id WHERE g.external_id = 'G2'").relation).toBe(
      'опекун',
    );
  });

  it('refuses unknown pupils, disagreeing rows of one guardian, repeated pairs and pupils as guardians', () => {
    const before = tableCounts(w.app);
    const r = w.run(
      'guardians',
      'Внешний код;Фамилия;Имя;Код ученика;Степень родства\n' +
        'G3;Петрова;Ольга;K9;мать\n' +
        'G4;Иванова;Анна;K1;бабушка\n' +
        'G4;Иванова;Анастасия;K2;бабушка\n' +
        'G4;Иванова;Анна;K1;бабушка\n' +
        'K2;Соколова;Маша;K1;сестра\n' +
        'G5;Лисин;Иван;K1;\n',
    );
    expect(r.imported).toBe(false);
    expect(r.errors).toEqual([
      { line: 2, message: 'ученик с кодом K9 не найден: сначала импортируйте учеников' },
      { line: 4, message: 'данные представителя с кодом G4 отличаются от строки 3: ФИО, дата рождения и UID должны совпадать' },
      { line: 5, message: 'представитель G4 и ученик K1 уже указаны в строке 3' },
      { line: 6, message: expect.stringMatching(/^внешний код K2 уже принадлежит другому человеку: Соколова Маша \(ученик 6Б\)/) },
      { line: 7, message: 'не указана степень родства (мать, отец, опекун…)' },
    ]);
    expect(tableCounts(w.app)).toEqual(before);
  });
});

describe('staff', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.app.dispose());

  const roles = (ext: string) =>
    w
      .rows(
        'SELECT r.role FROM staff_role r JOIN staff_user u ON u.id = r.staff_id JOIN person p ON p.id = u.person_id WHERE p.external_id = ? ORDER BY r.role',
        ext,
      )
      .map((x) => x.role);

  it('creates accounts without a password (must change at first sign-in) and with their roles', () => {
    const csv =
      'Внешний код;Фамилия;Имя;Отчество;Логин;Роли;UID\n' +
      'S1;Петрова;Ирина;Сергеевна;petrova;"учитель; классный руководитель";\n' +
      'S2;Гришин;Олег;Ильич;grishin;завуч;987654\n';
    const dry = w.run('staff', csv, { dryRun: true });
    expect(dry.preview.map((p) => [p.action, p.detail])).toEqual([
      ['create', 'логин petrova; роли: учитель, классный руководитель'],
      ['create', 'логин grishin; роли: заместитель директора'],
    ]);
    const r = w.run('staff', csv);
    expect(r).toMatchObject({ imported: true, created: 2, errors: [] });
    expect(
      w.one(
        "SELECT u.login, u.password_hash, u.must_change_password, p.portal_uid FROM staff_user u JOIN person p ON p.id = u.person_id WHERE p.external_id = 'S2'",
      ),
    ).toEqual({
      login: 'grishin',
      password_hash: null,
      must_change_password: 1,
      portal_uid: '987654',
    });
    expect(roles('S1')).toEqual(['classTeacher', 'teacher']);
    expect(roles('S2')).toEqual(['deputy']);
    const audit = w
      .rows("SELECT after FROM audit_event WHERE entity = 'staff_user' AND action = 'roster.create'")
      .map((a) => a.after as string);
    expect(audit).toHaveLength(2);
    expect(audit.join()).not.toMatch(/hash|password/i);
  });

  it('re-import replaces roles and login; unchanged rows stay unchanged', () => {
    const r = w.run(
      'staff',
      'ID,Surname,Name,Patronymic,Login,Roles\nS1,Петрова,Ирина,Сергеевна,petrova,teacher\nS2,Гришин,Олег,Ильич,o.grishin,deputy\n',
    );
    expect(r).toMatchObject({ imported: true, updated: 2, created: 0 });
    expect(r.preview.map((p) => p.detail)).toEqual(['роли: учитель, классный руководитель → учитель', 'логин grishin → o.grishin']);
    expect(roles('S1')).toEqual(['teacher']);
    expect(w.one("SELECT login FROM staff_user u JOIN person p ON p.id = u.person_id WHERE p.external_id = 'S2'").login).toBe('o.grishin');
    expect(w.run('staff', 'ID,Surname,Name,Patronymic,Login,Roles\nS1,Петрова,Ирина,Сергеевна,petrova,\n')).toMatchObject({ unchanged: 1 });
  });

  it('refuses taken logins, bad roles and logins, missing roles, and an administrator demoting themself', () => {
    w.app.services.sqlite
      .prepare("UPDATE person SET external_id = 'ADM' WHERE id = (SELECT person_id FROM staff_user WHERE id = ?)")
      .run(w.sc.admin);
    const before = tableCounts(w.app);
    const r = w.run(
      'staff',
      'Код;Фамилия;Имя;Логин;Роли\n' +
        'S3;Новикова;Вера;Teacher;учитель\n' +
        'S4;Орлов;Пётр;orlov;учитель, повар\n' +
        'S5;Павлов;Глеб;павлов;учитель\n' +
        'S6;Рыбин;Ян;rybin;\n' +
        'S7;Рыбин;Ян;RYBIN;учитель\n' +
        'ADM;Тестова;admin;admin;учитель\n',
    );
    expect(r.imported).toBe(false);
    expect(r.errors).toEqual([
      { line: 2, message: 'логин Teacher уже занят: Тестова teacher Ивановна (сотрудник, логин teacher)' },
      { line: 3, message: expect.stringMatching(/^неизвестная роль «повар»: допустимы учитель, классный руководитель/) },
      { line: 4, message: 'логин «павлов»: только латинские буквы, цифры, точка, _ и -, до 64 символов' },
      { line: 5, message: 'не указаны роли' },
      { line: 6, message: 'логин RYBIN повторяется: он уже есть в строке 5' },
      { line: 7, message: 'нельзя снять роль администратора с самого себя' },
    ]);
    expect(tableCounts(w.app)).toEqual(before);
  });

  it('refuses a UID held by someone else, naming who holds it', () => {
    const r = w.run('staff', 'Код;Фамилия;Имя;Логин;Роли;UID\nS8;Сидоров;Кирилл;sidorov;учитель;987654\n');
    expect(r.errors).toEqual([{ line: 2, message: 'UID 987654 уже присвоен: Гришин Олег Ильич (сотрудник, логин o.grishin)' }]);
    expect(r.imported).toBe(false);
  });
});

describe('passport data is never stored', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.app.dispose());

  it('refuses a file with a passport column, and passport-looking values in any column', () => {
    const before = tableCounts(w.app);
    const withColumn = w.run(
      'guardians',
      'Код;Фамилия;Имя;Код ученика;Степень родства;Серия и номер паспорта\nG1;Ли;Ан;X;мать;4510 123456\n',
    );
    expect(withColumn.imported).toBe(false);
    expect(withColumn.errors[0]).toEqual({
      line: 1,
      message:
        'Столбец «Серия и номер паспорта»: паспортные данные и данные документов в программе не хранятся — удалите этот столбец из файла',
    });
    const inNotes = w.run('pupils', 'Код;Фамилия;Имя;Класс;Примечание\nP1;Ли;Ан;5А;\nP2;Ли;Ян;5А;45 10 123456\n');
    expect(inNotes).toMatchObject({
      imported: false,
      errors: [{ line: 3, message: expect.stringMatching(/«Примечание» похоже на паспортные данные/) }],
    });
    expect(inNotes.preview.map((p) => p.line)).toEqual([2]);
    const xlsx = w.run(
      'staff',
      writeXlsx([
        ['Код', 'Фамилия', 'Имя', 'Логин', 'Роли', 'Passport'],
        ['S', 'Ли', 'Ан', 'li', 'учитель', '4510 123456'],
      ]),
    );
    expect(xlsx.errors[0]!.message).toMatch(/«Passport»: паспортные данные/);
    expect(tableCounts(w.app)).toEqual(before);
    expect(w.rows("SELECT seq FROM audit_event WHERE after LIKE '%123456%'")).toEqual([]);
  });
});

describe('size', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.app.dispose());

  /**
   * Runs fn, returning its result with the CPU time it took (this process, user + system) and the
   * wall time. Limits are on CPU time: other test workers sharing the machine inflate wall time.
   */
  function timed<T>(fn: () => T): { value: T; cpu: number; wall: number } {
    const c = process.cpuUsage();
    const t = performance.now();
    const value = fn();
    const d = process.cpuUsage(c);
    return { value, cpu: (d.user + d.system) / 1000, wall: performance.now() - t };
  }
  const ms = (x: { cpu: number; wall: number }) => `${x.cpu.toFixed(0)} ms CPU (${x.wall.toFixed(0)} ms wall)`;

  it('imports 2,000 pupils, and re-imports them unchanged, each in well under a second', () => {
    const lines = ['Внешний код;Фамилия;Имя;Отчество;Дата рождения;Класс;Дата зачисления'];
    for (let i = 0; i < 2000; i++) lines.push(`N${i};Фамилия${i};Имя;Отчество;01.02.2015;${i % 2 ? '5А' : '6Б'};01.09.2026`);
    const csv = lines.join('\r\n');
    const first = timed(() => w.run('pupils', csv));
    expect(first.value).toMatchObject({ imported: true, created: 2000, errors: [] });
    const again = timed(() => w.run('pupils', csv));
    expect(again.value).toMatchObject({ imported: true, unchanged: 2000 });
    console.log(`roster import of 2,000 pupils: ${ms(first)}; re-import unchanged: ${ms(again)}`);
    expect(first.cpu).toBeLessThan(1000);
    expect(again.cpu).toBeLessThan(1000);
    expect(verifyAuditChain(w.ctx)).toBeNull();
  });

  it('reads and imports a 2,000-row workbook in well under a second', () => {
    const rows: XCell[][] = [['Внешний код', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Класс', 'Дата зачисления']];
    for (let i = 0; i < 2000; i++)
      rows.push([10_000 + i, `Фамилия${i}`, 'Имя', 'Отчество', { date: '2015-02-01' }, i % 2 ? '5А' : '6Б', { date: '2026-09-01' }]);
    const file = writeXlsx(rows, { sharedStrings: true });
    const r = timed(() => w.run('pupils', file));
    console.log(`roster import of a 2,000-row XLSX: ${ms(r)}`);
    expect(r.value).toMatchObject({ imported: true, created: 2000, errors: [] });
    expect(r.cpu).toBeLessThan(1000);
  });
});
