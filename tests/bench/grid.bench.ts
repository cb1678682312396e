// The journal grid's first render in Chromium (issue 11, target of issue 3): a 35 × 60 journal,
// from journal.open's answer to the first painted frame (window.__journalRenderMs,
// src-renderer/journal/JournalPage.tsx), the median of warm opens. Two of the 60 columns are
// control-work columns with marks, so the extra columns are measured too. Runs the real host on
// the small demo school (tests/e2e/server.ts) and Debian's Chromium; the renderer is built first.
import Database from 'better-sqlite3';
import { chromium, type Page } from '@playwright/test';
import { buildRenderer } from '../../src-main/cli/build';
import { CHROMIUM_ARGS, findChromium } from '../e2e/chromium';
import { growJournal, journalIds } from '../e2e/journal-helpers';
import { E2E_TODAY, startServer } from '../e2e/server';
import { row, type BenchRow } from './measure';

const WANT = { pupils: 35, lessons: 60 };
const COLUMNS = 2;
const TARGET_MS = 100;

async function rpc<T>(url: string, method: string, input: unknown, token?: string): Promise<T> {
  const res = await fetch(new URL(`rpc/${method}`, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  const env = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!env.ok) throw new Error(`${method}: ${env.error?.message}`);
  return env.value;
}

/** 10А Литература grown to 35 pupils × 58 lessons, plus two control-work columns with marks. */
async function arrange(url: string, dbFile: string, token: string) {
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 10000');
  try {
    const ids = journalIds(db, '10А', 'Литература');
    const view = await rpc<{ term: { startsOn: string }; pupils: unknown[]; lessons: { date: string; slot: number; held: boolean }[] }>(
      url,
      'journal.open',
      ids,
      token,
    );
    const want = { pupils: WANT.pupils, lessons: WANT.lessons - COLUMNS };
    growJournal(
      db,
      ids,
      { startsOn: view.term.startsOn, today: E2E_TODAY },
      { pupils: view.pupils.length, lessons: view.lessons.length },
      want,
    );
    const control = db.prepare("SELECT id, weight FROM work_type WHERE name = 'Контрольная работа'").get() as {
      id: number;
      weight: number;
    };
    const lessons = db
      .prepare(
        'SELECT * FROM lesson WHERE group_id = ? AND subject_id = ? AND part = 0 AND held = 1 AND date <= ? ORDER BY date DESC LIMIT ?',
      )
      .all(ids.groupId, ids.subjectId, E2E_TODAY, COLUMNS) as { id: number; date: string; slot: number; planned_teacher_id: number }[];
    const pupils = db.prepare('SELECT pupil_id FROM group_member WHERE group_id = ?').all(ids.groupId) as { pupil_id: number }[];
    db.transaction(() => {
      for (const l of lessons) {
        const col = Number(
          db
            .prepare(
              'INSERT INTO lesson (group_id, subject_id, date, slot, part, planned_teacher_id, actual_teacher_id, held, work_type_id) VALUES (?,?,?,?,1,?,?,1,?)',
            )
            .run(ids.groupId, ids.subjectId, l.date, l.slot, l.planned_teacher_id, l.planned_teacher_id, control.id).lastInsertRowid,
        );
        for (const p of pupils)
          db.prepare('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,0,?,?,?)').run(
            col,
            p.pupil_id,
            String(3 + (p.pupil_id % 3)),
            control.id,
            control.weight,
          );
      }
    })();
    return ids;
  } finally {
    db.close();
  }
}

async function rendered(page: Page): Promise<{ ms: number; shape: string }> {
  await page.waitForFunction(() => window.__journalRenderMs !== undefined, undefined, { timeout: 60_000 });
  return page.evaluate(() => ({ ms: window.__journalRenderMs!, shape: window.__journalShape! }));
}

export async function gridBenches(quick: boolean): Promise<{ rows: BenchRow[]; info: string }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('grid bench: no Chromium (install Debian’s chromium or set CHROMIUM_PATH)');
  await buildRenderer();
  const server = await startServer('demo');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const { token } = await rpc<{ token: string }>(server.url, 'auth.login', { login: 'deputy', password: 'demo' });
    const ids = await arrange(server.url, server.dbFile, token);
    const context = await browser.newContext({
      baseURL: server.url,
      locale: 'ru-RU',
      timezoneId: 'Europe/Moscow',
      viewport: { width: 1280, height: 860 },
    });
    // The page's session, as the client keeps it (src-renderer/rpc/client.ts).
    await context.addInitScript((t) => window.sessionStorage.setItem('zhurnal.token', t), token);
    const page = await context.newPage();
    const href = `#/journal/${ids.groupId}/${ids.subjectId}`;
    await page.goto(`/${href}`);
    const cold = await rendered(page);
    if (cold.shape !== `${WANT.pupils}x${WANT.lessons}`) throw new Error(`grid bench: measured a ${cold.shape} journal`);
    const runs = quick ? 5 : 15;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.evaluate(() => {
        window.__journalRenderMs = undefined;
        window.location.hash = '#/journal';
      });
      // The start page: a teacher's load table, or a reader's journal picker (the deputy's overview, issue 12).
      await page.getByTestId('my-load').or(page.getByTestId('open-journal')).first().waitFor();
      await page.evaluate((h) => (window.location.hash = h), href);
      times.push((await rendered(page)).ms);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    return {
      rows: [
        row(
          `journal grid: first render of ${WANT.pupils} × ${WANT.lessons} (${COLUMNS} control-work columns) in Chromium, median of ${runs}`,
          'ms',
          median,
          null,
          TARGET_MS,
        ),
      ],
      info: `grid render ${WANT.pupils} × ${WANT.lessons}: cold ${Math.round(cold.ms)} ms; warm ${times.map((t) => Math.round(t)).join(', ')} ms (sorted)`,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
