// Forms with correct Russian (issue 13) as `admin`: the applications list shows how the names
// will be printed («от …», «ребёнка …»); the dialog «Имена в заявлении» stores a hand correction
// that the list and the printed PDF then use, and takes it back; the «Школа» tab shows the full
// name's genitive the documents print. Leaves the demo school as it found it (correction removed).
import type { Page } from '@playwright/test';
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

let page: Page;
let pupilName = '';
test.beforeAll(async ({ browser }, workerInfo) => {
  const { locale, timezoneId, viewport } = workerInfo.project.use;
  page = await browser.newPage({ baseURL: process.env.ZHURNAL_E2E_URL, locale, timezoneId, viewport });
});
test.afterAll(async () => {
  await page.close();
});

test('Имена в заявлении: the printed forms shown, corrected by hand and taken back', async () => {
  await signIn(page, 'admin');
  const token = await pageToken(page);
  const api = page.request;
  // A registered application of an 8Б pupil (the admin spec works in 7А), made through the API.
  const structure = await rpcOk(api, 'school.structure', {}, token);
  const pupil = (await rpcOk(api, 'pupils.search', { query: '', classId: structure.classes.find((c) => c.name === '8Б')!.id }, token))
    .pupils[0]!;
  const created = await rpcOk(
    api,
    'applications.create',
    {
      pupilId: pupil.id,
      guardian: { surname: 'Шевчук', name: 'Валерия', patronymic: 'Ильинична', relation: 'мать' },
      passport: { surname: 'Шевчук', name: 'Валерия', patronymic: 'Ильинична' },
      confirmMismatch: false,
      passportChecked: true,
      number: 'E2E-FORMS-1',
      appliedOn: E2E_TODAY,
    },
    token,
  );
  const auto = created.application.pupilGenitive;
  pupilName = pupil.fullName;
  await page.goto('/#/admin?tab=applications');
  const row = page.getByTestId('app-row').filter({ hasText: 'E2E-FORMS-1' });
  // A woman's «Шевчук» does not decline.
  await expect(row.getByTestId('app-guardian-printed')).toHaveText('от Шевчук Валерии Ильиничны');
  await expect(row.getByTestId('app-pupil-printed')).toHaveText(`ребёнка ${auto}`);

  await row.getByTestId('app-names').click();
  const dialog = page.getByTestId('application-names');
  await expect(dialog.getByTestId('names-pupil-printed')).toContainText(auto);
  const surname = `${auto.split(' ')[0]}-Тест`;
  await dialog.getByTestId('names-pupil-surname').fill(surname);
  await dialog.getByTestId('names-pupil-save').click();
  const corrected = [surname, ...auto.split(' ').slice(1)].join(' ');
  await expect(dialog.getByTestId('names-pupil-printed')).toContainText(`Будет напечатано: ${corrected}`);
  await expect(dialog.getByTestId('names-pupil-printed')).toContainText('исправлено вручную');
  await dialog.getByTestId('application-names-close').click();
  await expect(row.getByTestId('app-pupil-printed')).toHaveText(`ребёнка ${corrected}`);
  // The server prints what the list shows (read back through the API, as the page would get it).
  expect((await rpcOk(api, 'applications.list', {}, token)).applications.find((a) => a.number === 'E2E-FORMS-1')!.pupilGenitive).toBe(
    corrected,
  );

  await row.getByTestId('app-names').click();
  await dialog.getByTestId('names-pupil-reset').click();
  await expect(dialog.getByTestId('names-pupil-printed')).toHaveText(`Будет напечатано: ${auto}`);
  await dialog.getByTestId('application-names-close').click();
  await expect(row.getByTestId('app-pupil-printed')).toHaveText(`ребёнка ${auto}`);
});

test('the application form shows how an existing guardian and the pupil will be printed', async () => {
  await page.goto('/#/admin?tab=applications');
  await page.getByTestId('application-new').click();
  const form = page.getByTestId('application-form');
  await form.getByTestId('pupil-search').fill(pupilName.split(' ')[0]!);
  await form.getByTestId('pupil-hit').filter({ hasText: pupilName }).first().click();
  await form.getByTestId('guardian-option').filter({ hasText: 'Шевчук Валерия' }).getByRole('radio').check();
  await expect(form.getByTestId('preview-guardian')).toContainText('от Шевчук Валерии Ильиничны');
  await expect(form.getByTestId('preview-pupil')).toContainText('моего ребёнка (подопечного) ');
  await form.getByRole('button', { name: 'Отмена' }).click();
});

test('Школа: the full name and the genitive the documents print', async () => {
  await page.goto('/#/admin?tab=school');
  const form = page.getByTestId('school-names');
  await expect(form.getByTestId('school-full-name')).toHaveValue(/^Государственное бюджетное общеобразовательное учреждение/);
  await expect(form.getByTestId('school-genitive-preview')).toContainText(
    'Директору Государственного бюджетного общеобразовательного учреждения',
  );
  // Emptied, the preview says what documents fall back to (not saved).
  await form.getByTestId('school-full-name-genitive').fill('');
  await expect(form.getByTestId('school-genitive-preview')).toContainText(
    'Пока не заполнено, в документах будет: «Директору образовательной организации «Государственное',
  );
});
