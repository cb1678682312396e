// Sends malformed input to every registered method: each must answer `validation`
// and change nothing in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src-shared/domain';
import { methods, type MethodInput, type MethodName } from '../../src-shared/rpc/registry';
import { addUser, createTestApp, TEST_PASSWORD, tableCounts, type TestApp } from '../helpers/app';

const lesson = { groupId: 1, subjectId: 1, date: '2026-11-26', slot: 1 };

/** A valid input per method. Typed by the registry: a new method without a sample does not compile. */
const samples: { [M in MethodName]: MethodInput<M> } = {
  'auth.status': {},
  'auth.setup': { login: 'root', password: 'long-enough-1', surname: 'Орлова', name: 'Елена', patronymic: 'Андреевна' },
  'auth.login': { login: 'admin', password: 'x' },
  'auth.logout': {},
  'auth.me': {},
  'auth.lock': {},
  'auth.unlock': { password: 'x' },
  'auth.changePassword': { oldPassword: 'x', newPassword: 'long-enough-2' },
  'school.info': {},
  'school.updateSettings': { name: 'Школа', settings: { idleLockMinutes: 5 }, reason: 'тест' },
  'journal.myWork': { date: '2026-11-26' },
  'journal.list': {},
  'journal.teachers': {},
  'journal.open': { groupId: 1, subjectId: 1, termId: 1 },
  'journal.setCell': { lesson, pupilId: 1, marks: [{ value: '5', workTypeId: 1 }], absence: null },
  'journal.setCells': { edits: [{ lesson, pupilId: 1, marks: [], absence: 'н' }] },
  'journal.setLesson': { lesson, topic: 'Тема', homework: 'Упр. 5', held: true, workTypeId: 1, actualTeacherId: 1 },
  'journal.attachFile': { lesson, name: 'задание.pdf', mime: 'application/pdf', data: 'JVBERi0=' },
  'journal.removeFile': { fileId: 1 },
  'journal.getFile': { fileId: 1 },
  'journal.setTermMark': { groupId: 1, subjectId: 1, termId: 1, pupilId: 1, value: '5' },
  'journal.history': { lessonId: 1, pupilId: 1 },
  'journal.termMarkHistory': { groupId: 1, subjectId: 1, termId: 1, pupilId: 1 },
  'staff.list': { includeDisabled: true },
  'staff.create': { surname: 'Орлова', name: 'Елена', patronymic: 'Андреевна', login: 'orlova', roles: ['teacher'], portalUid: '123456' },
  'staff.update': { staffId: 1, surname: 'Орлова', name: 'Елена', patronymic: null, login: 'orlova', roles: ['teacher'] },
  'staff.setDisabled': { staffId: 1, disabled: true, reason: 'уволилась' },
  'staff.resetPassword': { staffId: 1 },
  'school.structure': {},
  'load.list': { teacherId: 1, groupId: 1, current: true },
  'load.assign': { groupId: 1, subjectId: 1, teacherId: 1, hoursPerWeek: 2, validFrom: '2026-11-26' },
  'load.end': { loadId: 1, validTo: '2026-11-26' },
  'class.setTeacher': { classId: 1, staffId: 1 },
  'access.matrix': {},
  'uid.set': { personId: 1, uid: '123456' },
  'uid.people': { kind: 'pupil', classId: 1, role: 'teacher', missingOnly: true },
  'uid.grants': {},
  'pupils.search': { query: 'Иван', classId: 1 },
  'guardians.ofPupil': { pupilId: 1 },
  'applications.list': { classId: 1, status: 'accepted' },
  'applications.create': {
    pupilId: 1,
    guardian: { guardianId: 1 },
    passport: { surname: 'Иванова', name: 'Мария', patronymic: 'Петровна' },
    confirmMismatch: false,
    passportChecked: true,
    number: '15/2026',
    appliedOn: '2026-11-26',
    portalUid: '1234567',
  },
  'applications.setStatus': { id: 1, status: 'rejected', reason: 'ошибка' },
  'applications.print': { id: 1 },
  'roster.import': { kind: 'pupils', fileName: 'pupils.csv', data: 'Zm9v', dryRun: true },
  'export.status': {},
  'export.configure': { url: 'https://portal.example/', token: 'a-long-token', dailyAt: '18:00', fullDay: 1 },
  'export.runFull': {},
  'export.cancelBuild': {},
  'export.sendNow': {},
  'export.reconcile': { month: '2026-11', groupId: 1, subjectId: 1 },
  'backup.list': {},
  'backup.create': {},
  'backup.setMirror': { dir: '/media/usb/zhurnal' },
  'backup.restore': { name: 'zhurnal-2026-11-26.db', confirm: true },
};

function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 12345;
  if (typeof v === 'number') return 'двенадцать';
  if (typeof v === 'boolean') return 'yes';
  if (v === null) return 12345;
  return 'not an object';
}

function malformedInputs(name: MethodName): { label: string; input: unknown }[] {
  const valid = samples[name] as Record<string, unknown>;
  const spec = methods[name];
  const cases: { label: string; input: unknown }[] = [
    { label: 'a number', input: 42 },
    { label: 'null', input: null },
    { label: 'an array', input: [valid] },
    { label: 'a string', input: 'hello' },
    { label: 'an unknown key', input: { ...valid, isAdmin: true } },
    { label: 'a prototype key', input: JSON.parse(`{"__proto__": {"x": 1}, "constructor": 1}`) },
  ];
  for (const [key, value] of Object.entries(valid)) {
    cases.push({ label: `${key} of the wrong type`, input: { ...valid, [key]: wrongType(value) } });
    cases.push({ label: `${key} as a huge string`, input: { ...valid, [key]: 'ж'.repeat(200_000) } });
    const { [key]: _dropped, ...missing } = valid;
    if (!spec.input.safeParse(missing).success) cases.push({ label: `${key} missing`, input: missing });
  }
  return cases;
}

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = createTestApp();
  // A user holding every role, so permission checks pass and validation is what answers.
  await addUser(app, 'everyone', [...ROLES]);
  token = (await app.call<{ token: string }>('auth.login', { login: 'everyone', password: TEST_PASSWORD })).token;
});
afterAll(() => app.dispose());

describe('every registered method refuses malformed input', () => {
  it('has a sample for exactly the registered methods', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(methods).sort());
  });

  for (const name of Object.keys(methods) as MethodName[]) {
    it(name, async () => {
      // Each valid sample is accepted by the schema, so the malformed variants test the right thing.
      expect(methods[name].input.safeParse(samples[name]).success).toBe(true);
      const before = tableCounts(app);
      for (const { label, input } of malformedInputs(name)) {
        const env = await app.router.call(name, input, token);
        expect(env.ok, `${name} with ${label}`).toBe(false);
        if (!env.ok) {
          expect(env.error.code, `${name} with ${label}: ${env.error.message}`).toBe('validation');
          expect(env.error.message).toBeTruthy();
        }
      }
      expect(tableCounts(app)).toEqual(before);
    });
  }

  it('answers not_found for an unknown method', async () => {
    const env = await app.router.call('journal.dropEverything', {}, token);
    expect(env).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
