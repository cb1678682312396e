// Administration through the real router: staff and passwords, teaching load, class teachers,
// portal UIDs, guardians' privacy, parents' applications and their printout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, tableCounts, type TestApp } from '../helpers/app';
import { buildTinySchool, type TinySchool } from '../helpers/school';

let app: TestApp;
let sc: TinySchool;
const tokens: Record<string, string> = {};
let mother: number;
beforeAll(async () => {
  app = createTestApp('2026-11-26T07:00:00Z');
  sc = await buildTinySchool(app);
  const s = app.services.sqlite;
  mother = Number(
    s.prepare("INSERT INTO person (surname, name, patronymic) VALUES ('Андреева', 'Алёна', 'Игоревна')").run().lastInsertRowid,
  );
  s.prepare("INSERT INTO guardianship (guardian_id, pupil_id, relation) VALUES (?, ?, 'мать')").run(mother, sc.pupils[0]);
  for (const l of ['teacher', 'other', 'admin'])
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

describe('staff accounts', () => {
  it('creates a teacher who must change the one-time password at first login', async () => {
    const r = await as('admin').call('staff.create', {
      surname: 'Сидорова',
      name: 'Ольга',
      patronymic: 'Ивановна',
      login: 'Sidorova',
      roles: ['teacher'],
    });
    expect(r.staff).toMatchObject({ login: 'sidorova', fullName: 'Сидорова Ольга Ивановна', roles: ['teacher'], mustChangePassword: true });
    expect(r.temporaryPassword).toMatch(/^[a-z2-9]{10}$/);
    const login = await app.call<any>('auth.login', { login: 'sidorova', password: r.temporaryPassword });
    expect(login.user.mustChangePassword).toBe(true);
    expect(await as('admin').fail('staff.create', { surname: 'X', name: 'Y', login: 'sidorova', roles: ['teacher'] })).toMatchObject({
      code: 'conflict',
    });
  });

  it('resets a password and disables an account, ending its sessions; the last administrator stays', async () => {
    const { temporaryPassword } = await as('admin').call('staff.resetPassword', { staffId: sc.other });
    expect(await app.router.call('auth.me', {}, tokens.other!)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const t = (await app.call<any>('auth.login', { login: 'other', password: temporaryPassword })).token;
    await as('admin').call('staff.setDisabled', { staffId: sc.other, disabled: true, reason: 'увольнение' });
    expect(await app.router.call('auth.me', {}, t)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    await as('admin').call('staff.setDisabled', { staffId: sc.other, disabled: false, reason: 'вернулась' });
    tokens.other = (await app.call<any>('auth.login', { login: 'other', password: temporaryPassword })).token;
    await as('other').call('auth.changePassword', { oldPassword: temporaryPassword, newPassword: 'new-password-1' });
    expect(await as('admin').fail('staff.update', { staffId: sc.admin, roles: ['teacher'] })).toMatchObject({ code: 'conflict' });
    expect(await as('admin').fail('staff.setDisabled', { staffId: sc.admin, disabled: true, reason: 'ошибка' })).toMatchObject({
      code: 'conflict',
    });
    expect(await as('teacher').fail('staff.create', { surname: 'X', name: 'Y', login: 'xy', roles: ['administrator'] })).toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('teaching load and class teachers', () => {
  it('hands a group × subject over from a date: the previous load ends the day before', async () => {
    const r = await as('admin').call('load.assign', {
      groupId: sc.g6b,
      subjectId: sc.math,
      teacherId: sc.teacher,
      hoursPerWeek: 4,
      validFrom: '2026-12-01',
    });
    expect(r.load).toMatchObject({
      className: '6Б',
      subjectName: 'Математика',
      teacherId: sc.teacher,
      validFrom: '2026-12-01',
      validTo: null,
    });
    const all = (await as('admin').call('load.list', { groupId: sc.g6b })).load;
    expect(all.map((l: any) => [l.teacherId, l.validFrom, l.validTo])).toEqual([
      [sc.other, '2026-09-01', '2026-11-30'],
      [sc.teacher, '2026-12-01', null],
    ]);
    expect(
      await as('admin').fail('load.assign', {
        groupId: sc.g6b,
        subjectId: sc.math,
        teacherId: sc.admin,
        hoursPerWeek: 4,
        validFrom: '2026-12-10',
      }),
    ).toMatchObject({ code: 'validation' });
  });

  it('appoints a class teacher, granting the role', async () => {
    const c6b = (app.services.sqlite.prepare('SELECT class_id FROM study_group WHERE id = ?').get(sc.g6b) as { class_id: number }).class_id;
    await as('admin').call('class.setTeacher', { classId: c6b, staffId: sc.other });
    const other = (await as('admin').call('staff.list', {})).staff.find((s: any) => s.id === sc.other);
    expect(other).toMatchObject({ roles: ['teacher', 'classTeacher'], classes: ['6Б'] });
  });
});

describe('portal UIDs', () => {
  it('are digits within the length bounds, unique, and a duplicate names its holder', async () => {
    const teacherPerson = (
      app.services.sqlite.prepare('SELECT person_id FROM staff_user WHERE id = ?').get(sc.teacher) as { person_id: number }
    ).person_id;
    await as('admin').call('uid.set', { personId: teacherPerson, uid: '7700123' });
    expect(await as('admin').fail('uid.set', { personId: sc.pupils[1], uid: '7700123' })).toMatchObject({
      code: 'conflict',
      message: 'UID 7700123 уже присвоен: Тестова t. И. (сотрудник)',
    });
    expect(await as('admin').fail('uid.set', { personId: sc.pupils[1], uid: '12' })).toMatchObject({ code: 'validation' });
    expect(await as('admin').fail('uid.set', { personId: sc.pupils[1], uid: '12a456' })).toMatchObject({ code: 'validation' });
    const audit = app.services.sqlite.prepare("SELECT after FROM audit_event WHERE action = 'uid.set' ORDER BY seq DESC").get() as {
      after: string;
    };
    expect(JSON.parse(audit.after)).toEqual({ portalUid: '7700123' });
  });

  it('lists people without a UID for the bulk screen, and what a teacher UID grants', async () => {
    const missing = (await as('admin').call('uid.people', { kind: 'pupil', classId: sc.c5a, missingOnly: true })).people;
    expect(missing.map((p: any) => p.fullName)).toEqual(['Андреев Пётр', 'Волков Игорь']); // Борисова left on 11-15
    const grants = (await as('admin').call('uid.grants', {})).grants;
    const g = grants.find((x: any) => x.uid === '7700123');
    expect(g.scope.map((s: any) => s.label)).toEqual(['5А (классный руководитель)', '5А: Русский язык']);
  });
});

describe("guardians' data and applications", () => {
  it('shows guardians to the administrator and the class teacher only', async () => {
    expect((await as('teacher').call('guardians.ofPupil', { pupilId: sc.pupils[0] })).guardians).toHaveLength(1);
    // other leads 6Б now: a class teacher, but not of this pupil.
    expect(await as('other').fail('guardians.ofPupil', { pupilId: sc.pupils[0] })).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('классному руководителю'),
    });
    expect((await as('admin').call('guardians.ofPupil', { pupilId: sc.pupils[0] })).guardians[0]).toMatchObject({
      surname: 'Андреева',
      relation: 'мать',
    });
  });

  it('needs a real name mismatch to be confirmed; case and ё do not count', async () => {
    const base = {
      pupilId: sc.pupils[0],
      guardian: { guardianId: mother },
      confirmMismatch: false,
      passportChecked: true,
      number: '1/2026',
      appliedOn: '2026-11-26',
    };
    const bad = await as('admin').fail('applications.create', {
      ...base,
      passport: { surname: 'андреева', name: 'Алена', patronymic: 'Олеговна' },
    });
    expect(bad).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('отчество'),
      issues: [{ path: ['passport', 'patronymic'] }],
    });
    const ok = await as('admin').call('applications.create', {
      ...base,
      passport: { surname: 'АНДРЕЕВА', name: 'Алена', patronymic: 'игоревна' },
    });
    expect(ok.application).toMatchObject({
      status: 'accepted',
      mismatchConfirmed: false,
      guardianName: 'Андреева Алёна Игоревна',
      className: '5А',
    });
    expect(ok.application.passportCheckedBy).toBe('Тестова admin Ивановна');
    const confirmed = await as('admin').call('applications.create', {
      ...base,
      number: '2/2026',
      guardian: { surname: 'Андреев', name: 'Олег', relation: 'отец' },
      passport: { surname: 'Андреев', name: 'Олег', patronymic: 'Петрович' },
      confirmMismatch: true,
      portalUid: '5550001',
    });
    expect(confirmed.application).toMatchObject({ mismatchConfirmed: true, relation: 'отец', portalUid: '5550001' });
    expect(
      await as('admin').fail('applications.create', { ...base, passport: { surname: 'Андреева', name: 'Алёна', patronymic: 'Игоревна' } }),
    ).toMatchObject({
      code: 'conflict',
    });
  });

  it('never stores passport data: no field for it, and passport-like text is refused', async () => {
    const before = tableCounts(app);
    const base = {
      pupilId: sc.pupils[0],
      guardian: { guardianId: mother },
      passport: { surname: 'Андреева', name: 'Алёна', patronymic: 'Игоревна' },
      confirmMismatch: false,
      passportChecked: true,
      appliedOn: '2026-11-26',
    };
    expect(await as('admin').fail('applications.create', { ...base, number: '3/2026', passportNumber: '4012 345678' })).toMatchObject({
      code: 'validation',
    });
    expect(
      await as('admin').fail('applications.create', {
        ...base,
        number: '3/2026',
        passport: { ...base.passport, series: '4012', number: '345678' },
      }),
    ).toMatchObject({ code: 'validation' });
    expect(await as('admin').fail('applications.create', { ...base, number: '40 12 345678' })).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('Паспортные данные'),
    });
    expect(await as('admin').fail('applications.create', { ...base, number: '4', passportChecked: false })).toMatchObject({
      code: 'validation',
    });
    expect(tableCounts(app)).toEqual(before);
    const dump = JSON.stringify(app.services.sqlite.prepare('SELECT * FROM diary_application').all());
    expect(dump).not.toMatch(/\d{4}\s?\d{6}/);
  });

  it('moves through statuses: connected needs the UID, refusals need a reason', async () => {
    const list = (await as('admin').call('applications.list', {})).applications;
    const first = list.find((a: any) => a.number === '1/2026');
    expect(await as('admin').fail('applications.setStatus', { id: first.id, status: 'connected' })).toMatchObject({
      code: 'validation',
      message: expect.stringContaining('UID'),
    });
    const second = list.find((a: any) => a.number === '2/2026');
    expect((await as('admin').call('applications.setStatus', { id: second.id, status: 'connected' })).application.status).toBe('connected');
    expect(await as('admin').fail('applications.setStatus', { id: first.id, status: 'rejected' })).toMatchObject({ code: 'validation' });
    await as('admin').call('applications.setStatus', { id: first.id, status: 'withdrawn', reason: 'родитель передумал' });
    expect(await as('admin').fail('applications.setStatus', { id: first.id, status: 'connected' })).toMatchObject({ code: 'conflict' });
    const counts = (await as('admin').call('applications.list', {})).perClass;
    expect(counts).toContainEqual({ classId: sc.c5a, className: '5А', families: 2, connected: 1 });
    expect((await as('teacher').call('applications.list', {})).applications).toHaveLength(2);
  });

  it('prints the application as a PDF', async () => {
    const a = (await as('admin').call('applications.list', { status: 'connected' })).applications[0];
    const pdf = await as('admin').call('applications.print', { id: a.id });
    const bytes = Buffer.from(pdf.data, 'base64');
    expect(pdf.mime).toBe('application/pdf');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000); // the embedded Cyrillic font subset
    expect(bytes.toString('latin1')).toContain('DejaVuSans');
    expect(pdf.name).toBe('zayavlenie-2_2026.pdf');
  });
});
