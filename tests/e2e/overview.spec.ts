// The start-page overviews (issue 12) on a demo school of its own (other specs write marks and
// topics into the shared one, which would move the shares under this spec): the deputy sees
// this month's check, the remarks by state and the completeness table with the worst row
// first, the school's row matching plain SQL over the server's database; the director sees the
// same table, the charts (one bar per class with marks, per absence reason) and the export's state.
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, E2E_TODAY, expect, SIGN_IN_TIMEOUT, test } from './fixtures';
import { startServer, type RunningServer } from './server';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
const contexts: BrowserContext[] = [];

test.beforeAll(async () => {
  server = await startServer('demo');
});
test.afterAll(async () => {
  for (const c of contexts) await c.close();
  await server?.stop();
});

async function signInAt(browser: Browser, login: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: server.url });
  contexts.push(ctx);
  const page = await ctx.newPage();
  await page.goto('/');
  await page.getByTestId('login-input').fill(login);
  await page.getByTestId('password-input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
  return page;
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The school's topic share per month of the open year, from the tables (the footnote's definition). */
function schoolTopicByMonth(): Map<string, string> {
  const rows = query<{ month: string; held: number; topic: number }>(
    `SELECT substr(l.date, 1, 7) AS month, COUNT(*) AS held, SUM(length(trim(COALESCE(l.topic, ''))) >= 4) AS topic
       FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id JOIN school_year y ON y.id = c.year_id
      WHERE y.status = 'open' AND l.held = 1 AND l.cancelled = 0 AND l.part = 0 AND l.date BETWEEN y.starts_on AND ?
      GROUP BY month ORDER BY month`,
    E2E_TODAY,
  );
  return new Map(rows.map((r) => [r.month, `${Math.floor((r.topic / r.held) * 100 + 1e-9)} %`]));
}

const percentOf = (text: string) => (text.trim() === '—' ? Infinity : Number(text.replace(/[^\d]/g, '')));

test('the deputy sees the check, the remarks and the completeness table, worst first', async ({ browser }) => {
  const page = await signInAt(browser, 'deputy');
  const overview = page.getByTestId('overview');
  await expect(overview).toHaveAttribute('data-kind', 'deputy');
  // The overview replaces the empty «my classes» table.
  await expect(page.getByTestId('my-load')).toHaveCount(0);
  await expect(page.getByTestId('overview-check')).toContainText('Проверка этого месяца');
  for (const state of ['open', 'acknowledged', 'fixed', 'verified', 'overdue']) await expect(page.getByTestId(`remark-state-${state}`)).toBeVisible();

  const table = page.getByTestId('completeness-table');
  await expect(table).toBeVisible();
  // The school's row: one cell per month, each the share plain SQL finds.
  const expected = schoolTopicByMonth();
  expect(expected.size).toBeGreaterThan(1);
  await expect(page.getByTestId('completeness-school').locator('td')).toHaveText([...expected.values()]);
  // One row per class with held lessons; the first row holds the lowest cell of them all.
  const classes = query<{ n: number }>(
    `SELECT COUNT(DISTINCT g.class_id) AS n FROM lesson l JOIN study_group g ON g.id = l.group_id
      WHERE l.held = 1 AND l.cancelled = 0 AND l.part = 0 AND l.date <= ?`,
    E2E_TODAY,
  )[0]!.n;
  const rows = page.getByTestId('completeness-row');
  await expect(rows).toHaveCount(classes);
  const lowest = async (i: number) => Math.min(...(await rows.nth(i).locator('td').allTextContents()).map(percentOf));
  const first = await lowest(0);
  for (let i = 1; i < classes; i++) expect(first).toBeLessThanOrEqual(await lowest(i));

  // Other metrics and the teachers' view.
  await page.getByTestId('metric-homework').click();
  await expect(page.getByTestId('metric-homework')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('by-teacher').click();
  await expect(table.locator('thead th').first()).toHaveText('Учитель');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('completeness-footnote')).toContainText('Посещаемость отмечена');
});

test('the director sees the school, the charts and the export state', async ({ browser }) => {
  const page = await signInAt(browser, 'director');
  await expect(page.getByTestId('overview')).toHaveAttribute('data-kind', 'director');
  await expect(page.getByTestId('completeness-school').locator('td')).toHaveText([...schoolTopicByMonth().values()]);
  await expect(page.getByTestId('chart-weeks').locator('polyline')).toHaveCount(4);
  const withMarks = query<{ n: number }>(
    `SELECT COUNT(DISTINCT g.class_id) AS n FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN study_group g ON g.id = l.group_id
      WHERE l.cancelled = 0 AND l.date <= ?`,
    E2E_TODAY,
  )[0]!.n;
  await expect(page.getByTestId('marks-bar')).toHaveCount(withMarks);
  const reasons = query<{ reason: string }>(
    `SELECT a.reason FROM absence a JOIN lesson l ON l.id = a.lesson_id WHERE l.cancelled = 0 AND l.date <= ?
      GROUP BY a.reason ORDER BY COUNT(*) DESC, a.reason`,
    E2E_TODAY,
  );
  await expect(page.getByTestId('absence-bar')).toHaveCount(reasons.length);
  expect(await page.getByTestId('absence-bar').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))).toEqual(reasons.map((r) => r.reason));
  await expect(page.getByTestId('export-state')).toBeVisible();
});
