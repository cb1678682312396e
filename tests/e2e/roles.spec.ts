// Sections follow the roles (src-shared/permissions.ts). Signs in as admin and deputy only;
// the teacher's sections are checked in teacher.spec.ts.
import { expect, pageToken, rpcOk, signIn, test } from './fixtures';

test('the administrator sees administration, export and control, not the journal', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.getByTestId('user-roles')).toHaveText('администратор');
  await expect(page.getByTestId('nav-admin')).toHaveText('Администрирование');
  await expect(page.getByTestId('nav-export')).toHaveText('Выгрузка');
  await expect(page.getByTestId('nav-control')).toHaveText('Контроль');
  await expect(page.getByTestId('nav-journal')).toHaveCount(0);
  // The first allowed section opens.
  await expect(page.getByTestId('page-admin').getByRole('heading', { name: 'Администрирование' })).toBeVisible();

  await page.getByTestId('nav-export').click();
  await expect(page.getByTestId('page-export').getByRole('heading', { name: 'Выгрузка' })).toBeVisible();
  await expect(page.getByTestId('nav-export')).toHaveAttribute('aria-current', 'page');

  // A section the roles do not allow is not reachable by typing its address either.
  await page.evaluate(() => (window.location.hash = '#/journal'));
  await expect(page.getByTestId('page-admin')).toBeVisible();
  await expect(page).toHaveURL(/#\/admin$/);
});

test('the deputy sees the journal, staff and control, not export', async ({ page }) => {
  await signIn(page, 'deputy');
  await expect(page.getByTestId('user-roles')).toContainText('заместитель директора');
  await expect(page.getByTestId('nav-journal')).toBeVisible();
  await expect(page.getByTestId('nav-admin')).toBeVisible();
  await expect(page.getByTestId('nav-control')).toBeVisible();
  await expect(page.getByTestId('nav-export')).toHaveCount(0);
  await expect(page.getByTestId('page-journal')).toBeVisible();
  // Her start page is the overview (issue 12), not an empty «my classes» table.
  await expect(page.getByTestId('overview')).toBeVisible();
  await expect(page.getByTestId('my-load')).toHaveCount(0);
});

test('the deputy narrows the list of every journal by class, teacher and subject', async ({ page }) => {
  await signIn(page, 'deputy');
  // The expected counts come from the server's list, the filtering under test is the page's.
  const { journals } = await rpcOk(page.request, 'journal.list', {}, await pageToken(page));
  const select = page.getByTestId('open-journal-select');
  await expect(select).toHaveAttribute('data-count', String(journals.length));
  const j = journals.find((x) => x.teacherName && journals.filter((y) => y.className === x.className).length > 1)!;
  await page.getByTestId('open-journal-class').selectOption(j.className);
  const inClass = journals.filter((x) => x.className === j.className);
  await expect(select).toHaveAttribute('data-count', String(inClass.length));
  // The teacher filter offers only the teachers of that class.
  const teachers = [...new Set(inClass.map((x) => x.teacherName).filter(Boolean))];
  await expect(page.getByTestId('open-journal-teacher').locator('option')).toHaveCount(teachers.length + 1);
  await page.getByTestId('open-journal-teacher').selectOption(j.teacherName!);
  await page.getByTestId('open-journal-subject').selectOption(j.subjectName);
  const left = inClass.filter((x) => x.teacherName === j.teacherName && x.subjectName === j.subjectName);
  await expect(select).toHaveAttribute('data-count', String(left.length));
  await page.getByTestId('open-journal').getByRole('button', { name: 'Открыть' }).click();
  await expect(page).toHaveURL(new RegExp(`#/journal/${left[0]!.groupId}/${left[0]!.subjectId}`));
  // Back on the start page the reset brings every journal back.
  await page.goBack();
  await page.getByTestId('open-journal-class').selectOption(j.className);
  await page.getByTestId('open-journal-reset').click();
  await expect(select).toHaveAttribute('data-count', String(journals.length));
});

test('in a journal the deputy narrows the journal picker the same way; the open journal stays in it', async ({ page }) => {
  await signIn(page, 'deputy');
  const { journals } = await rpcOk(page.request, 'journal.list', {}, await pageToken(page));
  const first = journals[0]!;
  await page.evaluate((h) => (window.location.hash = h), `#/journal/${first.groupId}/${first.subjectId}`);
  const picker = page.getByTestId('journal-picker');
  await expect(picker.locator('option')).toHaveCount(journals.length);
  // Another class: its journals, and the open one kept on top.
  const other = journals.find((x) => x.className !== first.className)!;
  await page.getByTestId('journal-filter-class').selectOption(other.className);
  const inClass = journals.filter((x) => x.className === other.className);
  await expect(picker.locator('option')).toHaveCount(inClass.length + 1);
  await expect(picker).toHaveValue(`${first.groupId}/${first.subjectId}`);
  // Still the same journal: the grid may have added the focused place (?at=…) a second after settling.
  await expect(page).toHaveURL(new RegExp(`#/journal/${first.groupId}/${first.subjectId}(\\?.*)?$`));
  // Choosing one of them opens it.
  await picker.focus();
  await picker.selectOption(`${other.groupId}/${other.subjectId}`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/journal/${other.groupId}/${other.subjectId}`));
  await expect(page.getByTestId('journal-title')).toHaveText(`${other.groupName} · ${other.subjectName}`);
});
