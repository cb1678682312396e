// Выгрузка and Проверка дневника (issue 5) against the portal test double, started here.
// admin configures the portal in the UI and presses «Полная выгрузка»; teacher2 (a plain
// teacher no other spec edits as) checks November 2026 and sees every journal ✓, then edits
// a lesson topic and sees that lesson differ; a key typed in the Russian layout is refused
// with a message that says so; a package the portal refuses shows red with the portal's
// reason (never a success box) and is replaced by a full package; the portal goes away and
// admin's «Отправить сейчас» shows the error with the package left in the queue; the director,
// on a workstation set to another time zone, reads the queue (times on the school's clock)
// without buttons or settings. Three sign-ins; the full upload of the demo
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
  // Inside the lesson: what differs and both values (issue 12), not only «отличается».
  const topic = teacher.locator('[data-testid="recon-cell"][data-field="topic"]');
  await expect(topic).toHaveCount(1);
  await expect(topic.getByTestId('recon-cell-who')).toHaveText('Тема урока');
  await expect(topic.getByTestId('recon-cell-ours')).toHaveText(`${lesson.topic ?? 'Тема'} (уточнено)`);
  await expect(topic.getByTestId('recon-cell-theirs')).toHaveText(lesson.topic ?? 'пусто');
  await shot(teacher, testInfo, 'reconcile-diff');
});

test('a key typed in the Russian layout is refused when saved, and the old key stays', async () => {
  await admin.getByTestId('export-token').fill('у2у-зщкефд-лун-2026'); // "e2e-portal-key-2026" in the Russian layout
  await admin.getByTestId('export-save').click();
  await expect(admin.getByTestId('export-settings-error')).toContainText('русской раскладке');
  await expect(admin.getByTestId('export-saved')).toHaveCount(0);
  await expect(admin.getByTestId('export-token-state')).toHaveText('ключ задан');
  await admin.getByTestId('export-token').fill('');
});

test('a package the portal refuses shows red with the portal’s reason, and a full package replaces it', async ({}, testInfo) => {
  portal!.setFaults({ reset: true, refuse: 1 });
  // teacher2's edit above is the change the daily package carries.
  await admin.getByTestId('export-send-now').click();
  const result = admin.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-tone', 'bad', { timeout: 30_000 });
  await expect(admin.getByTestId('export-result-error')).toContainText('Портал отклонил пакет (422');
  await expect(admin.getByTestId('export-result-error')).toContainText('полная выгрузка');
  await expect(result).not.toContainText('доставлен на портал');
  const refused = admin.locator('[data-testid="export-row"][data-kind="incremental"]').first();
  await expect(refused).toHaveAttribute('data-state', 'refused');
  await expect(refused.getByTestId('export-last-error')).toContainText('(422');
  await expect(admin.locator('[data-testid="export-row"]').first()).toHaveAttribute('data-kind', 'full');
  await expect(admin.locator('[data-testid="export-row"]').first()).toHaveAttribute('data-state', 'done');
  await shot(admin, testInfo, 'refused');
});

test('with the portal gone, «Отправить сейчас» shows the error and the package waits', async ({}, testInfo) => {
  // Something new to send: another topic edit by teacher2.
  const token = await pageToken(teacher);
  const res = await rpcOk(teacher.request, 'export.reconcile', { month: MONTH }, token);
  const j = res.journals[0]!;
  const view = await rpcOk(teacher.request, 'journal.open', { groupId: j.groupId, subjectId: j.subjectId }, token);
  const lesson = view.lessons.find((l) => l.lessonId !== null && l.editable && l.date.startsWith(MONTH) && l.date <= E2E_TODAY)!;
  await rpcOk(
    teacher.request,
    'journal.setLesson',
    { lesson: { groupId: j.groupId, subjectId: j.subjectId, date: lesson.date, slot: lesson.slot }, topic: 'Повторение пройденного' },
    token,
  );
  await portal!.close();
  portal = null;
  await admin.getByTestId('export-send-now').click();
  await expect(admin.getByTestId('export-result-error')).toContainText('Нет связи с порталом', { timeout: 30_000 });
  await expect(admin.getByTestId('export-result-error')).toContainText('Проверьте подключение');
  await expect(admin.getByTestId('export-result')).toHaveAttribute('data-tone', 'bad');
  const waiting = admin.locator('[data-testid="export-row"][data-kind="incremental"]').first();
  await expect(waiting).toHaveAttribute('data-state', 'queued');
  await expect(waiting.getByTestId('export-last-error')).not.toBeEmpty();
  await shot(admin, testInfo, 'unreachable');
});

test('the director, on a workstation in another time zone, reads the queue on the school’s clock, without buttons', async ({
  browser,
}, workerInfo) => {
  await teacher.getByTestId('logout-button').click();
  // Vladivostok is 7 hours ahead of Moscow: a time shown in the workstation's zone would differ.
  const { locale, viewport } = workerInfo.project.use;
  const director = await browser.newPage({ baseURL: process.env.ZHURNAL_E2E_URL, locale, viewport, timezoneId: 'Asia/Vladivostok' });
  try {
    await signIn(director, 'director');
    await director.getByTestId('nav-export').click();
    await expect(director.locator('[data-testid="export-row"][data-kind="full"]').first()).toHaveAttribute('data-state', 'done');
    const status = await rpcOk(director.request, 'export.status', {}, await pageToken(director));
    // Moscow is UTC+3 all year: the expected text written out from the instant by hand.
    const moscow = new Date(Date.parse(status.lastFullDone!) + 3 * 3600_000).toISOString();
    const expected = `${moscow.slice(8, 10)}.${moscow.slice(5, 7)}.${moscow.slice(0, 4)}, ${moscow.slice(11, 16)}`;
    await expect(director.getByTestId('export-last-full')).toHaveText(expected);
    await expect(director.getByTestId('export-read-only')).toContainText('http://127.0.0.1:');
    await expect(director.getByTestId('export-run-full')).toHaveCount(0);
    await expect(director.getByTestId('export-send-now')).toHaveCount(0);
    await expect(director.getByTestId('export-settings-form')).toHaveCount(0);
  } finally {
    await director.close();
  }
});
