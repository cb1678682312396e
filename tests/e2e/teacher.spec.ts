// The teacher's day: start page with own classes and the week, reload, lock and unlock,
// idle lock, sessions ended or locked elsewhere, sign-out. Signs in as `teacher` only.
import { E2E_TODAY, expect, pageToken, rpc, rpcOk, SIGN_IN_TIMEOUT, signIn, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('the start page shows own classes and the week’s lessons', async ({ page, request }, testInfo) => {
  await signIn(page, 'teacher');
  await expect(page.getByTestId('school-name')).not.toBeEmpty();
  await expect(page.getByTestId('user-roles')).toContainText('учитель');
  await expect(page.getByTestId('user-roles')).toContainText('классный руководитель');
  await expect(page.getByTestId('page-journal')).toBeVisible();

  // What the page shows must be what the server holds for this teacher.
  const work = await rpcOk(request, 'journal.myWork', {}, await pageToken(page));
  expect(work.today).toBe(E2E_TODAY);
  expect(work.load.length).toBeGreaterThan(0);
  // The demo's `teacher` leads 5А: its subjects are listed (own ones to teach, the rest to read).
  expect(work.load.some((l) => l.className === '5А')).toBe(true);

  const rows = page.getByTestId('load-row');
  await expect(rows).toHaveCount(work.load.length);
  await expect(page.getByRole('heading', { name: 'Мои классы и предметы' })).toBeVisible();
  for (const [i, l] of work.load.entries()) {
    const row = rows.nth(i);
    await expect(row.locator('td').first()).toHaveText(l.className);
    await expect(row).toContainText(l.subjectName);
    await expect(row).toHaveAttribute('data-access', l.access);
  }
  const fiveA = rows.filter({ has: page.locator('td:first-child', { hasText: /^5А$/ }) });
  expect(await fiveA.count()).toBeGreaterThan(0);

  const todays = work.week.filter((w) => w.date === E2E_TODAY);
  expect(todays.length).toBeGreaterThan(0);
  const today = page.getByTestId(`day-${E2E_TODAY}`);
  await expect(today).toHaveAttribute('data-today', 'true');
  await expect(today.getByRole('heading')).toContainText('Четверг, 26 ноября');
  await expect(today.getByText('сегодня')).toBeVisible();
  await expect(today.getByTestId('lesson-row')).toHaveCount(todays.length);
  await expect(today.getByTestId('lesson-row').first()).toContainText(todays[0]!.subjectName);
  await expect(page.getByTestId('lesson-row')).toHaveCount(work.week.length);
  await expect(page.getByTestId('week-range')).toHaveText('23 ноября 2026 г. — 29 ноября 2026 г.');
  await page.screenshot({ path: testInfo.outputPath('teacher-start.png'), fullPage: true });

  // Week navigation.
  await page.getByTestId('week-next').click();
  await expect(page.getByTestId('week-range')).toHaveText('30 ноября 2026 г. — 6 декабря 2026 г.');
  await expect(page.locator('[data-today]')).toHaveCount(0);
  await page.getByTestId('week-current').click();
  await expect(page.getByTestId(`day-${E2E_TODAY}`)).toHaveAttribute('data-today', 'true');

  // Role-dependent sections for a teacher.
  await expect(page.getByTestId('nav-journal')).toHaveText('Журнал');
  await expect(page.getByTestId('nav-control')).toBeVisible();
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await expect(page.getByTestId('nav-export')).toHaveCount(0);

  // A reload keeps the session (the token lives in sessionStorage).
  await page.reload();
  await expect(page.getByTestId('user-name')).toBeVisible();
  await expect(page.getByTestId('login-form')).toHaveCount(0);
});

test('the lock button hides the journal until the password is entered', async ({ page, request }) => {
  await signIn(page, 'teacher');
  const token = await pageToken(page);
  await page.getByTestId('lock-button').click();

  const lock = page.getByTestId('lock-screen');
  await expect(lock.getByRole('heading', { name: 'Сеанс заблокирован' })).toBeVisible();
  await expect(page.getByTestId('page-journal')).toHaveCount(0);
  await expect
    .poll(async () => {
      const env = await rpc(request, 'auth.me', {}, token);
      return env.ok ? 'open' : env.error.code;
    })
    .toBe('session_locked');

  await page.getByTestId('unlock-password').fill('wrong');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-error')).toHaveText('Неверный логин или пароль', { timeout: SIGN_IN_TIMEOUT });
  await expect(lock).toBeVisible();

  await page.getByTestId('unlock-password').fill('demo');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('page-journal')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
  await expect(page.getByTestId('load-row').first()).toBeVisible();
  expect((await rpc(request, 'auth.me', {}, token)).ok).toBe(true);
});

test('the session locks by itself after the idle minutes', async ({ page, request }) => {
  // A fake page clock: the idle timer is the app's own, only time is jumped.
  await page.clock.install();
  await signIn(page, 'teacher');
  const token = await pageToken(page);
  const me = await rpcOk(request, 'auth.me', {}, token);

  await page.clock.fastForward(me.idleLockMinutes * 60_000 - 30_000);
  await expect(page.getByTestId('page-journal')).toBeVisible();
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);

  await page.clock.fastForward(40_000);
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await expect(page.getByTestId('page-journal')).toHaveCount(0);
  await expect
    .poll(async () => {
      const env = await rpc(request, 'auth.me', {}, token);
      return env.ok ? 'open' : env.error.code;
    })
    .toBe('session_locked');

  await page.getByTestId('unlock-password').fill('demo');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('page-journal')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
});

test('a session locked or ended elsewhere is noticed on the next call', async ({ page, request }) => {
  await signIn(page, 'teacher');
  const token = await pageToken(page);

  await rpcOk(request, 'auth.lock', {}, token);
  await page.getByTestId('week-next').click();
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  await page.getByTestId('unlock-password').fill('demo');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('page-journal')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });

  await rpcOk(request, 'auth.logout', {}, token);
  await page.getByTestId('week-next').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
  await expect(page.getByTestId('login-error')).toHaveText('Сеанс завершён, войдите снова');
});

test('sign-out returns to the login page and ends the session', async ({ page, request }) => {
  await signIn(page, 'teacher');
  const token = await pageToken(page);
  await page.getByTestId('logout-button').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
  await expect(page.getByTestId('login-error')).toHaveCount(0);

  const env = await rpc(request, 'auth.me', {}, token);
  expect(env.ok).toBe(false);
  if (!env.ok) expect(env.error.code).toBe('unauthenticated');
  await page.reload();
  await expect(page.getByTestId('login-form')).toBeVisible();
});
