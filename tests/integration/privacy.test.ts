// The free-text check through the router (issue 9): a teacher who saves a topic, homework or
// file name with a pupil's surname or a phone number is told at once what was found (the
// save still happens), the journal shows it when opened again, and the export masks it and
// counts the masked texts on the export page.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../src-main/demo/create';
import Database from 'better-sqlite3';
import { openApp, type App } from '../../src-main/app';
import { startPortal } from '../portal/server';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

const NOW = new Date('2026-11-26T07:00:00Z');
let app: App;
let token = '';
let admin = '';
let file = '';
beforeAll(async () => {
  file = join(tempDir(), 'demo.db');
  await createDemoDatabase(file, { big: false, today: '2026-11-26', now: () => NOW });
  app = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => NOW, checkOutput: true, log: () => {} });
  const login = async (l: string) =>
    ((await app.router.call('auth.login', { login: l, password: 'demo' }, null)) as { ok: true; value: { token: string } }).value.token;
  token = await login('teacher');
  admin = await login('admin');
});
afterAll(() => app.close());

const call = async (method: string, input: unknown, as = token): Promise<any> => {
  const env = await app.router.call(method, input, as);
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message}`);
  return env.value;
};
const one = <T>(sql: string, ...p: unknown[]) => app.services.sqlite.prepare(sql).get(...p) as T;

/** A journal the teacher writes, two past lessons in it, and a boy of its group with an -ов surname. */
async function setting() {
  const { journals } = await call('journal.list', {});
  const j = journals.find((x: any) => x.access === 'write');
  const view = await call('journal.open', { groupId: j.groupId, subjectId: j.subjectId });
  const [a, b] = view.lessons.filter((l: any) => l.date < view.today).slice(-2);
  // Declined here by the plain rule for a man's -ов surname, not by the code under test.
  const boy = one<{ surname: string }>(
    `SELECT p.surname FROM person p JOIN group_member m ON m.pupil_id = p.id
     WHERE m.group_id = ? AND p.surname LIKE '%ов' AND p.patronymic LIKE '%ич' LIMIT 1`,
    j.groupId,
  );
  const slot = (l: any) => ({ groupId: j.groupId, subjectId: j.subjectId, date: l.date, slot: l.slot });
  return { j, a: slot(a), b: slot(b), surname: boy.surname };
}

describe('free text with personal data', () => {
  it('is saved, and the save tells what looks personal; plain text tells nothing', async () => {
    const { j, a, surname } = await setting();
    const saved = await call('journal.setLesson', {
      lesson: a,
      topic: `Работа над ошибками: ${surname}у переписать`,
      homework: 'Родителям позвонить по тел. +7 (921) 555-12-34',
    });
    expect(saved.topic).toBe(`Работа над ошибками: ${surname}у переписать`);
    expect(saved.privacy).toEqual([
      { field: 'topic', fileId: null, kind: 'surname', who: 'pupil', text: `${surname}у` },
      { field: 'homework', fileId: null, kind: 'phone', who: null, text: '+7 (921) 555-12-34' },
    ]);
    const file = await call('journal.attachFile', {
      lesson: a,
      name: `${surname}ым проверить.pdf`,
      mime: 'application/pdf',
      data: Buffer.from('%PDF-1.4 test').toString('base64'),
    });
    expect(file.privacy).toEqual([{ field: 'file', fileId: file.id, kind: 'surname', who: 'pupil', text: `${surname}ым` }]);
    // Opened again, the journal still shows all three.
    const view = await call('journal.open', { groupId: j.groupId, subjectId: j.subjectId });
    const lesson = view.lessons.find((l: any) => l.date === a.date && l.slot === a.slot);
    expect(lesson.privacy.map((f: any) => f.field)).toEqual(['topic', 'homework', 'file']);
    // Rephrased: the warning goes.
    const plain = await call('journal.setLesson', { lesson: a, topic: 'Работа над ошибками', homework: 'Упр. 812, стр. 45–46' });
    expect(plain.privacy).toEqual([{ field: 'file', fileId: file.id, kind: 'surname', who: 'pupil', text: `${surname}ым` }]);
  });

  it('is masked in the packages, and export.status counts the masked texts', async () => {
    const { a, b, surname } = await setting();
    const before = (await call('export.runFull', {}, admin)).package.id;
    const status0 = await call('export.status', {}, admin);
    expect(status0.masked.full.packageId).toBe(before);
    const base = status0.masked.full.texts;
    // Two texts more: a topic and a homework (the file name of the test above was counted already).
    await call('journal.setLesson', { lesson: a, topic: `Спросить ${surname}а`, homework: 'Паспорт 40 12 345678' });
    const full = (await call('export.runFull', {}, admin)).package.id;
    const status1 = await call('export.status', {}, admin);
    expect(status1.masked.full).toMatchObject({ packageId: full, texts: base + 2 });
    // A daily package carries only the lesson edited since: one masked text.
    await call('journal.setLesson', { lesson: b, topic: `Поговорить с ${surname}ым` });
    const daily = (await call('export.sendNow', {}, admin)).package.id;
    const status2 = await call('export.status', {}, admin);
    expect(status2.masked).toMatchObject({ full: { packageId: full, texts: base + 2 }, incremental: { packageId: daily, texts: 1 } });
    // The figure comes from the audit record of the queued package.
    const audit = one<{ after: string }>("SELECT after FROM audit_event WHERE action = 'export.queue' AND entity_id = ?", daily);
    expect(JSON.parse(audit.after).masked).toBe(1);
  });

  it('knows people added or renamed since the last check, on this connection or another', async () => {
    const { a } = await setting();
    // The lesson's homework and file of the tests above keep their findings: only the topic's count here.
    const topic = async (text: string) =>
      (await call('journal.setLesson', { lesson: a, topic: text })).privacy.filter((f: any) => f.field === 'topic');
    expect(await topic('Спросить Зюзикову')).toEqual([]);
    app.services.sqlite.prepare("INSERT INTO person (surname, name, patronymic) VALUES ('Зюзиков', 'Аркадий', 'Петрович')").run();
    expect(await topic('Спросить Зюзикову')).toEqual([
      { field: 'topic', fileId: null, kind: 'surname', who: null, text: 'Зюзикову' },
    ]);
    // Renamed through another connection to the same file (the tests' own, a second process).
    const other = new Database(file);
    other.prepare("UPDATE person SET surname = 'Шмырёв' WHERE surname = 'Зюзиков'").run();
    other.close();
    expect(await topic('Спросить Зюзикову')).toEqual([]);
    expect(await topic('Спросить Шмырева')).toEqual([{ field: 'topic', fileId: null, kind: 'surname', who: null, text: 'Шмырева' }]);
  });

  it('is compared masked in «Проверка дневника»: a delivered lesson with a masked topic matches', async () => {
    const { j, a, surname } = await setting();
    await call('journal.setLesson', { lesson: a, topic: `Спросить ${surname}а`, homework: 'Позвонить 8 921 555 12 34' });
    const portal = await startPortal({ dbFile: join(tempDir(), 'portal.db'), token: 'portal-secret-token' });
    try {
      await call('export.configure', { url: portal.url, token: 'portal-secret-token' }, admin);
      expect((await call('export.runFull', {}, admin)).package.state).toBe('done');
      const check = await call('export.reconcile', { month: a.date.slice(0, 7), groupId: j.groupId, subjectId: j.subjectId });
      expect(check.journals).toHaveLength(1);
      expect(check.journals[0]).toMatchObject({ same: true, lessons: [] });
    } finally {
      await portal.close();
    }
  });
});
