// Администрирование as `admin`: a new teacher with a load and a UID, a duplicate UID refused,
// a parent's application with a name mismatch that must be confirmed, printed and connected,
// the permission matrix; then the new teacher signs in with the one-time password, must
// change it, and sees the class. Two sign-ins (admin, the new teacher) and one password change.
import { readFileSync } from 'node:fs';
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { E2E_TODAY, expect, pageToken, rpcOk, SIGN_IN_TIMEOUT, signIn, test } from './fixtures';
import type { MethodOutput } from '../../src-shared/rpc/registry';

// One page for the whole file: the steps below continue each other (one sign-in as admin).
test.describe.configure({ mode: 'serial' });

const LOAD_CLASS = '9Б';
const NEW_LOGIN = 'e2e.teacher';
const TEACHER_UID = '7712345601';
const PARENT_UID = '7712345602';
const NEW_PASSWORD = 'svoi-parol-2026';

/** "Семёнова" <-> "Семенова": the first е/ё swapped, so only ё differs. */
function swapYo(s: string): string {
  const i = s.search(/[её]/i);
  if (i < 0) return s;
  const c = s[i]!;
  const swapped = c === 'е' ? 'ё' : c === 'ё' ? 'е' : c === 'Е' ? 'Ё' : 'Е';
  return s.slice(0, i) + swapped + s.slice(i + 1);
}

async function openTab(page: Page, tab: string) {
  await page.getByTestId(`admin-tab-${tab}`).click();
  await expect(page.getByTestId(`admin-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
}

let page: Page;
let api: APIRequestContext;
let token: string;
let structure: MethodOutput<'school.structure'>;
let subject: { id: number; name: string };
let temporaryPassword: string;

const shot = (testInfo: TestInfo, name: string) => page.screenshot({ path: testInfo.outputPath(`admin-${name}.png`) });

test.beforeAll(async ({ browser }, workerInfo) => {
  // The project's locale, time zone and viewport, as the page fixture would have them.
  const { locale, timezoneId, viewport } = workerInfo.project.use;
  page = await browser.newPage({ baseURL: process.env.ZHURNAL_E2E_URL, locale, timezoneId, viewport, acceptDownloads: true });
  api = page.request;
});

test.afterAll(async () => {
  await page.close();
});

test('Сотрудники: a new teacher with roles, a one-time password and a teaching load', async ({}, testInfo) => {
  await signIn(page, 'admin');
  token = await pageToken(page);
  await expect(page.getByTestId('page-admin')).toBeVisible();

  // What the demo school holds, as the app itself sees it.
  structure = await rpcOk(api, 'school.structure', {}, token);
  const whole = structure.classes.find((c) => c.name === LOAD_CLASS)!.groups.find((g) => g.isWholeClass)!;
  const taught = (await rpcOk(api, 'load.list', { current: true }, token)).load.filter((l) => l.className === LOAD_CLASS);
  // A subject nobody teaches in this class (in any group): the load takes nothing from another teacher.
  subject = structure.subjects.find((s) => !taught.some((l) => l.subjectId === s.id))!;
  expect(subject, `a subject not taught in ${LOAD_CLASS}`).toBeTruthy();

  await expect(page.getByTestId('admin-tab-staff')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('staff-row').first()).toBeVisible();
  await shot(testInfo, 'staff');
  await page.getByTestId('staff-new').click();
  const form = page.getByTestId('staff-create-form');
  await form.getByTestId('staff-surname').fill('Тестова');
  await form.getByTestId('staff-name').fill('Ирина');
  await form.getByTestId('staff-patronymic').fill('Олеговна');
  await expect(form.getByTestId('staff-login')).toHaveValue('testova.io'); // suggested from the name
  await form.getByTestId('staff-login').fill(NEW_LOGIN);
  await expect(form.getByTestId('staff-role-teacher')).toBeChecked();
  await form.getByTestId('staff-submit').click();
  const otp = page.getByTestId('temp-password');
  await expect(otp).toHaveText(/^\S{8,}$/, { timeout: SIGN_IN_TIMEOUT }); // the server hashes it first
  temporaryPassword = (await otp.textContent())!.trim();
  await expect(page.getByTestId('otp-login')).toHaveText(NEW_LOGIN);
  const card = page.getByTestId('staff-card');
  await expect(card.getByTestId('staff-card-name')).toHaveText('Тестова Ирина Олеговна');
  await expect(page.getByTestId('staff-row').filter({ hasText: 'Тестова Ирина Олеговна' })).toContainText('учитель');

  // Teaching load: class × subject from a date before today.
  await expect(card.getByTestId('load-empty')).toBeVisible();
  const assign = card.getByTestId('assign-load-form');
  await assign.getByTestId('load-class').selectOption({ label: LOAD_CLASS });
  await expect(assign.getByTestId('load-group')).toHaveValue(String(whole.id));
  await assign.getByTestId('load-subject').selectOption({ label: subject.name });
  await assign.getByTestId('load-hours').fill('1');
  await assign.getByTestId('load-from').fill('2026-11-02');
  await assign.getByTestId('load-assign').click();
  await expect(assign.getByTestId('assign-load-done')).toContainText(subject.name);
  const loadItem = card.getByTestId('load-item');
  await expect(loadItem).toHaveCount(1);
  await expect(loadItem).toContainText(LOAD_CLASS);
  await expect(loadItem).toContainText(subject.name);
  await expect(loadItem).toContainText('с 02.11.2026');
  await shot(testInfo, 'staff-card');
  await page.getByTestId('otp-done').click();
  await expect(page.getByTestId('one-time-password')).toHaveCount(0);
  // Class teachers.
  await page.getByTestId('staff-view-classes').click();
  await expect(page.getByTestId('class-row').filter({ hasText: LOAD_CLASS })).toBeVisible();
  await shot(testInfo, 'class-teachers');
});

test('UID: typed in the bulk screen; a duplicate is refused naming its holder', async ({}, testInfo) => {
  const staff = await rpcOk(api, 'staff.list', {}, token);
  const holder = staff.staff.find((s) => s.login === 'deputy' && s.portalUid)!;
  expect(holder, 'the demo deputy has a UID').toBeTruthy();

  await openTab(page, 'uid');
  await page.getByTestId('uid-kind').selectOption('staff');
  await expect(page.getByTestId('uid-missing-only')).toBeChecked();
  const uidRow = page.getByTestId('uid-row').filter({ hasText: 'Тестова Ирина Олеговна' });
  const uidInput = uidRow.getByTestId('uid-input');
  await uidInput.fill(holder.portalUid!);
  await uidInput.press('Enter');
  await expect(uidRow.getByTestId('uid-error')).toContainText(`UID ${holder.portalUid} уже присвоен`);
  await expect(uidRow.getByTestId('uid-error')).toContainText(holder.surname);
  await expect(uidInput).toHaveAttribute('aria-invalid', 'true');
  await expect(uidInput).toBeFocused();
  await uidInput.fill(TEACHER_UID);
  await uidInput.press('Enter');
  await expect(uidRow.getByTestId('uid-saved')).toHaveText('сохранено');
  // Enter moved on to the next person, ready for the next UID.
  const names = await page.getByTestId('uid-row').locator('th').allTextContents();
  const next = names.indexOf('Тестова Ирина Олеговна') + 1;
  if (next < names.length) await expect(page.getByTestId('uid-row').nth(next).getByTestId('uid-input')).toBeFocused();
  await shot(testInfo, 'uid');
  const after = await rpcOk(api, 'staff.list', {}, token);
  expect(after.staff.find((s) => s.login === NEW_LOGIN)?.portalUid).toBe(TEACHER_UID);
});

test('Заявления: a name mismatch must be confirmed; the application is printed and connected', async ({}, testInfo) => {
  // A pupil of 7А with a guardian whose surname has an е or ё.
  const pupils = await rpcOk(api, 'pupils.search', { query: '', classId: structure.classes.find((c) => c.name === '7А')!.id }, token);
  let pick: { pupil: (typeof pupils.pupils)[number]; guardian: { surname: string; name: string; patronymic: string | null } } | null = null;
  for (const p of pupils.pupils) {
    const g = (await rpcOk(api, 'guardians.ofPupil', { pupilId: p.id }, token)).guardians.find(
      (x) => /[её]/i.test(x.surname) && x.patronymic,
    );
    if (g) {
      pick = { pupil: p, guardian: g };
      break;
    }
  }
  expect(pick, 'a 7А pupil with a guardian whose surname has е/ё').not.toBeNull();
  const { pupil, guardian } = pick!;
  const connectedBefore = (await rpcOk(api, 'applications.list', {}, token)).perClass.find((c) => c.className === '7А')!.connected;

  await openTab(page, 'applications');
  await page.getByTestId('application-new').click();
  const app = page.getByTestId('application-form');
  await app.getByTestId('pupil-search').fill(pupil.fullName.split(' ')[0]!);
  await app.getByTestId('pupil-hit').filter({ hasText: pupil.fullName }).first().click();
  await expect(app.getByTestId('chosen-pupil')).toContainText(pupil.fullName);
  await app
    .getByTestId('guardian-option')
    .filter({ hasText: `${guardian.surname} ${guardian.name}` })
    .getByRole('radio')
    .check();
  // Case and ё do not make a mismatch.
  await app.getByTestId('passport-surname').fill(swapYo(guardian.surname).toLocaleUpperCase('ru'));
  await app.getByTestId('passport-name').fill(guardian.name.toLocaleLowerCase('ru'));
  await app.getByTestId('passport-patronymic').fill(guardian.patronymic!);
  for (const f of ['surname', 'name', 'patronymic'])
    await expect(app.getByTestId(`passport-${f}-field`)).not.toHaveAttribute('data-mismatch');
  await expect(app.getByTestId('mismatch-box')).toHaveCount(0);
  // A really different patronymic is one.
  const otherPatronymic = guardian.patronymic === 'Иннокентьевна' ? 'Аркадьевна' : 'Иннокентьевна';
  await app.getByTestId('passport-patronymic').fill(otherPatronymic);
  await expect(app.getByTestId('passport-patronymic-field')).toHaveAttribute('data-mismatch', 'true');
  await expect(app.getByTestId('passport-patronymic-field')).toContainText(`не совпадает, в базе: ${guardian.patronymic}`);
  await expect(app.getByTestId('passport-surname-field')).not.toHaveAttribute('data-mismatch');
  await expect(app.getByTestId('mismatch-box')).toContainText('Отчество');
  await app.getByTestId('app-number').fill('2026/17');
  await expect(app.getByTestId('app-date')).toHaveValue(E2E_TODAY);
  await app.getByTestId('app-uid').fill(PARENT_UID);
  await app.getByTestId('passport-checked').check();
  // Not without confirming the mismatch.
  await expect(app.getByTestId('application-submit')).toBeDisabled();
  await expect(app.getByTestId('application-blockers')).toContainText('подтвердите');
  await shot(testInfo, 'application-form');
  await app.getByTestId('confirm-mismatch').check();
  await expect(app.getByTestId('application-blockers')).toHaveCount(0);
  await app.getByTestId('application-submit').click();
  await expect(page.getByTestId('application-created')).toContainText('№ 2026/17');
  const row = page.getByTestId('app-row').filter({ hasText: '2026/17' });
  await expect(row.getByTestId('app-status')).toHaveText('принято');
  await expect(row).toContainText('расхождение');
  await expect(row).toContainText(PARENT_UID);

  // Print: the PDF opens in a new tab (a blob: URL), and saving it gives the same file.
  const [printed, popup] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/rpc/applications.print')),
    page.waitForEvent('popup'),
    page.getByTestId('created-print').click(),
  ]);
  const env = (await printed.json()) as { ok: boolean; value: { data: string; name: string; mime: string } };
  expect(env.ok).toBe(true);
  expect(env.value.mime).toBe('application/pdf');
  expect(Buffer.from(env.value.data, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(popup.url()).toMatch(/^blob:/);
  await popup.close();
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('app-download').click()]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(
    readFileSync((await download.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-');

  // принято -> подключено; the class's connected families go up by one.
  await row.getByTestId('app-connect').click();
  await expect(row.getByTestId('app-status')).toHaveText('подключено');
  await expect(page.getByTestId('per-class-row').filter({ hasText: '7А' }).getByTestId('per-class-connected')).toHaveText(
    String(connectedBefore + 1),
  );
  await shot(testInfo, 'applications');
});

test('Права доступа and Импорт: the matrix as main enforces it; no import before a clean check', async ({}, testInfo) => {
  await openTab(page, 'access');
  const setCell = page.getByTestId('matrix-row-journal.setCell');
  await expect(setCell.locator('td[data-role="teacher"]')).toHaveAttribute('data-allowed', 'true');
  await expect(setCell.locator('td[data-role="teacher"]')).toHaveText('✓');
  await expect(setCell.locator('td[data-role="administrator"]')).toHaveAttribute('data-allowed', 'false');
  const uidSet = page.getByTestId('matrix-row-uid.set');
  await expect(uidSet.locator('td[data-role="administrator"]')).toHaveAttribute('data-allowed', 'true');
  await expect(uidSet.locator('td[data-role="teacher"]')).toHaveAttribute('data-allowed', 'false');
  await shot(testInfo, 'access');

  await openTab(page, 'import');
  await expect(page.getByTestId('import-run')).toBeDisabled();
  await shot(testInfo, 'import');
});

test('the new teacher signs in with the one-time password, must change it, and sees the class', async ({}, testInfo) => {
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-input').fill(NEW_LOGIN);
  await page.getByTestId('password-input').fill(temporaryPassword);
  await page.getByTestId('login-submit').click();
  const change = page.getByTestId('change-password-form');
  await expect(change).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
  await change.getByLabel('Текущий пароль').fill(temporaryPassword);
  await change.getByLabel('Новый пароль', { exact: true }).fill(NEW_PASSWORD);
  await change.getByLabel('Новый пароль ещё раз').fill(NEW_PASSWORD);
  await change.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByTestId('page-journal')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
  await expect(page.getByTestId('user-name')).toHaveText('Тестова И. О.');
  const load = page.getByTestId('load-row').filter({ has: page.locator('td:first-child', { hasText: LOAD_CLASS }) });
  await expect(load).toHaveCount(1);
  await expect(load).toContainText(subject.name);
  await expect(load).toHaveAttribute('data-access', 'write');
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await shot(testInfo, 'new-teacher');
});
