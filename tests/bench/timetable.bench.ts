// Lesson generation (issue 11): a whole year of lessons of the reference school generated from
// its timetable through timetable.generate's service path (school days from the calendar,
// entries in force, existing rows read, one audit record), against a raw bulk insert of exactly
// the same rows on the same connection in the same run. The reference year already holds its
// lessons, so the timetable is cloned into a following year first; every run (and the clone
// itself) is rolled back, so the database is left as it was for the other benches.
import type { App } from '../../src-main/app';
import type { Actor } from '../../src-main/services/context';
import { mutate } from '../../src-main/services/mutate';
import { generateLessons } from '../../src-main/services/timetable/generate';
import { row, type BenchRow } from './measure';

const shiftYear = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;

/** A copy of the year's classes, groups, terms and timetable one year later; returns its id. */
function cloneYear(app: App, yearId: number): number {
  const s = app.services.sqlite;
  const y = s.prepare('SELECT label, starts_on, ends_on FROM school_year WHERE id = ?').get(yearId) as { label: string; starts_on: string; ends_on: string };
  const id = Number(
    s.prepare('INSERT INTO school_year (label, starts_on, ends_on) VALUES (?,?,?)').run(`${y.label} (bench)`, shiftYear(y.starts_on), shiftYear(y.ends_on))
      .lastInsertRowid,
  );
  for (const t of s.prepare('SELECT kind, number, starts_on, ends_on, grade_from, grade_to FROM term WHERE year_id = ?').all(yearId) as Record<string, unknown>[])
    s.prepare('INSERT INTO term (year_id, kind, number, starts_on, ends_on, grade_from, grade_to) VALUES (?,?,?,?,?,?,?)').run(
      id,
      t.kind,
      t.number,
      shiftYear(t.starts_on as string),
      shiftYear(t.ends_on as string),
      t.grade_from,
      t.grade_to,
    );
  const groupMap = new Map<number, number>();
  for (const c of s.prepare('SELECT id, grade, letter, class_teacher_id FROM class_unit WHERE year_id = ?').all(yearId) as Record<string, number>[]) {
    const cid = Number(
      s.prepare('INSERT INTO class_unit (year_id, grade, letter, class_teacher_id) VALUES (?,?,?,?)').run(id, c.grade, c.letter, c.class_teacher_id).lastInsertRowid,
    );
    for (const g of s.prepare('SELECT id, name, is_whole_class FROM study_group WHERE class_id = ?').all(c.id) as Record<string, number>[])
      groupMap.set(g.id!, Number(s.prepare('INSERT INTO study_group (class_id, name, is_whole_class) VALUES (?,?,?)').run(cid, g.name, g.is_whole_class).lastInsertRowid));
  }
  const entries = s
    .prepare(
      `SELECT e.group_id, e.subject_id, e.teacher_id, e.weekday, e.slot, e.room FROM timetable_entry e
         JOIN study_group g ON g.id = e.group_id JOIN class_unit c ON c.id = g.class_id
        WHERE c.year_id = ? AND e.draft = 0 AND e.valid_to IS NULL`,
    )
    .all(yearId) as Record<string, number>[];
  const ins = s.prepare('INSERT INTO timetable_entry (group_id, subject_id, teacher_id, weekday, slot, room, valid_from) VALUES (?,?,?,?,?,?,?)');
  for (const e of entries) ins.run(groupMap.get(e.group_id!), e.subject_id, e.teacher_id, e.weekday, e.slot, e.room, shiftYear(y.starts_on));
  return id;
}

export async function timetableBenches(app: App, actor: Actor, quick: boolean): Promise<{ rows: BenchRow[]; info: string }> {
  const s = app.services.sqlite;
  const ctx = { ...app.services, actor };
  const yearId = (s.prepare("SELECT id FROM school_year WHERE status = 'open' ORDER BY starts_on LIMIT 1").get() as { id: number }).id;
  s.exec('BEGIN IMMEDIATE');
  try {
    const benchYear = cloneYear(app, yearId);
    /** Times fn inside a savepoint that is rolled back afterwards (the rollback is not timed). */
    const timed = (fn: () => void): number => {
      s.exec('SAVEPOINT bench');
      try {
        const t0 = performance.now();
        fn();
        return performance.now() - t0;
      } finally {
        s.exec('ROLLBACK TO bench');
        s.exec('RELEASE bench');
      }
    };
    // The rows generation makes, read once: the baseline inserts exactly these.
    let rows: [number, number, string, number, number][] = [];
    let created = 0;
    timed(() => {
      created = mutate(ctx, (rec) => generateLessons(ctx, rec, { yearId: benchYear })).created;
      rows = s
        .prepare(
          `SELECT l.group_id, l.subject_id, l.date, l.slot, l.planned_teacher_id FROM lesson l JOIN study_group g ON g.id = l.group_id
             JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?`,
        )
        .raw()
        .all(benchYear) as [number, number, string, number, number][];
    });
    if (rows.length !== created || created === 0) throw new Error(`generation made ${created} rows, ${rows.length} stored`);
    const insert = s.prepare(
      `INSERT INTO lesson (group_id, subject_id, date, slot, planned_teacher_id, actual_teacher_id, held, origin) VALUES (?,?,?,?,?,?,1,'timetable')`,
    );
    const raw = () => {
      for (const r of rows) insert.run(r[0], r[1], r[2], r[3], r[4], r[4]);
    };
    const generate = () => {
      mutate(ctx, (rec) => generateLessons(ctx, rec, { yearId: benchYear }));
    };
    const runs = quick ? 2 : 5;
    timed(raw);
    timed(generate);
    const g: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < runs; i++) {
      b.push(timed(raw));
      g.push(timed(generate));
    }
    const med = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    return {
      info: `timetable: a year of ${created} lessons generated from ${(s.prepare('SELECT COUNT(*) AS n FROM timetable_entry e JOIN study_group g ON g.id = e.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?').get(benchYear) as { n: number }).n} timetable entries`,
      rows: [row('timetable.generate (a year of lessons) vs raw bulk insert of the same rows', 'ms', med(g), med(b), 2)],
    };
  } finally {
    s.exec('ROLLBACK');
  }
}
