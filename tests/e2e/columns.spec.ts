// Control-work columns (issue 11) as a teacher uses them: add a «Контрольная работа» column to a
// lesson, enter a mark there and see it bold; change the work type of a lesson with marks and
// confirm «Применить к N оценкам?». Signs in as its own teacher («columns»), created here with
// the load of one grade-7 journal no other spec touches.
import type { Page } from '@playwright/test';
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { expectSaved, openE2eDb, RuKeyboard } from './journal-helpers';

test.describe.configure({ mode: 'serial' });

let ids: { groupId: number; subjectId: number };
let control: number;

test.beforeAll(() => {
  const db = openE2eDb();
  try {
    const j = db
      .prepare(
        `SELECT g.id AS groupId, t.subject_id AS subjectId FROM teaching_load t JOIN study_group g ON g.id = t.group_id
           JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = t.subject_id
         WHERE c.grade = 7 AND g.is_whole_class = 1 AND s.name NOT IN ('Математика', 'Русский язык') ORDER BY c.letter DESC, s.name LIMIT 1`,
      )
      .get() as { groupId: number; subjectId: number };
    ids = j;
    control = (db.prepare("SELECT id FROM work_type WHERE name = 'Контрольная работа'").get() as { id: number }).id;
    if (!db.prepare("SELECT 1 FROM staff_user WHERE login = 'columns'").get()) {
      const hash = (db.prepare("SELECT password_hash FROM staff_user WHERE login = 'teacher'").get() as { password_hash: string })
        .password_hash;
      const person = Number(
        db
          .prepare("INSERT INTO person (surname, name, patronymic, birth_date) VALUES ('Колонкина', 'Вера', 'Петровна', '1980-01-01')")
          .run().lastInsertRowid,
      );
      const staff = Number(
        db
          .prepare("INSERT INTO staff_user (person_id, login, password_hash, created_at) VALUES (?, 'columns', ?, '2026-08-20T09:00:00Z')")
          .run(person, hash).lastInsertRowid,
      );
      db.prepare("INSERT INTO staff_role (staff_id, role) VALUES (?, 'teacher')").run(staff);
      db.prepare(
        "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?, ?, ?, 2, '2026-09-01')",
      ).run(ids.groupId, ids.subjectId, staff);
    }
  } finally {
    db.close();
  }
});

/** The last held lesson up to today where the first pupil is present, and that pupil. */
async function place(page: Page, token: string) {
  const v = await rpcOk(page.request, 'journal.open', ids, token);
  const pupil = v.pupils[0]!;
  const absent = new Set(v.cells.filter((c) => c.pupilId === pupil.id && c.absence).map((c) => c.lessonId));
  const lesson = v.lessons
    .filter((l) => l.part === 0 && l.held && l.date <= E2E_TODAY && l.lessonId !== null && !absent.has(l.lessonId))
    .at(-1)!;
  return { v, pupil, lesson };
}

const head = (page: Page, date: string, slot: number) =>
  page.locator(`[data-testid="lesson-head"][data-date="${date}"][data-slot="${slot}"]`);

test('a teacher adds a control-work column, enters a mark there and sees it bold', async ({ page }, testInfo) => {
  await signIn(page, 'columns');
  const token = await pageToken(page);
  const { v, pupil, lesson } = await place(page, token);
  await page.goto(`/#/journal/${ids.groupId}/${ids.subjectId}?at=${lesson.date}.${lesson.slot}`);
  await expect(page.getByTestId('journal-grid')).toBeFocused();
  await page.getByTestId('add-column-select').selectOption({ label: 'Контрольная работа (вес 2)' });
  const heads = head(page, lesson.date, lesson.slot);
  await expect(heads).toHaveCount(2);
  await expect(heads.nth(1).getByTestId('column-kind')).toHaveText('К/р');
  await expect(page.getByTestId('toast-info').last()).toContainText('Добавлена колонка «Контрольная работа»');

  // From the lesson's column one step right is the new column; type a mark for the first pupil.
  await heads.nth(0).click();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('column-heading')).toHaveText('Колонка урока: Контрольная работа');
  await new RuKeyboard(page).enter('5');
  await expectSaved(page);
  const col = Number(await heads.nth(1).getAttribute('aria-colindex'));
  const cell = page.locator(`[data-testid="journal-row"][data-pupil="${pupil.name}"] [role="gridcell"][aria-colindex="${col}"]`);
  await expect(cell).toHaveText('5');
  await expect(cell).toHaveClass(/\bctl\b/);
  expect(Number(await cell.evaluate((el) => getComputedStyle(el).fontWeight))).toBeGreaterThanOrEqual(600);
  await page.screenshot({ path: testInfo.outputPath('columns-control-mark.png') });

  // What the server holds: a part-1 row of the lesson, the mark with the control type and weight 2.
  const after = await rpcOk(page.request, 'journal.open', ids, token);
  const column = after.lessons.find((l) => l.date === lesson.date && l.slot === lesson.slot && l.part === 1)!;
  expect(column.workTypeId).toBe(control);
  expect(after.cells.find((c) => c.lessonId === column.lessonId && c.pupilId === pupil.id)?.marks).toEqual([
    { value: '5', workTypeId: control, weight: 2 },
  ]);
  expect(after.lessons.length).toBe(v.lessons.length + 1);
});

test('changing the work type of a lesson with marks asks, then applies it to them', async ({ page }) => {
  await signIn(page, 'columns');
  const token = await pageToken(page);
  const { v, pupil, lesson } = await place(page, token);
  // One more ordinary mark of the lesson's type, so there is at least one.
  const answer = v.workTypes.find((w) => !w.isMakeUp)!;
  const own = v.cells.find((c) => c.lessonId === lesson.lessonId && c.pupilId === pupil.id);
  await rpcOk(
    page.request,
    'journal.setCell',
    {
      lesson: { ...ids, date: lesson.date, slot: lesson.slot },
      pupilId: pupil.id,
      marks: [{ value: '4', workTypeId: answer.id }],
      absence: null,
      ...(own ? { version: own.version } : {}),
    },
    token,
  );
  const before = await rpcOk(page.request, 'journal.open', ids, token);
  const from = lesson.workTypeId ?? answer.id;
  const n = before.cells
    .filter((c) => c.lessonId === lesson.lessonId)
    .flatMap((c) => c.marks)
    .filter((m) => m.workTypeId === from).length;
  expect(n).toBeGreaterThan(0);

  await page.goto(`/#/journal/${ids.groupId}/${ids.subjectId}?at=${lesson.date}.${lesson.slot}`);
  await expect(page.getByTestId('journal-grid')).toBeFocused();
  await page.getByTestId('worktype-select').selectOption({ label: 'Контрольная работа (вес 2)' });
  await page.getByTestId('worktype-select').press('Enter');
  const ask = page.getByTestId('retype-ask');
  await expect(ask).toContainText(`Применить вид работы «Контрольная работа» к ${n} `);
  await page.getByTestId('retype-apply').click();
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('toast-info').last()).toContainText(`Вид работы применён к оценкам: ${n}`);

  const after = await rpcOk(page.request, 'journal.open', ids, token);
  const l = after.lessons.find((x) => x.lessonId === lesson.lessonId)!;
  expect(l.workTypeId).toBe(control);
  const retyped = after.cells
    .filter((c) => c.lessonId === lesson.lessonId)
    .flatMap((c) => c.marks)
    .filter((m) => m.workTypeId === control);
  expect(retyped.length).toBeGreaterThanOrEqual(n);
  expect(retyped.every((m) => m.weight === 2)).toBe(true);
  // Bold in the grid, as every control work.
  const col = Number(await head(page, lesson.date, lesson.slot).first().getAttribute('aria-colindex'));
  const cell = page.locator(`[data-testid="journal-row"][data-pupil="${pupil.name}"] [role="gridcell"][aria-colindex="${col}"]`);
  await expect(cell).toHaveText('4');
  await expect(cell).toHaveClass(/\bctl\b/);
});
