// The time to render a 35 × 60 journal in Chromium, printed, not asserted (issue 3 sets a target
// of ≤ 100 ms), and the deputy's read-only view of that journal. Signs in as `deputy` only.
//
// The demo school has no journal that large, so the test grows 10А Литература (first half-year:
// 24 pupils, 51 lessons) to 35 × 60 in the e2e server's own temp database
// (tests/e2e/journal-helpers.ts growJournal): 11 pupils who joined on the first day of the year,
// with marks on about a third of the held lessons, and extra held lessons at weekends (slots 7 and 8) up to 60.
//
// What is measured (src-renderer/journal/JournalPage.tsx): window.__journalRenderMs, from
// journal.open's answer arriving to the first frame of the grid painted (requestAnimationFrame,
// then the task after it); window.__journalOpenMs, the same from the moment the call was sent.
import type { Page } from '@playwright/test';
import { E2E_TODAY, expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { growJournal, journalIds, openE2eDb, RuKeyboard } from './journal-helpers';

const WANT = { pupils: 35, lessons: 60 };

async function rendered(page: Page): Promise<{ render: number; open: number; shape: string }> {
  await page.waitForFunction(() => window.__journalRenderMs !== undefined);
  return page.evaluate(() => ({ render: window.__journalRenderMs!, open: window.__journalOpenMs!, shape: window.__journalShape! }));
}

const ms = (n: number) => `${Math.round(n)} ms`;

test('a 35 × 60 journal renders (time printed) and reads, not writes, for the deputy', async ({ page }, testInfo) => {
  await signIn(page, 'deputy');
  const token = await pageToken(page);
  const db = openE2eDb();
  const ids = journalIds(db, '10А', 'Литература');
  try {
    const before = await rpcOk(page.request, 'journal.open', ids, token);
    growJournal(
      db,
      ids,
      { startsOn: before.term.startsOn, today: E2E_TODAY },
      { pupils: before.pupils.length, lessons: before.lessons.length },
      WANT,
    );
  } finally {
    db.close();
  }
  const view = await rpcOk(page.request, 'journal.open', ids, token);
  expect([view.pupils.length, view.lessons.length]).toEqual([WANT.pupils, WANT.lessons]);

  // A cold open (a full page load at the journal's address), then warm ones from the start page.
  const href = `#/journal/${ids.groupId}/${ids.subjectId}`;
  await page.goto(`/${href}`);
  const cold = await rendered(page);
  expect(cold.shape).toBe(`${WANT.pupils}x${WANT.lessons}`);
  const warm: { render: number; open: number }[] = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => {
      window.__journalRenderMs = undefined;
      window.location.hash = '#/journal';
    });
    // The deputy's start page: her overview and the picker of every journal (issue 12), no load table.
    await expect(page.getByTestId('open-journal')).toBeVisible();
    await page.evaluate((h) => (window.location.hash = h), href);
    warm.push(await rendered(page));
  }
  // This 2-core machine runs the other spec file beside this one: the best and the median of
  // five warm opens say more than any single one.
  const sorted = warm.map((w) => w.render).sort((a, b) => a - b);
  const [best, median] = [sorted[0]!, sorted[2]!];

  // Fluid: one arrow-key step, from the key to the next painted frame (a frame is ~17 ms); the
  // median of 40 steps left and down.
  const step = await page.evaluate(async () => {
    const grid = document.querySelector<HTMLElement>('[data-testid="journal-grid"]')!;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const times: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      grid.dispatchEvent(new KeyboardEvent('keydown', { key: i < 20 ? 'ArrowLeft' : 'ArrowDown', bubbles: true }));
      await frame();
      times.push(performance.now() - t0);
    }
    return times.sort((x, y) => x - y)[20]!;
  });

  console.log(
    `journal render ${WANT.pupils} × ${WANT.lessons} in Chromium: cold ${ms(cold.render)} (with journal.open ${ms(cold.open)}); ` +
      `warm ${warm.map((w) => ms(w.render)).join(', ')} (with journal.open ${warm.map((w) => ms(w.open)).join(', ')}); ` +
      `warm best ${ms(best)}, median ${ms(median)} — target ≤ 100 ms, not asserted; arrow key to painted frame (median) ${step.toFixed(1)} ms`,
  );
  testInfo.annotations.push({
    type: 'journal render ms',
    description: `cold ${Math.round(cold.render)}, warm best ${Math.round(best)}, median ${Math.round(median)}`,
  });

  // Read-only for the deputy, visibly and in fact.
  await expect(page.getByTestId('access-tag')).toHaveText('только просмотр');
  await expect(page.getByTestId('key-help')).toContainText('Только просмотр');
  await expect(page.getByTestId('journal-grid')).toBeFocused();
  await new RuKeyboard(page).type('5');
  await expect(page.getByTestId('toast-error')).toHaveText(/Журнал открыт только для просмотра/);
  await expect(page.getByTestId('cell-input')).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('journal-deputy-read-only.png') });
  expect((await rpcOk(page.request, 'journal.open', ids, token)).cells.length).toBe(view.cells.length);
});
