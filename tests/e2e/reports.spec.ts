// «Отчёты» in the browser (issue 13): the demo class teacher of 5А opens the section, builds the
// report card of one pupil for the current quarter, sees the subjects table (its Russian row
// equal to the marks in the server's database, by plain SQL) and the marks-over-time chart, and
// downloads the PDF; the class list offers only the class they lead.
import Database from 'better-sqlite3';
import { expect, signIn, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(process.env.ZHURNAL_E2E_DB!, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

test('the class teacher builds a report card, sees the table and the chart, downloads the PDF', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'teacher');
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('nav-reports')).toHaveText('Отчёты');
  await expect(page.getByTestId('reports-tab-card')).toHaveText('Табель успеваемости');
  const classSelect = page.getByTestId('report-class');
  await expect(classSelect.locator('option')).toHaveText(['5А']);

  // The first pupil of 5А and the current quarter's dates, as the picker set them.
  const pupil = page.getByTestId('report-pupil');
  const first = pupil.locator('option').nth(1);
  const pupilId = Number(await first.getAttribute('value'));
  await pupil.selectOption(String(pupilId));
  const from = await page.getByTestId('report-from').inputValue();
  const to = await page.getByTestId('report-to').inputValue();
  expect(from <= '2026-11-26' && '2026-11-26' <= to).toBe(true);

  await page.getByTestId('report-build').click();
  const view = page.getByTestId('report-view');
  await expect(view).toContainText('Табель успеваемости');
  await expect(view).toContainText(/учени(ка|цы) 5А класса /);
  const table = view.getByTestId('report-table');
  await expect(table).toBeVisible();
  const marks = query<{ value: string }>(
    `SELECT m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN subject s ON s.id = l.subject_id
      WHERE m.pupil_id = ? AND s.name = 'Русский язык' AND l.cancelled = 0 AND l.date BETWEEN ? AND ?
      ORDER BY l.date, l.slot, l.part, m.position, m.id`,
    pupilId,
    from,
    to,
  ).map((m) => m.value);
  expect(marks.length).toBeGreaterThan(0);
  const row = table.locator('tbody tr').filter({ has: page.locator('td', { hasText: /^Русский язык$/ }) });
  const current = (await table.locator('thead th').allTextContents()).indexOf('Текущие отметки');
  expect(current).toBeGreaterThan(0);
  await expect(row.locator('td').nth(current)).toHaveText(marks.join(' '));

  const chart = view.getByTestId('report-chart');
  await expect(chart).toHaveAttribute('data-chart', 'line');
  await expect(chart.getByTestId('chart-line').first()).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-pdf').click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^tabel-5A-${pupilId}-${from}_${to}\\.pdf$`));
  const bytes = Buffer.concat(await (await download.createReadStream()).toArray());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
