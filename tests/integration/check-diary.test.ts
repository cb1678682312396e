// R18 (issue 12): the journal against the portal's diary down to the cell — the pupil, the
// lesson and both values — for the monthly check (diaryFindings) and «Проверка дневника»
// (export.reconcile), against the real portal double on 127.0.0.1 (port 0). Expected values
// come from plain SQL over the school's database and the portal's store, not from the code.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../src-main/demo/create';
import { openApp, type App } from '../../src-main/app';
import { diaryFindings } from '../../src-main/services/export/diary-findings';
import type { CheckScope } from '../../src-shared/check/rules';
import { startPortal } from '../portal/server';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

const now = new Date('2026-11-26T12:00:00Z');
const FROM = '2026-11-01';
const TO = '2026-11-30';
const WHOLE: CheckScope = { classIds: [], teacherIds: [], subjectIds: [] };
let app: App;
let portal: Awaited<ReturnType<typeof startPortal>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const dir = tempDir();
  await createDemoDatabase(join(dir, 'school.db'), { big: false, today: '2026-11-26', now: () => now });
  app = openApp({ dbFile: join(dir, 'school.db'), migrationsFolder, resourcesDir, now: () => now, checkOutput: true });
  portal = await startPortal({ dbFile: join(dir, 'portal.db'), token: 'portal-secret-token' });
  for (const l of ['admin', 'deputy']) {
    const env = await app.router.call('auth.login', { login: l, password: 'demo' }, null);
    tokens[l] = (env as { ok: true; value: { token: string } }).value.token;
  }
});
afterAll(async () => {
  await portal.close();
  app.close();
});

const as = (login: string) => async (method: string, input: unknown) => {
  const env = await app.router.call(method, input, tokens[login]!);
  if (!env.ok) throw Object.assign(new Error(`${method}: ${env.error.message}`), { code: env.error.code });
  return env.value as any;
};
const ctx = () => ({ ...app.services, actor: null });
const check = (scope: CheckScope = WHOLE, extra: { journal?: { groupId: number; subjectId: number } } = {}) =>
  diaryFindings(ctx(), { from: FROM, to: TO, scope, ...extra });
const sql = () => app.services.sqlite;

type Cell = {
  lesson: number;
  pupil: number;
  value: string;
  markId: number;
  group: number;
  subject: number;
  classId: number;
  slot: number;
  date: string;
};
/** A November lesson (≤ today) with exactly one mark of one pupil and no absence. */
function aMarkedCell(skipGroups: number[] = []): Cell {
  return sql()
    .prepare(
      `SELECT l.id AS lesson, m.pupil_id AS pupil, m.value, m.id AS markId, l.group_id AS "group", l.subject_id AS subject,
              g.class_id AS classId, l.slot, l.date
       FROM mark m JOIN lesson l ON l.id = m.lesson_id JOIN study_group g ON g.id = l.group_id
       WHERE l.date BETWEEN '2026-11-02' AND '2026-11-25' AND l.part = 0 AND l.cancelled = 0
         AND l.group_id NOT IN (SELECT value FROM json_each(?))
         AND (SELECT COUNT(*) FROM mark x WHERE x.lesson_id = l.id AND x.pupil_id = m.pupil_id) = 1
         AND NOT EXISTS (SELECT 1 FROM absence a WHERE a.lesson_id = l.id AND a.pupil_id = m.pupil_id)
       ORDER BY l.date, l.id LIMIT 1`,
    )
    .get(JSON.stringify(skipGroups)) as Cell;
}
const shortName = (id: number) => {
  const p = sql().prepare('SELECT surname, name, patronymic FROM person WHERE id = ?').get(id) as {
    surname: string;
    name: string;
    patronymic: string | null;
  };
  return `${p.surname} ${p.name[0]}.${p.patronymic ? ` ${p.patronymic[0]}.` : ''}`;
};
const ruDate = (d: string) => d.split('-').reverse().join('.');

describe('R18: the journal against the portal diary, down to the cell', () => {
  it('says in a note, without throwing, that the export is not configured', async () => {
    expect(await check()).toEqual({
      findings: [],
      note: 'Выгрузка на портал не настроена: сверка с электронным дневником не выполнялась',
    });
  });

  it('finds nothing when the diary holds what the journal holds', async () => {
    await as('admin')('export.configure', { url: portal.url, token: 'portal-secret-token', dailyAt: '18:00', fullDay: 1 });
    expect(await as('admin')('export.runFull', {})).toMatchObject({ package: { kind: 'full', state: 'done' }, error: null });
    expect(await check()).toEqual({ findings: [], note: null });
  });

  let changed: Cell;
  it('names the pupil, the lesson and both values of a mark changed after the upload', async () => {
    changed = aMarkedCell();
    const ours = changed.value === '5' ? '3' : '5';
    sql().prepare('UPDATE mark SET value = ? WHERE id = ?').run(ours, changed.markId);
    const { findings, note } = await check();
    expect(note).toBeNull();
    expect(findings).toHaveLength(1);
    const group = sql().prepare('SELECT name FROM study_group WHERE id = ?').pluck().get(changed.group) as string;
    const subject = sql().prepare('SELECT name FROM subject WHERE id = ?').pluck().get(changed.subject) as string;
    const teacher = sql()
      .prepare('SELECT COALESCE(actual_teacher_id, planned_teacher_id) FROM lesson WHERE id = ?')
      .pluck()
      .get(changed.lesson) as number;
    expect(findings[0]).toEqual({
      rule: 'R18',
      severity: 'error',
      key: `R18:l${changed.lesson}:p${changed.pupil}`,
      teacherId: teacher,
      groupId: changed.group,
      subjectId: changed.subject,
      lessonId: changed.lesson,
      pupilId: changed.pupil,
      date: changed.date,
      text: `${group}, ${subject}, урок ${ruDate(changed.date)} (${changed.slot}-й), ${shortName(changed.pupil)}: в журнале «${ours}», в дневнике «${changed.value}»`,
      detail: { problem: 'cell', slot: changed.slot, pupil: shortName(changed.pupil), ours, theirs: changed.value },
    });

    // «Проверка дневника» shows the same cell instead of only «отличается».
    const r = await as('deputy')('export.reconcile', { month: '2026-11', groupId: changed.group, subjectId: changed.subject });
    expect(r.journals).toHaveLength(1);
    expect(r.journals[0]).toMatchObject({
      same: false,
      lessons: [{ lessonId: changed.lesson, date: changed.date, slot: changed.slot, problem: 'different' }],
      cells: [
        {
          lessonId: changed.lesson,
          date: changed.date,
          slot: changed.slot,
          field: 'cell',
          pupilId: changed.pupil,
          pupilName: shortName(changed.pupil),
          ours,
          theirs: changed.value,
        },
      ],
      cellsTotal: 1,
    });
  });

  it('names a cell only the diary has (a pupil the journal left empty there) and a changed topic', async () => {
    // In the portal's store: an absence for a group member who has no cell on that lesson.
    const empty = sql()
      .prepare(
        `SELECT gm.pupil_id FROM group_member gm WHERE gm.group_id = ? AND gm.from_date <= ? AND (gm.to_date IS NULL OR gm.to_date >= ?)
           AND NOT EXISTS (SELECT 1 FROM mark m WHERE m.lesson_id = ? AND m.pupil_id = gm.pupil_id)
           AND NOT EXISTS (SELECT 1 FROM absence a WHERE a.lesson_id = ? AND a.pupil_id = gm.pupil_id)
         ORDER BY gm.pupil_id LIMIT 1`,
      )
      .pluck()
      .get(changed.group, changed.date, changed.date, changed.lesson, changed.lesson) as number;
    const theirCell = portal.store.db.prepare('SELECT pupil FROM cells WHERE lesson_id = ? LIMIT 1').pluck().get(changed.lesson) as string;
    // The pupil's pseudonym is the one the exporter sent: found through the portal's memberships.
    const refs = portal.store.db
      .prepare('SELECT DISTINCT pupil FROM memberships WHERE group_id = ?')
      .pluck()
      .all(changed.group) as string[];
    const { pseudonymizer } = await import('../../src-main/services/export/ids');
    const { schoolSecret } = await import('../../src-main/services/export/full');
    const ref = pseudonymizer(schoolSecret(sql()).secret)(empty);
    expect(refs).toContain(ref);
    expect(theirCell).toBeTruthy();
    portal.store.db
      .prepare('INSERT INTO cells (school, lesson_id, pupil, data) SELECT school, lesson_id, ?, ? FROM cells WHERE lesson_id = ? LIMIT 1')
      .run(ref, JSON.stringify({ lessonId: changed.lesson, pupil: ref, marks: [], absence: 'н' }), changed.lesson);
    const oldTopic = sql().prepare('SELECT topic FROM lesson WHERE id = ?').pluck().get(changed.lesson) as string | null;
    sql().prepare("UPDATE lesson SET topic = 'Повторение пройденного' WHERE id = ?").run(changed.lesson);

    const { findings } = await check(WHOLE, { journal: { groupId: changed.group, subjectId: changed.subject } });
    const byKey = new Map(findings.map((f) => [f.key, f]));
    expect([...byKey.keys()].sort()).toEqual(
      [`R18:l${changed.lesson}`, `R18:l${changed.lesson}:p${changed.pupil}`, `R18:l${changed.lesson}:p${empty}`].sort(),
    );
    expect(byKey.get(`R18:l${changed.lesson}:p${empty}`)).toMatchObject({
      pupilId: empty,
      detail: { ours: null, theirs: 'н', pupil: shortName(empty) },
    });
    expect(byKey.get(`R18:l${changed.lesson}:p${empty}`)!.text).toMatch(
      new RegExp(`${shortName(empty)}: в журнале пусто, в дневнике «н»$`),
    );
    expect(byKey.get(`R18:l${changed.lesson}`)).toMatchObject({
      pupilId: null,
      detail: { problem: 'different', topicOurs: 'Повторение пройденного', topicTheirs: oldTopic },
    });
    expect(byKey.get(`R18:l${changed.lesson}`)!.text).toContain('тема в журнале «Повторение пройденного», в дневнике');
  });

  it('narrows by the scope: another class or another teacher sees none of it', async () => {
    const other = sql().prepare('SELECT id FROM class_unit WHERE id <> ? ORDER BY id LIMIT 1').pluck().get(changed.classId) as number;
    expect((await check({ ...WHOLE, classIds: [other] })).findings).toEqual([]);
    expect((await check({ ...WHOLE, classIds: [changed.classId, other] })).findings).toHaveLength(3);
    const teacher = sql()
      .prepare('SELECT COALESCE(actual_teacher_id, planned_teacher_id) FROM lesson WHERE id = ?')
      .pluck()
      .get(changed.lesson) as number;
    const otherTeacher = sql().prepare('SELECT id FROM staff_user WHERE id <> ? ORDER BY id LIMIT 1').pluck().get(teacher) as number;
    expect((await check({ ...WHOLE, teacherIds: [otherTeacher] })).findings).toEqual([]);
    expect((await check({ ...WHOLE, teacherIds: [teacher] })).findings).toHaveLength(3);
    expect((await check({ ...WHOLE, subjectIds: [changed.subject] })).findings).toHaveLength(3);
  });

  it('a journal the diary has nothing of for the period is one finding, not one per lesson', async () => {
    const second = aMarkedCell([changed.group]);
    const lessons = sql()
      .prepare(
        "SELECT COUNT(*) FROM lesson WHERE group_id = ? AND subject_id = ? AND date BETWEEN ? AND '2026-11-26' AND part = 0 AND cancelled = 0",
      )
      .pluck()
      .get(second.group, second.subject, FROM) as number;
    portal.store.db
      .prepare("DELETE FROM lessons WHERE group_id = ? AND subject_id = ? AND date BETWEEN '2026-11-01' AND '2026-11-30'")
      .run(second.group, second.subject);
    const { findings } = await check(WHOLE, { journal: { groupId: second.group, subjectId: second.subject } });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      key: `R18:j${second.group}:${second.subject}`,
      lessonId: null,
      pupilId: null,
      detail: { problem: 'journal-missing', ours: lessons, theirs: 0 },
    });
    expect(findings[0]!.text).toContain(`не выгружены в электронный дневник (в журнале ${lessons}, в дневнике 0)`);
  });

  it('a portal that fails or is gone is a note in Russian, never a thrown error', async () => {
    portal.setFaults({ reset: true, fail5xx: 1, scope: 'api' });
    expect(await check()).toEqual({
      findings: [],
      note: 'Сверка с электронным дневником не выполнена. Портал не ответил на сравнение (503): повторите проверку позже',
    });
    portal.setFaults({ reset: true });
    await portal.close();
    const down = await check();
    expect(down.findings).toEqual([]);
    expect(down.note).toMatch(/^Сверка с электронным дневником не выполнена\. Нет связи с порталом: .*Проверьте подключение/);
  });
});
