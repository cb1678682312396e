// Daily packages follow the same rules as the full package for every entity (issue 9): two
// portal stores, one fed a full package and then a chain of daily packages across roster and
// access changes (a disabled teacher, a pupil who left, a pupil enrolled by mistake and
// removed, pupils moved between classes and groups, a guardian's application connected and
// another withdrawn, a teaching load handed over, a new class teacher, UIDs set and removed),
// the other fed ONE full package of the same final state: compared table by table, and both
// with the diary computed from the journal tables with plain SQL.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src-main/app';
import { createDemoDatabase } from '../../src-main/demo/create';
import type { Ctx } from '../../src-main/services/context';
import { mutate } from '../../src-main/services/mutate';
import { buildFullPackage } from '../../src-main/services/export/full';
import { queueFullPackage, queueIncrementalPackage, yearRef } from '../../src-main/services/export/outbox';
import { syncOutbox } from '../../src-main/services/export/sync';
import { sendPackage } from '../../src-main/services/export/transport';
import { addDays } from '../../src-shared/dates';
import { DIARY_FIELDS } from '../../src-shared/export/keys';
import { startPortal, type Portal } from '../portal/server';
import { portalState } from '../portal/state';
import { expectedDiary } from '../helpers/expected-diary';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

const TODAY = '2026-11-26';
let now = new Date(`${TODAY}T08:00:00Z`);
let app: App;
let ctx: Ctx;
let daily: Portal;
let full: Portal;
let admin: string;
const TOKEN = 'daily-full-token';

beforeAll(async () => {
  const dir = tempDir();
  await createDemoDatabase(join(dir, 'school.db'), { big: false, today: TODAY, now: () => now });
  app = openApp({ dbFile: join(dir, 'school.db'), migrationsFolder, resourcesDir, now: () => now });
  ctx = { ...app.services, actor: null };
  daily = await startPortal({ dbFile: join(dir, 'daily.db'), token: TOKEN });
  full = await startPortal({ dbFile: join(dir, 'full.db'), token: TOKEN });
  const login = await app.router.call('auth.login', { login: 'admin', password: 'demo' }, null);
  if (!login.ok) throw new Error(login.error.message);
  admin = (login.value as { token: string }).token;
  await call('export.configure', { url: daily.url, token: TOKEN });
}, 60_000);
afterAll(async () => {
  await daily.close();
  await full.close();
  app.close();
});

async function call(method: string, input: unknown): Promise<any> {
  const env = await app.router.call(method, input, admin);
  if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
  return env.value;
}
const db = () => app.services.sqlite;
const one = <T>(sql: string, ...p: unknown[]) =>
  db()
    .prepare(sql)
    .get(...p) as T;
const tick = () => (now = new Date(now.getTime() + 60_000));

/** Sends a daily package of what changed and checks it arrived. */
async function sendDaily(): Promise<void> {
  tick();
  const p = await queueIncrementalPackage(ctx, 'тест');
  expect(p?.kind).toBe('incremental');
  expect((await syncOutbox(ctx)).done).toEqual([p!.id]);
}

/** A pupil's open enrolment and memberships end yesterday and new ones begin today. */
function move(pupilId: number, to: { classId?: number; groupId: number }, from: { groupId: number }) {
  const yesterday = addDays(TODAY, -1);
  mutate(ctx, (rec) => {
    const m = one<{ id: number }>(
      'SELECT id FROM group_member WHERE pupil_id = ? AND group_id = ? AND to_date IS NULL',
      pupilId,
      from.groupId,
    );
    db().prepare('UPDATE group_member SET to_date = ? WHERE id = ?').run(yesterday, m.id);
    rec.audit({ action: 'test.move', entity: 'group_member', entityId: m.id, after: { pupilId }, feed: 'upsert' });
    if (to.classId) {
      const e = one<{ id: number }>('SELECT id FROM enrolment WHERE pupil_id = ? AND to_date IS NULL', pupilId);
      db().prepare('UPDATE enrolment SET to_date = ? WHERE id = ?').run(yesterday, e.id);
      rec.audit({ action: 'test.move', entity: 'enrolment', entityId: e.id, after: { pupilId }, feed: 'upsert' });
      const id = db()
        .prepare('INSERT INTO enrolment (pupil_id, class_id, from_date) VALUES (?,?,?)')
        .run(pupilId, to.classId, TODAY).lastInsertRowid;
      rec.audit({ action: 'test.move', entity: 'enrolment', entityId: Number(id), after: { pupilId }, feed: 'upsert' });
    }
    const id = db()
      .prepare('INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?,?,?)')
      .run(pupilId, to.groupId, TODAY).lastInsertRowid;
    rec.audit({ action: 'test.move', entity: 'group_member', entityId: Number(id), after: { pupilId }, feed: 'upsert' });
  });
}

async function connect(pupilId: number, guardianId: number, uid: string): Promise<number> {
  const g = one<{ surname: string; name: string; patronymic: string | null }>(
    'SELECT surname, name, patronymic FROM person WHERE id = ?',
    guardianId,
  );
  await call('uid.set', { personId: guardianId, uid });
  const a = await call('applications.create', {
    pupilId,
    guardian: { guardianId },
    passport: { surname: g.surname, name: g.name, patronymic: g.patronymic ?? '' },
    confirmMismatch: false,
    passportChecked: true,
    number: `З-${guardianId}`,
    appliedOn: TODAY,
  });
  await call('applications.setStatus', { id: a.application.id, status: 'connected' });
  return a.application.id as number;
}

describe('daily packages and the full package agree', () => {
  it('leave the portal in the same state after roster and access changes', async () => {
    // Fixtures: two guardians with UIDs and connected applications, a teacher with a UID.
    const pupils = db()
      .prepare(
        `SELECT g.pupil_id, MIN(g.guardian_id) AS guardian_id FROM guardianship g JOIN enrolment e ON e.pupil_id = g.pupil_id
         WHERE e.to_date IS NULL GROUP BY g.pupil_id HAVING COUNT(DISTINCT e.id) = 1 ORDER BY g.pupil_id LIMIT 6`,
      )
      .all() as { pupil_id: number; guardian_id: number }[];
    const [p1, p2, p3, p4] = pupils;
    const keepApp = await connect(p1!.pupil_id, p1!.guardian_id, '81000001');
    const withdrawApp = await connect(p2!.pupil_id, p2!.guardian_id, '81000002');
    const unconnectedGuardian = pupils[5]!.guardian_id;
    await call('uid.set', { personId: unconnectedGuardian, uid: '81000003' });
    const teacher = one<{ id: number; person_id: number; uid: string | null }>(
      `SELECT u.id, u.person_id, p.portal_uid AS uid FROM staff_user u JOIN person p ON p.id = u.person_id
       JOIN teaching_load tl ON tl.teacher_id = u.id WHERE u.login NOT IN ('admin', 'teacher') AND p.portal_uid IS NOT NULL
       AND tl.valid_to IS NULL ORDER BY u.id LIMIT 1`,
    );
    tick();
    await queueFullPackage(ctx, 'начало');
    expect((await syncOutbox(ctx)).done).toHaveLength(1);
    // Only a guardian with a connected application goes out (part 4 of the issue).
    const people = () => Object.values(portalState(daily.store).schools)[0]!.diary.people;
    expect(people().some((p) => p.uid === '81000001')).toBe(true);
    expect(people().some((p) => p.uid === '81000003')).toBe(false);

    // Day 1: a teacher is disabled; an application withdrawn; a load handed over.
    await call('staff.setDisabled', { staffId: teacher.id, disabled: true, reason: 'увольнение' });
    await call('applications.setStatus', { id: withdrawApp, status: 'withdrawn', reason: 'заявление отозвано' });
    const load = one<{ group_id: number; subject_id: number; teacher_id: number }>(
      'SELECT group_id, subject_id, teacher_id FROM teaching_load WHERE valid_to IS NULL AND valid_from < ? AND teacher_id <> ? ORDER BY id LIMIT 1',
      TODAY,
      teacher.id,
    );
    const other = one<{ id: number }>(
      "SELECT u.id FROM staff_user u JOIN staff_role r ON r.staff_id = u.id WHERE r.role = 'teacher' AND u.disabled = 0 AND u.id NOT IN (?, ?) ORDER BY u.id LIMIT 1",
      load.teacher_id,
      teacher.id,
    );
    await call('load.assign', {
      groupId: load.group_id,
      subjectId: load.subject_id,
      teacherId: other.id,
      hoursPerWeek: 2,
      validFrom: TODAY,
    });
    await sendDaily();
    expect(people().some((p) => p.uid === teacher.uid)).toBe(false);
    expect(people().some((p) => p.uid === '81000002')).toBe(false);

    // Day 2: a pupil leaves; another moves class; a third moves group; a new class teacher; UIDs.
    const leaver = p3!.pupil_id;
    mutate(ctx, (rec) => {
      const e = one<{ id: number }>('SELECT id FROM enrolment WHERE pupil_id = ? AND to_date IS NULL', leaver);
      db().prepare('UPDATE enrolment SET to_date = ? WHERE id = ?').run(addDays(TODAY, -1), e.id);
      rec.audit({ action: 'test.leave', entity: 'enrolment', entityId: e.id, after: { pupilId: leaver }, feed: 'upsert' });
    });
    const mover = p4!.pupil_id;
    const at = one<{ class_id: number; grade: number; whole: number }>(
      `SELECT c.id AS class_id, c.grade, g.id AS whole FROM enrolment e JOIN class_unit c ON c.id = e.class_id
       JOIN study_group g ON g.class_id = c.id AND g.is_whole_class = 1 WHERE e.pupil_id = ? AND e.to_date IS NULL`,
      mover,
    );
    const target = one<{ id: number; whole: number }>(
      `SELECT c.id, g.id AS whole FROM class_unit c JOIN study_group g ON g.class_id = c.id AND g.is_whole_class = 1
       WHERE c.id <> ? AND c.year_id = (SELECT year_id FROM class_unit WHERE id = ?) ORDER BY c.grade = ? DESC, c.id LIMIT 1`,
      at.class_id,
      at.class_id,
      at.grade,
    );
    move(mover, { classId: target.id, groupId: target.whole }, { groupId: at.whole });
    const sub = one<{ pupil_id: number; group_id: number; other: number } | undefined>(
      `SELECT m.pupil_id, m.group_id, (SELECT g2.id FROM study_group g2 WHERE g2.class_id = g.class_id AND g2.is_whole_class = 0 AND g2.id <> g.id LIMIT 1) AS other
       FROM group_member m JOIN study_group g ON g.id = m.group_id WHERE g.is_whole_class = 0 AND m.to_date IS NULL AND other IS NOT NULL ORDER BY m.id LIMIT 1`,
    );
    if (sub) move(sub.pupil_id, { groupId: sub.other }, { groupId: sub.group_id });
    const cls = one<{ id: number }>('SELECT id FROM class_unit WHERE class_teacher_id IS NOT NULL ORDER BY id LIMIT 1');
    await call('class.setTeacher', { classId: cls.id, staffId: other.id });
    await call('uid.set', { personId: p1!.guardian_id, uid: null });
    await call('uid.set', { personId: p1!.pupil_id, uid: '81000004' });
    void keepApp;
    await sendDaily();

    // Day 3: a pupil enrolled by mistake, sent, then removed again (as roster/pupils.ts does).
    const newbie = Number(
      mutate(ctx, (rec) => {
        const id = Number(db().prepare("INSERT INTO person (surname, name) VALUES ('Ошибочный', 'Ученик')").run().lastInsertRowid);
        rec.audit({ action: 'test.create', entity: 'person', entityId: id, feed: 'upsert' });
        const e = Number(
          db().prepare('INSERT INTO enrolment (pupil_id, class_id, from_date) VALUES (?,?,?)').run(id, target.id, TODAY).lastInsertRowid,
        );
        rec.audit({ action: 'test.enrol', entity: 'enrolment', entityId: e, after: { pupilId: id }, feed: 'upsert' });
        const m = Number(
          db().prepare('INSERT INTO group_member (pupil_id, group_id, from_date) VALUES (?,?,?)').run(id, target.whole, TODAY)
            .lastInsertRowid,
        );
        rec.audit({ action: 'test.enrol', entity: 'group_member', entityId: m, after: { pupilId: id }, feed: 'upsert' });
        return id;
      }),
    );
    await sendDaily();
    mutate(ctx, (rec) => {
      for (const t of ['group_member', 'enrolment'] as const) {
        const r = one<{ id: number }>(`SELECT id FROM ${t} WHERE pupil_id = ?`, newbie);
        db().prepare(`DELETE FROM ${t} WHERE id = ?`).run(r.id);
        rec.audit({ action: 'test.remove', entity: t, entityId: r.id, before: { pupilId: newbie }, feed: 'delete' });
      }
    });
    await sendDaily();

    // The other portal gets one full package of the same state.
    const pkg = await buildFullPackage(ctx, yearRef(ctx, TODAY), TODAY);
    const receipt = await sendPackage(pkg.header.packageId, pkg.header.payloadSha256, pkg.body, {
      url: full.url,
      token: TOKEN,
      timeoutMs: 30_000,
    });
    expect(receipt.kind).toBe('done');

    const d = Object.values(portalState(daily.store).schools)[0]!;
    const f = Object.values(portalState(full.store).schools)[0]!;
    for (const field of DIARY_FIELDS) expect(d.diary[field], `daily ≠ full: ${field}`).toEqual(f.diary[field]);
    expect(f.diary).toEqual(expectedDiary(db(), TODAY));
    expect(
      Object.values(d.orphans).every((n) => n === 0),
      JSON.stringify(d.orphans),
    ).toBe(true);
  });
});
