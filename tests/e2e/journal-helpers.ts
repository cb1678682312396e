// Helpers for the journal specs: arranging the demo database directly (what no screen creates
// yet), typing as a Russian keyboard does, and reading the grid the way a teacher sees it.
import Database from 'better-sqlite3';
import type { CDPSession, Page } from '@playwright/test';
import { expect } from './fixtures';

/** The e2e server's own temp database (tests/e2e/global-setup.ts); WAL lets us write beside it. */
export function openE2eDb(): Database.Database {
  const file = process.env.ZHURNAL_E2E_DB;
  if (!file) throw new Error('ZHURNAL_E2E_DB is not set: run through playwright.config.ts (its global setup starts the server)');
  const db = new Database(file);
  db.pragma('busy_timeout = 10000');
  return db;
}

export function journalIds(db: Database.Database, group: string, subject: string): { groupId: number; subjectId: number } {
  const g = db.prepare('SELECT id FROM study_group WHERE name = ?').get(group) as { id: number } | undefined;
  const s = db.prepare('SELECT id FROM subject WHERE name = ?').get(subject) as { id: number } | undefined;
  if (!g || !s) throw new Error(`no journal ${group} / ${subject} in the demo school`);
  return { groupId: g.id, subjectId: s.id };
}

/**
 * Turns a generated lesson back into a timetable slot nobody has filled yet (the demo generates
 * every lesson up to today), so the spec fills it from nothing. Returns the slot number.
 */
export function clearLesson(db: Database.Database, ids: { groupId: number; subjectId: number }, date: string): number {
  const l = db
    .prepare('SELECT id, slot FROM lesson WHERE group_id = ? AND subject_id = ? AND date = ? ORDER BY slot LIMIT 1')
    .get(ids.groupId, ids.subjectId, date) as { id: number; slot: number } | undefined;
  if (!l) throw new Error(`no lesson on ${date}`);
  db.transaction(() => {
    for (const t of ['mark', 'absence', 'lesson_file']) db.prepare(`DELETE FROM ${t} WHERE lesson_id = ?`).run(l.id);
    db.prepare('DELETE FROM lesson WHERE id = ?').run(l.id);
  })();
  return l.slot;
}

/**
 * Grows a journal to `pupils` × `lessons` for the render measurement: extra pupils joining the
 * group on the first day of the year (with marks on about a third of the held lessons, like the
 * generated ones), and extra held lessons at weekends (slots 7 and 8, no timetable clash).
 */
export function growJournal(
  db: Database.Database,
  ids: { groupId: number; subjectId: number },
  term: { startsOn: string; today: string },
  have: { pupils: number; lessons: number },
  want: { pupils: number; lessons: number },
): void {
  const teacher = (
    db.prepare('SELECT teacher_id FROM teaching_load WHERE group_id = ? AND subject_id = ? LIMIT 1').get(ids.groupId, ids.subjectId) as {
      teacher_id: number;
    }
  ).teacher_id;
  const classId = (db.prepare('SELECT class_id FROM study_group WHERE id = ?').get(ids.groupId) as { class_id: number }).class_id;
  const answer = db.prepare('SELECT id, weight FROM work_type WHERE is_make_up = 0 ORDER BY id LIMIT 1').get() as {
    id: number;
    weight: number;
  };
  const surnames = [
    'Яковлев',
    'Юдин',
    'Шубин',
    'Щукин',
    'Эмиров',
    'Ширяев',
    'Фомин',
    'Устинов',
    'Тихонов',
    'Рябов',
    'Пахомов',
    'Осипов',
    'Носов',
  ];
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  db.transaction(() => {
    // Weekend slots 7 and 8: no timetable clash, and enough of them before today whatever the
    // term's holidays leave of the weekdays.
    const extra: { date: string; slot: number }[] = [];
    for (let d = new Date(`${term.startsOn}T12:00:00Z`); extra.length < want.lessons - have.lessons; d.setUTCDate(d.getUTCDate() + 1)) {
      const iso = d.toISOString().slice(0, 10);
      if (iso >= term.today) throw new Error('not enough weekend slots before today');
      if (d.getUTCDay() === 6 || d.getUTCDay() === 0)
        for (const slot of [7, 8]) if (extra.length < want.lessons - have.lessons) extra.push({ date: iso, slot });
    }
    const insLesson = db.prepare(
      'INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, topic) VALUES (?,?,?,?,?,?,1,?)',
    );
    for (const x of extra) insLesson.run(ids.groupId, ids.subjectId, x.date, x.slot, teacher, teacher, 'Дополнительное занятие');
    const insPerson = db.prepare('INSERT INTO person (surname, name, patronymic, birth_date) VALUES (?,?,?,?)');
    const insMember = db.prepare('INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?,?,?)');
    const insEnrol = db.prepare('INSERT INTO enrolment (pupil_id, class_id, from_date) VALUES (?,?,?)');
    const held = db
      .prepare('SELECT id FROM lesson WHERE group_id = ? AND subject_id = ? AND date BETWEEN ? AND ? AND held = 1')
      .all(ids.groupId, ids.subjectId, term.startsOn, term.today) as { id: number }[];
    const insMark = db.prepare('INSERT INTO mark (lesson_id, pupil_id, position, value, work_type_id, weight) VALUES (?,?,0,?,?,?)');
    for (let i = 0; i < want.pupils - have.pupils; i++) {
      const id = Number(insPerson.run(surnames[i % surnames.length], i % 2 ? 'Анна' : 'Иван', null, '2010-05-05').lastInsertRowid);
      insMember.run(id, ids.groupId, term.startsOn);
      insEnrol.run(id, classId, term.startsOn);
      for (const l of held) if (rnd() < 0.33) insMark.run(l.id, id, String(2 + Math.floor(rnd() * 4)), answer.id, answer.weight);
    }
  })();
}

/**
 * Types as a Russian keyboard layout does: every character is a real key press (keydown with
 * its key, then the text). Playwright's keyboard.type() sends characters missing from the US
 * layout as bare text input, without the keydown the grid listens to.
 */
export class RuKeyboard {
  private cdp: CDPSession | null = null;
  constructor(private readonly page: Page) {}

  async type(text: string): Promise<void> {
    for (const ch of text) {
      if (/^[\x20-\x7e]$/.test(ch)) {
        await this.page.keyboard.press(ch === ' ' ? 'Space' : ch);
        continue;
      }
      this.cdp ??= await this.page.context().newCDPSession(this.page);
      await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch, unmodifiedText: ch });
      await this.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch });
    }
  }

  /** Types a cell's value and commits it with Enter (the grid then moves down). */
  async enter(value: string): Promise<void> {
    await this.type(value);
    await this.page.keyboard.press('Enter');
  }
}

/** Moves the grid's focus to a lesson column and row with the keyboard: Ctrl+Home, Home, arrows. */
export async function goToCell(page: Page, col: number, row = 0): Promise<void> {
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Home');
  for (let i = 0; i < col; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
}

/** What a grid row shows in one lesson column, as text ("5/4", "б 4", ""). */
export async function cellText(page: Page, pupil: string, date: string, slot: number): Promise<string> {
  return page.evaluate(
    ({ pupil, date, slot }) => {
      const heads = [...document.querySelectorAll<HTMLElement>('[data-testid="lesson-head"]')];
      const head = heads.find((h) => h.dataset.date === date && h.dataset.slot === String(slot));
      const row = [...document.querySelectorAll<HTMLElement>('[data-testid="journal-row"]')].find((r) => r.dataset.pupil === pupil);
      if (!head || !row) return '<not rendered>';
      const col = Number(head.getAttribute('aria-colindex'));
      const cell = row.querySelector<HTMLElement>(`[role="gridcell"][aria-colindex="${col}"]`);
      return cell ? (cell.textContent ?? '').replace(/\s+/g, ' ').trim() : '<not rendered>';
    },
    { pupil, date, slot },
  );
}

/** Waits until every edit is answered and the last one was accepted. */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('Сохранено');
  await expect(page.locator('.jc.saving, .jt.saving')).toHaveCount(0);
}

/** The grid holds DOM focus and its active cell is in the given lesson column (or the term column). */
export async function expectActive(page: Page, where: { date: string; slot: number } | 'term', row?: number): Promise<void> {
  const grid = page.getByTestId('journal-grid');
  await expect(grid).toBeFocused();
  const active = await grid.getAttribute('aria-activedescendant');
  if (where === 'term') expect(active).toMatch(/^jt-\d+$/);
  else {
    const head = page.locator(`[data-testid="lesson-head"][data-date="${where.date}"][data-slot="${where.slot}"]`);
    await expect(head).toHaveClass(/\bfc\b/);
  }
  if (row !== undefined) expect(active).toMatch(new RegExp(`^j[ct]-${row}(-|$)`));
}
