// Property-based fuzzing of every RPC method through the real router on a real database:
// arbitrary values and near-valid mutations of a valid input, called by every kind of role.
// Every answer must be a typed envelope with a known code, never `internal`; an answer
// `validation` must have written nothing. FUZZ_RUNS overrides the inputs per method.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../src-shared/domain';
import { ERROR_CODES } from '../../src-shared/errors';
import { hasPermission } from '../../src-shared/permissions';
import { methods, type MethodInput, type MethodName } from '../../src-shared/rpc/registry';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { anyInput, fingerprinter, nearValid } from '../helpers/fuzz';
import { buildTinySchool, type TinySchool } from '../helpers/school';
import { latestJob } from '../../src-main/services/archive/jobs';
import { startPortal } from '../portal/server';

// scrypt at OWASP cost takes ~0.5 s a call; the fuzzer tests what happens around it, not its cost.
vi.mock('../../src-main/services/auth/password', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/services/auth/password')>();
  const cheap = { ln: 4, r: 8, p: 1 };
  return {
    ...real,
    hashPassword: (password: string) => real.hashPassword(password, cheap),
    DUMMY_HASH: '$scrypt$ln=4,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  };
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const CALLERS = ['admin', 'teacher', 'other', 'deputy', 'director', 'supervisor', 'none'] as const;
type Caller = (typeof CALLERS)[number];
const rolesOf: Record<Caller, Role[]> = {
  admin: ['administrator'],
  teacher: ['teacher', 'classTeacher'],
  other: ['teacher'],
  deputy: ['deputy'],
  director: ['director'],
  supervisor: ['supervisor'],
  none: [],
};

let app: TestApp;
let school: TinySchool;
const tokens = new Map<Caller, string | null>();
let fingerprint: () => string;
let ids: number[];
let samples: { [M in MethodName]: MethodInput<M> };
let fileId: number;
let loadId: number;
let applicationId: number;
let guardianId: number;
let repair: () => void;
let portal: Awaited<ReturnType<typeof startPortal>> | undefined;
const PORTAL_TOKEN = 'portal-secret-token';
const counts = new Map<string, number>();
/** What the router logged for each `internal`: the stack that says where to fix it. */
const internals: string[] = [];

beforeAll(async () => {
  app = createTestApp(undefined, { log: (m, e) => internals.push(`${m}: ${(e as Error)?.stack ?? String(e)}`.slice(0, 1500)) });
  // Durability is not under test here, and a synced commit per accepted input would dominate the run.
  app.services.sqlite.pragma('synchronous = OFF');
  school = await buildTinySchool(app);
  const director = await addUser(app, 'director', ['director']);
  const supervisor = await addUser(app, 'supervisor', ['supervisor']);
  const login = async (l: string) => (await app.call<{ token: string }>('auth.login', { login: l, password: TEST_PASSWORD })).token;
  for (const c of CALLERS) tokens.set(c, c === 'none' ? null : await login(c));
  const as = (c: Caller) => tokens.get(c)!;
  const lesson = { groupId: school.g5a, subjectId: school.rus, date: '2026-11-26', slot: 2 };
  const [pupil] = school.pupils;
  const application = await app.call<{ application: { id: number; guardianId: number } }>(
    'applications.create',
    {
      pupilId: pupil,
      guardian: { surname: 'Андреева', name: 'Мария', patronymic: 'Петровна', relation: 'мать' },
      passport: { surname: 'Андреева', name: 'Мария', patronymic: 'Петровна' },
      confirmMismatch: false,
      passportChecked: true,
      number: '1/2026',
      appliedOn: '2026-11-20',
    },
    as('admin'),
  );
  applicationId = application.application.id;
  guardianId = application.application.guardianId;
  fileId = (
    await app.call<{ id: number }>('journal.attachFile', { lesson, name: 'дз.txt', mime: 'text/plain', data: 'MTIz' }, as('teacher'))
  ).id;
  await app.call(
    'journal.setCell',
    { lesson, pupilId: pupil, marks: [{ value: '5', workTypeId: school.wtAnswer }], absence: null },
    as('teacher'),
  );
  loadId = (app.services.sqlite.prepare('SELECT id FROM teaching_load ORDER BY id LIMIT 1').pluck().get() as number) ?? 1;
  // A closed first quarter and last year's archived journal, so writes meet those refusals too.
  app.services.sqlite
    .prepare("UPDATE term SET closed_at = '2026-10-30T10:00:00Z', closed_by = ? WHERE id = ?")
    .run(school.deputy, school.q1);
  const oldYear = Number(
    app.services.sqlite
      .prepare("INSERT INTO school_year (label, starts_on, ends_on, status) VALUES ('2025/2026', '2025-09-01', '2026-05-31', 'archived')")
      .run().lastInsertRowid,
  );
  const oldClass = Number(
    app.services.sqlite
      .prepare("INSERT INTO class_unit (year_id, grade, letter, class_teacher_id) VALUES (?, 4, 'А', ?)")
      .run(oldYear, school.teacher).lastInsertRowid,
  );
  const oldGroup = Number(
    app.services.sqlite.prepare("INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?, '4А', 1)").run(oldClass)
      .lastInsertRowid,
  );
  app.services.sqlite
    .prepare(
      "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from, valid_to) VALUES (?,?,?,2,'2025-09-01','2026-05-31')",
    )
    .run(oldGroup, school.rus, school.teacher);
  // The portal double on loopback, so sends and the diary check go all the way; an accepted
  // export.configure must never point a send at the outside world (repair() below).
  portal = await startPortal({ dbFile: join(app.dir, 'portal.db'), token: PORTAL_TOKEN });
  await app.call('export.configure', { url: portal.url, token: PORTAL_TOKEN }, as('admin'));
  const lessonId = app.services.sqlite.prepare('SELECT id FROM lesson ORDER BY id LIMIT 1').pluck().get() as number;
  // A lesson plan (КТП) of the teacher's, so acceptTopic and forJournal reach their writes.
  const plan = await app.call<{ topics: { id: number }[] }>(
    'plan.save',
    { subjectId: school.rus, grade: 5, topics: [{ topic: 'Имя существительное', hours: 2, workTypeId: null }, { topic: 'Глагол', hours: 1 }] },
    as('teacher'),
  );
  const planTopicId = plan.topics[0]!.id;
  ids = [
    ...new Set([
      1,
      2,
      3,
      4,
      5,
      7,
      9,
      12,
      20,
      99,
      ...Object.values(school).flat(),
      director,
      supervisor,
      fileId,
      loadId,
      applicationId,
      guardianId,
      lessonId,
      planTopicId,
    ]),
  ];

  const mirrorDir = join(app.dir, 'mirror');
  mkdirSync(mirrorDir);
  samples = {
    'auth.status': {},
    'auth.setup': { login: 'root', password: 'long-enough-1', surname: 'Орлова', name: 'Елена', patronymic: 'Андреевна' },
    'auth.login': { login: 'teacher', password: TEST_PASSWORD },
    'auth.logout': {},
    'auth.me': {},
    'auth.lock': {},
    'auth.unlock': { password: TEST_PASSWORD },
    'auth.changePassword': { oldPassword: TEST_PASSWORD, newPassword: 'long-enough-2' },
    'school.info': {},
    'calendar.get': { yearId: school.year },
    'calendar.setPeriods': {
      yearId: school.year,
      gradeFrom: 5,
      gradeTo: 9,
      kind: 'quarter',
      periods: [
        { startsOn: '2026-09-01', endsOn: '2026-10-24' },
        { startsOn: '2026-11-05', endsOn: '2026-12-28' },
        { startsOn: '2027-01-12', endsOn: '2027-03-20' },
        { startsOn: '2027-03-30', endsOn: '2027-05-31' },
      ],
    },
    'calendar.setDay': { yearId: school.year, gradeFrom: 10, gradeTo: 11, kind: 'workday', date: '2026-12-05', asWeekday: 1, note: 'перенос' },
    // A day of its own to remove (the first accepted call removes it; later ones meet not_found).
    'calendar.removeDay': {
      ids: [Number(app.services.sqlite.prepare("INSERT INTO calendar_day (year_id, date, kind) VALUES (?, '2026-12-31', 'holiday')").run(school.year).lastInsertRowid)],
    },
    'calendar.setWeek': { yearId: school.year, grade: 6, daysPerWeek: 6 },
    'school.updateSettings': {
      name: 'Школа',
      settings: { idleLockMinutes: 5, exportDailyAt: '18:00', uidMinLength: 5, uidMaxLength: 12 },
      reason: 'тест',
    },
    'journal.myWork': { date: '2026-11-26' },
    'journal.list': {},
    'journal.teachers': {},
    'journal.open': { groupId: school.g5a, subjectId: school.rus, termId: school.q2 },
    'journal.setCell': { lesson, pupilId: pupil, marks: [{ value: '4', workTypeId: school.wtControl }], absence: null },
    'journal.setCells': { edits: [{ lesson, pupilId: pupil, marks: [], absence: 'н' }] },
    'journal.setLesson': {
      lesson,
      topic: 'Тема',
      homework: 'Упр. 5',
      held: true,
      workTypeId: school.wtAnswer,
      actualTeacherId: school.other,
    },
    'journal.attachFile': { lesson, name: 'задание.txt', mime: 'text/plain', data: 'MTIzNA==' },
    'journal.removeFile': { fileId },
    'journal.addColumn': { lesson, workTypeId: school.wtControl, weight: 2.5 },
    'journal.removeColumn': { lesson: { ...lesson, part: 1 } },
    'journal.setColumn': { lesson: { ...lesson, part: 1 }, workTypeId: school.wtControl, weight: null },
    'journal.changeWorkType': { lesson, workTypeId: school.wtControl, applyToMarks: true, marks: 1 },
    'journal.getFile': { fileId },
    'journal.setTermMark': { groupId: school.g5a, subjectId: school.rus, termId: school.q1, pupilId: pupil, value: '5' },
    'journal.history': { lessonId, pupilId: pupil },
    'journal.termMarkHistory': { groupId: school.g5a, subjectId: school.rus, termId: school.q1, pupilId: pupil },
    'staff.list': { includeDisabled: true },
    'staff.create': { surname: 'Орлова', name: 'Елена', patronymic: 'Андреевна', login: 'orlova', roles: ['teacher'], portalUid: '123456' },
    'staff.update': { staffId: school.other, surname: 'Другой', name: 'Учитель', patronymic: null, login: 'other', roles: ['teacher'] },
    'staff.setDisabled': { staffId: school.other, disabled: true, reason: 'уволился' },
    'staff.resetPassword': { staffId: school.other },
    'school.structure': {},
    'load.list': { teacherId: school.teacher, groupId: school.g5a, current: true },
    'load.assign': { groupId: school.g6b, subjectId: school.rus, teacherId: school.teacher, hoursPerWeek: 2, validFrom: '2026-11-30' },
    'load.end': { loadId, validTo: '2027-05-31' },
    'class.setTeacher': { classId: school.c5a, staffId: school.teacher },
    'access.matrix': {},
    'uid.set': { personId: pupil, uid: '123456' },
    'uid.people': { kind: 'pupil', classId: school.c5a, missingOnly: true },
    'uid.grants': {},
    'pupils.search': { query: 'Андр', classId: school.c5a },
    'guardians.ofPupil': { pupilId: pupil },
    'applications.list': { classId: school.c5a, status: 'accepted' },
    'applications.create': {
      pupilId: pupil,
      guardian: { guardianId },
      passport: { surname: 'Андреева', name: 'Мария', patronymic: 'Петровна' },
      confirmMismatch: false,
      passportChecked: true,
      number: '2/2026',
      appliedOn: '2026-11-26',
      portalUid: '1234567',
    },
    'applications.setStatus': { id: applicationId, status: 'connected' },
    'applications.print': { id: applicationId },
    'roster.import': {
      kind: 'pupils',
      fileName: 'pupils.csv',
      data: Buffer.from('Фамилия;Имя;Отчество;Дата рождения;Класс\nАндреев;Пётр;;01.03.2015;5А\n').toString('base64'),
      dryRun: true,
    },
    'export.status': {},
    'export.configure': { url: portal.url, token: PORTAL_TOKEN, dailyAt: '18:00', fullDay: 1 },
    'export.runFull': {},
    'export.cancelBuild': {},
    'export.sendNow': {},
    'export.reconcile': { month: '2026-11', groupId: school.g5a, subjectId: school.rus },
    'backup.list': {},
    'backup.create': {},
    'backup.setMirror': { dir: mirrorDir },
    // A well-formed name that is not in the folder: a restore that ran would end every
    // session and replace the school the other methods are fuzzed on.
    'backup.restore': { name: 'zhurnal-2026-11-25.db', confirm: true },
    'outbox.list': {},
    'outbox.dismiss': { key: '00000000-0000-4000-8000-000000000000' },
    // On the PC with the database: status says standalone, pairing is refused, nothing is browsed.
    'device.status': {},
    'device.pair': { hostUrl: 'https://127.0.0.1:9', code: '123456', name: 'Кабинет 12' },
    'device.discover': {},
    // No network host in this app (Services.network absent): serve and codes answer unavailable.
    'network.status': {},
    'network.serve': { address: '127.0.0.1', port: 8443 },
    'network.createPairingCode': {},
    'network.devices': {},
    'network.revokeDevice': { deviceId: 1 },
    'plan.list': {},
    'plan.get': { subjectId: school.rus, grade: 5, teacherId: school.teacher },
    'plan.save': { subjectId: school.rus, grade: 5, topics: [{ topic: 'Имя существительное', hours: 2, workTypeId: school.wtControl }] },
    'plan.import': {
      subjectId: school.rus,
      grade: 5,
      fileName: 'ktp.csv',
      data: Buffer.from('№;Тема;Часы;Вид контроля\n1;Имя существительное;2;Контрольная работа\n2;Глагол;x;Диктант\n').toString('base64'),
      apply: true,
    },
    'plan.forJournal': { groupId: school.g5a, subjectId: school.rus },
    'plan.acceptTopic': { lesson, planTopicId, topic: 'Имя существительное: род' },
    // The tiny school's terms are open: apply is refused by its preconditions and changes
    // nothing; there is no rollover to undo and no debt.
    'rollover.check': {},
    'rollover.backup': {},
    'rollover.draft': {},
    'rollover.preview': { plan: { classes: [{ grade: 6, letter: 'А', classTeacherId: school.teacher, copyFromClassId: null }], pupils: [{ pupilId: school.pupils[0], decision: 'promoted', toClass: '6А', debts: [] }] } },
    'rollover.apply': { plan: { classes: [{ grade: 6, letter: 'А', classTeacherId: school.teacher, copyFromClassId: null }], pupils: [{ pupilId: school.pupils[0], decision: 'promoted', toClass: '6А', debts: [] }] }, councilNumber: '5', councilDate: '2027-05-28' },
    'rollover.undo': { rolloverId: 1, confirm: true },
    'rollover.debts': {},
    'rollover.setDebtOutcome': { debtId: 1, outcome: 'cleared', mark: '3' },
    'checks.list': {},
    'checks.run': { from: '2026-11-01', to: '2026-11-30' },
    'checks.rerun': { checkId: 1 },
    'checks.get': { checkId: 1 },
    'checks.dismiss': { findingId: 1, reason: 'Урок перенесён' },
    'checks.restore': { findingId: 1 },
    'checks.setReport': { checkId: 1, conclusions: 'Журнал ведётся удовлетворительно', recheckOn: '2026-12-15', version: 0 },
    'checks.issue': { checkId: 1 },
    'checks.settings': {},
    'checks.setSettings': { remarkDays: 7 },
    'remarks.fromFindings': { findingIds: [1] },
    'remarks.add': { checkId: 1, teacherId: school.teacher, text: 'Заполнить темы уроков', groupId: school.g5a, subjectId: school.rus },
    'remarks.update': { remarkId: 1, deadline: '2026-12-10', version: 0 },
    'remarks.delete': { remarkId: 1 },
    'remarks.list': {},
    'remarks.mine': {},
    'remarks.forJournal': { groupId: school.g5a, subjectId: school.rus },
    'remarks.acknowledge': { remarkId: 1, version: 0 },
    'remarks.markFixed': { remarkId: 1, reply: 'Исправлено', version: 0 },
    'remarks.verify': { remarkId: 1, version: 0 },
    'remarks.reopen': { remarkId: 1, reason: 'Темы не внесены', deadline: '2026-12-15', version: 0 },
    'remarks.recheck': { checkId: 1 },
    'checkReport.pdf': { checkId: 1 },
    'checkReport.xlsx': { checkId: 1 },
    'checkReport.teacherList': { checkId: 1, teacherId: school.teacher },
    'print.journal': { groupId: school.g5a, subjectId: school.rus, termId: school.q1 },
    'print.classes': {},
    'print.classYearStart': { classId: school.c5a },
    'print.classYearJob': { jobId: '0123456789abcdef0123456789abcdef' },
    'overview.completeness': {},
    'overview.deputy': {},
    'overview.director': {},
    'print.sheetClasses': {},
    'print.summarySheets': { classId: school.c5a, format: 'pdf' },
    'print.attendanceSheet': { classId: school.c5a, format: 'xlsx' },
    'archive.status': {},
    'archive.start': {},
    'archive.progress': { jobId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f' },
    'archive.verify': { folder: '2026-2027' },
    'reports.classes': {},
    'reports.build': { request: { kind: 'card', classId: school.c5a, pupilId: null, termId: null, from: '2026-09-01', to: '2026-11-20' } },
    'reports.file': { request: { kind: 'card', classId: school.c5a, pupilId: pupil, termId: school.q1, from: '2026-09-01', to: '2026-10-24' }, format: 'xlsx' },
    'reports.teachers': {},
    // 6Б's second quarter: closing it leaves 5А's journals (the other samples) writable.
    'terms.preview': { termId: school.q2 },
    'terms.close': {
      termId: school.q2,
      classId: app.services.sqlite.prepare('SELECT class_id FROM study_group WHERE id = ?').pluck().get(school.g6b) as number,
    },
    'terms.reopen': { termId: school.q1, groupId: school.g5a, subjectId: school.rus, pupilId: pupil, reason: 'Ошибка в отметке' },
    'terms.reclose': { reopenId: 1 },
    'terms.status': {},
    'timetable.get': { date: '2026-11-26', groupId: school.g5a },
    'timetable.setEntry': { groupId: school.g5a, weekday: 1, slot: 7, subjectId: school.rus, teacherId: school.teacher, room: '12', from: '2026-11-30' },
    'timetable.removeEntry': { groupId: school.g5a, weekday: 1, slot: 7, from: '2026-11-30' },
    'timetable.setBells': { yearId: 1, bells: [{ slot: 1, startsAt: '08:30', endsAt: '09:15' }] },
    'timetable.import': { fileName: 'r.csv', data: 'a2xhc3M=', dryRun: true },
    'timetable.generate': { yearId: 1, groupId: school.g5a, from: '2026-12-01', to: '2026-12-07' },
    'timetable.addLesson': { lesson: { ...lesson, slot: 8 }, teacherId: school.teacher },
    'timetable.cancelLesson': { lesson },
    'timetable.moveLesson': { lesson, to: { date: '2026-11-27', slot: 8 } },
    'timetable.publishDrafts': { yearId: 1 },
    'substitution.list': { date: '2026-11-26' },
    'substitution.set': { lesson, substituteId: school.other },
    'substitution.remove': { lesson },
    'substitution.mine': {},
    'names.forms': { personId: guardianId },
    'names.setForm': { personId: guardianId, case: 'genitive', form: { surname: 'Андреевой', name: 'Марии', patronymic: 'Петровны' } },
    'names.setGender': { personId: pupil, gender: 'male' },
  };

  // State a previous accepted call may have changed so that later calls would stop early
  // (sessions ended or locked, users disabled or reset, roles changed, a non-loopback URL).
  const staff = [school.teacher, school.other, school.deputy, school.admin, director, supervisor];
  const roles: [number, string][] = (
    app.services.sqlite.prepare(`SELECT staff_id, role FROM staff_role WHERE staff_id IN (${staff.join(',')})`).all() as {
      staff_id: number;
      role: string;
    }[]
  ).map((r) => [r.staff_id, r.role]);
  const hash = app.services.sqlite.prepare('SELECT password_hash FROM staff_user WHERE id = ?').pluck().get(school.teacher) as string;
  const s = app.services.sqlite;
  const portalUrl = portal.url;
  const tokenRow = s.prepare("SELECT value FROM secret WHERE key = 'portal_token'").pluck().get() as string;
  repair = s.transaction(() => {
    s.prepare('UPDATE session SET ended_at = NULL, locked = 0').run();
    s.prepare(
      `UPDATE staff_user SET disabled = 0, must_change_password = 0, locked_until = NULL, failed_logins = 0, password_hash = ? WHERE id IN (${staff.join(',')})`,
    ).run(hash);
    s.prepare(`DELETE FROM staff_role WHERE staff_id IN (${staff.join(',')})`).run();
    for (const [id, role] of roles) s.prepare('INSERT INTO staff_role (staff_id, role) VALUES (?, ?)').run(id, role);
    s.prepare("UPDATE school SET settings = json_set(settings, '$.exportUrl', ?) WHERE json_extract(settings, '$.exportUrl') IS NOT ?").run(
      portalUrl,
      portalUrl,
    );
    s.prepare("UPDATE secret SET value = ? WHERE key = 'portal_token' AND value IS NOT ?").run(tokenRow, tokenRow);
  });
  fingerprint = fingerprinter(app);
}, 60_000);

afterAll(async () => {
  await portal?.close();
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`rpc fuzz: ${counts.size} methods, ${total} inputs in all`);
  app?.dispose();
});

/** Percent of inputs that are near-valid; lower where an accepted call is costly (a PDF takes ~0.3 s). */
const NEAR_PERCENT: Partial<Record<MethodName, number>> = {
  'applications.print': 5,
  'export.runFull': 30,
  'export.sendNow': 30,
  'print.summarySheets': 5,
  'print.attendanceSheet': 10,
  'print.journal': 10,
  'print.classYearStart': 5,
  'reports.file': 10,
  'archive.start': 2,
};

/** Until no archive job runs (an accepted archive.start goes on after its answer). */
async function archiveDone(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const job = latestJob(app.services.sqlite);
    if (!job || job.stage === 'done' || job.stage === 'failed') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('archive job did not finish within 60 s');
}

/** Run after the others: it deletes what getFile needs. */
const LAST: MethodName[] = ['journal.removeFile'];

/** Methods whose accepted calls change who may call what: repaired after each call. */
const STATEFUL = /^(auth\.|staff\.|school\.updateSettings|export\.configure|class\.setTeacher)/;

describe('rpc fuzz: every method answers a typed envelope, never internal, and validation writes nothing', () => {
  it('has a sample for exactly the registered methods, each accepted by its schema', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(methods).sort());
    for (const [m, s] of Object.entries(samples)) expect(methods[m as MethodName].input.safeParse(s).success, m).toBe(true);
  });

  const order = (Object.keys(methods) as MethodName[]).sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)));
  for (const name of order) {
    it(name, { timeout: 120_000 }, async () => {
      const failures = new Map<string, unknown>();
      let runs = 0;
      const answers = new Map<string, number>();
      let before = fingerprint();
      const near = NEAR_PERCENT[name] ?? 70;
      const input = fc.oneof({ weight: 100 - near, arbitrary: anyInput }, { weight: near, arbitrary: nearValid(samples[name], ids) });
      // Mostly callers the method admits, so inputs reach the handlers; the rest probe refusals.
      // (Which roles are admitted is checked independently by the permission matrix test.)
      const admitted = CALLERS.filter((c) => c !== 'none' && hasPermission(rolesOf[c], methods[name].permission));
      const others = CALLERS.filter((c) => !admitted.includes(c));
      const caller = admitted.length
        ? fc.oneof({ weight: 17, arbitrary: fc.constantFrom(...admitted) }, { weight: 3, arbitrary: fc.constantFrom(...others) })
        : fc.constantFrom(...CALLERS);
      await fc.assert(
        fc.asyncProperty(caller, input, async (caller, value) => {
          runs++;
          const env = await app.router.call(name, value, tokens.get(caller) ?? null);
          const after = fingerprint();
          const code = env.ok ? 'ok' : env.error.code;
          answers.set(code, (answers.get(code) ?? 0) + 1);
          let problem: string | null = null;
          if (env.ok !== true && env.ok !== false) problem = 'not an envelope';
          else if (!env.ok && !ERROR_CODES.includes(env.error.code)) problem = `unknown code ${String(env.error.code)}`;
          else if (!env.ok && env.error.code === 'internal') problem = 'internal';
          else if (!env.ok && typeof env.error.message !== 'string') problem = 'no message';
          else if (!env.ok && env.error.code === 'validation' && after !== before) problem = 'validation after a write';
          if (problem && !failures.has(problem))
            failures.set(problem, { caller, input: fc.stringify(value).slice(0, 600), log: internals.at(-1) ?? null });
          internals.length = 0;
          // An accepted archive.start writes its archive (and its audit record) in the background:
          // wait for it, so the write is not taken for one of a later refused call.
          if (name === 'archive.start' && env.ok) {
            await archiveDone();
            before = fingerprint();
          } else if (STATEFUL.test(name) && (env.ok || after !== before)) {
            repair();
            before = fingerprint();
          } else before = after;
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261126) },
      );
      counts.set(name, runs);
      const spread = [...answers].map(([c, n]) => `${c} ${n}`).join(', ');
      console.log(`rpc fuzz ${name}: ${runs} inputs (${spread})`);
      expect(Object.fromEntries(failures)).toEqual({});
    });
  }
});

// roster.import parses files the administrator was sent by others: CSV text and XLSX (a zip
// of XML) built from hostile pieces must end in per-row or per-file errors, never `internal`.
describe('rpc fuzz: roster files', () => {
  const cellArb = fc.record({
    r: fc.oneof(fc.constantFrom('A1', 'B2', 'Z9', 'XFD1', 'ZZZZZZ1', '1', '', 'A0', 'a-1'), fc.string({ maxLength: 6 })),
    t: fc.constantFrom('s', 'str', 'inlineStr', 'b', 'd', 'n', 'e', 'x', ''),
    s: fc.oneof(fc.integer({ min: -2, max: 40 }).map(String), fc.string({ maxLength: 3 })),
    v: fc.oneof(
      fc.constantFrom('45658', '-1', '1e308', 'NaN', '2026-09-31', '31.09.2026', '&#xD800;', '&#99999999999;', '_x0000_', ''),
      fc.string({ maxLength: 12 }),
    ),
  });
  const escape = (x: string) => x.replace(/[<&"]/g, (c) => ({ '<': '&lt;', '&': '&amp;', '"': '&quot;' })[c]!);
  const sheetArb = fc
    .array(fc.tuple(fc.oneof(fc.integer({ min: -1, max: 2_000_000 }), fc.constant(NaN)), fc.array(cellArb, { maxLength: 8 })), {
      maxLength: 8,
    })
    .map(
      (rows) =>
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows
          .map(
            ([r, cells]) =>
              `<row r="${r}">${cells
                .map((c) =>
                  c.t === 'inlineStr'
                    ? `<c r="${escape(c.r)}" t="inlineStr"><is><t>${escape(c.v)}</t></is></c>`
                    : `<c r="${escape(c.r)}" t="${c.t}" s="${escape(c.s)}"><v>${c.v.includes('&#') ? c.v : escape(c.v)}</v></c>`,
                )
                .join('')}</row>`,
          )
          .join('')}</sheetData></worksheet>`,
    );
  const header = [
    'Внешний код',
    'Фамилия',
    'Имя',
    'Отчество',
    'Дата рождения',
    'Класс',
    'Дата зачисления',
    'UID',
    'Логин',
    'Роли',
    'Код ученика',
    'Кем приходится',
    'Серия паспорта',
  ];
  const xlsxArb = fc
    .record({
      sheet: sheetArb,
      shared: fc.array(fc.string({ maxLength: 10 }), { maxLength: 5 }),
      headerRow: fc.subarray(header, { minLength: 1 }),
      workbook: fc.constantFrom(
        '<workbook><workbookPr date1904="1"/><sheets><sheet name="a" state="hidden" r:id="rId1"/></sheets></workbook>',
        '<workbook><sheets><sheet name="a" r:id="rId9"/></sheets></workbook>',
        '<workbook/>',
        'not xml at all <<<',
      ),
      styles: fc.constantFrom(
        '',
        '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><cellXfs><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>',
        '<styleSheet><cellXfs><xf numFmtId="abc"/></cellXfs></styleSheet>',
      ),
    })
    .map(({ sheet, shared, headerRow, workbook, styles }) => {
      const sst = `<sst>${[...headerRow, ...shared].map((x) => `<si><t>${escape(x)}</t></si>`).join('')}</sst>`;
      const headCells = headerRow.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('');
      const files: Record<string, Uint8Array> = {
        'xl/workbook.xml': strToU8(workbook),
        'xl/_rels/workbook.xml.rels': strToU8(
          '<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        'xl/worksheets/sheet1.xml': strToU8(sheet.replace('<sheetData>', `<sheetData><row r="1">${headCells}</row>`)),
        'xl/sharedStrings.xml': strToU8(sst),
        ...(styles ? { 'xl/styles.xml': strToU8(styles) } : {}),
      };
      return zipSync(files);
    });
  const csvArb = fc
    .tuple(
      fc.subarray(header, { minLength: 1 }),
      fc.constantFrom(';', ',', '\t'),
      fc.constantFrom('\n', '\r\n'),
      fc.array(
        fc.array(
          fc.oneof(
            fc.constantFrom('31.09.2026', '2026-13-01', '01.01.1850', '5А', '"', '""', 'учитель', '12345', ''),
            fc.string({ maxLength: 10 }),
          ),
          { maxLength: 8 },
        ),
        { maxLength: 8 },
      ),
    )
    .map(([head, sep, eol, rows]) => strToU8([head, ...rows].map((r) => r.join(sep)).join(eol)));

  it('roster.import with hostile CSV and XLSX files', { timeout: 120_000 }, async () => {
    const failures = new Map<string, unknown>();
    let runs = 0;
    let before = fingerprint();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('pupils', 'guardians', 'staff'),
        fc.boolean(),
        fc.oneof(xlsxArb, csvArb),
        async (kind, dryRun, bytes) => {
          runs++;
          const isZip = bytes[0] === 0x50;
          const input = { kind, fileName: isZip ? 'roster.xlsx' : 'roster.csv', data: Buffer.from(bytes).toString('base64'), dryRun };
          const env = await app.router.call('roster.import', input, tokens.get('admin')!);
          const after = fingerprint();
          if (!env.ok && env.error.code === 'internal' && !failures.has('internal'))
            failures.set('internal', { kind, file: Buffer.from(bytes).toString('base64').slice(0, 2000), log: internals.at(-1) ?? null });
          if (env.ok && !(env.value as { imported: boolean }).imported && after !== before && !failures.has('refused import wrote'))
            failures.set('refused import wrote', { kind });
          internals.length = 0;
          before = after;
        },
      ),
      { numRuns: Math.max(200, RUNS / 2), seed: Number(process.env.FUZZ_SEED ?? 20261126) },
    );
    counts.set('roster.import (files)', runs);
    console.log(`rpc fuzz roster.import files: ${runs} inputs`);
    expect(Object.fromEntries(failures)).toEqual({});
  });
});
