// The year rollover of the demo school (issue 11), on a server of its own (the rollover archives
// its year): the demo generated as of 2027-06-10 with every lesson of 2026/2027 held; terms
// closed and year marks set by SQL before the server starts (that is the closing part's work,
// not this spec's); the deputy makes the backup the wizard asks for and runs the five steps; a
// full package of 2027/2028 reaches the portal double. Then the server restarts on 6 September
// 2027: the deputy publishes the drafts, the teacher enters the first mark of the new year, the
// undo is closed, and the old year's journal still opens, read-only.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { createDemoDatabase } from '../../src-main/demo/create';
import { journalHref } from '../../src-renderer/journal/route';
import { arrangeYearEnd } from '../helpers/rollover-school';
import { startPortal, type Portal } from '../portal/server';
import { expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { expectSaved, RuKeyboard } from './journal-helpers';
import { startServer, type RunningServer } from './server';

test.describe.configure({ mode: 'serial' });

const PORTAL_KEY = 'e2e-rollover-portal-key';
const YEAR_END = '2027-06-10T07:00:00Z';
const FIRST_MONDAY = '2027-09-06';

let dir: string;
let dbFile: string;
let server: RunningServer | null = null;
let portal: Portal | null = null;
let page: Page;

async function open(browser: import('@playwright/test').Browser, workerInfo: import('@playwright/test').TestInfo): Promise<Page> {
  const { locale, timezoneId, viewport } = workerInfo.project.use;
  return browser.newPage({ baseURL: server!.url, locale, timezoneId, viewport });
}

test.beforeAll(async ({}, workerInfo) => {
  workerInfo.setTimeout(240_000);
  dir = mkdtempSync(join(tmpdir(), 'zhurnal-rollover-e2e-'));
  dbFile = join(dir, 'school.db');
  await createDemoDatabase(dbFile, { today: YEAR_END.slice(0, 10), now: () => new Date(YEAR_END) });
  const db = new Database(dbFile);
  arrangeYearEnd(db);
  db.close();
  portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: PORTAL_KEY });
  server = await startServer('demo', { now: YEAR_END, dbFile });
});

test.afterAll(async () => {
  await page?.close();
  await server?.stop();
  await portal?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the deputy runs the rollover wizard and the new year opens', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  page = await open(browser, testInfo);
  await signIn(page, 'deputy');
  await page.goto('/#/year?tab=rollover');
  await expect(page.getByTestId('rollover-tab')).toBeVisible();
  for (const key of ['termsClosed', 'yearMarks', 'exportDelivered'])
    await expect(page.getByTestId(`rollover-pre-${key}`)).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('rollover-pre-freshBackup')).toHaveAttribute('data-ok', 'false');
  await page.getByTestId('rollover-backup').click();
  await expect(page.getByTestId('rollover-pre-freshBackup')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });

  await page.getByTestId('rollover-next').click();
  await expect(page.getByTestId('rollover-decisions-table')).toBeVisible();
  await expect(page.getByTestId('rollover-decision').first()).toHaveValue('promoted'); // 1А, every year mark 4
  await page.getByTestId('rollover-next').click();
  await expect(page.getByTestId('rollover-class-6А')).toBeVisible();
  await page.getByTestId('rollover-next').click();
  await expect(page.getByTestId('rollover-calendar')).toContainText('2027/2028');
  await page.getByTestId('rollover-next').click();
  await expect(page.getByTestId('rollover-preview-counts')).toBeVisible();
  await expect(page.getByTestId('rollover-preview-errors')).toHaveCount(0);
  await page.getByTestId('rollover-council-number').fill('7');
  await page.getByTestId('rollover-council-date').fill('2027-06-05');
  await page.getByTestId('rollover-apply').click();
  await expect(page.getByTestId('rollover-done')).toContainText('2027/2028', { timeout: 90_000 });
  await expect(page.getByTestId('rollover-done')).toContainText('Полная выгрузка нового года поставлена в очередь');
  await expect(page.getByTestId('rollover-undo')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('rollover-done.png'), fullPage: true });
});

test("the year's archive is offered at the end, written with a progress bar, and verifies (issue 13)", async ({}, testInfo) => {
  test.setTimeout(120_000);
  await page.getByTestId('rollover-archive').click();
  await expect(page.getByTestId('archive-panel')).toBeVisible();
  await expect(page.getByTestId('archive-progress')).toBeVisible();
  await expect(page.getByTestId('archive-result')).toContainText('2026-2027', { timeout: 90_000 });
  await expect(page.getByTestId('archive-progress')).toHaveAttribute('value', '100');
  // The key's fingerprint is shown once the key exists (16 groups of 4 hex digits).
  await expect(page.getByTestId('archive-fingerprint')).toHaveText(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  const row = page.getByTestId('archive-row-2026-2027');
  await row.getByTestId('archive-verify').click();
  await expect(row.getByTestId('archive-verdict-ok')).toContainText('Подписан ключом этой школы');
  await page.screenshot({ path: testInfo.outputPath('archive-done.png'), fullPage: true });
});

test('the full package of the new year reaches the portal double', async ({ browser }, testInfo) => {
  const admin = await open(browser, testInfo);
  await signIn(admin, 'admin');
  const token = await pageToken(admin);
  await rpcOk(admin.request, 'export.configure', { url: portal!.url, token: PORTAL_KEY }, token);
  await rpcOk(admin.request, 'export.sendNow', {}, token);
  await admin.close();
  const p = new Database(join(dir, 'portal.db'), { readonly: true });
  try {
    expect(p.prepare('SELECT year FROM schools').pluck().all()).toEqual(['2027/2028']);
    // The new year's 22 classes, from the demo school's database, not from the exporter.
    const own = new Database(dbFile, { readonly: true });
    const classes = own.prepare("SELECT COUNT(*) FROM class_unit c JOIN school_year y ON y.id = c.year_id WHERE y.label = '2027/2028'").pluck().get();
    own.close();
    expect(p.prepare('SELECT COUNT(*) FROM classes').pluck().get()).toBe(classes);
  } finally {
    p.close();
  }
});

test('in the new year a teacher enters the first mark, undo closes, the old journal opens read-only', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  await page.close();
  await server!.stop();
  server = await startServer('demo', { now: `${FIRST_MONDAY}T07:00:00Z`, dbFile });
  page = await open(browser, testInfo);
  await signIn(page, 'deputy');
  const deputy = await pageToken(page);
  const info = await rpcOk(page.request, 'school.info', {}, deputy);
  expect(info.year?.label).toBe('2027/2028');
  await rpcOk(page.request, 'timetable.publishDrafts', { yearId: info.year!.id }, deputy);

  // The teacher's first Monday lesson of the new year, found in the database.
  const db = new Database(dbFile, { readonly: true });
  const slot = db
    .prepare(
      `SELECT l.group_id, l.subject_id, l.slot FROM lesson l JOIN staff_user u ON u.id = l.planned_teacher_id
         JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
        WHERE u.login = 'teacher' AND l.date = ? AND c.year_id = ? ORDER BY l.slot LIMIT 1`,
    )
    .get(FIRST_MONDAY, info.year!.id) as { group_id: number; subject_id: number; slot: number };
  const old = db
    .prepare(
      `SELECT g.id AS group_id, tl.subject_id FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
         JOIN school_year y ON y.id = c.year_id JOIN staff_user u ON u.id = tl.teacher_id WHERE y.label = '2026/2027' AND u.login = 'teacher' LIMIT 1`,
    )
    .get() as { group_id: number; subject_id: number };
  db.close();

  const teacher = await open(browser, testInfo);
  await signIn(teacher, 'teacher');
  await teacher.goto(`/${journalHref({ groupId: slot.group_id, subjectId: slot.subject_id }, { date: FIRST_MONDAY, slot: slot.slot })}`);
  await expect(teacher.getByTestId('journal-screen')).toHaveAttribute('data-access', 'write');
  await expect(teacher.getByTestId('journal-grid')).toBeFocused();
  await new RuKeyboard(teacher).enter('5');
  await expectSaved(teacher);

  await page.goto('/#/year?tab=rollover');
  await expect(page.getByTestId('rollover-undo-closed')).toBeVisible();
  await expect(page.getByTestId('rollover-undo')).toHaveCount(0);

  // The old year's journal: chosen on the start page through the year, open, read-only.
  await page.goto('/#/journal');
  await page.reload(); // the journal list is fetched once per window, before the drafts were published
  await page.getByTestId('open-journal-year').selectOption({ label: '2026/2027 (архив)' });
  await page.locator('#open-journal-select').selectOption(`${old.group_id}/${old.subject_id}`);
  await page.getByTestId('open-journal').getByRole('button').click();
  await expect(page.getByTestId('journal-screen')).toHaveAttribute('data-access', 'read');
  // The teacher who held the load reads it too, and cannot write.
  await teacher.goto(`/${journalHref({ groupId: old.group_id, subjectId: old.subject_id })}`);
  await expect(teacher.getByTestId('journal-screen')).toHaveAttribute('data-access', 'read');
  await teacher.close();
});
