// Выгрузка and Проверка дневника (issue 5) against the portal test double, started here.
// admin configures the portal in the UI and presses «Полная выгрузка»; teacher2 (a plain
// teacher no other spec edits as) checks November 2026 and sees every journal ✓, then edits
// a lesson topic and sees that lesson differ; finally the portal goes away and admin's
// «Отправить сейчас» shows the error with the package left in the queue, and the director
// reads the queue without buttons or settings. Three sign-ins; the full upload of the demo
// school itself takes ~10 s on a loaded machine. The export settings live in the shared demo
// school: no other spec reads them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { startPortal, type Portal } from '../portal/server';
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const PORTAL_KEY = 'e2e-portal-key-2026';
const MONTH = '2026-11';

let dir: string;
let portal: Portal | null = null;
let admin: Page;
let teacher: Page;

const shot = (page: Page, testInfo: TestInfo, name: string) =>
  page.screenshot({ path: testInfo.outputPath(`export-${name}.png`), fullPage: true });

test.beforeAll(async ({ browser }, workerInfo) => {
  dir = mkdtempSync(join(tmpdir(), 'zhurnal-portal-e2e-'));
  portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: PORTAL_KEY });
  const { locale, timezoneId, viewport } = workerInfo.project.use;
  const open = () => browser.newPage({ baseURL: process.env.ZHURNAL_E2E_URL, locale, timezoneId, viewport });
  // Separate contexts: two sessions side by side.
  [admin, teacher] = await Promise.all([open(), open()]);
});

test.afterAll(async () => {
  await admin?.close();
  await teacher?.close();
  await portal?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('admin configures the portal and the full upload is delivered', async ({}, testInfo) => {
  await signIn(admin, 'admin');
  await admin.getByTestId('nav-export').click();
  await expect(admin.getByTestId('export-page')).toBeVisible();
  await expect(admin.getByTestId('export-not-configured')).toBeVisible();
  await expect(admin.getByTestId('export-token-state')).toHaveText('ключ не задан');

  await admin.getByTestId('export-url').fill(portal!.url);
  await admin.getByTestId('export-token').fill(PORTAL_KEY);
  await expect(admin.getByTestId('export-token')).toHaveAttribute('type', 'password');
  await admin.getByTestId('export-save').click();
  await expect(admin.getByTestId('export-saved')).toBeVisible();
  await expect(admin.getByTestId('export-token-state')).toHaveText('ключ задан');
  await expect(admin.getByTestId('export-token')).toHaveValue(''); // write-only: never shown back
  await expect(admin.getByTestId('export-not-configured')).toHaveCount(0);

  await admin.getByTestId('export-run-full').click();
  await expect(admin.getByTestId('export-result')).toContainText('доставлен', { timeout: 30_000 });
  await expect(admin.getByTestId('export-run-full')).toBeEnabled();
  const full = admin.locator('[data-testid="export-row"][data-kind="full"]').first();
  await expect(full).toHaveAttribute('data-state', 'done');
  await expect(full.getByTestId('export-state')).toHaveText('доставлен');
  await expect(admin.getByTestId('export-last-full')).not.toHaveText('ещё не было');
  await expect(admin.getByTestId('export-late')).toHaveCount(0);
  await shot(admin, testInfo, 'done');
});

test('teacher2 sees every journal of November ✓, then an edited lesson differs', async ({}, testInfo) => {
  await signIn(teacher, 'teacher2');
  await teacher.getByTestId('nav-control').click();
  await expect(teacher.getByTestId('reconcile-page')).toBeVisible();
  await expect(teacher.getByTestId('recon-month')).toHaveValue(MONTH); // the school's current month
  await teacher.getByTestId('recon-month').fill(MONTH);
  const rows = teacher.getByTestId('recon-row');
  await expect(rows.first()).toBeVisible();
  await expect(teacher.getByTestId('recon-loading')).toHaveCount(0);
  const n = await rows.count();
  expect(n).toBeGreaterThan(0);
  await expect(teacher.locator('[data-testid="recon-row"][data-same="true"]')).toHaveCount(n);
  await expect(teacher.getByTestId('recon-diff')).toHaveCount(0);
  await expect(teacher.getByTestId('recon-summary')).toContainText(`с расхождениями: 0`);
  await shot(teacher, testInfo, 'reconcile-same');

  // A topic changed after the upload: the portal's lesson now differs from the journal's.
  const token = await pageToken(teacher);
  const res = await rpcOk(teacher.request, 'export.reconcile', { month: MONTH }, token);
  const j = res.journals[0]!;
  const view = await rpcOk(teacher.request, 'journal.open', { groupId: j.groupId, subjectId: j.subjectId }, token);
  const lesson = view.lessons.find((l) => l.lessonId !== null && l.editable && l.date.startsWith(MONTH) && l.date <= E2E_TODAY)!;
  expect(lesson, 'an editable November lesson').toBeTruthy();
  await rpcOk(
    teacher.request,
    'journal.setLesson',
    {
      lesson: { groupId: j.groupId, subjectId: j.subjectId, date: lesson.date, slot: lesson.slot },
      topic: `${lesson.topic ?? 'Тема'} (уточнено)`,
    },
    token,
  );

  await teacher.getByTestId('recon-group').selectOption(String(j.groupId));
  await teacher.getByTestId('recon-subject').selectOption(String(j.subjectId));
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-same', 'false');
  await rows.first().getByTestId('recon-toggle').click();
  const differs = teacher.getByTestId('recon-lesson');
  await expect(differs).toHaveCount(1);
  await expect(differs.first()).toHaveAttribute('data-problem', 'different');
  await expect(differs.first()).toContainText('отличается');
  await expect(differs.first()).toContainText(lesson.date.split('-').reverse().join('.'));
  await shot(teacher, testInfo, 'reconcile-diff');
});

test('with the portal gone, «Отправить сейчас» shows the error and the package waits', async ({}, testInfo) => {
  await portal!.close();
  portal = null;
  await admin.getByTestId('export-send-now').click();
  await expect(admin.getByTestId('export-result-error')).toContainText('Портал недоступен', { timeout: 30_000 });
  const waiting = admin.locator('[data-testid="export-row"][data-kind="incremental"]').first();
  await expect(waiting).toHaveAttribute('data-state', 'queued');
  await expect(waiting.getByTestId('export-last-error')).not.toBeEmpty();
  await shot(admin, testInfo, 'unreachable');
});

test('the director reads the queue but has no buttons and no settings', async () => {
  await teacher.getByTestId('logout-button').click();
  await signIn(teacher, 'director');
  await teacher.getByTestId('nav-export').click();
  await expect(teacher.locator('[data-testid="export-row"][data-kind="full"]').first()).toHaveAttribute('data-state', 'done');
  await expect(teacher.getByTestId('export-read-only')).toContainText('http://127.0.0.1:');
  await expect(teacher.getByTestId('export-run-full')).toHaveCount(0);
  await expect(teacher.getByTestId('export-send-now')).toHaveCount(0);
  await expect(teacher.getByTestId('export-settings-form')).toHaveCount(0);
});
