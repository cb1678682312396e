// The journal screen as `teacher` uses it (issue 3): one sign-in, one page, the tests in order.
// After opening the journal from the start page everything is done with the keyboard; the only
// exception is the homework file, set on the file input (a test cannot drive the OS chooser).
//
// Arranged in the database before the page opens (tests/e2e/journal-helpers.ts): today's lesson
// of 5А Русский язык is turned back into an unfilled timetable slot, because the demo school
// generates every lesson up to today and the spec must fill one from nothing.
import { formatAverage, weightedAverage } from '../../src-shared/journal/average';
import { formatCell } from '../../src-shared/journal/cell';
import { addDays } from '../../src-shared/dates';
import type { JournalView } from '../../src-shared/rpc/journal';
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { cellText, clearLesson, expectActive, expectSaved, goToCell, journalIds, openE2eDb, RuKeyboard } from './journal-helpers';
import type { BrowserContext, Page } from '@playwright/test';

test.describe.configure({ mode: 'serial' });

let ctx: BrowserContext;
let page: Page;
let kb: RuKeyboard;
let token: string;
let rus5: { groupId: number; subjectId: number };
let math5: { groupId: number; subjectId: number };
let rus8: { groupId: number; subjectId: number };
let todaySlot: number;

const open = (ids: { groupId: number; subjectId: number }) => rpcOk(page.request, 'journal.open', ids, token);
const lessonOn = (v: JournalView, date: string, slot?: number) =>
  v.lessons.find((l) => l.date === date && (slot === undefined || l.slot === slot))!;
const cellOf = (v: JournalView, lessonId: number | null, pupilId: number) => {
  const c = v.cells.find((x) => x.lessonId === lessonId && x.pupilId === pupilId);
  return c ? formatCell(c) : '';
};
const memberOn = (p: JournalView['pupils'][number], date: string) =>
  p.periods.some((m) => m.from <= date && (m.to === null || m.to >= date));
const toast = () => page.getByTestId('toast-error').last();
const info = () => page.getByTestId('toast-info').last();

test.beforeAll(async ({ browser }) => {
  const db = openE2eDb();
  try {
    rus5 = journalIds(db, '5А', 'Русский язык');
    math5 = journalIds(db, '5А', 'Математика');
    rus8 = journalIds(db, '8А', 'Русский язык');
    todaySlot = clearLesson(db, rus5, E2E_TODAY);
  } finally {
    db.close();
  }
  ctx = await browser.newContext({ baseURL: process.env.ZHURNAL_E2E_URL });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  page = await ctx.newPage();
  kb = new RuKeyboard(page);
  await signIn(page, 'teacher');
  token = await pageToken(page);
});

test.afterAll(async () => {
  await ctx?.close();
});

test('fills today’s lesson with the keyboard alone — topic, homework, file, ten marks, three absences — and sees it after a reload', async ({}, testInfo) => {
  const today = E2E_TODAY;
  const slot = todaySlot;
  // Opening: the load row on the start page (the last mouse action of this spec).
  const row5 = page.getByTestId('load-row').filter({ has: page.locator('td:first-child', { hasText: /^5А$/ }) });
  await row5.filter({ hasText: 'Русский язык' }).click();
  await expect(page).toHaveURL(new RegExp(`#/journal/${rus5.groupId}/${rus5.subjectId}`));
  await expect(page.getByTestId('journal-title')).toHaveText('5А · Русский язык');
  // Focus is in the grid, on today's lesson, which is still only a timetable slot.
  await expectActive(page, { date: today, slot }, 0);
  const head = page.locator(`[data-testid="lesson-head"][data-date="${today}"][data-slot="${slot}"]`);
  await expect(head).toHaveClass(/\btoday\b/);
  await expect(head).toHaveClass(/\bplanned\b/);

  const before = await open(rus5);
  expect(lessonOn(before, today, slot).lessonId).toBeNull();

  // Lesson details: F6 to the topic, Enter to the homework, Enter saves it and returns.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('topic-input')).toBeFocused();
  await page.keyboard.type('Глагол как часть речи');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('homework-input')).toBeFocused();
  await page.keyboard.type('Упр. 312, правило на с. 98');
  await page.getByTestId('file-input').setInputFiles({
    name: 'упражнение-312.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Упражнение 312: спишите, вставляя пропущенные буквы.\n'),
  });
  await expect(page.getByTestId('file-item')).toContainText('упражнение-312.txt');
  await page.getByTestId('homework-input').focus(); // setInputFiles may move focus; the keyboard continues from the homework
  await page.keyboard.press('Enter');
  await expectActive(page, { date: today, slot }, 0);
  await expect(head).not.toHaveClass(/\bplanned\b/);

  // Ten marks and three absences with reasons down the column, Enter after each.
  const values = ['5', '4', '3', '5/4', '2', '4', '5', '3', '4', '5', 'б', 'у', 'п'];
  const filled: { name: string; id: number; value: string }[] = [];
  let row = 0;
  for (const value of values) {
    while (!memberOn(before.pupils[row]!, today)) {
      await page.keyboard.press('ArrowDown');
      row++;
    }
    await kb.enter(value);
    filled.push({ name: before.pupils[row]!.name, id: before.pupils[row]!.id, value });
    row++;
  }
  await expectSaved(page);
  for (const f of filled) expect(await cellText(page, f.name, today, slot)).toBe(f.value);
  await page.screenshot({ path: testInfo.outputPath('journal-teacher.png') });

  // The live average is the shared weighted average of what the server now holds.
  const after = await open(rus5);
  const first = filled[0]!;
  const firstMarks = after.cells.filter((c) => c.pupilId === first.id).flatMap((c) => c.marks);
  await expect(page.locator(`[data-testid="journal-row"][data-pupil="${first.name}"] [data-testid="avg"]`)).toHaveText(
    formatAverage(weightedAverage(firstMarks)),
  );

  // Reload: the same journal at the same lesson, everything still there.
  await page.waitForTimeout(1100); // the address remembers the place a moment after focus settles
  await page.reload();
  await expect(page.getByTestId('journal-grid')).toBeFocused();
  for (const f of filled) expect(await cellText(page, f.name, today, slot)).toBe(f.value);
  await expect(page.getByTestId('topic-input')).toHaveValue('Глагол как часть речи');
  await expect(page.getByTestId('homework-input')).toHaveValue('Упр. 312, правило на с. 98');
  await expect(page.getByTestId('file-item')).toContainText('упражнение-312.txt');

  // And the server holds it, as written by the teacher.
  const saved = await open(rus5);
  const lesson = lessonOn(saved, today, slot);
  expect(lesson).toMatchObject({ topic: 'Глагол как часть речи', homework: 'Упр. 312, правило на с. 98', held: true });
  expect(lesson.files.map((f) => f.name)).toEqual(['упражнение-312.txt']);
  for (const f of filled) expect(cellOf(saved, lesson.lessonId, f.id)).toBe(f.value);
  const file = await rpcOk(page.request, 'journal.getFile', { fileId: lesson.files[0]!.id }, token);
  expect(Buffer.from(file.data, 'base64').toString()).toContain('Упражнение 312');
});

test('records a substitution from the lesson panel and marks the column', async ({}, testInfo) => {
  // The lesson before today's: one step left, F6, Tab to the teacher, the next one, Enter.
  await page.keyboard.press('ArrowLeft');
  const v = await open(rus5);
  const idx = v.lessons.findIndex((l) => l.date === E2E_TODAY && l.slot === todaySlot) - 1;
  const target = v.lessons[idx]!;
  await expectActive(page, target);
  await page.keyboard.press('F6');
  for (let i = 0; i < 12 && !(await page.getByTestId('teacher-select').evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(page.getByTestId('teacher-select')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // The tag names the substitute, as the header's tooltip does (readers see it there too).
  await expect(page.getByTestId('substitution-tag')).toHaveText(/^замена: \S/);
  const head = page.locator(`[data-testid="lesson-head"][data-date="${target.date}"][data-slot="${target.slot}"]`);
  await expect(head).toHaveAttribute('data-substituted', 'true');
  await expect(page.getByTestId('planned-teacher')).toContainText('Ерёмина Н. В.');
  await page.screenshot({ path: testInfo.outputPath('journal-panel-substitution.png') });
  await page.keyboard.press('Escape');
  await expectActive(page, target);

  const lesson = lessonOn(await open(rus5), target.date, target.slot);
  expect(lesson.actualTeacherId).not.toBe(lesson.plannedTeacherId);
  expect(lesson.plannedTeacherId).toBe(target.plannedTeacherId);
  const teachers = (await rpcOk(page.request, 'journal.teachers', {}, token)).teachers;
  const name = teachers.find((x) => x.id === lesson.actualTeacherId)!.name;
  expect(lesson.actualTeacherName).toBe(name);
  await expect(page.getByTestId('substitution-tag')).toHaveText(`замена: ${name}`);
  expect(await head.getAttribute('title')).toContain(`замена: ${name}`);
  // The teacher still teaches the class: the substituted lesson stays theirs to fill.
  expect(lesson.editable).toBe(true);
  await page.keyboard.press('ArrowRight');
});

test('Ctrl+Z undoes the last edit by sending the previous cell back', async () => {
  const v = await open(rus5);
  await goToCell(
    page,
    v.lessons.findIndex((l) => l.date === E2E_TODAY && l.slot === todaySlot),
  );
  await expectActive(page, { date: E2E_TODAY, slot: todaySlot }, 0);
  const p = v.pupils[0]!;
  const was = cellOf(v, lessonOn(v, E2E_TODAY, todaySlot).lessonId, p.id);
  await kb.enter('2');
  await expectSaved(page);
  expect(await cellText(page, p.name, E2E_TODAY, todaySlot)).toBe('2');
  await page.keyboard.press('Control+z');
  await expectSaved(page);
  await expectActive(page, { date: E2E_TODAY, slot: todaySlot }, 0);
  expect(await cellText(page, p.name, E2E_TODAY, todaySlot)).toBe(was);
  const now = await open(rus5);
  expect(cellOf(now, lessonOn(now, E2E_TODAY, todaySlot).lessonId, p.id)).toBe(was);
});

test('the rules show at once: no marks on future lessons, an absent pupil’s mark is make-up work, a refusal rolls back', async () => {
  const v = await open(rus5);
  const todayIdx = v.lessons.findIndex((l) => l.date === E2E_TODAY && l.slot === todaySlot);

  // A future lesson: marks are refused before anything is sent, the topic may be written ahead.
  await goToCell(page, todayIdx + 1);
  const next = v.lessons[todayIdx + 1]!;
  expect(next.date > E2E_TODAY).toBe(true);
  await kb.type('5');
  await expect(toast()).toHaveText(/Нельзя ставить отметки и пропуски на будущие уроки/);
  await expect(page.getByTestId('cell-input')).toHaveCount(0);
  await page.keyboard.press('F6');
  await page.keyboard.type('Повторение: глагол');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expectActive(page, next);
  await expect.poll(async () => lessonOn(await open(rus5), next.date, next.slot).topic).toBe('Повторение: глагол');

  // An absent pupil (б) gets a mark: it is recorded as make-up work and shown with its corner.
  const absent = v.pupils.find((p) => cellOf(v, lessonOn(v, E2E_TODAY, todaySlot).lessonId, p.id) === 'б')!;
  await goToCell(page, todayIdx, v.pupils.indexOf(absent));
  await kb.enter('б 4');
  await expect(info()).toHaveText(/Ученик отсутствовал: отметка записана с видом работы «Отработка»/);
  await expectSaved(page);
  const makeUp = v.workTypes.find((w) => w.isMakeUp)!;
  const absentCell = page.locator(`[data-testid="journal-row"][data-pupil="${absent.name}"] .jc.today`);
  await expect(absentCell).toHaveClass(/\bmk\b/);
  const now = await open(rus5);
  const cell = now.cells.find((c) => c.lessonId === lessonOn(now, E2E_TODAY, todaySlot).lessonId && c.pupilId === absent.id)!;
  expect(cell).toMatchObject({ absence: 'б', marks: [{ value: '4', workTypeId: makeUp.id }] });

  // Main refuses (another workstation marked an earlier lesson as not held): the cell rolls back.
  const past = v.lessons[todayIdx - 2]!;
  const pupil = v.pupils[0]!;
  const was = cellOf(v, past.lessonId, pupil.id);
  const db = openE2eDb();
  try {
    db.prepare('UPDATE lesson SET held = 0 WHERE id = ?').run(past.lessonId);
    await goToCell(page, todayIdx - 2);
    await expectActive(page, past, 0);
    await kb.enter(was === '3' ? '4' : '3');
    await expect(toast()).toHaveText(/Урок отмечен как не проведённый/);
    await expect(page.getByTestId('save-status')).toHaveText('Изменение не принято');
    await expect.poll(() => cellText(page, pupil.name, past.date, past.slot)).toBe(was);
    await expect(page.locator(`[data-testid="journal-row"][data-pupil="${pupil.name}"] .jc.refused`)).toHaveCount(1);
  } finally {
    db.prepare('UPDATE lesson SET held = 1 WHERE id = ?').run(past.lessonId);
    db.close();
  }
});

test('a column pasted from a spreadsheet is written in one go, and Ctrl+Z takes it back', async () => {
  const v = await open(rus5);
  const todayIdx = v.lessons.findIndex((l) => l.date === E2E_TODAY && l.slot === todaySlot);
  const col = v.lessons[todayIdx - 3]!;
  const pupils = v.pupils.slice(0, 5);
  expect(pupils.every((p) => memberOn(p, col.date))).toBe(true);
  const was = pupils.map((p) => cellOf(v, col.lessonId, p.id));
  const pasted = ['5', '4', 'н', '3/5', '2'];
  await goToCell(page, todayIdx - 3);
  await expectActive(page, col, 0);
  // What a spreadsheet puts on the clipboard for a column: values and a trailing newline.
  await page.evaluate((text) => navigator.clipboard.writeText(text), `${pasted.join('\r\n')}\r\n`);
  await page.keyboard.press('Control+v');
  await expect(info()).toHaveText(/Вставлено клеток: 5/);
  await expectSaved(page);
  for (const [i, p] of pupils.entries()) expect(await cellText(page, p.name, col.date, col.slot)).toBe(pasted[i]);
  const now = await open(rus5);
  expect(pupils.map((p) => cellOf(now, col.lessonId, p.id))).toEqual(pasted);

  await page.keyboard.press('Control+z');
  await expectSaved(page);
  const undone = await open(rus5);
  expect(pupils.map((p) => cellOf(undone, col.lessonId, p.id))).toEqual(was);
  for (const [i, p] of pupils.entries()) expect(await cellText(page, p.name, col.date, col.slot)).toBe(was[i]);
});

test('the term mark: Enter confirms the suggestion, a typed one overrides it', async () => {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowRight');
  await expectActive(page, 'term', 0);
  const v = await open(rus5);
  const p = v.pupils[0]!;
  const termCell = page.locator(`[data-testid="journal-row"][data-pupil="${p.name}"] [data-testid="term-cell"]`);
  const suggested = (await termCell.locator('[data-suggested]').textContent())!;
  expect(suggested).toMatch(/^[1-5]$/);
  await page.keyboard.press('Enter');
  await expect(termCell.locator('[data-confirmed]')).toHaveText(suggested);
  await expectSaved(page);
  expect((await open(rus5)).termMarks.find((t) => t.pupilId === p.id)).toMatchObject({ value: suggested, suggested });

  await page.keyboard.press('ArrowUp');
  const override = suggested === '5' ? '4' : '5';
  await kb.enter(override);
  await expectSaved(page);
  await expect(termCell.locator('[data-confirmed]')).toHaveText(`${override}*`);
  expect((await open(rus5)).termMarks.find((t) => t.pupilId === p.id)).toMatchObject({ value: override, suggested });

  // Alt+H on the term mark: the confirmation and the override, newest first.
  await page.keyboard.press('ArrowUp');
  await expectActive(page, 'term', 0);
  await page.keyboard.press('Alt+h');
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog.getByRole('heading')).toContainText(`${p.name}, итоговая отметка`);
  const entries = dialog.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.first()).toContainText('Ерёмина Н. В.');
  await expect(entries.first()).toContainText(`${suggested} → ${override} (вместо предложенной ${suggested})`);
  await expect(entries.last()).toContainText(`— → ${suggested}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('journal-grid')).toBeFocused();
});

test('Alt+H shows the cell’s history: who, when, old → new', async ({}, testInfo) => {
  const v = await open(rus5);
  await goToCell(
    page,
    v.lessons.findIndex((l) => l.date === E2E_TODAY && l.slot === todaySlot),
  );
  await expectActive(page, { date: E2E_TODAY, slot: todaySlot }, 0);
  await page.keyboard.press('Alt+h');
  const dialog = page.getByTestId('history-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toContainText(v.pupils[0]!.name);
  const entries = dialog.getByTestId('history-entry');
  await expect(entries).toHaveCount(3); // 5, then 2, then 5 again (the undo)
  await expect(entries.first()).toContainText('Ерёмина Н. В.');
  await expect(entries.first()).toContainText('2 → 5');
  await expect(entries.nth(1)).toContainText('5 → 2');
  await expect(entries.last()).toContainText('— → 5');
  await expect(entries.first()).toContainText('26.11.2026');
  await page.screenshot({ path: testInfo.outputPath('journal-history.png') });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('journal-grid')).toBeFocused();
});

test('a pupil who left and came back: a lesson between the stays is greyed and refused before sending', async () => {
  const v = await open(rus5);
  const todayIdx = v.lessons.findIndex((l) => l.date === E2E_TODAY && l.slot === todaySlot);
  const col = todayIdx - 3;
  const gap = v.lessons[col]!;
  const row = v.pupils.findIndex((p) => p.periods.length === 1 && p.from < gap.date && p.to === null);
  const pupil = v.pupils[row]!;
  // The nearest columns on other days: one in each stay, both still editable.
  const before = v.lessons.findLastIndex((l) => l.date < gap.date);
  const after = v.lessons.findIndex((l) => l.date > gap.date);
  const db = openE2eDb();
  const member = db
    .prepare('SELECT id FROM group_member WHERE pupil_id = ? AND group_id = ? AND to_date IS NULL')
    .get(pupil.id, rus5.groupId) as { id: number };
  let back = 0;
  try {
    // Out for exactly the day of that lesson (another workstation, or the roster import, did it).
    db.prepare('UPDATE group_member SET to_date = ? WHERE id = ?').run(addDays(gap.date, -1), member.id);
    back = Number(
      db
        .prepare('INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?, ?, ?)')
        .run(pupil.id, rus5.groupId, addDays(gap.date, 1)).lastInsertRowid,
    );
    await page.reload();
    await expect(page.getByTestId('journal-grid')).toBeFocused();
    expect((await open(rus5)).pupils[row]!.periods).toHaveLength(2);
    await goToCell(page, col, row);
    await expectActive(page, gap, row);
    await expect(page.locator(`#jc-${row}-${col}`)).toHaveClass(/\boff\b/);
    await expect(page.locator(`#jc-${row}-${before}`)).not.toHaveClass(/\boff\b/);
    await expect(page.locator(`#jc-${row}-${after}`)).not.toHaveClass(/\boff\b/);
    await kb.type('5');
    await expect(toast()).toHaveText(/Ученик не числится в группе на дату урока/);
    await expect(page.getByTestId('cell-input')).toHaveCount(0);
  } finally {
    db.prepare('DELETE FROM group_member WHERE id = ?').run(back);
    db.prepare('UPDATE group_member SET to_date = NULL WHERE id = ?').run(member.id);
    db.close();
  }
  await page.reload();
  await expect(page.getByTestId('journal-grid')).toBeFocused();
});

test('another subject of the own class opens read-only: nothing can be edited', async ({}, testInfo) => {
  const picker = page.getByTestId('journal-picker');
  await picker.focus();
  await picker.selectOption(`${math5.groupId}/${math5.subjectId}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('journal-title')).toHaveText('5А · Математика');
  await expect(page.getByTestId('access-tag')).toHaveText('только просмотр');
  await expect(page.getByTestId('journal-grid')).toBeFocused();
  const before = await open(math5);
  expect(before.access).toBe('read');

  await kb.type('5');
  await expect(toast()).toHaveText(/Журнал открыт только для просмотра/);
  await expect(page.getByTestId('cell-input')).toHaveCount(0);
  await page.keyboard.press('Delete');
  // The lesson panel shows text, not fields; F6 reaches it and Escape comes back.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('lesson-panel')).toBeFocused();
  await expect(page.getByTestId('topic-text')).toBeVisible();
  for (const id of ['topic-input', 'homework-input', 'teacher-select', 'worktype-select', 'attach-button', 'held-checkbox'])
    await expect(page.getByTestId(id).and(page.locator(':enabled'))).toHaveCount(0);
  const holder = (await rpcOk(page.request, 'journal.list', {}, token)).journals.find(
    (j) => j.groupId === math5.groupId && j.subjectId === math5.subjectId,
  )!.teacherName!;
  await expect(page.getByTestId('teacher-static')).toHaveText(holder);
  await page.screenshot({ path: testInfo.outputPath('journal-read-only-class-teacher.png') });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('journal-grid')).toBeFocused();
  expect((await open(math5)).cells).toEqual(before.cells);
});

test('another class’s journal is refused with a clear message', async () => {
  await page.goto(`/#/journal/${rus8.groupId}/${rus8.subjectId}`);
  const denied = page.getByTestId('journal-denied');
  await expect(denied).toBeVisible();
  await expect(denied.getByRole('heading')).toHaveText('Журнал недоступен');
  await expect(denied).toContainText('Этот журнал вам недоступен');
  await expect(page.getByTestId('journal-grid')).toHaveCount(0);
});

test('a topic naming a pupil and homework with a phone number are saved with a warning naming what was found', async ({}, testInfo) => {
  // A boy of 5А with an -ов surname; his dative made here by the plain rule, not by the app.
  const db = openE2eDb();
  let surname: string;
  try {
    surname = db
      .prepare(
        `SELECT p.surname FROM person p JOIN group_member m ON m.pupil_id = p.id
         WHERE m.group_id = ? AND p.surname LIKE '%ов' AND p.patronymic LIKE '%ич' LIMIT 1`,
      )
      .pluck()
      .get(rus5.groupId) as string;
  } finally {
    db.close();
  }
  await page.goto(`/#/journal/${rus5.groupId}/${rus5.subjectId}`);
  await expect(page.getByTestId('journal-grid')).toBeFocused();
  await page.keyboard.press('F6');
  await expect(page.getByTestId('topic-input')).toBeFocused();
  await page.keyboard.type(`Работа над ошибками: ${surname}у переписать`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('homework-input')).toBeFocused();
  await page.keyboard.type('Родителям позвонить: +7 (921) 555-12-34');
  await page.keyboard.press('Enter');
  await expectSaved(page);

  // Shown at once, in Russian, under each field; the texts are saved as typed all the same.
  await expect(page.getByTestId('privacy-warning-topic')).toContainText(`Похоже на фамилию ученика: ${surname}у`);
  await expect(page.getByTestId('privacy-warning-homework')).toContainText('Похоже на номер телефона: +7 (921) 555-12-34');
  await expect(page.getByTestId('topic-input')).toHaveValue(`Работа над ошибками: ${surname}у переписать`);
  await page.screenshot({ path: testInfo.outputPath('journal-privacy-warning.png') });

  // Rephrased: the warning under the topic goes.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('topic-input')).toBeFocused();
  await page.keyboard.type('Работа над ошибками');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('privacy-warning-topic')).toHaveCount(0);
  await expect(page.getByTestId('privacy-warning-homework')).toBeVisible();
});
