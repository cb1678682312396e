// Sections follow the roles (src-shared/permissions.ts). Signs in as admin and deputy only;
// the teacher's sections are checked in teacher.spec.ts.
import { expect, signIn, test } from './fixtures';

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
