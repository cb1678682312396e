// The demo builds its year through the calendar template: the stored calendar's school days
// (schoolDays(), the one reader) are exactly the days the demo put lessons on, per grade.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../db/client';
import { createDemoDatabase } from '../../src-main/demo/create';
import { schoolDays } from '../../src-main/services/calendar/days';

// Late enough to hold the autumn break, 4 November, the first-graders' February week, 23 February and 8 March.
const TODAY = '2027-03-12';
const now = () => new Date(`${TODAY}T09:00:00Z`);
const dir = mkdtempSync(join(tmpdir(), 'zhurnal-calendar-demo-'));
let db: Sqlite;

beforeAll(async () => {
  await createDemoDatabase(join(dir, 'demo.db'), { today: TODAY, now });
  db = new Database(join(dir, 'demo.db'), { readonly: true });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const yearId = () => (db.prepare("SELECT id FROM school_year WHERE status = 'open'").get() as { id: number }).id;
const lessonDates = (grade: number) =>
  (
    db
      .prepare(
        `SELECT DISTINCT l.date FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
          WHERE c.grade = ? ORDER BY l.date`,
      )
      .all(grade) as { date: string }[]
  ).map((r) => r.date);

describe('the demo year and the stored calendar', () => {
  it('gives every grade lessons on exactly its school days up to the demo day', () => {
    const grades = (db.prepare('SELECT DISTINCT grade FROM class_unit ORDER BY grade').all() as { grade: number }[]).map((r) => r.grade);
    expect(grades).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const g of grades) {
      const days = schoolDays(db, yearId(), g).map((d) => d.date);
      const lessons = lessonDates(g);
      expect(
        lessons.filter((d) => !days.includes(d)),
        `grade ${g}: lessons off the calendar`,
      ).toEqual([]);
      expect(
        days.filter((d) => d <= TODAY && !lessons.includes(d)),
        `grade ${g}: school days without lessons`,
      ).toEqual([]);
    }
  });

  // Dates read off the 2026/27 paper calendar, not from the template.
  it.each([
    ['2026-10-27', 10, false, 'autumn break inside the first half'],
    ['2026-10-27', 5, false, 'autumn break between quarters'],
    ['2026-11-04', 11, false, 'public holiday'],
    ['2026-11-05', 11, true, 'second quarter starts'],
    ['2026-11-07', 5, false, 'Saturday, five-day week'],
    ['2027-02-16', 1, false, "first-graders' February week"],
    ['2027-02-16', 2, true, 'second grade studies that week'],
    ['2027-02-23', 7, false, 'public holiday'],
    ['2027-03-08', 9, false, 'public holiday'],
    ['2027-03-09', 9, true, 'an ordinary Tuesday'],
  ] as const)('%s for grade %i is a school day: %s (%s)', (date, grade, expected, why) => {
    void why;
    expect(schoolDays(db, yearId(), grade).some((d) => d.date === date)).toBe(expected);
    expect(lessonDates(grade).includes(date)).toBe(expected);
  });

  it('has the exam and final rows of grades 9 and 11, and a year row per grade range', () => {
    const rows = db
      .prepare("SELECT kind, grade_from, grade_to FROM term WHERE kind IN ('exam', 'final', 'year') ORDER BY kind, grade_from")
      .all();
    expect(rows).toEqual([
      { kind: 'exam', grade_from: 9, grade_to: 9 },
      { kind: 'exam', grade_from: 11, grade_to: 11 },
      { kind: 'final', grade_from: 9, grade_to: 9 },
      { kind: 'final', grade_from: 11, grade_to: 11 },
      { kind: 'year', grade_from: 1, grade_to: 9 },
      { kind: 'year', grade_from: 10, grade_to: 11 },
    ]);
  });
});
