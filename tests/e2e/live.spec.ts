// Several people in one journal (issue 10): two teachers of the same journal, each in their own
// browser context on the loopback host. An edit in one page appears in the other within a
// second, outlined with the author's name; a stale edit (a page that missed the live update)
// opens the conflict dialog with both values, and «Оставить моё» wins on the current version.
//
// Arranged in the database: two teachers of their own (no other spec signs in as them) sharing
// the load of one journal no other spec edits, so the specs may run side by side.
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { hashPassword } from '../../src-main/services/auth/password';
import { E2E_TODAY, expect, signIn, test } from './fixtures';
import { cellText, expectSaved, goToCell, openE2eDb, RuKeyboard } from './journal-helpers';

test.describe.configure({ mode: 'serial' });

const A = { login: 'live-a', surname: 'Живая', name: 'Анна', patronymic: 'Сергеевна', short: 'Живая А. С.' };
const B = { login: 'live-b', surname: 'Быстров', name: 'Борис', patronymic: 'Борисович', short: 'Быстров Б. Б.' };
const PASSWORD = 'live-pass-1';

let journal: { groupId: number; subjectId: number; group: string; subject: string };
let slot: number;
const contexts: BrowserContext[] = [];
/** A's and B's live pages, shared by the tests (each sign-in costs a scrypt). */
let a: Page;
let b: Page;

test.beforeAll(async () => {
  const hash = await hashPassword(PASSWORD);
  const db = openE2eDb();
  try {
    // A 7th-grade journal with a lesson today: none of the other specs opens 7th grades.
    const j = db
      .prepare(
        `SELECT l.group_id, l.subject_id, l.slot, g.name AS g, s.name AS s FROM lesson l
           JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = l.subject_id
          WHERE l.date = ? AND c.grade = 7 AND g.is_whole_class = 1 ORDER BY g.name, s.id, l.slot LIMIT 1`,
      )
      .get(E2E_TODAY) as { group_id: number; subject_id: number; slot: number; g: string; s: string };
    journal = { groupId: j.group_id, subjectId: j.subject_id, group: j.g, subject: j.s };
    slot = j.slot;
    db.transaction(() => {
      // Today's cells start empty, so what appears is what the spec typed.
      const lesson = db
        .prepare('SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? AND slot = ?')
        .get(journal.groupId, journal.subjectId, E2E_TODAY, slot) as { id: number };
      for (const t of ['mark', 'absence']) db.prepare(`DELETE FROM ${t} WHERE lesson_id = ?`).run(lesson.id);
      for (const u of [A, B]) {
        const person = db.prepare('INSERT INTO person (surname, name, patronymic) VALUES (?,?,?)').run(u.surname, u.name, u.patronymic);
        const staff = db
          .prepare('INSERT INTO staff_user (person_id, login, password_hash, must_change_password, created_at) VALUES (?,?,?,0,?)')
          .run(person.lastInsertRowid, u.login, hash, new Date().toISOString());
        db.prepare("INSERT INTO staff_role (staff_id, role) VALUES (?, 'teacher')").run(staff.lastInsertRowid);
        db.prepare(
          "INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,1,'2026-09-01')",
        ).run(journal.groupId, journal.subjectId, staff.lastInsertRowid);
      }
    })();
  } finally {
    db.close();
  }
});

test.afterAll(async () => {
  for (const c of contexts) await c.close();
});

/** A teacher's own browser context with the journal open; `offline` pages get no live updates. */
async function openAs(browser: Browser, who: typeof A, opts: { noLive?: boolean } = {}): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: process.env.ZHURNAL_E2E_URL });
  contexts.push(ctx);
  const page = await ctx.newPage();
  if (opts.noLive) await page.route('**/events?**', (r) => r.abort());
  await signIn(page, who.login, PASSWORD);
  await page.goto(`/#/journal/${journal.groupId}/${journal.subjectId}`);
  await expect(page.getByTestId('journal-title')).toHaveText(`${journal.group} · ${journal.subject}`);
  // Live pages: the stream is open (and the journal re-read) before the spec edits anything.
  if (!opts.noLive) await expect(page.getByTestId('journal-screen')).toHaveAttribute('data-live', 'open');
  return page;
}

/** The column index of today's lesson and the first pupil's name, as the grid shows them. */
async function todayColumn(page: Page): Promise<{ col: number; pupil: string }> {
  return page.evaluate(
    ({ date, slot }) => {
      const heads = [...document.querySelectorAll<HTMLElement>('[data-testid="lesson-head"]')];
      const col = heads.findIndex((h) => h.dataset.date === date && h.dataset.slot === String(slot));
      const pupil = document.querySelector<HTMLElement>('[data-testid="journal-row"]')?.dataset.pupil ?? '';
      return { col, pupil };
    },
    { date: E2E_TODAY, slot },
  );
}

async function enterToday(page: Page, value: string): Promise<string> {
  const { col, pupil } = await todayColumn(page);
  expect(col).toBeGreaterThanOrEqual(0);
  await page.getByTestId('journal-grid').focus();
  await goToCell(page, col);
  await new RuKeyboard(page).enter(value);
  return pupil;
}

test('an edit in one page appears in the other within a second, marked with its author', async ({ browser }) => {
  a = await openAs(browser, A);
  b = await openAs(browser, B);
  const { pupil } = await todayColumn(b);
  expect(await cellText(b, pupil, E2E_TODAY, slot)).toBe('');
  // B's window is the one in front (as on the other teacher's PC): Chromium throttles the
  // timers and rendering of a page in the background to once a second.
  await b.bringToFront();
  // Watched inside B: the moment the value appears, and how it is marked then (a busy machine
  // must not turn Playwright's own round trips into the measurement).
  await b.evaluate(
    ({ pupil, date, slot }) => {
      const w = window as unknown as { __seen?: { at: number; by: string | null; theirs: boolean; title: string } };
      const check = () => {
        const head = [...document.querySelectorAll<HTMLElement>('[data-testid="lesson-head"]')].find(
          (h) => h.dataset.date === date && h.dataset.slot === String(slot),
        );
        const row = [...document.querySelectorAll<HTMLElement>('[data-testid="journal-row"]')].find((r) => r.dataset.pupil === pupil);
        const cell = row?.querySelector<HTMLElement>(`[role="gridcell"][aria-colindex="${head?.getAttribute('aria-colindex')}"]`);
        if (!w.__seen && cell?.textContent?.trim() === '4')
          w.__seen = { at: Date.now(), by: cell.dataset.by ?? null, theirs: cell.classList.contains('theirs'), title: cell.title };
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    },
    { pupil, date: E2E_TODAY, slot },
  );
  const answer = a.waitForResponse((r) => r.url().includes('/rpc/journal.setCell'));
  await enterToday(a, '4');
  // When A's page had the answer (the browser's own timing: same clock as B's).
  const timing = (await answer).request().timing();
  const saved = timing.startTime + timing.responseEnd;
  const seen = () =>
    b.evaluate(() => (window as unknown as { __seen?: { at: number; by: string | null; theirs: boolean; title: string } }).__seen ?? null);
  await expect.poll(seen, { timeout: 5000 }).not.toBeNull();
  const s = (await seen())!;
  console.log(`live: seen in the other page ${Math.round(s.at - saved)} ms after the save was answered`);
  expect(s.at - saved).toBeLessThan(1000);
  expect(s).toMatchObject({ by: A.short, theirs: true, title: expect.stringMatching(new RegExp(`^${A.short}`)) });
  expect(await cellText(b, pupil, E2E_TODAY, slot)).toBe('4');
  await expectSaved(a);
  const theirs = b.locator('.jc.theirs');
  // The author's own page does not flash its own edit; the mark fades in the other.
  await expect(a.locator('.jc.theirs')).toHaveCount(0);
  await expect(theirs).toHaveCount(0, { timeout: 5000 });
});

test('a stale edit opens the conflict dialog with both values; «Оставить моё» wins', async ({ browser }) => {
  // B's second page misses live updates (its stream is blocked): it edits on an old version.
  const stale = await openAs(browser, B, { noLive: true });
  const watcher = b;
  await watcher.bringToFront();
  const pupil = await enterToday(a, '5');
  await expectSaved(a);
  await expect.poll(() => cellText(watcher, pupil, E2E_TODAY, slot), { timeout: 5000 }).toBe('5');
  expect(await cellText(stale, pupil, E2E_TODAY, slot)).toBe('4');

  await enterToday(stale, '3');
  const dialog = stale.getByTestId('conflict-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`уже изменил(а) ${A.short}`);
  await expect(dialog.getByTestId('conflict-mine')).toHaveText('Ваше: 3');
  await expect(dialog.getByTestId('conflict-current')).toHaveText('Сейчас: 5');
  // Behind the dialog the grid already shows what is there now.
  expect(await cellText(stale, pupil, E2E_TODAY, slot)).toBe('5');

  await a.bringToFront();
  await dialog.getByTestId('conflict-keep-mine').click();
  // Everyone else sees it at once, marked as B's for a moment (checked before the mark fades).
  await expect(a.locator('.jc.theirs')).toHaveAttribute('data-by', B.short, { timeout: 2500 });
  expect(await cellText(a, pupil, E2E_TODAY, slot)).toBe('3');
  await expect(dialog).toBeHidden();
  await expectSaved(stale);
  expect(await cellText(stale, pupil, E2E_TODAY, slot)).toBe('3');
  const db = openE2eDb();
  try {
    const row = db
      .prepare(
        `SELECT m.value FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN person p ON p.id = m.pupil_id
          WHERE l.group_id = ? AND l.subject_id = ? AND l.date = ? AND l.slot = ? AND p.surname || ' ' || p.name = ?`,
      )
      .all(journal.groupId, journal.subjectId, E2E_TODAY, slot, pupil) as { value: string }[];
    expect(row.map((r) => r.value)).toEqual(['3']);
  } finally {
    db.close();
  }
});
