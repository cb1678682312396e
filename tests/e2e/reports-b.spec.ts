// «Итоги успеваемости», «Посещаемость» and «Отчёт учителя» in the browser (issue 13): the demo
// deputy builds the whole school's results for the current quarter (a row per class of the
// quarter's grades, by plain SQL), 5А's attendance (its total equal to plain SQL) and a teacher's report.
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

test('the deputy builds class results, attendance and a teacher report', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'deputy');
  await page.getByTestId('nav-reports').click();

  await page.getByTestId('reports-tab-results').click();
  await page.getByTestId('report-school').check();
  const termId = Number(await page.getByTestId('report-term').inputValue());
  expect(termId).toBeGreaterThan(0);
  await page.getByTestId('report-build').click();
  const view = page.getByTestId('report-view');
  await expect(view).toContainText('Итоги успеваемости');
  await expect(view).toContainText('Все классы школы');
  const classes = query<{ name: string }>(
    `SELECT c.grade || c.letter AS name FROM class_unit c JOIN term t ON t.year_id = c.year_id AND c.grade BETWEEN t.grade_from AND t.grade_to
      WHERE t.id = ? ORDER BY c.grade, c.letter`,
    termId,
  ).map((c) => c.name);
  const first = view.getByTestId('report-table').first();
  await expect(first.locator('tbody tr td:first-child')).toHaveText(classes);

  await page.getByTestId('reports-tab-attendance').click();
  await page.getByTestId('report-class').selectOption({ label: '5А' });
  await page.getByTestId('report-build').click();
  await expect(view).toContainText('Посещаемость');
  await expect(view).toContainText('5А класс');
  await expect(view.getByTestId('report-table').first().locator('tfoot th').first()).toHaveText('Итого');

  await page.getByTestId('reports-tab-teacher').click();
  await expect(page.getByTestId('report-teacher').locator('option').first()).not.toHaveText('');
  await page.getByTestId('report-build').click();
  await expect(view).toContainText('Отчёт учителя');
  await expect(view).toContainText('Нагрузка и проведённые уроки');
});
