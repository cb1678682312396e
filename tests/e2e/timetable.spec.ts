// Расписание (issue 11): the deputy puts a lesson into an empty weekly slot of a class from a
// date in «Учебный год → Расписание», sees it in the week on that date (not before), then
// empties the slot again. A Saturday slot at the year's end: no school day, so the shared demo
// journals other specs read keep their columns.
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';

const FROM = '2027-05-22'; // a Saturday

test('the deputy changes one slot of a class from a date and takes it back', async ({ page }) => {
  await signIn(page, 'deputy');
  await page.getByTestId('nav-year').click();
  await page.getByTestId('year-tab-timetable').click();
  await page.getByTestId('tt-date').fill(E2E_TODAY);
  await expect(page.getByTestId('tt-grid')).toBeVisible();
  const groupId = Number(await page.getByTestId('tt-group').inputValue());
  const token = await pageToken(page);
  const before = await rpcOk(page.request, 'timetable.get', { date: E2E_TODAY, groupId }, token);
  expect(before.entries.length).toBeGreaterThan(0);
  // The grid shows what the server holds for the group.
  const first = before.entries[0]!;
  await expect(page.getByTestId(`tt-cell-${first.weekday}-${first.slot}`)).toContainText(first.subjectName);
  await expect(page.getByTestId('tt-cell-6-7')).toHaveText('—');

  await page.getByTestId('tt-cell-6-7').click();
  await expect(page.getByTestId('tt-editor')).toBeVisible();
  const subject = await page.getByTestId('tt-subject').locator('option').first().textContent();
  await page.getByTestId('tt-room').fill('101');
  await page.getByTestId('tt-from').fill(FROM);
  await page.getByTestId('tt-save').click();
  await expect(page.getByTestId('tt-editor')).toHaveCount(0);
  // Not in force yet on today's date…
  await expect(page.getByTestId('tt-cell-6-7')).toHaveText('—');
  // …but from its date on.
  await page.getByTestId('tt-date').fill(FROM);
  await expect(page.getByTestId('tt-cell-6-7')).toContainText(subject!);
  await expect(page.getByTestId('tt-cell-6-7')).toContainText('каб. 101');
  const on = await rpcOk(page.request, 'timetable.get', { date: FROM, groupId }, token);
  expect(on.entries.filter((e) => e.weekday === 6 && e.slot === 7)).toEqual([
    expect.objectContaining({ subjectName: subject, room: '101', validFrom: FROM, validTo: null }),
  ]);

  await page.getByTestId('tt-cell-6-7').click();
  await page.getByTestId('tt-from').fill(FROM);
  await page.getByTestId('tt-remove').click();
  await expect(page.getByTestId('tt-editor')).toHaveCount(0);
  await expect(page.getByTestId('tt-cell-6-7')).toHaveText('—');
  const after = await rpcOk(page.request, 'timetable.get', { date: FROM, groupId }, token);
  expect(after.entries.filter((e) => e.weekday === 6 && e.slot === 7)).toEqual([]);
});
