// The login screen: demo banner, language switch, wrong passwords and the account lockout.
// Uses director (one wrong password) and teacher2 (locked out): no other spec signs in as them.
import { expect, rpc, SIGN_IN_TIMEOUT, test } from './fixtures';

test('the login page shows the demo banner and switches language', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { name: 'Вход в журнал' })).toBeVisible();
  const banner = page.getByTestId('demo-banner');
  await expect(banner.getByRole('heading', { name: 'Демо-школа' })).toBeVisible();
  for (const login of ['admin', 'deputy', 'director', 'teacher', 'teacher2'])
    await expect(banner.getByTestId(`demo-login-${login}`)).toHaveText(login);
  await page.screenshot({ path: testInfo.outputPath('login.png'), fullPage: true });

  await page.getByTestId('lang-en').click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(banner.getByRole('heading', { name: 'Demo school' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('lang-ru').click();
  await expect(page.getByRole('heading', { name: 'Вход в журнал' })).toBeVisible();
});

test('empty fields are named before anything is sent', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('login-submit').click();
  await expect(page.getByText('Заполните поле')).toHaveCount(2);
});

test('a wrong password shows the server’s Russian message', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('login-input').fill('director');
  await page.getByTestId('password-input').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Неверный логин или пароль', { timeout: SIGN_IN_TIMEOUT });
  await expect(page.getByTestId('password-input')).toHaveValue('');
  await expect(page.getByTestId('login-form')).toBeVisible();
});

test('five wrong passwords lock the account, and then even the right one is refused', async ({ page, request }) => {
  await page.goto('/');
  const error = page.getByTestId('login-error');
  // The same message comes back after each attempt: wait for the server's answer each time.
  const attempt = async (password: string) => {
    const answered = page.waitForResponse((r) => r.url().endsWith('/rpc/auth.login'));
    await page.getByTestId('password-input').fill(password);
    await page.getByTestId('login-submit').click();
    expect((await answered).status()).toBeGreaterThanOrEqual(400);
  };
  await page.getByTestId('login-input').fill('teacher2');
  for (let i = 1; i <= 4; i++) {
    await attempt(`wrong-${i}`);
    await expect(error).toHaveText('Неверный логин или пароль');
  }
  await attempt('wrong-5');
  await expect(error).toContainText('Учётная запись заблокирована');

  await attempt('demo');
  await expect(error).toContainText('Учётная запись заблокирована');
  await expect(page.getByTestId('user-name')).toHaveCount(0);

  // The server says so too, with its code, not only the page.
  const env = await rpc(request, 'auth.login', { login: 'teacher2', password: 'demo' });
  expect(env.ok).toBe(false);
  if (!env.ok) expect(env.error.code).toBe('locked');
});
