// The demo school generator (DESIGN.md §8): deterministic, realistic, and consistent with
// the rules the journal enforces (marks only for pupils in the group that day, etc.).
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Sqlite } from '../../db/client';
import { createDemoDatabase, sourceMigrationsFolder } from '../../src-main/demo/create';
import { generateDemoSchool, type DemoSummary } from '../../src-main/demo/generate';
import { verifyPassword } from '../../src-main/services/auth/password';
import { verifyAuditChain } from '../../src-main/services/mutate';
import { ABSENCE_REASONS } from '../../src-shared/domain';
import { weekday } from '../../src-shared/dates';

const TODAY = '2026-11-20';
const now = () => new Date(`${TODAY}T09:00:00Z`);
const dir = mkdtempSync(join(tmpdir(), 'zhurnal-demo-'));
let db: Sqlite;
let summary: DemoSummary;

const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...params) as T;
const count = (sql: string, ...params: unknown[]) => one<{ n: number }>(sql, ...params).n;

/** A digest of the journal: ids included, so the insert order must repeat too. */
function digest(file: string): string {
  const d = new Database(file, { readonly: true });
  const h = createHash('sha256');
  for (const table of ['lesson', 'mark', 'absence', 'person', 'enrolment', 'group_member', 'timetable_entry', 'teaching_load'])
    for (const row of d.prepare(`SELECT * FROM ${table} ORDER BY 1`).iterate()) h.update(JSON.stringify(row));
  d.close();
  return h.digest('hex');
}

beforeAll(async () => {
  summary = await createDemoDatabase(join(dir, 'a.db'), { today: TODAY, now });
  await createDemoDatabase(join(dir, 'b.db'), { today: TODAY, now });
  db = new Database(join(dir, 'a.db'), { readonly: true });
});

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('demo school generator', () => {
  it('is deterministic for the same seed and date, and a different seed gives other data', async () => {
    expect(digest(join(dir, 'a.db'))).toBe(digest(join(dir, 'b.db')));
    await createDemoDatabase(join(dir, 'c.db'), { today: TODAY, now, seed: 7 });
    expect(digest(join(dir, 'c.db'))).not.toBe(digest(join(dir, 'a.db')));
  });

  it('gives the school its full official name for document headers, nominative and genitive (issue 13)', () => {
    const settings = JSON.parse(one<{ settings: string }>('SELECT settings FROM school').settings);
    expect(settings.fullName).toMatch(/^Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 621 /);
    expect(settings.fullNameGenitive).toMatch(/^Государственного бюджетного общеобразовательного учреждения средней общеобразовательной школы № 621 /);
  });

  it('reports counts that match the database and writes one audit record', () => {
    expect(summary.lessons).toBe(count('SELECT COUNT(*) AS n FROM lesson'));
    expect(summary.marks).toBe(count('SELECT COUNT(*) AS n FROM mark'));
    expect(summary.absences).toBe(count('SELECT COUNT(*) AS n FROM absence'));
    expect(summary.classes).toBe(22);
    expect(one<{ is_demo: number; code: string }>('SELECT is_demo, code FROM school').is_demo).toBe(1);
    const audits = all<{ action: string; after: string }>('SELECT action, after FROM audit_event ORDER BY seq');
    expect(audits.map((a) => a.action)).toEqual(['school.create', 'demo.generate']);
    expect(JSON.parse(audits[1]!.after).marks).toBe(summary.marks);
    expect(verifyAuditChain({ sqlite: db })).toBeNull();
  });

  it('has the five demo logins with their roles and the password "demo"; other teachers cannot sign in', async () => {
    const roles = (login: string) =>
      all<{ role: string }>(
        'SELECT r.role FROM staff_role r JOIN staff_user u ON u.id = r.staff_id WHERE u.login = ? ORDER BY r.role',
        login,
      ).map((r) => r.role);
    expect(roles('admin')).toEqual(['administrator']);
    expect(roles('deputy')).toEqual(['deputy']);
    expect(roles('director')).toEqual(['director']);
    expect(roles('teacher')).toEqual(['classTeacher', 'teacher']);
    expect(roles('teacher2')).toEqual(['teacher']);
    const hashes = all<{ login: string; password_hash: string }>(
      "SELECT login, password_hash FROM staff_user WHERE login IN ('admin','deputy','director','teacher','teacher2')",
    );
    expect(hashes).toHaveLength(5);
    expect(new Set(hashes.map((h) => h.password_hash)).size).toBe(1); // hashed once, reused
    expect(await verifyPassword('demo', hashes[0]!.password_hash)).toBe(true);
    expect(await verifyPassword('demo2', hashes[0]!.password_hash)).toBe(false);
    expect(count("SELECT COUNT(*) AS n FROM staff_user WHERE login LIKE 't0%' AND password_hash IS NOT NULL")).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM staff_user WHERE login LIKE 't0%'")).toBe(summary.teachers - 2);
  });

  it('makes "teacher" the class teacher of 5А teaching Russian and Literature there and elsewhere; "teacher2" teaches Maths in 5А', () => {
    const id = (login: string) => one<{ id: number }>('SELECT id FROM staff_user WHERE login = ?', login).id;
    const load = (login: string) =>
      all<{ cls: string; subject: string }>(
        `SELECT c.grade || c.letter AS cls, s.name AS subject FROM teaching_load l JOIN study_group g ON g.id = l.group_id
         JOIN class_unit c ON c.id = g.class_id JOIN subject s ON s.id = l.subject_id WHERE l.teacher_id = ?`,
        id(login),
      );
    const mine = load('teacher');
    expect(mine).toContainEqual({ cls: '5А', subject: 'Русский язык' });
    expect(mine).toContainEqual({ cls: '5А', subject: 'Литература' });
    expect(new Set(mine.map((l) => l.cls)).size).toBeGreaterThan(1);
    expect(one<{ t: number }>("SELECT class_teacher_id AS t FROM class_unit WHERE grade = 5 AND letter = 'А'").t).toBe(id('teacher'));
    expect(load('teacher2')).toContainEqual({ cls: '5А', subject: 'Математика' });
    expect(count('SELECT COUNT(*) AS n FROM class_unit WHERE class_teacher_id = ?', id('teacher2'))).toBe(0);
    // Every class has a class teacher, each teacher leads at most one class.
    expect(count('SELECT COUNT(DISTINCT class_teacher_id) AS n FROM class_unit')).toBe(22);
  });

  it('has classes of grades 1–11 with about 25 pupils and subgroups for English and IT from grade 5', () => {
    const sizes = all<{ grade: number; n: number }>(
      `SELECT c.grade, COUNT(e.id) AS n FROM class_unit c JOIN enrolment e ON e.class_id = c.id
       AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?) GROUP BY c.id`,
      TODAY,
      TODAY,
    );
    expect(new Set(sizes.map((s) => s.grade))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
    for (const s of sizes) {
      expect(s.n).toBeGreaterThanOrEqual(20);
      expect(s.n).toBeLessThanOrEqual(30);
    }
    expect(one<{ name: string }>("SELECT name FROM study_group WHERE name LIKE '5А англ.%' ORDER BY name").name).toBe('5А англ. 1 гр.');
    expect(count("SELECT COUNT(*) AS n FROM study_group WHERE is_whole_class = 0 AND name LIKE '4%'")).toBe(0);
    // A subgroup is a part of its class: members are enrolled in the class on their dates.
    expect(
      count(`SELECT COUNT(*) AS n FROM group_member gm JOIN study_group g ON g.id = gm.group_id
             WHERE NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.pupil_id = gm.pupil_id AND e.class_id = g.class_id
               AND e.from_date <= gm.from_date AND (e.to_date IS NULL OR (gm.to_date IS NOT NULL AND e.to_date >= gm.to_date)))`),
    ).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM guardianship WHERE relation NOT IN ('мать','отец','опекун')")).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM person WHERE portal_uid IS NOT NULL AND portal_uid GLOB '*[^0-9]*'")).toBe(0);
  });

  it('has a timetable with no teacher and no class double-booked, Mon–Fri, slots 1–7', () => {
    expect(count('SELECT COUNT(*) AS n FROM (SELECT 1 FROM timetable_entry GROUP BY teacher_id, weekday, slot HAVING COUNT(*) > 1)')).toBe(
      0,
    );
    expect(
      count(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM timetable_entry t JOIN study_group g ON g.id = t.group_id
             GROUP BY g.class_id, t.weekday, t.slot HAVING COUNT(DISTINCT t.subject_id) > 1 OR SUM(g.is_whole_class) > 1)`),
    ).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM timetable_entry WHERE weekday NOT BETWEEN 1 AND 5 OR slot NOT BETWEEN 1 AND 7')).toBe(0);
    const maxLoad = one<{ h: number }>(
      'SELECT MAX(h) AS h FROM (SELECT SUM(hours_per_week) AS h FROM teaching_load GROUP BY teacher_id)',
    ).h;
    expect(maxLoad).toBeLessThanOrEqual(30);
  });

  it('has lessons only on school days of the terms up to today, following the timetable', () => {
    const dates = all<{ date: string }>('SELECT DISTINCT date FROM lesson ORDER BY date').map((d) => d.date);
    expect(dates[0]).toBe('2026-09-01');
    expect(dates.at(-1)).toBe(TODAY);
    for (const d of dates) expect(weekday(d)).toBeLessThanOrEqual(5);
    expect(dates.filter((d) => d >= '2026-10-25' && d <= '2026-11-04')).toEqual([]); // autumn break
    expect(
      count(`SELECT COUNT(*) AS n FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
             WHERE NOT EXISTS (SELECT 1 FROM term t WHERE t.kind != 'year' AND c.grade BETWEEN t.grade_from AND t.grade_to
               AND l.date BETWEEN t.starts_on AND t.ends_on)`),
    ).toBe(0);
    expect(
      count(`SELECT COUNT(*) AS n FROM lesson l WHERE l.held != 1 OR l.topic NOT LIKE 'Тема %' OR NOT EXISTS (
               SELECT 1 FROM timetable_entry t WHERE t.group_id = l.group_id AND t.subject_id = l.subject_id AND t.slot = l.slot
               AND t.teacher_id = l.planned_teacher_id AND t.weekday = CAST(strftime('%u', l.date) AS INTEGER))`),
    ).toBe(0);
    // A few substitutions, and a substitute is never in two lessons at once.
    expect(count('SELECT COUNT(*) AS n FROM lesson WHERE actual_teacher_id != planned_teacher_id')).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) AS n FROM (SELECT 1 FROM lesson GROUP BY actual_teacher_id, date, slot HAVING COUNT(*) > 1)')).toBe(0);
  });

  it('gives marks only on held lessons to pupils in the group that day, and absences with valid reasons', () => {
    const inGroup = (
      alias: string,
    ) => `EXISTS (SELECT 1 FROM group_member gm WHERE gm.pupil_id = ${alias}.pupil_id AND gm.group_id = l.group_id
      AND gm.from_date <= l.date AND (gm.to_date IS NULL OR gm.to_date >= l.date))`;
    expect(count(`SELECT COUNT(*) AS n FROM mark m JOIN lesson l ON l.id = m.lesson_id WHERE l.held != 1 OR NOT ${inGroup('m')}`)).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM absence a JOIN lesson l ON l.id = a.lesson_id WHERE NOT ${inGroup('a')}`)).toBe(0);
    expect(
      count(`SELECT COUNT(*) AS n FROM mark m JOIN absence a ON a.lesson_id = m.lesson_id AND a.pupil_id = m.pupil_id
             JOIN work_type w ON w.id = m.work_type_id WHERE w.is_make_up = 0`),
    ).toBe(0);
    const reasons = all<{ reason: string }>('SELECT DISTINCT reason FROM absence').map((r) => r.reason);
    for (const r of reasons) expect(ABSENCE_REASONS).toContain(r);
    expect(count("SELECT COUNT(*) AS n FROM mark WHERE value NOT IN ('2','3','4','5','зач','незач')")).toBe(0);
    expect(count('SELECT COUNT(*) AS n FROM mark m JOIN work_type w ON w.id = m.work_type_id WHERE m.weight != w.weight')).toBe(0);
    // Rates: marks for about a third of pupil-lessons, absences about 5 %.
    const pupilLessons = count(`SELECT SUM((SELECT COUNT(*) FROM group_member gm WHERE gm.group_id = l.group_id
      AND gm.from_date <= l.date AND (gm.to_date IS NULL OR gm.to_date >= l.date))) AS n FROM lesson l`);
    expect(summary.marks / pupilLessons).toBeGreaterThan(0.25);
    expect(summary.marks / pupilLessons).toBeLessThan(0.45);
    expect(summary.absences / pupilLessons).toBeGreaterThan(0.03);
    expect(summary.absences / pupilLessons).toBeLessThan(0.08);
    // Mostly 3–5.
    expect(count("SELECT COUNT(*) AS n FROM mark WHERE value IN ('3','4','5')") / summary.marks).toBeGreaterThan(0.85);
  });

  it('moves at least one pupil to another class mid-year, so journals by date differ', () => {
    const moves = all<{ pupil_id: number; old_class: number; new_class: number; left: string; came: string }>(
      `SELECT a.pupil_id, a.class_id AS old_class, b.class_id AS new_class, a.to_date AS left, b.from_date AS came
       FROM enrolment a JOIN enrolment b ON b.pupil_id = a.pupil_id AND b.id != a.id AND b.from_date > a.from_date
       WHERE a.to_date IS NOT NULL AND b.from_date <= ?`,
      TODAY,
    );
    expect(moves.length).toBeGreaterThan(0);
    const m = moves[0]!;
    expect(m.old_class).not.toBe(m.new_class);
    expect(m.left < m.came).toBe(true);
    // Marks of that pupil in the old class stop, in the new class they start, at the move date.
    const marksIn = (cls: number) =>
      all<{ date: string }>(
        `SELECT l.date FROM mark x JOIN lesson l ON l.id = x.lesson_id JOIN study_group g ON g.id = l.group_id
         WHERE x.pupil_id = ? AND g.class_id = ?`,
        m.pupil_id,
        cls,
      ).map((r) => r.date);
    for (const d of marksIn(m.old_class)) expect(d <= m.left).toBe(true);
    for (const d of marksIn(m.new_class)) expect(d >= m.came).toBe(true);
  });

  it('has a lesson plan (КТП) for each teacher × subject × grade of the load, a topic per lesson of the year', () => {
    const loads = all<{ k: string }>(
      `SELECT DISTINCT tl.teacher_id || '|' || tl.subject_id || '|' || c.grade AS k FROM teaching_load tl
         JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id ORDER BY k`,
    ).map((r) => r.k);
    const plans = all<{ k: string }>("SELECT teacher_id || '|' || subject_id || '|' || grade AS k FROM plan ORDER BY k").map((r) => r.k);
    expect(plans).toEqual(loads);
    // Positions 1..n without gaps, one hour each, the demo's «Тема n. …» texts.
    const bad = count(
      `SELECT COUNT(*) AS n FROM plan p WHERE (SELECT COUNT(*) FROM plan_topic t WHERE t.plan_id = p.id)
         <> (SELECT MAX(position) FROM plan_topic t WHERE t.plan_id = p.id) OR (SELECT MIN(position) FROM plan_topic t WHERE t.plan_id = p.id) <> 1`,
    );
    expect(bad).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM plan_topic WHERE hours <> 1 OR topic NOT LIKE 'Тема %'")).toBe(0);
    // A Russian plan of the fifth grade lasts the year: far more topics than lessons given by 20 November.
    const rus5 = one<{ n: number }>(
      `SELECT COUNT(*) AS n FROM plan_topic t JOIN plan p ON p.id = t.plan_id JOIN subject s ON s.id = p.subject_id
         JOIN staff_user u ON u.id = p.teacher_id WHERE u.login = 'teacher' AND s.name = 'Русский язык' AND p.grade = 5`,
    ).n;
    expect(rus5).toBeGreaterThan(count("SELECT COUNT(*) AS n FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN subject s ON s.id = l.subject_id WHERE g.name = '5А' AND s.name = 'Русский язык'"));
    expect(count('SELECT COUNT(*) AS n FROM plan_topic WHERE work_type_id IS NOT NULL')).toBeGreaterThan(0);
  });

  it('refuses to fill a database that already has a school year', async () => {
    const { sqlite } = openDatabase(join(dir, 'a.db'), { migrationsFolder: sourceMigrationsFolder() });
    try {
      await expect(generateDemoSchool(sqlite, { big: false, today: TODAY, now })).rejects.toThrow(/already holds a school year/);
    } finally {
      sqlite.close();
    }
  });

  it('the CLI refuses to overwrite an existing non-empty file', () => {
    const file = join(dir, 'busy.db');
    writeFileSync(file, 'not a demo');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src-main/cli/demo.ts', '--db', file], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/уже существует/);
    expect(r.stderr).toMatch(/--force/);
  });
});
