// Closing a term (issue 11) on a demo school of its own (closing changes what every other spec
// may write): the deputy previews and closes the first quarter for 5А, the teacher is refused an
// edit in it, the deputy reopens one cell with a reason from the journal, and the teacher can
// edit that cell only.
import Database from 'better-sqlite3';
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/rpc/registry';
import type { Envelope } from '../../src-shared/errors';
import { DEMO_PASSWORD, expect, SIGN_IN_TIMEOUT, test } from './fixtures';
import { startServer, type RunningServer } from './server';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let teacherCtx: BrowserContext;
let deputyCtx: BrowserContext;
let teacher: Page;
let deputy: Page;
let ids: { groupId: number; subjectId: number; termId: number; classId: number };
let cell: { lessonId: number; date: string; slot: number; pupilId: number; row: number; pupil: string };

async function signInAt(browser: Browser, login: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ baseURL: server.url });
  const page = await ctx.newPage();
  await page.goto('/');
  await page.getByTestId('login-input').fill(login);
  await page.getByTestId('password-input').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
  return { ctx, page };
}

async function call<M extends MethodName>(request: APIRequestContext, page: Page, method: M, input: MethodInput<M>) {
  const token = await page.evaluate(() => window.sessionStorage.getItem('zhurnal.token'));
  const res = await request.post(`${server.url}rpc/${method}`, { data: input, headers: { Authorization: `Bearer ${token}` } });
  return (await res.json()) as Envelope<MethodOutput<M>>;
}

/** The stored marks of the chosen cell, straight from the server's database. */
function marksOf(lessonId: number, pupilId: number): string[] {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    return db
      .prepare('SELECT value FROM mark WHERE lesson_id = ? AND pupil_id = ? ORDER BY position')
      .pluck()
      .all(lessonId, pupilId) as string[];
  } finally {
    db.close();
  }
}

const cellHash = (row: number, c: { date: string; slot: number }) =>
  `/#/journal/${ids.groupId}/${ids.subjectId}/${ids.termId}?at=${c.date}.${c.slot}&row=${row + 1}`;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  server = await startServer('demo');
  ({ ctx: teacherCtx, page: teacher } = await signInAt(browser, 'teacher'));
  ({ ctx: deputyCtx, page: deputy } = await signInAt(browser, 'deputy'));
  const db = new Database(server.dbFile, { readonly: true });
  try {
    // A journal of 5А the demo teacher writes, and 5А's first quarter.
    const j = db
      .prepare(
        `SELECT tl.group_id, tl.subject_id, c.id AS class_id, t.id AS term_id FROM teaching_load tl
           JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
           JOIN staff_user u ON u.id = tl.teacher_id AND u.login = 'teacher'
           JOIN term t ON t.year_id = c.year_id AND t.kind = 'quarter' AND t.number = 1 AND c.grade BETWEEN t.grade_from AND t.grade_to
           WHERE c.grade = 5 AND c.letter = 'А' AND g.is_whole_class = 1 ORDER BY tl.subject_id LIMIT 1`,
      )
      .get() as { group_id: number; subject_id: number; class_id: number; term_id: number };
    ids = { groupId: j.group_id, subjectId: j.subject_id, termId: j.term_id, classId: j.class_id };
  } finally {
    db.close();
  }
  // The cell: the first pupil's cell in the quarter's last held lesson with a row.
  const view = await call(teacher.request, teacher, 'journal.open', { groupId: ids.groupId, subjectId: ids.subjectId, termId: ids.termId });
  if (!view.ok) throw new Error(view.error.message);
  const lesson = view.value.lessons.filter((l) => l.lessonId !== null && l.held && l.part === 0).at(-1)!;
  const row = view.value.pupils.findIndex((p) => p.periods.some((m) => m.from <= lesson.date && (m.to === null || m.to >= lesson.date)));
  const pupil = view.value.pupils[row]!;
  cell = { lessonId: lesson.lessonId!, date: lesson.date, slot: lesson.slot, pupilId: pupil.id, row, pupil: pupil.name };
});

test.afterAll(async () => {
  await teacherCtx?.close();
  await deputyCtx?.close();
  await server?.stop();
});

test('the deputy previews what is missing and closes the first quarter for 5А', async ({}, testInfo) => {
  await deputy.goto('/#/year?tab=closing');
  await expect(deputy.getByTestId('closing-tab')).toBeVisible();
  await deputy.getByTestId('closing-term').selectOption(String(ids.termId));
  await deputy.getByTestId('closing-class').selectOption(String(ids.classId));
  await deputy.getByTestId('closing-preview-btn').click();
  await expect(deputy.getByTestId('closing-preview')).toBeVisible();
  await deputy.getByTestId('closing-close').click();
  await deputy.getByTestId('closing-confirm-yes').click();
  await expect(deputy.getByTestId('closing-notice')).toHaveText('Период закрыт (классов: 1)');
  await expect(deputy.locator(`[data-class="5А"] td[data-term="${ids.termId}"]`)).toHaveAttribute('data-closed', 'true');
  // Only 5А: every other class of the quarter's grades stays open.
  await expect(deputy.locator(`td[data-term="${ids.termId}"][data-closed="true"]`)).toHaveCount(1);
  await expect(deputy.locator(`td[data-term="${ids.termId}"][data-closed="false"]`).first()).toBeVisible();
  await deputy.screenshot({ path: testInfo.outputPath('closing-tab.png'), fullPage: true });
});

test('the teacher sees the quarter closed and is refused an edit in it', async ({ request }) => {
  const before = marksOf(cell.lessonId, cell.pupilId);
  await teacher.goto(cellHash(cell.row, cell));
  await expect(teacher.getByTestId('closed-banner')).toContainText('1 четверть закрыта');
  await expect(teacher.getByTestId('journal-grid')).toBeFocused();
  await teacher.keyboard.press('5');
  await teacher.keyboard.press('Enter');
  await expect(teacher.getByTestId('toast-error').last()).toContainText('Период закрыт');
  // The server refuses it too, whatever the page does.
  const lesson = { groupId: ids.groupId, subjectId: ids.subjectId, date: cell.date, slot: cell.slot };
  const direct = await call(request, teacher, 'journal.setCell', { lesson, pupilId: cell.pupilId, marks: [], absence: 'н' });
  expect(direct.ok ? 'ok' : direct.error.code).toBe('locked');
  expect(marksOf(cell.lessonId, cell.pupilId)).toEqual(before);
});

test('the deputy reopens that one cell with a reason from the journal', async ({}, testInfo) => {
  await deputy.goto(cellHash(cell.row, cell));
  await expect(deputy.getByTestId('closed-banner')).toContainText('1 четверть закрыта');
  await deputy.getByTestId('reopen-cell').click();
  await deputy.getByTestId('reopen-reason').fill('Опечатка');
  await deputy.getByTestId('reopen-confirm').click();
  await expect(deputy.getByTestId('reopened-list')).toContainText('Причина: Опечатка');
  await deputy.screenshot({ path: testInfo.outputPath('closing-reopened.png') });
});

test('the teacher can edit that cell only', async ({ request }) => {
  await teacher.goto(cellHash(cell.row, cell));
  await teacher.reload();
  await expect(teacher.getByTestId('reopened-list')).toContainText('Опечатка');
  await expect(teacher.getByTestId('journal-grid')).toBeFocused();
  // A value the cell does not hold yet, so the save is visible in the database.
  const want = marksOf(cell.lessonId, cell.pupilId).join('/') === '3' ? '4' : '3';
  await teacher.keyboard.press(want);
  await teacher.keyboard.press('Enter');
  await expect(teacher.getByTestId('save-status')).toHaveText('Сохранено');
  await expect.poll(() => marksOf(cell.lessonId, cell.pupilId)).toEqual([want]);
  // Enter moved the focus to the next pupil: that cell stays closed.
  await teacher.keyboard.press('4');
  await teacher.keyboard.press('Enter');
  await expect(teacher.getByTestId('toast-error').last()).toContainText('Период закрыт');
  const other = await call(teacher.request, teacher, 'journal.open', {
    groupId: ids.groupId,
    subjectId: ids.subjectId,
    termId: ids.termId,
  });
  if (!other.ok) throw new Error(other.error.message);
  const next = other.value.pupils.find(
    (p, i) => i > cell.row && p.periods.some((m) => m.from <= cell.date && (m.to === null || m.to >= cell.date)),
  );
  if (next) {
    const lesson = { groupId: ids.groupId, subjectId: ids.subjectId, date: cell.date, slot: cell.slot };
    const r = await call(request, teacher, 'journal.setCell', { lesson, pupilId: next.id, marks: [], absence: 'н' });
    expect(r.ok ? 'ok' : r.error.code).toBe('locked');
  }
});
