// A real school's first start: no default passwords, the first-run form creates the
// administrator; a reset password forces a change before anything else.
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { SIGN_IN_TIMEOUT } from './fixtures';
import { startServer, type RunningServer } from './server';

let server: RunningServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await startServer('empty');
});

test.afterAll(async () => {
  await server?.stop();
});

const ADMIN = { login: 'petrova', password: 'zima-2026-okno' };

test('first run asks for the administrator, then signs in', async ({ page }) => {
  await page.goto(server.url);
  const form = page.getByTestId('setup-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('login-form')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);

  // Checked in the form before anything is sent.
  await page.getByTestId('setup-submit').click();
  await expect(form.getByText('Заполните поле').first()).toBeVisible();

  await form.getByLabel('Фамилия').fill('Петрова');
  await form.getByLabel('Имя', { exact: true }).fill('Анна');
  await form.getByLabel('Отчество (если есть)').fill('Сергеевна');
  await form.getByLabel('Логин администратора').fill(ADMIN.login);
  await form.getByLabel('Пароль', { exact: true }).fill('short');
  await form.getByLabel('Пароль ещё раз').fill('other');
  await page.getByTestId('setup-submit').click();
  await expect(form.getByText('Пароль не короче 8 символов')).toBeVisible();
  await expect(form.getByText('Пароли не совпадают')).toBeVisible();

  await form.getByLabel('Пароль', { exact: true }).fill(ADMIN.password);
  await form.getByLabel('Пароль ещё раз').fill(ADMIN.password);
  await page.getByTestId('setup-submit').click();

  // Two slow password operations (hash, then sign-in).
  await expect(page.getByTestId('user-name')).toHaveText('Петрова А. С.', { timeout: SIGN_IN_TIMEOUT });
  await expect(page.getByTestId('user-roles')).toHaveText('администратор');
  await expect(page.getByTestId('nav-admin')).toBeVisible();

  // Once there is an administrator, the login screen is the ordinary one.
  await page.getByTestId('logout-button').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
  await expect(page.getByTestId('setup-form')).toHaveCount(0);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
});

test('a reset password must be changed before the journal opens', async ({ page }) => {
  // Arrange what an administrator's reset will do (staff management is a later issue).
  const db = new Database(server.dbFile);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare('UPDATE staff_user SET must_change_password = 1 WHERE login = ?').run(ADMIN.login);
  } finally {
    db.close();
  }

  await page.goto(server.url);
  await page.getByTestId('login-input').fill(ADMIN.login);
  await page.getByTestId('password-input').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();

  const form = page.getByTestId('change-password-form');
  await expect(form).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
  await expect(page.getByTestId('nav')).toHaveCount(0);
  await form.getByLabel('Текущий пароль').fill(ADMIN.password);
  await form.getByLabel('Новый пароль', { exact: true }).fill('vesna-2027-dver');
  await form.getByLabel('Новый пароль ещё раз').fill('vesna-2027-dver');
  await form.getByRole('button', { name: 'Сменить пароль' }).click();

  await expect(page.getByTestId('nav-admin')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
  await expect(page.getByTestId('change-password-form')).toHaveCount(0);
});
