// The year rollover on the demo school at its year's end (issue 11): preconditions each failing
// alone, apply's rows checked by plain SQL, a failure that leaves the database as it was, the
// archived year read-only, undo allowed then refused, debt outcomes, the new year's full export.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tableCounts, type TestApp } from '../helpers/app';
import { arrangeYearEnd, OLD_END, openYearEnd, yearEndTemplate } from '../helpers/rollover-school';

let app: TestApp;
beforeAll(async () => {
  await yearEndTemplate();
}, 120_000);
afterEach(() => app?.dispose());

const login = async (l: string) => (await app.call<{ token: string }>('auth.login', { login: l, password: 'demo' })).token;
const one = <T>(sql: string, ...p: unknown[]) => app.services.sqlite.prepare(sql).pluck().get(...p) as T;
const all = <T>(sql: string, ...p: unknown[]) => app.services.sqlite.prepare(sql).all(...p) as T[];
const pluckAll = <T>(sql: string, ...p: unknown[]) => app.services.sqlite.prepare(sql).pluck().all(...p) as T[];

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return (e as { body: { code: string; message: string } }).body;
  }
  throw new Error('expected a refusal');
}

/** The demo school with every precondition met, and a deputy's token. */
async function ready(): Promise<string> {
  app = await openYearEnd();
  arrangeYearEnd(app.services.sqlite);
  const deputy = await login('deputy');
  await app.call('rollover.backup', {}, deputy);
  // Backup names carry the instant: the apply's own copy must not meet this one's name.
  app.clock.advance(60_000);
  return deputy;
}

function planOf(draft: any) {
  return {
    classes: draft.classes,
    pupils: draft.pupils.map((p: any) => ({ pupilId: p.pupilId, decision: p.decision, toClass: p.toClass, debts: p.debts })),
  };
}

const OLD_YEAR = () => one<number>("SELECT id FROM school_year WHERE label = '2026/2027'");

/** Pupil ids of an old class enrolled on the year's last day (plain SQL). */
const pupilsOf = (cls: string) =>
  pluckAll<number>(
    `SELECT e.pupil_id FROM enrolment e JOIN class_unit c ON c.id = e.class_id
      WHERE c.year_id = ? AND c.grade || c.letter = ? AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?) ORDER BY e.pupil_id`,
    OLD_YEAR(),
    cls,
    OLD_END,
    OLD_END,
  );

/** Sets one pupil's year mark in one of their journals (the first by subject id). */
function failSubjects(pupilId: number, n: number): number[] {
  const rows = all<{ id: number; subject_id: number }>(
    `SELECT tm.id, tm.subject_id FROM term_mark tm JOIN term t ON t.id = tm.term_id AND t.kind = 'year' WHERE tm.pupil_id = ? ORDER BY tm.subject_id LIMIT ?`,
    pupilId,
    n,
  );
  for (const r of rows) app.services.sqlite.prepare("UPDATE term_mark SET value = '2' WHERE id = ?").run(r.id);
  return rows.map((r) => r.subject_id);
}

describe('rollover preconditions', () => {
  it('all pass once terms are closed, year marks set and a backup made after the last change', async () => {
    const deputy = await ready();
    const check = await app.call<any>('rollover.check', {}, deputy);
    expect(check.ok).toBe(true);
    expect(check.preconditions.map((p: any) => [p.key, p.ok, p.count])).toEqual([
      ['termsClosed', true, 0],
      ['yearMarks', true, 0],
      ['exportDelivered', true, 0],
      ['freshBackup', true, 0],
    ]);
  });

  it('each fails alone, with its count and examples', async () => {
    const deputy = await ready();
    const s = app.services.sqlite;
    const failing = async () => ((await app.call<any>('rollover.check', {}, deputy)).preconditions as any[]).filter((p) => !p.ok);

    // A term reopened for the whole school, closed again for all classes but 5А.
    const q4 = one<number>("SELECT id FROM term WHERE year_id = ? AND kind = 'quarter' AND number = 4", OLD_YEAR());
    s.prepare('UPDATE term SET closed_at = NULL WHERE id = ?').run(q4);
    s.prepare(
      "INSERT INTO term_closure (term_id, class_id, closed_at) SELECT ?, id, '2027-06-01' FROM class_unit WHERE year_id = ? AND grade BETWEEN 1 AND 9 AND grade || letter <> '5А'",
    ).run(q4, OLD_YEAR());
    let f = await failing();
    expect(f.map((p) => [p.key, p.count, p.examples])).toEqual([['termsClosed', 1, ['5А: 4 четверть']]]);
    s.prepare("INSERT INTO term_closure (term_id, class_id, closed_at) SELECT ?, id, '2027-06-01' FROM class_unit WHERE year_id = ? AND grade || letter = '5А'").run(q4, OLD_YEAR());

    // Two year marks missing.
    const removed = pluckAll<number>("SELECT tm.id FROM term_mark tm JOIN term t ON t.id = tm.term_id AND t.kind = 'year' ORDER BY tm.id LIMIT 2");
    const saved = all<Record<string, unknown>>(`SELECT * FROM term_mark WHERE id IN (${removed.join(',')})`);
    s.prepare(`DELETE FROM term_mark WHERE id IN (${removed.join(',')})`).run();
    f = await failing();
    expect(f.map((p) => [p.key, p.count, p.examples.length])).toEqual([['yearMarks', 2, 2]]);
    for (const r of saved) s.prepare(`INSERT INTO term_mark (${Object.keys(r).join(',')}) VALUES (${Object.keys(r).map(() => '?').join(',')})`).run(...Object.values(r));

    // A package still waiting for the portal.
    s.prepare(
      "INSERT INTO export_package (id, kind, feed_from, feed_to, created_at, year, sha256, size, body, state, attempts) VALUES ('p1', 'incremental', 0, 1, '2027-06-09T15:00:00Z', '2026/2027', 'x', 1, x'00', 'queued', 0)",
    ).run();
    f = await failing();
    expect(f.map((p) => [p.key, p.count])).toEqual([['exportDelivered', 1]]);
    s.prepare("UPDATE export_package SET state = 'done' WHERE id = 'p1'").run();

    // A change after the backup (the school's settings), and a backup whose file is gone.
    expect(await failing()).toEqual([]);
    const admin = await login('admin');
    await app.call('school.updateSettings', { settings: { markRoundingThreshold: 0.5 } }, admin);
    f = await failing();
    expect(f.map((p) => [p.key, p.count])).toEqual([['freshBackup', 1]]);
    const { name } = await app.call<{ name: string }>('rollover.backup', {}, deputy);
    app.clock.advance(60_000);
    expect(await failing()).toEqual([]);
    const { rmSync } = await import('node:fs');
    rmSync(join(app.dir, 'backups', name));
    f = await failing();
    expect(f.map((p) => p.key)).toEqual(['freshBackup']);
  });

  it('apply is refused while a precondition fails, and writes nothing', async () => {
    app = await openYearEnd();
    const deputy = await login('deputy');
    const draft = await app.call<any>('rollover.draft', {}, deputy);
    const before = tableCounts(app);
    const r = await refusal(app.call('rollover.apply', { plan: planOf(draft), councilNumber: '7', councilDate: '2027-06-05' }, deputy));
    expect(r.code).toBe('conflict');
    expect(r.message).toMatch(/закрыты не все учебные периоды/);
    expect(tableCounts(app)).toEqual(before);
  });
});

describe('rollover draft and apply', () => {
  it('defaults decisions from the year marks and rolls the school over, checked by plain SQL', async () => {
    const deputy = await ready();
    const old = OLD_YEAR();
    const p5a = pupilsOf('5А');
    const [conditional, repeater] = [p5a[0]!, p5a[1]!];
    const debtSubjects = failSubjects(conditional, 2);
    failSubjects(repeater, 3);
    const graduates = [...pupilsOf('9А'), ...pupilsOf('9Б'), ...pupilsOf('11А'), ...pupilsOf('11Б')];
    const p4a = pupilsOf('4А');
    const oldLoads = one<number>(
      `SELECT COUNT(*) FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?`,
      old,
    );
    const oldTimetable = one<number>(
      `SELECT COUNT(*) FROM timetable_entry te JOIN study_group g ON g.id = te.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?`,
      old,
    );
    const atEnd = one<number>(
      `SELECT COUNT(DISTINCT e.pupil_id) FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ? AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?)`,
      old,
      OLD_END,
      OLD_END,
    );
    const teacher5a = one<number>("SELECT class_teacher_id FROM class_unit WHERE year_id = ? AND grade = 5 AND letter = 'А'", old);

    const draft = await app.call<any>('rollover.draft', {}, deputy);
    expect(draft.newYear).toEqual({ label: '2027/2028', startsOn: '2027-09-01', endsOn: '2028-05-31' });
    const byId = new Map(draft.pupils.map((p: any) => [p.pupilId, p]));
    expect(draft.pupils).toHaveLength(atEnd);
    expect(byId.get(conditional)).toMatchObject({ decision: 'conditional', toClass: '6А' });
    expect([...(byId.get(conditional) as any).debts].sort((a, b) => a.subjectId - b.subjectId)).toEqual(
      debtSubjects.map((subjectId) => ({ subjectId, deadline: '2027-10-15' })),
    );
    expect(byId.get(repeater)).toMatchObject({ decision: 'repeats', toClass: '5А', debts: [] });
    for (const g of graduates) expect(byId.get(g)).toMatchObject({ decision: 'graduates', toClass: null });
    expect(draft.classes.map((c: any) => `${c.grade}${c.letter}`)).toEqual(
      ['1А', '1Б', '2А', '2Б', '3А', '3Б', '4А', '4Б', '5А', '5Б', '6А', '6Б', '7А', '7Б', '8А', '8Б', '9А', '9Б', '10А', '10Б', '11А', '11Б'],
    );

    const preview = await app.call<any>('rollover.preview', { plan: planOf(draft) }, deputy);
    expect(preview.errors).toEqual([]);
    expect(preview.counts.graduates).toBe(graduates.length);
    expect(preview.debts).toBe(2);
    expect(tableCounts(app).school_year).toBe(1);

    const out = await app.call<any>('rollover.apply', { plan: planOf(draft), councilNumber: '7', councilDate: '2027-06-05' }, deputy);
    expect(out.exportError).toBeNull();
    const nw = one<number>("SELECT id FROM school_year WHERE label = '2027/2028'");
    expect(out.newYearId).toBe(nw);
    expect(all('SELECT label, status, previous_year_id FROM school_year ORDER BY id')).toEqual([
      { label: '2026/2027', status: 'archived', previous_year_id: null },
      { label: '2027/2028', status: 'open', previous_year_id: old },
    ]);
    // Decisions: one per pupil at the year's end, with the council's number and date.
    expect(one('SELECT COUNT(*) FROM pupil_decision WHERE year_id = ? AND council_number = ? AND council_date = ?', old, '7', '2027-06-05')).toBe(atEnd);
    expect(all('SELECT subject_id, deadline FROM academic_debt WHERE pupil_id = ? ORDER BY subject_id', conditional)).toEqual(
      debtSubjects.map((s) => ({ subject_id: s, deadline: '2027-10-15' })),
    );
    expect(one('SELECT COUNT(*) FROM academic_debt')).toBe(2);
    // 5А's pupils but the repeater are in 6А of the new year, 4А's in 5А with the repeater.
    const newClass = (cls: string) =>
      pluckAll<number>(
        'SELECT e.pupil_id FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ? AND c.grade || c.letter = ? AND e.from_date = ? AND e.to_date IS NULL ORDER BY e.pupil_id',
        nw,
        cls,
        '2027-09-01',
      );
    expect(newClass('6А')).toEqual(p5a.filter((p) => p !== repeater));
    expect(newClass('5А')).toEqual([...p4a, repeater].sort((a, b) => a - b));
    expect(one('SELECT class_teacher_id FROM class_unit WHERE year_id = ? AND grade = 6 AND letter = ?', nw, 'А')).toBe(teacher5a);
    // Graduates: no class in the new year; every enrolment of the old year ended on its last day.
    expect(one(`SELECT COUNT(*) FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ? AND e.pupil_id IN (${graduates.join(',')})`, nw)).toBe(0);
    expect(one('SELECT COUNT(*) FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ? AND (e.to_date IS NULL OR e.to_date > ?)', old, OLD_END)).toBe(0);
    expect(one('SELECT COUNT(*) FROM group_member m JOIN study_group g ON g.id = m.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ? AND (m.to_date IS NULL OR m.to_date > ?)', old, OLD_END)).toBe(0);
    // Every new-year pupil is in the whole-class group; 6А copied 6А's subgroups (English, IT halves).
    expect(
      one(
        `SELECT COUNT(*) FROM enrolment e JOIN class_unit c ON c.id = e.class_id WHERE c.year_id = ? AND NOT EXISTS
           (SELECT 1 FROM group_member m JOIN study_group g ON g.id = m.group_id WHERE m.pupil_id = e.pupil_id AND g.class_id = c.id AND g.is_whole_class = 1)`,
        nw,
      ),
    ).toBe(0);
    expect(pluckAll('SELECT g.name FROM study_group g JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ? AND c.grade = 6 AND c.letter = ? ORDER BY g.name', nw, 'А')).toEqual(
      ['6А', '6А англ. 1 гр.', '6А англ. 2 гр.', '6А информ. 1 гр.', '6А информ. 2 гр.'],
    );
    // Load and timetable: every old row copied once, as a draft, onto the new groups.
    const copied = (table: string) =>
      all(`SELECT t.draft, COUNT(*) AS n FROM ${table} t JOIN study_group g ON g.id = t.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ? GROUP BY t.draft`, nw);
    expect(copied('teaching_load')).toEqual([{ draft: 1, n: oldLoads }]);
    expect(copied('timetable_entry')).toEqual([{ draft: 1, n: oldTimetable }]);
    // The new calendar's terms; the audit: one rollover record and one per decision.
    expect(one("SELECT COUNT(*) FROM term WHERE year_id = ? AND kind IN ('quarter', 'half')", nw)).toBe(6);
    // The calendar template (YEAR.md): exam and final rows for grades 9 and 11, holidays.
    expect(all("SELECT kind, grade_from FROM term WHERE year_id = ? AND kind IN ('exam', 'final') ORDER BY grade_from, kind", nw)).toEqual([
      { kind: 'exam', grade_from: 9 },
      { kind: 'final', grade_from: 9 },
      { kind: 'exam', grade_from: 11 },
      { kind: 'final', grade_from: 11 },
    ]);
    expect(one("SELECT COUNT(*) FROM calendar_day WHERE year_id = ? AND kind = 'holiday' AND date = '2027-11-04'", nw)).toBe(1);
    expect(one("SELECT COUNT(*) FROM audit_event WHERE action = 'rollover.apply'")).toBe(1);
    expect(one("SELECT COUNT(*) FROM audit_event WHERE action = 'rollover.decision'")).toBe(atEnd);
    const row = all<any>('SELECT * FROM rollover')[0];
    expect(row).toMatchObject({ from_year_id: old, to_year_id: nw, council_number: '7', backup_file: out.backupFile });
    expect(existsSync(join(app.dir, 'backups', row.backup_file))).toBe(true);
    expect(one("SELECT MAX(seq) FROM audit_event WHERE action = 'rollover.apply'")).toBe(row.audit_seq);
    // The backup is the state before the rollover: one open year, no decisions.
    const Database = (await import('better-sqlite3')).default;
    const copy = new Database(join(app.dir, 'backups', row.backup_file), { readonly: true });
    expect(copy.prepare('SELECT COUNT(*) FROM school_year').pluck().get()).toBe(1);
    copy.close();
    // The full export of the new year is queued.
    expect(all("SELECT id, kind, year, state FROM export_package WHERE kind = 'full'")).toEqual([
      { id: out.exportPackage, kind: 'full', year: '2027/2028', state: 'queued' },
    ]);
  }, 60_000);

  it('a failure in the middle leaves the database as it was', async () => {
    const deputy = await ready();
    failSubjects(pupilsOf('5А')[0]!, 1);
    const draft = await app.call<any>('rollover.draft', {}, deputy);
    const s = app.services.sqlite;
    // The fault: the academic debt row (written after the new year, classes and enrolments).
    s.exec("CREATE TEMP TRIGGER inject BEFORE INSERT ON main.academic_debt BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
    const { audit_event: auditBefore, ...before } = tableCounts(app);
    const r = await refusal(app.call('rollover.apply', { plan: planOf(draft), councilNumber: '7', councilDate: '2027-06-05' }, deputy));
    s.exec('DROP TRIGGER inject');
    expect(r.code).toBe('conflict');
    expect(r.message).toMatch(/данные не изменены.*injected failure/);
    const { audit_event: auditAfter, ...after } = tableCounts(app);
    expect(after).toEqual(before);
    // Only the automatic backup's own record was added.
    expect(auditAfter).toBe(auditBefore! + 1);
    expect(pluckAll('SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1')).toEqual(['backup.create']);
    expect(all('SELECT label, status FROM school_year')).toEqual([{ label: '2026/2027', status: 'open' }]);
  }, 60_000);

  it('refuses a plan with errors, naming them', async () => {
    const deputy = await ready();
    const draft = await app.call<any>('rollover.draft', {}, deputy);
    const plan = planOf(draft);
    const p = plan.pupils.find((x: any) => x.toClass === '6А');
    p.toClass = '8А';
    plan.pupils.pop();
    const preview = await app.call<any>('rollover.preview', { plan }, deputy);
    expect(preview.errors).toHaveLength(2);
    expect(preview.errors[0]).toMatch(/нужен 6 класс, выбран 8А/);
    expect(preview.errors[1]).toMatch(/Нет решения для 1 учеников/);
    const r = await refusal(app.call('rollover.apply', { plan, councilNumber: '7', councilDate: '2027-06-05' }, deputy));
    expect(r.code).toBe('validation');
    expect(one('SELECT COUNT(*) FROM school_year')).toBe(1);
  });
});

describe('after the rollover', () => {
  async function rolled(): Promise<{ deputy: string; out: any }> {
    const deputy = await ready();
    failSubjects(pupilsOf('5А')[0]!, 1);
    const draft = await app.call<any>('rollover.draft', {}, deputy);
    const out = await app.call<any>('rollover.apply', { plan: planOf(draft), councilNumber: '7', councilDate: '2027-06-05' }, deputy);
    return { deputy, out };
  }

  it("keeps the old year's journals readable and refuses writes into them", async () => {
    const { deputy } = await rolled();
    const old = OLD_YEAR();
    const current = await app.call<any>('journal.list', {}, deputy);
    expect(current.years.map((y: any) => [y.label, y.archived])).toEqual([
      ['2027/2028', false],
      ['2026/2027', true],
    ]);
    const archived = await app.call<any>('journal.list', { yearId: old }, deputy);
    expect(archived.yearId).toBe(old);
    const expected = one<number>(
      'SELECT COUNT(*) FROM (SELECT DISTINCT tl.group_id, tl.subject_id FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ?)',
      old,
    );
    expect(archived.journals).toHaveLength(expected);
    expect(archived.journals.every((j: any) => j.access === 'read')).toBe(true);
    const j = archived.journals.find((x: any) => x.className === '5А' && x.groupName === '5А');
    const view = await app.call<any>('journal.open', { groupId: j.groupId, subjectId: j.subjectId }, deputy);
    expect(view.pupils.length).toBeGreaterThan(0);
    // The teacher of an old lesson cannot change it any more.
    const lesson = all<any>(
      `SELECT l.group_id, l.subject_id, l.date, l.slot, u.login, m.pupil_id FROM lesson l JOIN staff_user u ON u.id = l.actual_teacher_id
         JOIN group_member m ON m.group_id = l.group_id AND m.from_date <= l.date AND (m.to_date IS NULL OR m.to_date >= l.date)
        WHERE u.login = 'teacher' ORDER BY l.date DESC LIMIT 1`,
    )[0];
    const teacher = await login('teacher');
    const wt = one<number>('SELECT id FROM work_type ORDER BY id LIMIT 1');
    const r = await refusal(
      app.call(
        'journal.setCell',
        { lesson: { groupId: lesson.group_id, subjectId: lesson.subject_id, date: lesson.date, slot: lesson.slot }, pupilId: lesson.pupil_id, marks: [{ value: '5', workTypeId: wt }], absence: null },
        teacher,
      ),
    );
    expect(r.code).toBe('locked');
    expect(r.message).toMatch(/2026\/2027.*архив/);
    const own = await app.call<any>('journal.open', { groupId: lesson.group_id, subjectId: lesson.subject_id }, teacher);
    expect(own.access).toBe('read');
  }, 60_000);

  it('undo restores the state before, until the first journal entry of the new year', async () => {
    let { deputy, out } = await rolled();
    let check = await app.call<any>('rollover.check', {}, deputy);
    expect(check.last).toMatchObject({ id: out.rolloverId, undoable: true });
    await app.call('rollover.undo', { rolloverId: out.rolloverId, confirm: true }, deputy);
    expect(all('SELECT label, status FROM school_year')).toEqual([{ label: '2026/2027', status: 'open' }]);
    expect(one('SELECT COUNT(*) FROM rollover')).toBe(0);
    expect(one('SELECT COUNT(*) FROM pupil_decision')).toBe(0);

    // Again; then the deputy puts the drafts in force (timetable.publishDrafts) and the new
    // year's first lesson is entered on its first Monday.
    deputy = await login('deputy');
    app.clock.advance(60_000);
    const draft = await app.call<any>('rollover.draft', {}, deputy);
    out = await app.call<any>('rollover.apply', { plan: planOf(draft), councilNumber: '8', councilDate: '2027-06-06' }, deputy);
    const nw = out.newYearId;
    app.clock.now = new Date('2027-09-06T07:00:00Z');
    deputy = await login('deputy');
    await app.call('timetable.publishDrafts', { yearId: nw }, deputy);
    const slot = all<any>(
      `SELECT te.group_id, te.subject_id, te.slot, m.pupil_id FROM timetable_entry te JOIN staff_user u ON u.id = te.teacher_id
         JOIN study_group g ON g.id = te.group_id JOIN class_unit c ON c.id = g.class_id AND c.year_id = ?
         JOIN group_member m ON m.group_id = te.group_id
        WHERE u.login = 'teacher' AND te.weekday = 1 ORDER BY te.slot LIMIT 1`,
      nw,
    )[0];
    const teacher = await login('teacher');
    deputy = await login('deputy');
    check = await app.call<any>('rollover.check', {}, deputy);
    expect(check.last.undoable).toBe(true);
    const wt = one<number>('SELECT id FROM work_type ORDER BY id LIMIT 1');
    await app.call(
      'journal.setCell',
      { lesson: { groupId: slot.group_id, subjectId: slot.subject_id, date: '2027-09-06', slot: slot.slot }, pupilId: slot.pupil_id, marks: [{ value: '5', workTypeId: wt }], absence: null },
      teacher,
    );
    check = await app.call<any>('rollover.check', {}, deputy);
    expect(check.last.undoable).toBe(false);
    const r = await refusal(app.call('rollover.undo', { rolloverId: out.rolloverId, confirm: true }, deputy));
    expect(r.code).toBe('conflict');
    const entries = one<number>("SELECT COUNT(*) FROM audit_event WHERE seq > ? AND action LIKE 'journal.%'", (all<any>('SELECT audit_seq FROM rollover'))[0].audit_seq);
    expect(entries).toBeGreaterThan(0);
    expect(r.message).toContain(`после него уже сделано записей в журналах — ${entries}`);
    expect(one("SELECT status FROM school_year WHERE id = ?", nw)).toBe('open');
  }, 90_000);

  it('records a debt outcome in the archived year, audited', async () => {
    const { deputy } = await rolled();
    const { debts } = await app.call<any>('rollover.debts', {}, deputy);
    expect(debts).toHaveLength(1);
    expect(debts[0]).toMatchObject({ year: '2026/2027', className: '5А', deadline: '2027-10-15', outcome: null });
    const teacher = await login('teacher');
    expect((await refusal(app.call('rollover.setDebtOutcome', { debtId: debts[0].id, outcome: 'cleared', mark: '3' }, teacher))).code).toBe('forbidden');
    const bad = await refusal(app.call('rollover.setDebtOutcome', { debtId: debts[0].id, outcome: 'cleared' }, deputy));
    expect(bad.code).toBe('validation');
    const v = await app.call<any>('rollover.setDebtOutcome', { debtId: debts[0].id, outcome: 'cleared', mark: '3' }, deputy);
    expect(v).toMatchObject({ outcome: 'cleared', mark: '3' });
    expect(all('SELECT outcome, mark, outcome_at FROM academic_debt')).toEqual([{ outcome: 'cleared', mark: '3', outcome_at: app.clock.now.toISOString() }]);
    expect(all("SELECT before, after FROM audit_event WHERE action = 'rollover.debt_outcome'")).toEqual([
      { before: JSON.stringify({ outcome: null, mark: null }), after: JSON.stringify({ outcome: 'cleared', mark: '3' }) },
    ]);
  }, 60_000);
});
