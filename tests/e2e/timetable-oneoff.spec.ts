// Разовые изменения (issue 11): in «Учебный год → Расписание» the deputy is refused cancelling
// today's lesson that holds data, adds an extra lesson in a free slot of a school day at the
// year's end (a Friday no other spec uses), sees it in the day's list, moves it one slot
// earlier and cancels it; what is left are cancelled rows in slots the class has free, which
// no journal shows. The database is read with plain SQL. The bells editor's own check is seen
// without saving, so the shared demo year keeps having no bells.
import { E2E_TODAY, expect, signIn, test } from './fixtures';
import { openE2eDb } from './journal-helpers';

const DAY = '2027-05-28'; // a Friday of the fourth quarter

interface LessonRow {
  id: number;
  origin: string;
  cancelled: number;
  planned_teacher_id: number;
}

function lessonsAt(groupId: number, date: string, slot: number): LessonRow[] {
  const db = openE2eDb();
  try {
    return db
      .prepare('SELECT id, origin, cancelled, planned_teacher_id FROM lesson WHERE group_id = ? AND date = ? AND slot = ? AND part = 0')
      .all(groupId, date, slot) as LessonRow[];
  } finally {
    db.close();
  }
}

test('the deputy adds an extra lesson, moves it and cancels it; a lesson holding data is not cancelled', async ({ page }) => {
  await signIn(page, 'deputy');
  await page.getByTestId('nav-year').click();
  await page.getByTestId('year-tab-timetable').click();
  await page.getByTestId('tt-date').fill(E2E_TODAY);
  await expect(page.getByTestId('tt-oneoff')).toBeVisible();
  const todayGroup = Number(await page.getByTestId('tt-group').inputValue());

  // Today's first lesson of the class holds a topic (the demo journal): the refusal is shown
  // and the row is still there, not cancelled.
  const first = page.locator('[data-testid^="tt-oneoff-"]').filter({ has: page.getByTestId('tt-oneoff-cancel') }).first();
  const slot = Number((await first.getAttribute('data-testid'))!.replace('tt-oneoff-', ''));
  expect(lessonsAt(todayGroup, E2E_TODAY, slot)).toEqual([expect.objectContaining({ cancelled: 0 })]);
  await first.getByTestId('tt-oneoff-cancel').click();
  await expect(page.getByTestId('tt-oneoff-error')).toContainText('Урок нельзя отменить');
  expect(lessonsAt(todayGroup, E2E_TODAY, slot)).toEqual([expect.objectContaining({ cancelled: 0 })]);

  // An extra lesson at the year's end, in the last free slot.
  await page.getByTestId('tt-date').fill(DAY);
  await expect(page.getByTestId('tt-oneoff')).toContainText('28.05.2027');
  const groupId = Number(await page.getByTestId('tt-group').inputValue());
  await page.getByTestId('tt-oneoff-add').click();
  const free = page.getByTestId('tt-extra-slot').locator('option');
  const extraSlot = Number(await free.last().getAttribute('value'));
  const movedSlot = Number(await free.nth(-2).getAttribute('value'));
  expect(lessonsAt(groupId, DAY, extraSlot)).toEqual([]);
  expect(lessonsAt(groupId, DAY, movedSlot)).toEqual([]);
  await page.getByTestId('tt-extra-slot').selectOption(String(extraSlot));
  const subject = (await page.getByTestId('tt-extra-subject').locator('option:checked').textContent())!;
  const teacherId = Number(await page.getByTestId('tt-extra-teacher').inputValue());
  await page.getByTestId('tt-extra-save').click();
  await expect(page.getByTestId('tt-oneoff-note')).toHaveText('Урок добавлен.');
  const row = page.getByTestId(`tt-oneoff-${extraSlot}`);
  await expect(row).toContainText(subject);
  expect(lessonsAt(groupId, DAY, extraSlot)).toEqual([expect.objectContaining({ origin: 'extra', cancelled: 0, planned_teacher_id: teacherId })]);

  const added = lessonsAt(groupId, DAY, extraSlot)[0]!.id;

  // Moved one slot earlier: the same lesson row, its old place kept empty by a cancelled row.
  await row.getByTestId('tt-oneoff-move').click();
  await page.getByTestId('tt-move-slot').selectOption(String(movedSlot));
  await page.getByTestId('tt-move-save').click();
  await expect(page.getByTestId('tt-oneoff-note')).toHaveText('Урок перенесён.');
  await expect(row).toHaveCount(0);
  const moved = page.getByTestId(`tt-oneoff-${movedSlot}`);
  await expect(moved).toContainText(subject);
  expect(lessonsAt(groupId, DAY, movedSlot)).toEqual([expect.objectContaining({ id: added, origin: 'moved', cancelled: 0 })]);
  expect(lessonsAt(groupId, DAY, extraSlot)).toEqual([expect.objectContaining({ cancelled: 1 })]);

  await moved.getByTestId('tt-oneoff-cancel').click();
  await expect(page.getByTestId('tt-oneoff-note')).toHaveText('Урок отменён.');
  await expect(moved).toHaveCount(0);
  expect(lessonsAt(groupId, DAY, movedSlot)).toEqual([expect.objectContaining({ id: added, cancelled: 1 })]);

  // The bells editor (the demo year has none) names the wrong field itself and sends nothing.
  await expect(page.getByTestId('tt-bells')).toContainText('Звонки на этот учебный год не заданы.');
  await page.getByTestId('tt-bell-add').click();
  await expect(page.getByTestId('tt-bell-1-startsAt')).toHaveValue('08:30');
  await page.getByTestId('tt-bell-1-endsAt').fill('7:00');
  await page.getByTestId('tt-bells-save').click();
  await expect(page.getByTestId('tt-bell-1-endsAt-error')).toHaveText('Конец урока должен быть позже начала');
  await expect(page.getByTestId('tt-bells-note')).toHaveCount(0);
});
