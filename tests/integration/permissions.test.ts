// The permission matrix, written out here from DESIGN.md §3 and NOT derived from
// src-shared/permissions.ts: every role × every registered method through the real router.
// An allowed call is never refused for lack of rights; a call not allowed is always `forbidden`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src-shared/domain';
import { methods, type MethodName } from '../../src-shared/rpc/registry';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../helpers/app';
import { samples } from '../helpers/rpc-samples';

const T = 'teacher',
  CT = 'classTeacher',
  DEP = 'deputy',
  SUP = 'supervisor',
  ADM = 'administrator',
  DIR = 'director';
const EVERYONE: Role[] = [T, CT, DEP, SUP, ADM, DIR];

// DESIGN §3 rows, as role lists. Scope (own load, own class) is checked by the services and
// is not what this table says.
/** "journal of own load": W teacher, classTeacher; R deputy, director ("any journal: R"). */
const JOURNAL_READ: Role[] = [T, CT, DEP, DIR];
const JOURNAL_WRITE: Role[] = [T, CT];
/** "staff, roles, teaching load": R deputy, director; W administrator. */
const STAFF_READ: Role[] = [DEP, ADM, DIR];
const STAFF_WRITE: Role[] = [ADM];
/** "portal UIDs": R classTeacher (own class), supervisor; W administrator. */
const UID_READ: Role[] = [CT, SUP, ADM];
/** "guardians and diary applications": R classTeacher (own class); W administrator. */
const GUARDIANS_READ: Role[] = [CT, ADM];
/** "export queue, settings, manual full upload": R supervisor, director; W administrator. */
const EXPORT_READ: Role[] = [SUP, ADM, DIR];
/** "diary reconciliation": every role (own subjects … all). */
const RECONCILE: Role[] = EVERYONE;

const EXPECTED: Record<MethodName, Role[]> = {
  // The login screen and the own session: DESIGN is silent; every role signs in and out.
  'auth.status': EVERYONE,
  'auth.setup': EVERYONE,
  'auth.login': EVERYONE,
  'auth.logout': EVERYONE,
  'auth.me': EVERYONE,
  'auth.lock': EVERYONE,
  'auth.unlock': EVERYONE,
  'auth.changePassword': EVERYONE,
  // The school's name, year and terms are shown on every page (silent in DESIGN: everyone).
  'school.info': EVERYONE,
  // School settings: the administrator "manages … exports and personal-data measures".
  'school.updateSettings': [ADM],
  'journal.myWork': JOURNAL_READ,
  'journal.list': JOURNAL_READ,
  'journal.open': JOURNAL_READ,
  'journal.getFile': JOURNAL_READ,
  // A cell's and a term mark's history are part of reading the journal (DESIGN's audit row
  // gives the administrator "all", but the administrator has no journal to open).
  'journal.history': JOURNAL_READ,
  'journal.termMarkHistory': JOURNAL_READ,
  // Choosing who taught a lesson is part of writing it.
  'journal.teachers': JOURNAL_WRITE,
  'journal.setCell': JOURNAL_WRITE,
  'journal.setCells': JOURNAL_WRITE,
  'journal.setLesson': JOURNAL_WRITE,
  'journal.attachFile': JOURNAL_WRITE,
  'journal.removeFile': JOURNAL_WRITE,
  'journal.setTermMark': JOURNAL_WRITE,
  // The school year's calendar: everyone sees it (the journal's terms come from it); the
  // deputy plans the year and the administrator sets the school up (issue 11).
  'calendar.get': EVERYONE,
  'calendar.setPeriods': [DEP, ADM],
  'calendar.setDay': [DEP, ADM],
  'calendar.removeDay': [DEP, ADM],
  'calendar.setWeek': [DEP, ADM],
  // Control-work columns and a lesson's work type are part of writing the journal (issue 11).
  'journal.addColumn': JOURNAL_WRITE,
  'journal.removeColumn': JOURNAL_WRITE,
  'journal.setColumn': JOURNAL_WRITE,
  'journal.changeWorkType': JOURNAL_WRITE,
  'staff.list': STAFF_READ,
  // Classes, groups and subjects for the staff forms, and the rights table: "staff, roles" R.
  'school.structure': STAFF_READ,
  'access.matrix': STAFF_READ,
  'load.list': STAFF_READ,
  'staff.create': STAFF_WRITE,
  'staff.update': STAFF_WRITE,
  'staff.setDisabled': STAFF_WRITE,
  'staff.resetPassword': STAFF_WRITE,
  'load.assign': STAFF_WRITE,
  'load.end': STAFF_WRITE,
  'class.setTeacher': STAFF_WRITE,
  // Importing pupils, guardians and staff: "manages users" and "guardians": administrator.
  'roster.import': [ADM],
  'uid.people': UID_READ,
  'uid.grants': UID_READ,
  'uid.set': [ADM],
  'pupils.search': GUARDIANS_READ,
  'guardians.ofPupil': GUARDIANS_READ,
  'applications.list': GUARDIANS_READ,
  'applications.print': GUARDIANS_READ,
  'applications.create': [ADM],
  'applications.setStatus': [ADM],
  'export.status': EXPORT_READ,
  'export.configure': [ADM],
  'export.runFull': [ADM],
  'export.cancelBuild': [ADM],
  'export.sendNow': [ADM],
  'export.reconcile': RECONCILE,
  // Backups and restore: the administrator "manages … personal-data measures"; a restore
  // replaces the whole journal, so no other role may start one.
  'backup.list': [ADM],
  'backup.create': [ADM],
  'backup.setMirror': [ADM],
  'backup.restore': [ADM],
  // The school network client's own outbox of this PC: each user sees only their own edits.
  'outbox.list': EVERYONE,
  'outbox.dismiss': EVERYONE,
  // This PC's network mode and pairing (DESIGN §10): before any login, on the pairing screen.
  'device.status': EVERYONE,
  'device.pair': EVERYONE,
  'device.discover': EVERYONE,
  // The school network host: the administrator "manages … the school's settings"; pairing a PC
  // gives it the journal's data, so no other role may make a code or see the devices.
  'network.status': [ADM],
  'network.serve': [ADM],
  'network.createPairingCode': [ADM],
  'network.devices': [ADM],
  'network.revokeDevice': [ADM],
  // The lesson plan (КТП) is part of the journal: its teacher writes it (own load, checked in
  // main), the deputy and director read it with the journals.
  'plan.list': JOURNAL_READ,
  'plan.get': JOURNAL_READ,
  'plan.forJournal': JOURNAL_READ,
  'plan.save': JOURNAL_WRITE,
  'plan.import': JOURNAL_WRITE,
  'plan.acceptTopic': JOURNAL_WRITE,
  // The year rollover (issue 11): the deputy and the administrator.
  'rollover.check': [DEP, ADM],
  'rollover.backup': [DEP, ADM],
  'rollover.draft': [DEP, ADM],
  'rollover.preview': [DEP, ADM],
  'rollover.apply': [DEP, ADM],
  'rollover.undo': [DEP, ADM],
  'rollover.debts': [DEP, ADM],
  'rollover.setDebtOutcome': [DEP, ADM],
  // "close a term, reopen it for a journal or a cell": the deputy (DESIGN §3, issue 11).
  'terms.preview': [DEP],
  'terms.close': [DEP],
  'terms.reopen': [DEP],
  'terms.reclose': [DEP],
  'terms.status': [DEP],
  // Issue 11, timetable: reading it is the journal's read right; the deputy (and the
  // administrator) edit it, generate lessons and record substitutions («calendar.manage»).
  'timetable.get': JOURNAL_READ,
  'timetable.setEntry': [DEP, ADM],
  'timetable.removeEntry': [DEP, ADM],
  'timetable.setBells': [DEP, ADM],
  'timetable.import': [DEP, ADM],
  'timetable.generate': [DEP, ADM],
  'timetable.addLesson': [DEP, ADM],
  'timetable.cancelLesson': [DEP, ADM],
  'timetable.moveLesson': [DEP, ADM],
  'timetable.publishDrafts': [DEP, ADM],
  'substitution.list': [DEP, ADM],
  'substitution.set': [DEP, ADM],
  'substitution.remove': [DEP, ADM],
  'substitution.mine': JOURNAL_READ,
  // Issue 12, the monthly check: DESIGN §3 "journal checks and remarks": own remarks R for
  // teachers, W deputy, R supervisor and director.
  'checks.list': [DEP, SUP, DIR],
  'checks.run': [DEP],
  'checks.rerun': [DEP],
  'checks.get': [DEP, SUP, DIR],
  'checks.dismiss': [DEP],
  'checks.restore': [DEP],
  'checks.setReport': [DEP],
  'checks.issue': [DEP],
  'checks.settings': [DEP, SUP, DIR],
  'checks.setSettings': [DEP],
  'remarks.fromFindings': [DEP],
  'remarks.add': [DEP],
  'remarks.update': [DEP],
  'remarks.delete': [DEP],
  'remarks.list': [DEP, SUP, DIR],
  'remarks.mine': JOURNAL_WRITE,
  'remarks.forJournal': JOURNAL_READ,
  'remarks.acknowledge': JOURNAL_WRITE,
  'remarks.markFixed': JOURNAL_WRITE,
  'remarks.verify': [DEP],
  'remarks.reopen': [DEP],
  'remarks.recheck': [DEP],
  'checkReport.pdf': [DEP, SUP, DIR],
  'checkReport.xlsx': [DEP, SUP, DIR],
  // A teacher prints their own list (scope checked by the service).
  'checkReport.teacherList': EVERYONE,
  // Scope (the journal's readers; a class's whole journal: deputy, director, its class teacher) is checked by the service.
  'print.journal': JOURNAL_READ,
  'print.classes': JOURNAL_READ,
  'print.classYearStart': JOURNAL_READ,
  'print.classYearJob': JOURNAL_READ,
  'overview.completeness': [DEP, SUP, DIR],
  'overview.deputy': [DEP, SUP, DIR],
  'overview.director': [DEP, SUP, DIR],
  // Printed sheets: journal readers; the class scope (deputy/director any, a class teacher their own) is the service's.
  'print.sheetClasses': JOURNAL_READ,
  'print.summarySheets': JOURNAL_READ,
  'print.attendanceSheet': JOURNAL_READ,
  // How names are declined on printed forms (issue 13): part of the guardians' and applications'
  // data (R class teacher, own class, checked by the service; W administrator).
  'names.forms': GUARDIANS_READ,
  'names.setForm': [ADM],
  'names.setGender': [ADM],
  // Issue 13, the year-end archive: part of the year rollover («архив года»), the deputy and the administrator.
  'archive.status': [DEP, ADM],
  'archive.start': [DEP, ADM],
  'archive.progress': [DEP, ADM],
  'archive.verify': [DEP, ADM],
  // Reports (issue 13): journal readers; the scope (own class, own journals) is the service's.
  'reports.classes': JOURNAL_READ,
  'reports.build': JOURNAL_READ,
  'reports.file': JOURNAL_READ,
  'reports.teachers': JOURNAL_READ,
};

/** Answers that mean "refused for lack of rights". */
const NO_RIGHTS = /прав|Недостаточно/;

let app: TestApp;
const tokens = new Map<Role, string>();
beforeAll(async () => {
  app = createTestApp();
  for (const role of ROLES) {
    const login = `only-${role.toLowerCase()}`;
    await addUser(app, login, [role]);
    tokens.set(role, (await app.call<{ token: string }>('auth.login', { login, password: TEST_PASSWORD })).token);
  }
});
afterAll(() => app.dispose());

// Malformed on purpose: an allowed call stops at `validation` and does nothing.
const PROBE = { __probe: true };
/** Calls that end the caller's own session, run last for each role. */
const ENDS_SESSION: MethodName[] = ['auth.lock', 'auth.logout'];

describe('permission matrix (DESIGN §3, written out)', () => {
  it('covers exactly the registered methods', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(methods).sort());
  });

  for (const role of ROLES)
    it(`${role}: allowed methods pass the rights check, the others are forbidden`, async () => {
      const wrong: string[] = [];
      const names = (Object.keys(EXPECTED) as MethodName[]).filter((m) => !ENDS_SESSION.includes(m));
      for (const name of names) {
        const allowed = EXPECTED[name].includes(role);
        const probe = await app.router.call(name, PROBE, tokens.get(role)!);
        const got = probe.ok ? 'ok' : probe.error.code;
        if (allowed && got === 'forbidden') wrong.push(`${name}: allowed by DESIGN, refused (${probe.ok ? '' : probe.error.message})`);
        if (!allowed && got !== 'forbidden') wrong.push(`${name}: not allowed by DESIGN, got ${got} for a malformed input`);
        if (!allowed) {
          // A well-formed input too: a refusal must not depend on the input being malformed.
          const real = await app.router.call(name, samples[name], tokens.get(role)!);
          if (real.ok || real.error.code !== 'forbidden' || !NO_RIGHTS.test(real.error.message))
            wrong.push(`${name}: not allowed by DESIGN, got ${real.ok ? 'ok' : real.error.code} for a valid input`);
        }
      }
      for (const name of ENDS_SESSION) {
        const env = await app.router.call(name, {}, tokens.get(role)!);
        if (EXPECTED[name].includes(role) !== env.ok) wrong.push(`${name}: ${env.ok ? 'ok' : env.error.code}`);
      }
      expect(wrong).toEqual([]);
    });

  it('needs a session for everything but the login screen', async () => {
    const publicMethods = ['auth.status', 'auth.setup', 'auth.login', 'device.status', 'device.pair', 'device.discover'];
    for (const name of Object.keys(methods)) {
      const env = await app.router.call(name, PROBE, null);
      expect(env.ok ? 'ok' : env.error.code, name).toBe(publicMethods.includes(name) ? 'validation' : 'unauthenticated');
    }
  });

  it('is shown to the administrator as the same table', async () => {
    const { token } = await app.call<{ token: string }>('auth.login', { login: 'only-administrator', password: TEST_PASSWORD });
    const m = await app.call<{ methods: { method: string; roles: Role[] }[] }>('access.matrix', {}, token);
    const shown = Object.fromEntries(m.methods.map((x) => [x.method, [...x.roles].sort()]));
    const expected = Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, [...v].sort()]));
    expect(shown).toEqual(expected);
  });
});
