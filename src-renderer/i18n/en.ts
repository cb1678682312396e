// English. Typed as Dictionary: a key missing here, or one ru does not have, fails to compile.
import { adminEn } from './admin.en';
import { backupEn } from './backup.en';
import { networkEn } from './network.en';
import { exportEn } from './export.en';
import type { Dictionary } from './types';
import { journalEn } from './journal.en';
import { pairingEn } from './pairing.en';
import { calendarEn } from './calendar.en';
import { timetableEn } from './timetable.en';
import { closingEn } from './closing.en';
import { columnsEn } from './columns.en';
import { planEn } from './plan.en';
import { rolloverEn } from './rollover.en';
import { archiveEn } from './archive.en';
import { overviewEn } from './overview.en';
import { sheetsEn } from './sheets.en';
import { remarksEn } from './remarks.en';
import { journalPrintEn } from './journalprint.en';
import { checkEn } from './check.en';
import { formsEn } from './forms.en';
import { reportsEn } from './reports.en';
import { reportsBEn } from './reports-b.en';


export const en: Dictionary = {
  'app.title': 'Class journal',
  'app.loading': 'Loading…',
  'app.retry': 'Retry',
  'app.demoBadge': 'demo',
  'app.noSections': 'Your roles have no sections yet. Please ask the administrator.',

  'lang.label': 'Interface language',
  'lang.ru': 'Русский',
  'lang.en': 'English',

  'login.heading': 'Sign in',
  'login.login': 'Login',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Checking…',
  'login.demoBanner': 'Demo school',
  'login.demoIntro': 'A training database with fictitious pupils and teachers. Sign in with one of these accounts:',
  'login.demoLogin': 'Login',
  'login.demoPassword': 'Password',
  'login.demoRole': 'Who',
  'login.demoUse': 'Use login {login}',

  'setup.heading': 'First run',
  'setup.intro':
    'The school database has no administrator yet. Create the administrator account: there are no default passwords, the administrator chooses one.',
  'setup.surname': 'Surname',
  'setup.name': 'Name',
  'setup.patronymic': 'Patronymic (if any)',
  'setup.login': 'Administrator login',
  'setup.loginHint': 'Latin letters, digits, dot, hyphen, underscore',
  'setup.password': 'Password',
  'setup.passwordHint': 'At least 8 characters',
  'setup.password2': 'Password again',
  'setup.submit': 'Create administrator and sign in',
  'setup.busy': 'Creating…',

  'password.mismatch': 'The passwords do not match',
  'password.tooShort': 'At least 8 characters',
  'field.required': 'Please fill in',

  'change.heading': 'Change password',
  'change.intro': 'You were given a temporary password. Before working with the journal, choose your own — at least 8 characters.',
  'change.old': 'Current password',
  'change.new': 'New password',
  'change.repeat': 'New password again',
  'change.submit': 'Change password',
  'change.busy': 'Saving…',

  'lock.heading': 'Session locked',
  'lock.intro': 'The workstation was left unattended. Enter your password to continue.',
  'lock.user': 'User: {name}',
  'lock.password': 'Password',
  'lock.submit': 'Unlock',
  'lock.busy': 'Checking…',
  'lock.logout': 'Sign out and sign in as someone else',

  'header.lock': 'Lock',
  'header.lockTitle': 'Lock the session when you leave the computer',
  'header.logout': 'Sign out',
  'header.user': 'User',
  'nav.label': 'Sections',
  'nav.journal': 'Journal',
  'nav.plan': 'Lesson plan',
  'nav.year': 'School year',
  'year.tab.calendar': 'Calendar',
  'year.tab.timetable': 'Timetable',
  'year.tab.substitutions': 'Substitutions',
  'year.tab.closing': 'Closing terms',
  'year.tab.rollover': 'Year rollover',
  'nav.admin': 'Administration',
  'nav.export': 'Export',
  'nav.control': 'Control',

  'role.teacher': 'teacher',
  'role.classTeacher': 'class teacher',
  'role.deputy': 'deputy director',
  'role.supervisor': 'service supervisor',
  'role.administrator': 'administrator',
  'role.director': 'director',

  'journal.heading': 'Journal',
  'journal.load': 'My classes and subjects',
  'journal.noLoad': 'No classes or subjects are assigned to you this school year.',
  'journal.readerNote': 'Open any class journal from the “Open a journal” list above.',
  'journal.col.class': 'Class',
  'journal.col.group': 'Group',
  'journal.col.subject': 'Subject',
  'journal.col.hours': 'Hours a week',
  'journal.col.pupils': 'Pupils',
  'journal.col.access': 'Access',
  'journal.wholeClass': 'whole class',
  'journal.access.write': 'teaching',
  'journal.access.read': 'read (class teacher)',
  'journal.week': 'Lessons this week',
  'journal.weekRange': '{from} — {to}',
  'journal.prevWeek': '← Previous',
  'journal.nextWeek': 'Next →',
  'journal.thisWeek': 'This week',
  'journal.today': 'today',
  'journal.noLessonsDay': 'No lessons',
  'journal.noLessonsWeek': 'No lessons are timetabled this week.',
  'journal.col.slot': 'Lesson',
  'journal.col.room': 'Room',
  'journal.room': 'room {room}',
  'journal.col.topic': 'Topic',
  'journal.slot': 'No. {n}',
  'journal.noTopic': 'no topic yet',
  'journal.notHeld': 'not held',
  'journal.lessonCount': 'Lessons: {n}',

  'placeholder.soon': 'This section will come in a later version.',
  'placeholder.admin':
    'Staff and their roles, teaching load, portal UIDs and parents’ applications for the electronic diary will be here.',
  'placeholder.export': 'The queue of export packages to the portal, their state, the portal’s receipts and the manual full upload will be here.',
  'placeholder.control': 'The monthly journal check, the list of remarks to teachers and the reconciliation with the electronic diary will be here.',
  ...adminEn,
  ...journalEn,
  ...exportEn,
  ...backupEn,
  ...networkEn,
  ...pairingEn,
  ...calendarEn,
  ...timetableEn,
  ...closingEn,
  ...columnsEn,
  ...planEn,
  ...rolloverEn,
  ...archiveEn,
  ...overviewEn,
  ...sheetsEn,
  ...remarksEn,
  ...journalPrintEn,
  ...checkEn,
  ...formsEn,
  ...reportsEn,
  ...reportsBEn,
};
