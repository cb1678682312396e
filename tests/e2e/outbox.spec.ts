// The journal page on a school network client whose host is away (issue 10): an edit answered
// `queued` keeps its value and is marked «не сохранено на сервере», the marker goes when the
// outbox has delivered it, and an edit the host refused later is listed with its reason until
// the teacher presses «Понятно». The client process's answers (journal.setCell, outbox.list,
// outbox.dismiss) are played by the test at the page's network boundary; everything else is
// the real demo server. The whole chain with real processes: tests/integration/outbox.test.ts.
import type { Route } from '@playwright/test';
import type { JournalView } from '../../src-shared/rpc/journal';
import type { OutboxEntry } from '../../src-shared/rpc/outbox';
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { cellText, goToCell, journalIds, openE2eDb, RuKeyboard } from './journal-helpers';

test('a queued edit keeps its value with a marker; a refused one is listed until seen', async ({ page }) => {
  // Two sign-ins' worth of work on a machine shared with other suites: the poll waits add up.
  test.slow();
  const db = openE2eDb();
  const ids = journalIds(db, '5А', 'Русский язык');
  db.close();
  await signIn(page, 'teacher');
  const token = await pageToken(page);
  const view: JournalView = await rpcOk(page.request, 'journal.open', ids, token);
  // An empty cell of a held lesson before today, of a pupil in the group on that day.
  const filled = new Set(view.cells.map((c) => `${c.lessonId}:${c.pupilId}`));
  let col = -1;
  let row = -1;
  for (let i = view.lessons.length - 1; i >= 0 && row < 0; i--) {
    const l = view.lessons[i]!;
    if (!l.held || l.lessonId === null || l.date >= E2E_TODAY || !l.editable || l.date < view.term.startsOn) continue;
    row = view.pupils.findIndex(
      (p) => p.periods.some((m) => m.from <= l.date && (m.to === null || m.to >= l.date)) && !filled.has(`${l.lessonId}:${p.id}`),
    );
    col = i;
  }
  expect(row).toBeGreaterThanOrEqual(0);
  const lesson = view.lessons[col]!;
  const pupil = view.pupils[row]!;

  let entries: OutboxEntry[] = [];
  const json = (route: Route, status: number, body: unknown) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route('**/rpc/outbox.list', (route) => json(route, 200, { ok: true, value: { entries } }));
  await page.route('**/rpc/outbox.dismiss', (route) => {
    entries = [];
    return json(route, 200, { ok: true, value: { ok: true } });
  });
  await page.route('**/rpc/journal.setCell', (route) => {
    entries = [
      {
        key: 'key-1',
        method: 'journal.setCell',
        summary: `Русский язык, 5А: ${lesson.date.slice(8, 10)}.${lesson.date.slice(5, 7)}, ${lesson.slot}-й урок, ${pupil.name}: 4`,
        createdAt: new Date().toISOString(),
        state: 'pending',
        error: null,
        targets: { ...ids, cells: [{ date: lesson.date, slot: lesson.slot, pupilId: pupil.id }], lessons: [], termMarks: [] },
      },
    ];
    return json(route, 202, {
      ok: false,
      error: { code: 'queued', message: 'Сервер школы недоступен: изменение сохранено на этом компьютере', queued: { key: 'key-1' } },
    });
  });

  await page.route('**/rpc/journal.setLesson', (route) => {
    entries = [
      ...entries,
      {
        ...entries[0]!,
        key: 'key-2',
        method: 'journal.setLesson',
        summary: 'тема',
        targets: { ...ids, cells: [], lessons: [{ date: lesson.date, slot: lesson.slot }], termMarks: [] },
      },
    ];
    return json(route, 202, {
      ok: false,
      error: { code: 'queued', message: 'Сервер школы недоступен: изменение сохранено на этом компьютере', queued: { key: 'key-2' } },
    });
  });

  await page.goto(`/#/journal/${ids.groupId}/${ids.subjectId}`);
  await expect(page.getByTestId('journal-title')).toHaveText('5А · Русский язык');
  await goToCell(page, col, row);
  await new RuKeyboard(page).enter('4');

  const cell = page.locator(`[data-testid="journal-row"][data-pupil="${pupil.name}"] .jc.unsaved`);
  await expect(cell).toHaveCount(1);
  await expect(cell).toHaveAttribute('title', /Не сохранено на сервере школы/);
  expect(await cellText(page, pupil.name, lesson.date, lesson.slot)).toBe('4');
  await expect(page.getByTestId('outbox-pending')).toContainText('1 изм.');
  await expect(page.getByTestId('toast-error')).toHaveCount(0);

  // The lesson's topic, entered while the host is away: its column head is marked, the text kept.
  await goToCell(page, col, row);
  await page.keyboard.press('F6');
  await expect(page.getByTestId('topic-input')).toBeFocused();
  await page.keyboard.press('Control+A');
  await new RuKeyboard(page).type('Причастный оборот');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const head = page.locator(`[data-testid="lesson-head"][data-date="${lesson.date}"][data-slot="${lesson.slot}"]`);
  await expect(head).toHaveClass(/\bunsaved\b/);
  await expect(page.getByTestId('topic-input')).toHaveValue('Причастный оборот');
  await expect(page.getByTestId('outbox-pending')).toContainText('2 изм.');
  await expect(page.getByTestId('toast-error')).toHaveCount(0);
  entries = entries.slice(0, 1); // the topic reached the host
  await expect(head).not.toHaveClass(/\bunsaved\b/, { timeout: 10_000 });

  // The host came back and refused it (someone changed the cell meanwhile).
  entries = [{ ...entries[0]!, state: 'refused', error: { code: 'conflict', message: 'Эту отметку уже изменил(а) Петрова А. И.' } }];
  await expect(page.locator('.jc.unsaved')).toHaveCount(0, { timeout: 10_000 });
  const refused = page.getByTestId('outbox-refused');
  await expect(refused).toContainText(pupil.name);
  await expect(refused).toContainText('Эту отметку уже изменил(а) Петрова А. И.');
  await refused.getByRole('button', { name: 'Понятно' }).click();
  await expect(page.getByTestId('outbox-panel')).toHaveCount(0);
});
