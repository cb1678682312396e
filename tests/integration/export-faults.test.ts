// Randomized fault injection for the exporter (issues 5 and 9): journal edits through the real
// router (and pupils moved between classes and groups, teaching loads handed over) interleaved
// with incremental and full packages and uploads, under every fault the portal double can
// inject (lost request, lost answer after the apply, 5xx, a crash inside the apply, an answer
// later than the client's timeout, duplicate delivery, a refusal, a receipt that does not
// match), with a fake clock moved past each backoff. After every scenario things settle
// (faults off, upload until the outbox is empty) and then: the portal's diary equals the
// diary computed from the journal tables with plain SQL (tests/helpers/expected-diary.ts, not
// the exporter's own full build), every package the portal stored was applied exactly once,
// every package done here holds the portal's receipt, and nothing is left queued.
// Plus: the app process killed with SIGKILL in the middle of an upload.
//
// Deterministic for a seed: EXPORT_FAULTS_SEED=N EXPORT_FAULTS_SCENARIOS=M replays a run.
// (Only a machine so slow that a plain request takes longer than the 300 ms client timeout
// can add a timeout the seed did not draw; the settled invariants must hold regardless.)
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../src-main/demo/create';
import { openApp, type App } from '../../src-main/app';
import type { Ctx } from '../../src-main/services/context';
import { expectedDiary } from '../helpers/expected-diary';
import { mutate } from '../../src-main/services/mutate';
import { addDays } from '../../src-shared/dates';
import { queueFullPackage, queueIncrementalPackage } from '../../src-main/services/export/outbox';
import { PORTAL_TOKEN_KEY, syncOutbox } from '../../src-main/services/export/sync';
import { schoolDate } from '../../src-shared/dates';
import { startPortal, type Portal } from '../portal/server';
import { portalState } from '../portal/state';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';
import { mulberry32 } from '../../src-main/demo/random';

const SEED = Number(process.env.EXPORT_FAULTS_SEED ?? 20_261_129);
const SCENARIOS = Number(process.env.EXPORT_FAULTS_SCENARIOS ?? 200);
/** Client timeout during the faulty phase, and the injected delay just past it. */
const TIMEOUT_MS = 300;
const DELAY_MS = 400;
/** The demo school "as of" the end of its first school week: small enough to compare the whole diary after every scenario. */
const TODAY = '2026-09-04';

interface Journal {
  groupId: number;
  subjectId: number;
  termId: number;
  lessons: { date: string; slot: number }[];
  pupils: number[];
  workTypes: number[];
}

// 10:00 in Moscow: a whole run moves the clock by minutes, never across midnight (a new
// school date would change date-dependent grants that no change-feed entry announces).
const clock = { now: new Date(`${TODAY}T07:00:00Z`) };
const advance = (ms: number) => (clock.now = new Date(clock.now.getTime() + ms));
let dir: string;
let dbFile: string;
let app: App;
let ctx: Ctx;
let portal: Portal;
const tokens: Record<string, string> = {};
const journals: Journal[] = [];
const people: number[] = [];
/** Staff who teach but are not the "teacher" login (whose journals the random edits use). */
const otherTeachers: number[] = [];
let teacherStaffId = 0;

beforeAll(async () => {
  dir = tempDir();
  dbFile = join(dir, 'school.db');
  await createDemoDatabase(dbFile, { big: false, today: TODAY, now: () => clock.now });
  app = openApp({ dbFile, migrationsFolder, resourcesDir, now: () => clock.now });
  ctx = { ...app.services, actor: null };
  portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: 'faults-token' });
  const { sqlite } = app.services;
  const settings = JSON.parse((sqlite.prepare('SELECT settings FROM school WHERE id = 1').get() as { settings: string }).settings);
  sqlite
    .prepare('UPDATE school SET settings = ? WHERE id = 1')
    .run(JSON.stringify({ ...settings, exportUrl: portal.url, idleLockMinutes: 240, sessionHours: 24 }));
  sqlite.prepare('INSERT INTO secret (key, value) VALUES (?, ?)').run(PORTAL_TOKEN_KEY, 'faults-token');
  for (const login of ['teacher', 'admin']) {
    const env = await app.router.call('auth.login', { login, password: 'demo' }, null);
    if (!env.ok) throw new Error(env.error.message);
    tokens[login] = (env.value as { token: string }).token;
  }
  // What the random edits can touch: the teacher's own journals up to today, and everyone's UID.
  for (const j of (await call('teacher', 'journal.list', {})).journals.filter((x: any) => x.access === 'write')) {
    const view = await call('teacher', 'journal.open', { groupId: j.groupId, subjectId: j.subjectId });
    const lessons = view.lessons.filter((l: any) => l.editable && l.date <= TODAY).map((l: any) => ({ date: l.date, slot: l.slot }));
    const pupils = view.pupils.filter((p: any) => p.to === null).map((p: any) => p.id);
    const workTypes = view.workTypes.filter((w: any) => !w.isMakeUp).map((w: any) => w.id);
    if (lessons.length && pupils.length && workTypes.length)
      journals.push({ groupId: j.groupId, subjectId: j.subjectId, termId: view.term.id, lessons, pupils, workTypes });
  }
  for (const kind of ['pupil', 'guardian', 'staff'])
    people.push(...(await call('admin', 'uid.people', { kind })).people.map((p: any) => p.personId));
  expect(journals.length).toBeGreaterThan(0);
  teacherStaffId = sqlite.prepare("SELECT id FROM staff_user WHERE login = 'teacher'").pluck().get() as number;
  otherTeachers.push(
    ...(sqlite
      .prepare(
        "SELECT DISTINCT u.id FROM staff_user u JOIN staff_role r ON r.staff_id = u.id WHERE r.role = 'teacher' AND u.disabled = 0 AND u.id <> ?",
      )
      .pluck()
      .all(teacherStaffId) as number[]),
  );
  expect(otherTeachers.length).toBeGreaterThan(1);
  // The portal starts from the whole year.
  await queueFullPackage(ctx, 'начало');
  await settle();
}, 60_000);

afterAll(async () => {
  await portal?.close();
  app?.close();
});

async function call(login: string, method: string, input: unknown): Promise<any> {
  const env = await app.router.call(method, input, tokens[login]!);
  if (!env.ok) throw Object.assign(new Error(`${method}: ${env.error.code}: ${env.error.message}`), { code: env.error.code });
  return env.value;
}

/** Deep equality of JSON values (object key order aside), without vitest's bookkeeping. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka)
    if (!Object.hasOwn(b, k) || !sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
let uidCounter = 0;

/** One random edit as a teacher or the administrator would make it. */
async function randomEdit(rnd: () => number): Promise<string> {
  const j = pick(rnd, journals);
  const l = pick(rnd, j.lessons);
  const lesson = { groupId: j.groupId, subjectId: j.subjectId, date: l.date, slot: l.slot };
  const pupilId = pick(rnd, j.pupils);
  const r = rnd();
  if (r < 0.35) {
    const marks = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => ({
      value: pick(rnd, ['2', '3', '4', '5']),
      workTypeId: pick(rnd, j.workTypes),
    }));
    await call('teacher', 'journal.setCell', { lesson, pupilId, marks, absence: null });
    return 'mark';
  }
  if (r < 0.5) {
    await call('teacher', 'journal.setCell', { lesson, pupilId, marks: [], absence: null });
    return 'clear';
  }
  if (r < 0.65) {
    await call('teacher', 'journal.setCell', { lesson, pupilId, marks: [], absence: pick(rnd, ['н', 'б', 'у', 'п'] as const) });
    return 'absence';
  }
  if (r < 0.75) {
    const edits = j.pupils
      .slice(0, 3)
      .map((p) => ({ lesson, pupilId: p, marks: [{ value: pick(rnd, ['3', '4', '5']), workTypeId: j.workTypes[0]! }], absence: null }));
    await call('teacher', 'journal.setCells', { edits });
    return 'column';
  }
  if (r < 0.85) {
    const topic = rnd() < 0.2 ? null : `Тема ${Math.floor(rnd() * 1000)}`;
    await call('teacher', 'journal.setLesson', { lesson, topic, homework: rnd() < 0.5 ? null : `Упр. ${Math.floor(rnd() * 100)}` });
    return 'topic';
  }
  if (r < 0.93) {
    const value = rnd() < 0.25 ? null : pick(rnd, ['2', '3', '4', '5']);
    await call('teacher', 'journal.setTermMark', { groupId: j.groupId, subjectId: j.subjectId, termId: j.termId, pupilId, value });
    return 'termMark';
  }
  if (r < 0.96) {
    const uid = rnd() < 0.2 ? null : String(7_000_000 + ++uidCounter);
    await call('admin', 'uid.set', { personId: pick(rnd, people), uid });
    return 'uid';
  }
  if (r < 0.98) return movePupil(rnd);
  return handOver(rnd);
}

/**
 * A pupil moves to another class, or to another group of the same class, as of today: the
 * old enrolment or membership ends yesterday (or is removed when it began today), a new one
 * begins today, each with its change-feed mark, as the roster service does (roster/pupils.ts).
 */
function movePupil(rnd: () => number): string {
  const db = app.services.sqlite;
  const pupils = db
    .prepare(
      'SELECT m.pupil_id, m.id, m.group_id, m.from_date, g.class_id, g.is_whole_class FROM group_member m JOIN study_group g ON g.id = m.group_id WHERE m.to_date IS NULL ORDER BY m.id',
    )
    .all() as { pupil_id: number; id: number; group_id: number; from_date: string; class_id: number; is_whole_class: number }[];
  const m = pick(rnd, pupils);
  const yesterday = addDays(TODAY, -1);
  // End or remove one period row, with its feed mark.
  const leave = (rec: Parameters<Parameters<typeof mutate>[1]>[0], table: 'enrolment' | 'group_member', id: number, from: string) => {
    if (from < TODAY) db.prepare(`UPDATE ${table} SET to_date = ? WHERE id = ?`).run(yesterday, id);
    else db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id);
    rec.audit({
      action: 'test.move',
      entity: table,
      entityId: id,
      after: { pupilId: m.pupil_id },
      feed: from < TODAY ? 'upsert' : 'delete',
    });
  };
  const join = (rec: Parameters<Parameters<typeof mutate>[1]>[0], table: 'enrolment' | 'group_member', col: string, placeId: number) => {
    const id = Number(
      db.prepare(`INSERT INTO ${table} (pupil_id, ${col}, from_date) VALUES (?,?,?)`).run(m.pupil_id, placeId, TODAY).lastInsertRowid,
    );
    rec.audit({ action: 'test.move', entity: table, entityId: id, after: { pupilId: m.pupil_id }, feed: 'upsert' });
  };
  if (!m.is_whole_class) {
    const other = db
      .prepare('SELECT id FROM study_group WHERE class_id = ? AND is_whole_class = 0 AND id <> ? ORDER BY id')
      .pluck()
      .all(m.class_id, m.group_id) as number[];
    if (!other.length) return 'move (nowhere)';
    const to = pick(rnd, other);
    if (db.prepare('SELECT 1 FROM group_member WHERE pupil_id = ? AND group_id = ? AND from_date = ?').get(m.pupil_id, to, TODAY))
      return 'move (nowhere)';
    mutate({ ...ctx, actor: null }, (rec) => {
      leave(rec, 'group_member', m.id, m.from_date);
      join(rec, 'group_member', 'group_id', to);
    });
    return 'move group';
  }
  const e = db
    .prepare('SELECT id, from_date FROM enrolment WHERE pupil_id = ? AND class_id = ? AND to_date IS NULL')
    .get(m.pupil_id, m.class_id) as { id: number; from_date: string } | undefined;
  const classes = db
    .prepare(
      `SELECT c.id, g.id AS whole FROM class_unit c JOIN study_group g ON g.class_id = c.id AND g.is_whole_class = 1
       WHERE c.year_id = (SELECT year_id FROM class_unit WHERE id = ?) AND c.id <> ? ORDER BY c.id`,
    )
    .all(m.class_id, m.class_id) as { id: number; whole: number }[];
  if (!e || !classes.length) return 'move (nowhere)';
  const to = pick(rnd, classes);
  if (db.prepare('SELECT 1 FROM enrolment WHERE pupil_id = ? AND class_id = ? AND from_date = ?').get(m.pupil_id, to.id, TODAY))
    return 'move (nowhere)';
  const groups = db
    .prepare(
      'SELECT m.id, m.from_date FROM group_member m JOIN study_group g ON g.id = m.group_id WHERE m.pupil_id = ? AND g.class_id = ? AND m.to_date IS NULL',
    )
    .all(m.pupil_id, m.class_id) as { id: number; from_date: string }[];
  mutate({ ...ctx, actor: null }, (rec) => {
    for (const g of groups) leave(rec, 'group_member', g.id, g.from_date);
    leave(rec, 'enrolment', e.id, e.from_date);
    join(rec, 'enrolment', 'class_id', to.id);
    join(rec, 'group_member', 'group_id', to.whole);
  });
  return 'move class';
}

/** A teaching load handed over to another teacher as of today, through the router. */
async function handOver(rnd: () => number): Promise<string> {
  const loads = app.services.sqlite
    .prepare(
      `SELECT group_id, subject_id, teacher_id FROM teaching_load
       WHERE teacher_id <> ? AND valid_from < ? AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id`,
    )
    .all(teacherStaffId, TODAY, TODAY) as { group_id: number; subject_id: number; teacher_id: number }[];
  if (!loads.length) return 'handover (none left)';
  const l = pick(rnd, loads);
  const to = pick(
    rnd,
    otherTeachers.filter((t) => t !== l.teacher_id),
  );
  await call('admin', 'load.assign', { groupId: l.group_id, subjectId: l.subject_id, teacherId: to, hoursPerWeek: 2, validFrom: TODAY });
  return 'handover';
}

const queued = () =>
  app.services.sqlite
    .prepare("SELECT id, kind, state FROM export_package WHERE state IN ('queued', 'sending') ORDER BY created_at, id")
    .all() as {
    id: string;
    kind: string;
    state: string;
  }[];

/** Faults off, then upload (moving the clock past each backoff) until the outbox is empty. */
async function settle(): Promise<number> {
  portal.setFaults({ reset: true });
  let rounds = 0;
  for (; rounds < 8 && queued().length > 0; rounds++) {
    const r = await syncOutbox(ctx, { timeoutMs: 30_000 });
    if (r.waiting) clock.now = new Date(Date.parse(r.waiting.nextAttemptAt) + 1);
  }
  return rounds;
}

/** The settled invariants; `where` names the scenario and seed in any failure. */
async function checkSettled(where: string): Promise<void> {
  expect(queued(), `${where}: outbox not empty`).toEqual([]);
  const state = portalState(portal.store);
  const local = app.services.sqlite.prepare('SELECT id, state, sha256, receipt FROM export_package').all() as {
    id: string;
    state: string;
    sha256: string;
    receipt: string | null;
  }[];
  for (const p of local.filter((x) => x.state === 'done')) {
    expect(state.packages[p.id]?.applies, `${where}: package ${p.id} applies`).toBe(1);
    // The stored receipt is for this very package and these bytes (a wrong receipt never counts).
    expect(JSON.parse(p.receipt!), `${where}: receipt of ${p.id}`).toMatchObject({ packageId: p.id, payloadSha256: p.sha256 });
  }
  // Refused or superseded packages may have reached the portal before (a lost answer); whatever
  // it stored, it stored once, and the outbox knows it.
  const ids = new Set(local.map((p) => p.id));
  for (const [id, p] of Object.entries(state.packages)) {
    expect(ids.has(id), `${where}: the portal stored a package the outbox does not have`).toBe(true);
    expect(p.applies, `${where}: package ${id} applies`).toBe(1);
  }
  const schools = Object.values(state.schools);
  expect(schools, where).toHaveLength(1);
  const school = schools[0]!;
  expect(
    Object.values(school.orphans).every((n) => n === 0),
    `${where}: orphans ${JSON.stringify(school.orphans)}`,
  ).toBe(true);
  const today = schoolDate(clock.now);
  expect(today, `${where}: the clock left the school day`).toBe(TODAY);
  const expected = expectedDiary(app.services.sqlite, today);
  // A plain deep comparison first (cheap); vitest's only to show the difference.
  if (!sameJson(school.diary, expected)) expect(school.diary, `${where}: portal diary ≠ journal`).toEqual(expected);
}

describe('export under injected faults', () => {
  it(`settles to the journal after each of ${SCENARIOS} random scenarios (seed ${SEED})`, async () => {
    const stats: Record<string, number> = {};
    const count = (k: string, n = 1) => (stats[k] = (stats[k] ?? 0) + n);
    const ms: Record<string, number> = {};
    const timed = async <T>(k: string, f: () => T | Promise<T>): Promise<T> => {
      const t0 = performance.now();
      try {
        return await f();
      } finally {
        ms[k] = Math.round((ms[k] ?? 0) + performance.now() - t0);
      }
    };
    for (let i = 0; i < SCENARIOS; i++) {
      const seed = SEED + i * 7919;
      const where = `scenario ${i} (EXPORT_FAULTS_SEED=${SEED}, scenario seed ${seed})`;
      const rnd = mulberry32(seed);
      const mode = rnd() < 0.5 ? 'random' : 'counters';
      let syncs = 0;
      const steps = 3 + Math.floor(rnd() * 6);
      for (let s = 0; s < steps; s++) {
        // Time passes between steps: packages built one after another get distinct created_at.
        advance(1_000 + Math.floor(rnd() * 4_000));
        const r = rnd();
        if (r < 0.5) {
          for (let e = 1 + Math.floor(rnd() * 4); e > 0; e--) {
            try {
              count(await timed('edits', () => randomEdit(rnd)));
            } catch (err) {
              // A business rule refusing a random edit is not the exporter's concern; count it.
              count(`refused edit (${(err as { code?: string }).code})`);
            }
          }
        } else if (r < 0.7) {
          count((await timed('build', () => queueIncrementalPackage(ctx, 'тест'))) ? 'incremental' : 'incremental (nothing new)');
        } else if (r < 0.715) {
          await timed('build', () => queueFullPackage(ctx, 'тест'));
          count('full');
        } else {
          // A full package takes longer than the faulty phase's timeout to build, send and apply
          // on this machine: while one waits, no delay fault, and the timeout is generous.
          if (queued().length === 0 && rnd() < 0.7)
            count((await timed('build', () => queueIncrementalPackage(ctx, 'тест'))) ? 'incremental' : 'incremental (nothing new)');
          const fullWaiting = queued().some((p) => p.kind === 'full');
          const timeoutMs = fullWaiting ? 30_000 : TIMEOUT_MS;
          if (mode === 'random') {
            portal.setFaults({
              reset: true,
              failMidApply: rnd() < 0.1 ? 1 : 0,
              random: {
                seed: Math.floor(rnd() * 2 ** 31),
                pDrop: 0.12,
                pDropResponse: 0.12,
                p5xx: 0.1,
                pDelay: fullWaiting ? 0 : 0.08,
                pDuplicate: 0.12,
                pRefuse: 0.03,
                pWrongReceipt: 0.06,
                delayMs: DELAY_MS,
              },
            });
          } else {
            const f = pick(rnd, [
              'dropRequest',
              'dropResponse',
              'fail5xx',
              'failMidApply',
              'duplicate',
              'delay',
              'refuse',
              'wrongReceipt',
              'none',
            ] as const);
            const n = f === 'refuse' ? 1 : 1 + Math.floor(rnd() * 2);
            if (f === 'delay') portal.setFaults({ reset: true, ...(fullWaiting ? {} : { delayMs: DELAY_MS, delayCount: n }) });
            else portal.setFaults({ reset: true, ...(f === 'none' ? {} : { [f]: n }) });
          }
          for (let k = 0; k < 3; k++) {
            const rep = await timed('sync', () => syncOutbox(ctx, { timeoutMs, random: rnd }));
            syncs++;
            count('sent', rep.sent);
            count('refused', rep.refused.length);
            if (!rep.waiting) break;
            // Before the backoff is over nothing is sent; after it, the next round tries again.
            if (rnd() < 0.3) expect((await syncOutbox(ctx, { timeoutMs })).sent, `${where}: sent during backoff`).toBe(0);
            clock.now = new Date(Date.parse(rep.waiting.nextAttemptAt) + 1);
          }
          for (const [k, v] of Object.entries(portal.getFaults().fired)) if (v) count(`fault ${k}`, v);
        }
      }
      count('syncs', syncs);
      // Settle: whatever was edited since the last package goes too.
      count((await timed('build', () => queueIncrementalPackage(ctx, 'итог'))) ? 'incremental' : 'incremental (nothing new)');
      await timed('settle', settle);
      await timed('check', () => checkSettled(where));
    }
    console.log(`export-faults: ${SCENARIOS} scenarios, seed ${SEED}: ${JSON.stringify(stats)}; ms ${JSON.stringify(ms)}`);
    for (const k of [
      'fault dropRequest',
      'fault dropResponse',
      'fault fail5xx',
      'fault failMidApply',
      'fault delay',
      'fault duplicate',
      'fault refuse',
      'fault wrongReceipt',
      'move class',
      'move group',
      'handover',
      'full',
      'uid',
      'termMark',
      'topic',
    ])
      if (SCENARIOS >= 200) expect(stats[k] ?? 0, `${k} never happened`).toBeGreaterThan(0);
  }, 240_000);

  it('survives the app process killed with SIGKILL in the middle of an upload', async () => {
    // Two packages: the first reaches the portal and is applied, then the answer hangs and the
    // process dies; the second was never sent.
    advance(5_000);
    await randomEdit(mulberry32(SEED + 1));
    await randomEdit(mulberry32(SEED + 2));
    const a = (await queueIncrementalPackage(ctx, 'перед сбоем'))!;
    advance(5_000);
    await call('teacher', 'journal.setLesson', {
      lesson: { groupId: journals[0]!.groupId, subjectId: journals[0]!.subjectId, ...journals[0]!.lessons[0]! },
      topic: 'Перед сбоем',
      homework: null,
    });
    // An incremental: a full package would supersede the first while it still waits.
    const b = (await queueIncrementalPackage(ctx, 'перед сбоем'))!;
    expect(a).not.toBeNull();
    portal.setFaults({ reset: true, delayMs: 120_000, delayCount: 1 });

    const script = fileURLToPath(new URL('./fixtures/export-sync-child.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dbFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    const deadline = Date.now() + 30_000;
    // The portal has applied the package and sits on the answer: the upload is in flight.
    const applied = () => portal.store.db.prepare('SELECT 1 FROM packages WHERE package_id = ?').get(a.id) !== undefined;
    while (portal.getFaults().fired.delay === 0 || !applied()) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the child never got to the upload: ${output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const row = (id: string) =>
      app.services.sqlite.prepare('SELECT state, attempts, receipt FROM export_package WHERE id = ?').get(id) as {
        state: string;
        attempts: number;
        receipt: string | null;
      };
    expect(row(a.id)).toMatchObject({ state: 'sending', attempts: 1, receipt: null });
    expect(portalState(portal.store).packages[a.id]?.applies).toBe(1);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toContain('"done"');

    // The app starts again and uploads: the first package once more (the portal answers with
    // its stored receipt), then the second.
    portal.setFaults({ reset: true });
    const rep = await syncOutbox(ctx, { timeoutMs: 30_000 });
    expect(rep.done).toEqual([a.id, b.id]);
    expect(row(a.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(JSON.parse(row(a.id).receipt!)).toMatchObject({ packageId: a.id, payloadSha256: a.sha256, duplicate: true });
    await checkSettled('after SIGKILL');
  }, 60_000);

  // Packages go out in the order they were built (insertion order), not by their time-sortable
  // ids: a package built after the clock was set back must still follow the one before it.
  it('a package built after the clock went back still goes out after the one before it', async () => {
    await randomEdit(mulberry32(SEED + 4));
    const a = (await queueIncrementalPackage(ctx, 'до перевода часов'))!;
    clock.now = new Date(clock.now.getTime() - 60_000); // the system clock is set back a minute
    await randomEdit(mulberry32(SEED + 5));
    const b = (await queueIncrementalPackage(ctx, 'после перевода часов'))!;
    expect(b.feed_from).toBe(a.feed_to);
    portal.setFaults({ reset: true });
    for (let i = 0; i < 4 && queued().length > 0; i++) await syncOutbox(ctx, { timeoutMs: 30_000, force: true });
    expect(queued()).toEqual([]);
  });
});
