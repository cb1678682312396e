// Резервные копии as `admin`, on a demo school of its own (a restore would pull the shared
// one from under the other specs): a copy now, a change after it, the restore dialog with
// its typed confirmation, the sign-in screen after it, and the old state back.
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import type { Envelope } from '../../src-shared/errors';
import { DEMO_PASSWORD, SIGN_IN_TIMEOUT } from './fixtures';
import { startServer, type RunningServer } from './server';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer('demo');
});
test.afterAll(async () => {
  await server?.stop();
});

async function signInAdmin(page: Page) {
  await page.getByTestId('login-input').fill('admin');
  await page.getByTestId('password-input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
}

/** Plain SQL on the server's own file, independent of the app. */
function sql<T>(query: string): T {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    return db.prepare(query).pluck().get() as T;
  } finally {
    db.close();
  }
}

test('the administrator restores a backup after a typed confirmation, and everybody signs in again', async ({ page }) => {
  await page.goto(server.url);
  await signInAdmin(page);
  await page.goto(`${server.url}#/admin?tab=backups`);
  await expect(page.getByTestId('backups-tab')).toBeVisible();

  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-notice')).toContainText('сделана и проверена');
  const rows = page.getByTestId('backup-list').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  const name = (await rows.first().locator('code').textContent())!;
  expect(name).toMatch(/^zhurnal-.*-manual\.db$/);
  const originalName = sql<string>('SELECT name FROM school');

  // A change made after the copy, which the restore must undo.
  const token = await page.evaluate(() => window.sessionStorage.getItem('zhurnal.token'));
  const changed = await page.request.post(`${server.url}rpc/school.updateSettings`, {
    data: { name: 'Школа после копии' },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(((await changed.json()) as Envelope<unknown>).ok).toBe(true);
  expect(sql<string>('SELECT name FROM school')).toBe('Школа после копии');

  await page.getByTestId(`backup-restore-${name}`).click();
  const dialog = page.getByTestId('restore-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('будет потеряно');
  await expect(dialog).toContainText('копию текущего состояния');
  await expect(dialog).toContainText('должны будут войти снова');
  const confirm = dialog.getByTestId('restore-confirm');
  await expect(confirm).toBeDisabled();
  await dialog.getByTestId('restore-confirm-input').fill('восстанов');
  await expect(confirm).toBeDisabled();
  await dialog.getByTestId('restore-confirm-input').fill('восстановить');
  await expect(confirm).toBeEnabled();
  await confirm.click();

  const done = page.getByTestId('restore-done');
  await expect(done).toContainText(`из копии ${name}`);
  await expect(done).toContainText('before-restore');
  expect(sql<string>('SELECT name FROM school')).toBe(originalName);
  expect(sql<string>('SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1')).toBe('backup.restore');

  await done.getByTestId('restore-sign-in').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
  await signInAdmin(page);
  await page.goto(`${server.url}#/admin?tab=backups`);
  await expect(page.getByTestId('backup-list').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('backup-list')).toContainText('перед восстановлением');
  await expect(page.getByTestId('backup-events')).toContainText('база восстановлена');
});
