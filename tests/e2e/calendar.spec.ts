// Учебный год → Календарь: the deputy adds a holiday and sees it listed, and the calendar as
// main reads it holds the day. The day is a Sunday for grade 11 (no school day changes for
// any spec sharing this demo server), and the spec removes it again through the same list.
import { expect, pageToken, rpcOk, signIn, test } from './fixtures';

const NOTE = 'E2E: выходной для проверки';

test('the deputy adds a holiday in the calendar tab, sees it listed, and removes it', async ({ page, request }) => {
  await signIn(page, 'deputy');
  await page.getByTestId('nav-year').click();
  await page.getByTestId('year-tab-calendar').click();
  const tab = page.getByTestId('calendar-tab');
  await expect(tab.getByTestId('periods-1-9')).toBeVisible();
  await expect(tab.getByTestId('periods-10-11')).toBeVisible();
  // The template's public holidays are listed (4 November, for every grade).
  await expect(tab.getByTestId('calendar-day').filter({ hasText: '04.11.2026' })).toContainText('День народного единства');

  const form = tab.getByTestId('calendar-day-form');
  await form.getByTestId('day-date').fill('2027-05-30');
  await form.getByTestId('day-grade-from').selectOption('11');
  await form.getByTestId('day-grade-to').selectOption('11');
  await form.getByTestId('day-note').fill(NOTE);
  await form.getByTestId('day-submit').click();
  await expect(tab.getByTestId('calendar-notice')).toHaveText('Сохранено.');
  const row = tab.getByTestId('calendar-day').filter({ hasText: NOTE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('30.05.2027');
  await expect(row).toContainText('Выходной');

  const token = await pageToken(page);
  const cal = await rpcOk(request, 'calendar.get', {}, token);
  expect(cal.days.filter((d) => d.note === NOTE).map((d) => [d.date, d.kind, d.gradeFrom, d.gradeTo])).toEqual([
    ['2027-05-30', 'holiday', 11, 11],
  ]);

  await row.getByRole('button', { name: /Удалить/ }).click();
  await expect(tab.getByTestId('calendar-day').filter({ hasText: NOTE })).toHaveCount(0);
  expect((await rpcOk(request, 'calendar.get', {}, token)).days.some((d) => d.note === NOTE)).toBe(false);
});
