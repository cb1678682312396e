// The teacher's side of the monthly check (issue 12), on a demo school of its own (remarks and
// a check change what other specs' teachers see on their start page): the deputy issues two
// remarks on a lesson of the demo teacher's 5А journal through the check service; the teacher
// sees them on the start page, acknowledges one, follows its link into the journal, finds the
// markers on the lesson header, the cell and in the lesson panel, marks the lesson «без
// домашнего задания», and answers «Исправлено» with a reply. The database is read directly.
import Database from 'better-sqlite3';
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';
import type { Envelope } from '../../src-shared/errors';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/rpc/registry';
import { DEMO_PASSWORD, E2E_TODAY, expect, SIGN_IN_TIMEOUT, test } from './fixtures';
import { startServer, type RunningServer } from './server';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let teacherCtx: BrowserContext;
let deputyCtx: BrowserContext;
let teacher: Page;
let deputy: Page;
let place: { groupId: number; subjectId: number; lessonId: number; date: string; slot: number; pupilId: number; pupil: string };
let lessonRemark: number;
let cellRemark: number;

const LESSON_TEXT = 'Не записана тема урока: внесите её';
const CELL_TEXT = 'Отметка и пропуск в одной клетке';

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

async function call<M extends MethodName>(
  request: APIRequestContext,
  page: Page,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const token = await page.evaluate(() => window.sessionStorage.getItem('zhurnal.token'));
  const res = await request.post(`${server.url}rpc/${method}`, { data: input, headers: { Authorization: `Bearer ${token}` } });
  const env = (await res.json()) as Envelope<MethodOutput<M>>;
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
  return env.value;
}

/** Plain SQL on the server's database file (read-only), independent of the code under test. */
function sql<T>(query: string, ...params: unknown[]): T {
  const db = new Database(server.dbFile, { readonly: true });
  try {
    return db.prepare(query).get(...params) as T;
  } finally {
    db.close();
  }
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  server = await startServer('demo');
  ({ ctx: teacherCtx, page: teacher } = await signInAt(browser, 'teacher'));
  ({ ctx: deputyCtx, page: deputy } = await signInAt(browser, 'deputy'));
  const j = sql<{ group_id: number; subject_id: number; teacher_id: number }>(
    `SELECT tl.group_id, tl.subject_id, tl.teacher_id FROM teaching_load tl
       JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
       JOIN staff_user u ON u.id = tl.teacher_id AND u.login = 'teacher'
       WHERE c.grade = 5 AND c.letter = 'А' AND g.is_whole_class = 1 ORDER BY tl.subject_id LIMIT 1`,
  );
  // The current quarter's last held lesson before today, and the first pupil on it (row 1:
  // on screen when the journal opens at that column).
  const view = await call(teacher.request, teacher, 'journal.open', { groupId: j.group_id, subjectId: j.subject_id });
  const lesson = view.lessons.filter((l) => l.lessonId !== null && l.held && l.part === 0 && l.date < E2E_TODAY).at(-1)!;
  const pupil = view.pupils.find((p) => p.periods.some((m) => m.from <= lesson.date && (m.to === null || m.to >= lesson.date)))!;
  expect(view.pupils.indexOf(pupil)).toBe(0);
  place = {
    groupId: j.group_id,
    subjectId: j.subject_id,
    lessonId: lesson.lessonId!,
    date: lesson.date,
    slot: lesson.slot,
    pupilId: pupil.id,
    pupil: pupil.name,
  };

  // The deputy: a check of November, two remarks of her own on that lesson, issued.
  const { checkId } = await call(deputy.request, deputy, 'checks.run', { from: '2026-11-01', to: E2E_TODAY, scope: {} });
  const base = {
    checkId,
    teacherId: j.teacher_id,
    groupId: j.group_id,
    subjectId: j.subject_id,
    lessonId: place.lessonId,
    deadline: '2026-12-03',
  };
  lessonRemark = (await call(deputy.request, deputy, 'remarks.add', { ...base, text: LESSON_TEXT })).remarkId;
  cellRemark = (await call(deputy.request, deputy, 'remarks.add', { ...base, pupilId: place.pupilId, text: CELL_TEXT })).remarkId;
  await call(deputy.request, deputy, 'checks.issue', { checkId });
});

test.afterAll(async () => {
  await teacherCtx?.close();
  await deputyCtx?.close();
  await server?.stop();
});

const remarkRow = (id: number) => teacher.getByTestId(`remark-${id}`);
const stateOf = (id: number) =>
  sql<{ state: string; fixed_by: string | null; reply: string | null }>('SELECT state, fixed_by, reply FROM remark WHERE id = ?', id);

test('the teacher sees the issued remarks on the start page and acknowledges one', async () => {
  // Signed in before the remarks were issued: the start page reads them when it is loaded.
  await teacher.reload();
  const section = teacher.getByTestId('my-remarks');
  await expect(section).toBeVisible();
  await expect(section.locator('[data-testid^="remark-"][data-state]')).toHaveCount(2);
  const row = remarkRow(lessonRemark);
  await expect(row.getByTestId('remark-text')).toHaveText(LESSON_TEXT);
  await expect(row.getByTestId('remark-state')).toHaveText('Новое');
  // 26.11 → 03.12: seven calendar days left.
  await expect(row.getByTestId('remark-deadline')).toContainText('3 декабря 2026');
  await expect(row.getByTestId('remark-deadline')).toContainText('осталось дней: 7');
  await row.getByTestId('remark-ack').click();
  await expect(row).toHaveAttribute('data-state', 'acknowledged');
  await expect(row.getByTestId('remark-ack')).toHaveCount(0);
  expect(stateOf(lessonRemark).state).toBe('acknowledged');
  expect(stateOf(cellRemark).state).toBe('open');
});

test('the link opens the journal at the lesson, with markers on the header, the cell and in the panel', async () => {
  await remarkRow(lessonRemark).getByTestId('remark-open').click();
  await expect(teacher).toHaveURL(new RegExp(`#/journal/${place.groupId}/${place.subjectId}(/\\d+)?\\?at=${place.date}\\.${place.slot}`));
  const head = teacher.locator(`[data-testid="lesson-head"][data-date="${place.date}"][data-slot="${place.slot}"]`);
  await expect(head.getByTestId('remark-marker')).toHaveAttribute('title', LESSON_TEXT);
  const cell = teacher.locator(`[data-testid="journal-row"][data-pupil="${place.pupil}"] [data-testid="remark-marker"]`);
  await expect(cell).toHaveCount(1);
  await expect(cell).toHaveAttribute('title', new RegExp(CELL_TEXT));
  // Only these two: no other header or cell carries a marker.
  await expect(teacher.getByTestId('journal-grid').getByTestId('remark-marker')).toHaveCount(2);
  await expect(teacher.getByTestId('journal-remarks')).toContainText('Замечания по этому журналу: 2');
  const panel = teacher.getByTestId('lesson-remarks');
  await expect(panel).toContainText(LESSON_TEXT);
  await expect(panel).toContainText(`${place.pupil}: ${CELL_TEXT}`);
});

test('the teacher marks the lesson «без домашнего задания» in the panel (the homework cleared first)', async () => {
  const box = teacher.getByTestId('no-homework-checkbox');
  const hw = teacher.getByTestId('homework-input');
  if ((await hw.inputValue()) !== '') {
    await expect(box).toBeDisabled();
    await hw.fill('');
    await hw.blur();
  }
  await expect(box).toBeEnabled();
  await box.check();
  await expect(box).toBeChecked();
  await expect
    .poll(() =>
      sql<{ homework: string | null; no_homework: number }>('SELECT homework, no_homework FROM lesson WHERE id = ?', place.lessonId),
    )
    .toEqual({ homework: null, no_homework: 1 });
  // Audited as a lesson edit.
  const audit = sql<{ after: string }>(
    "SELECT after FROM audit_event WHERE entity = 'lesson' AND entity_id = ? AND action = 'journal.lesson' ORDER BY seq DESC LIMIT 1",
    String(place.lessonId),
  );
  expect(JSON.parse(audit.after)).toMatchObject({ noHomework: true });
  // Homework written afterwards means there is homework: the host takes the flag off.
  await hw.fill('Упр. 1');
  await hw.blur();
  await expect(box).not.toBeChecked();
  await expect
    .poll(() =>
      sql<{ homework: string | null; no_homework: number }>('SELECT homework, no_homework FROM lesson WHERE id = ?', place.lessonId),
    )
    .toEqual({ homework: 'Упр. 1', no_homework: 0 });
});

test('«Исправлено» with a reply: the remark is fixed by the teacher, and its marker leaves the journal', async () => {
  await teacher.goto('/#/journal');
  const row = remarkRow(lessonRemark);
  await row.getByTestId('remark-fixed').click();
  await row.getByTestId('remark-reply').fill('Тема внесена');
  await row.getByTestId('remark-fixed-save').click();
  await expect(row).toHaveAttribute('data-state', 'fixed');
  await expect(row).toContainText('Ваш ответ: Тема внесена');
  await expect(row.getByTestId('remark-fixed')).toHaveCount(0);
  expect(stateOf(lessonRemark)).toEqual({ state: 'fixed', fixed_by: 'teacher', reply: 'Тема внесена' });

  await teacher.goto(`/#/journal/${place.groupId}/${place.subjectId}?at=${place.date}.${place.slot}`);
  await expect(teacher.getByTestId('journal-remarks')).toContainText('Замечания по этому журналу: 1');
  await expect(teacher.getByTestId('journal-grid').getByTestId('remark-marker')).toHaveCount(1);
  const head = teacher.locator(`[data-testid="lesson-head"][data-date="${place.date}"][data-slot="${place.slot}"]`);
  await expect(head.getByTestId('remark-marker')).toHaveCount(0);
});
