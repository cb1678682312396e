// Two classroom PCs on one school host (issue 10): a host process and two client processes of
// its own (tests/helpers/network.ts), a browser page on each client's loopback interface, the
// same teacher in the same journal on both. Each page sees the other's edit appear by itself
// (live update through the client's /events), and the host's file holds both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BrowserContext, Page } from '@playwright/test';
import { freePort, login, startHost, startPairedClients, type ClientProc, type HostProc } from '../helpers/network';
import { E2E_TODAY, expect, signIn, test } from './fixtures';
import { cellText, expectSaved, journalIds, RuKeyboard } from './journal-helpers';

test.describe.configure({ mode: 'serial' });

let dir: string;
let host: HostProc;
const clients: ClientProc[] = [];
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
let rus5: { groupId: number; subjectId: number };
let slot: number;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'zhurnal-e2e-net-'));
  const dbFile = join(dir, 'school.db');
  // A new file: serve makes the small demo school in it.
  host = await startHost({ dbFile, listen: `127.0.0.1:${await freePort()}` });
  const db = new Database(dbFile);
  try {
    db.pragma('busy_timeout = 10000');
    rus5 = journalIds(db, '5А', 'Русский язык');
    const lesson = db
      .prepare('SELECT id, slot FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? ORDER BY slot LIMIT 1')
      .get(rus5.groupId, rus5.subjectId, E2E_TODAY) as { id: number; slot: number };
    slot = lesson.slot;
    // Today's column starts empty, so each typed mark is the whole cell.
    db.prepare('DELETE FROM mark WHERE lesson_id = ?').run(lesson.id);
    db.prepare('DELETE FROM absence WHERE lesson_id = ?').run(lesson.id);
  } finally {
    db.close();
  }
  const admin = await login(host.loopback, 'admin');
  clients.push(
    ...(await startPairedClients(
      host,
      admin,
      [1, 2].map((i) => ({ stateDir: join(dir, `client-${i}`), name: `Кабинет ${i}` })),
    )),
  );
  for (const c of clients) {
    const ctx = await browser.newContext({ baseURL: c.url });
    contexts.push(ctx);
    pages.push(await ctx.newPage());
  }
  await Promise.all(pages.map((p) => signIn(p, 'teacher')));
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await Promise.all([...clients.map((c) => c.stop()), host?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('two PCs in one journal: each sees the other’s mark appear without reloading', async () => {
  const [a, b] = pages as [Page, Page];
  for (const p of pages) {
    await p.goto(`/#/journal/${rus5.groupId}/${rus5.subjectId}`);
    await expect(p.getByTestId('journal-title')).toHaveText('5А · Русский язык');
    // Opening focuses today's lesson, first row.
    await expect(p.locator(`[data-testid="lesson-head"][data-date="${E2E_TODAY}"][data-slot="${slot}"]`)).toHaveClass(/\bfc\b/);
  }
  // The first two rows, as the grid shows them; both must be empty today.
  const rows = a.getByTestId('journal-row');
  const pupils = [{ name: (await rows.nth(0).getAttribute('data-pupil'))! }, { name: (await rows.nth(1).getAttribute('data-pupil'))! }];
  expect(await cellText(a, pupils[0]!.name, E2E_TODAY, slot)).toBe('');
  expect(await cellText(b, pupils[1]!.name, E2E_TODAY, slot)).toBe('');

  // PC 1 puts a 5 on the first pupil.
  await new RuKeyboard(a).enter('5');
  await expectSaved(a);
  // PC 2 sees it by itself, and puts a 4 on the second pupil.
  await expect.poll(() => cellText(b, pupils[0]!.name, E2E_TODAY, slot), { timeout: 5_000 }).toBe('5');
  await b.keyboard.press('ArrowDown');
  await new RuKeyboard(b).enter('4');
  await expectSaved(b);
  // PC 1 sees that one by itself.
  await expect.poll(() => cellText(a, pupils[1]!.name, E2E_TODAY, slot), { timeout: 5_000 }).toBe('4');
  expect(await cellText(a, pupils[0]!.name, E2E_TODAY, slot)).toBe('5');
  expect(await cellText(b, pupils[1]!.name, E2E_TODAY, slot)).toBe('4');
});
