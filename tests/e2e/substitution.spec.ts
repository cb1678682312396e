// Замены (issue 11): the deputy records in «Учебный год → Замены» who replaces an absent
// teacher today; the substitute signs in, sees it under «Замены» on the start page, opens it
// (exactly that lesson's journal and term) and enters a mark. Uses demo teachers no other spec
// signs in as, in a class no other spec opens.
import type { Page } from '@playwright/test';
import { formatCell } from '../../src-shared/journal/cell';
import type { JournalView } from '../../src-shared/rpc/journal';
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { expectActive, expectSaved, openE2eDb, RuKeyboard } from './journal-helpers';

test.describe.configure({ mode: 'serial' });

interface Pick {
  groupId: number;
  subjectId: number;
  className: string;
  slot: number;
  absentId: number;
  subId: number;
  subLogin: string;
}
let pick: Pick;

test.beforeAll(() => {
  const db = openE2eDb();
  try {
    // Today's first lesson in a class from 6 to 7, taught by a plain demo teacher (t001…), whose
    // substitute is another such teacher free in that slot, with no load or class of their own there.
    const found = db
      .prepare(
        `SELECT l.group_id AS groupId, l.subject_id AS subjectId, c.grade || c.letter AS className, l.slot, l.planned_teacher_id AS absentId,
                s.id AS subId, s.login AS subLogin
           FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
           JOIN staff_user a ON a.id = l.planned_teacher_id
           JOIN staff_user s ON s.login GLOB 't[0-9][0-9][0-9]' AND s.id <> a.id AND s.disabled = 0
          WHERE l.date = ? AND l.part = 0 AND l.cancelled = 0 AND c.grade IN (6, 7) AND g.is_whole_class = 1
            AND a.login GLOB 't[0-9][0-9][0-9]' AND l.actual_teacher_id = l.planned_teacher_id
            AND NOT EXISTS (SELECT 1 FROM lesson x WHERE x.date = l.date AND x.slot = l.slot AND x.actual_teacher_id = s.id)
            AND NOT EXISTS (SELECT 1 FROM timetable_entry t WHERE t.teacher_id = s.id AND t.weekday = 4 AND t.slot = l.slot)
            AND NOT EXISTS (SELECT 1 FROM teaching_load tl WHERE tl.teacher_id = s.id AND tl.group_id = l.group_id AND tl.subject_id = l.subject_id)
            AND (c.class_teacher_id IS NULL OR c.class_teacher_id <> s.id)
            AND NOT EXISTS (SELECT 1 FROM lesson y WHERE y.actual_teacher_id = s.id AND y.planned_teacher_id <> s.id)
          ORDER BY c.grade, c.letter, l.slot, s.login LIMIT 1`,
      )
      .get(E2E_TODAY) as Pick | undefined;
    if (!found) throw new Error('the demo school has no lesson today for this scenario');
    pick = found;
    // Plain demo teachers have no password: the substitute gets the demo one («demo»).
    db.prepare("UPDATE staff_user SET password_hash = (SELECT password_hash FROM staff_user WHERE login = 'teacher') WHERE id = ?").run(pick.subId);
  } finally {
    db.close();
  }
});

async function openSubstitutions(page: Page) {
  await page.getByTestId('nav-year').click();
  await page.getByTestId('year-tab-substitutions').click();
  await page.getByTestId('subs-date').fill(E2E_TODAY);
}

test('the deputy records a substitution; the substitute opens it from the start page and enters a mark', async ({ browser }, testInfo) => {
  const deputyCtx = await browser.newContext({ baseURL: process.env.ZHURNAL_E2E_URL });
  const deputy = await deputyCtx.newPage();
  await signIn(deputy, 'deputy');
  await openSubstitutions(deputy);
  await deputy.getByTestId('subs-absent').selectOption(String(pick.absentId));
  const row = deputy.getByTestId('subs-row').filter({ hasText: pick.className }).filter({ has: deputy.locator('td:first-child', { hasText: new RegExp(`^${pick.slot}$`) }) });
  await expect(row).toHaveCount(1);
  await row.getByTestId('subs-select').selectOption(String(pick.subId));
  await expect(deputy.getByTestId('subs-note')).toHaveText('Замена сохранена.');
  await expect(row).toHaveAttribute('data-substituted', 'true');
  // What the screen shows is what the server holds.
  const day = await rpcOk(deputy.request, 'substitution.list', { date: E2E_TODAY }, await pageToken(deputy));
  const stored = day.lessons.find((l) => l.groupId === pick.groupId && l.subjectId === pick.subjectId && l.slot === pick.slot)!;
  expect(stored.actualTeacherId).toBe(pick.subId);
  await deputy.screenshot({ path: testInfo.outputPath('substitutions-tab.png') });
  await deputyCtx.close();

  const subCtx = await browser.newContext({ baseURL: process.env.ZHURNAL_E2E_URL });
  const page = await subCtx.newPage();
  await signIn(page, pick.subLogin);
  const item = page.getByTestId('my-substitutions').getByTestId('substitution-row');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText(pick.className);
  await item.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/journal/${pick.groupId}/${pick.subjectId}/${stored.termId}\\?at=${E2E_TODAY}\\.${pick.slot}`));
  await expect(page.getByTestId('journal-title')).toContainText(pick.className);
  await expectActive(page, { date: E2E_TODAY, slot: pick.slot }, 0);

  const token = await pageToken(page);
  const before = await rpcOk(page.request, 'journal.open', { groupId: pick.groupId, subjectId: pick.subjectId, termId: stored.termId! }, token);
  expect(before.access).toBe('substitute');
  const lesson = before.lessons.find((l) => l.date === E2E_TODAY && l.slot === pick.slot)!;
  expect(lesson.editable).toBe(true);
  // The first pupil enrolled today without an absence in that lesson.
  const row0 = before.pupils.findIndex(
    (p) =>
      p.periods.some((m) => m.from <= E2E_TODAY && (m.to === null || m.to >= E2E_TODAY)) &&
      !before.cells.some((c) => c.lessonId === lesson.lessonId && c.pupilId === p.id && c.absence),
  );
  for (let i = 0; i < row0; i++) await page.keyboard.press('ArrowDown');
  await new RuKeyboard(page).enter('5');
  await expectSaved(page);
  const after: JournalView = await rpcOk(page.request, 'journal.open', { groupId: pick.groupId, subjectId: pick.subjectId, termId: stored.termId! }, token);
  const cell = after.cells.find((c) => c.lessonId === lesson.lessonId && c.pupilId === before.pupils[row0]!.id)!;
  expect(formatCell(cell)).toBe('5');
  const history = await rpcOk(page.request, 'journal.history', { lessonId: lesson.lessonId!, pupilId: before.pupils[row0]!.id }, token);
  const me = await rpcOk(page.request, 'auth.me', {}, token);
  expect(history.entries[0]!.actor).toBe(me.user.shortName);
  await page.screenshot({ path: testInfo.outputPath('substitute-journal.png') });
  await subCtx.close();
});
