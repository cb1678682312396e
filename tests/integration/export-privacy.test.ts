// Privacy scan (issue 5): the packages of the demo school as sent (a full one, then an
// incremental one after edits to people) must not contain any name part, birth date, login,
// guardian relation or application number held in the database.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../src-main/demo/create';
import { openApp, type App } from '../../src-main/app';
import { gunzipSync } from 'node:zlib';
import { queueFullPackage, queueIncrementalPackage } from '../../src-main/services/export/outbox';
import { mutate } from '../../src-main/services/mutate';
import { PackageHeader, PackagePayload, type ExportPackage } from '../../src-shared/export/package';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

const NOW = new Date('2026-11-26T07:00:00Z');
let app: App;
/** The packages as sent: full first, then an incremental after edits to people and their data. */
const packages: { kind: string; text: string; pkg: ExportPackage }[] = [];
/** Oblique forms of a pupil's surname and a phone number written into lesson texts. */
const freeText: string[] = [];
beforeAll(async () => {
  const file = join(tempDir(), 'demo.db');
  await createDemoDatabase(file, { big: false, today: '2026-11-26', now: () => NOW });
  app = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => NOW });
  const ctx = { ...app.services, actor: null };
  const db = app.services.sqlite;
  const body = (id: string) => db.prepare('SELECT body FROM export_package WHERE id = ?').pluck().get(id) as Buffer;
  const keep = (kind: string, id: string) => {
    const text = gunzipSync(body(id)).toString('utf8');
    packages.push({ kind, text, pkg: JSON.parse(text) as ExportPackage });
  };
  // Free text naming a pupil in oblique cases, with a phone number (issue 9): in the full
  // package through a lesson's topic, homework and file name, in the daily one through another
  // lesson's topic. The forms are made here by the plain rule for a man's -ов surname.
  const boy = db
    .prepare("SELECT surname FROM person p JOIN enrolment e ON e.pupil_id = p.id WHERE surname LIKE '%ов' AND patronymic LIKE '%ич'")
    .pluck()
    .get() as string;
  freeText.push(`${boy}у`, `${boy}ым`, `${boy}а`, '555-12-34', '5551234');
  const [textLesson, dailyLesson] = db.prepare('SELECT id FROM lesson ORDER BY id DESC LIMIT 2').pluck().all() as number[];
  mutate(ctx, (rec) => {
    db.prepare('UPDATE lesson SET topic = ?, homework = ? WHERE id = ?').run(
      `Разбор диктанта: ${boy}у переписать`,
      'Позвонить родителям: 8 (921) 555-12-34',
      textLesson,
    );
    const sha = 'ab'.repeat(32);
    db.prepare("INSERT INTO file_blob (sha256, content) VALUES (?, x'00') ON CONFLICT DO NOTHING").run(sha);
    db.prepare("INSERT INTO lesson_file (lesson_id, sha256, name, mime, size) VALUES (?, ?, ?, 'text/plain', 1)").run(
      textLesson,
      sha,
      `${boy}ым_+79215551234.txt`,
    );
    rec.audit({ action: 'test', entity: 'lesson', entityId: textLesson!, feed: 'upsert' });
  });
  keep('full', (await queueFullPackage(ctx, 'тест')).id);
  // Edits that put people into the change feed: a renamed pupil, a guardian given a UID and a
  // connected application, a moved enrolment, a lesson topic and a cell.
  const pupil = db.prepare('SELECT pupil_id FROM enrolment ORDER BY id LIMIT 1').pluck().get() as number;
  const guardian = db.prepare('SELECT guardian_id FROM guardianship WHERE pupil_id = ?').pluck().get(pupil) as number;
  const enrolment = db.prepare('SELECT id FROM enrolment WHERE pupil_id = ?').pluck().get(pupil) as number;
  const lesson = db.prepare('SELECT lesson_id FROM mark LIMIT 1').pluck().get() as number;
  mutate(ctx, (rec) => {
    db.prepare("UPDATE person SET surname = 'Переименованная', birth_date = '2015-03-08' WHERE id = ?").run(pupil);
    rec.audit({ action: 'test', entity: 'person', entityId: pupil, after: { pupilId: pupil }, feed: 'upsert' });
    db.prepare("UPDATE person SET portal_uid = '77001122' WHERE id = ?").run(guardian);
    // Only a guardian with a connected application goes to the portal (issue 9).
    db.prepare(
      `INSERT INTO diary_application (guardian_id, pupil_id, number, applied_on, status, portal_uid, created_at)
       VALUES (?, ?, 'Т-1', '2026-11-20', 'connected', '77001122', '2026-11-20T09:00:00.000Z')`,
    ).run(guardian, pupil);
    rec.audit({ action: 'test', entity: 'person', entityId: guardian, feed: 'upsert' });
    db.prepare("UPDATE enrolment SET from_date = '2026-09-02' WHERE id = ?").run(enrolment);
    rec.audit({ action: 'test', entity: 'enrolment', entityId: enrolment, after: { pupilId: pupil }, feed: 'upsert' });
    db.prepare("UPDATE lesson SET topic = 'Повторение' WHERE id = ?").run(lesson);
    rec.audit({ action: 'test', entity: 'lesson', entityId: lesson, feed: 'upsert' });
    db.prepare('UPDATE lesson SET topic = ? WHERE id = ?').run(`Спросить ${boy}а, тел. 555-12-34`, dailyLesson);
    rec.audit({ action: 'test', entity: 'lesson', entityId: dailyLesson!, feed: 'upsert' });
  });
  keep('incremental', (await queueIncrementalPackage(ctx, 'тест'))!.id);
});
afterAll(() => app.close());

describe('export packages', () => {
  it('are valid packages; the full one carries the whole year', () => {
    for (const { pkg } of packages) {
      expect(PackageHeader.safeParse(pkg.header).success).toBe(true);
      expect(PackagePayload.safeParse(pkg.payload).success).toBe(true);
    }
    const full = packages[0]!.pkg.payload;
    const count = (sql: string) => (app.services.sqlite.prepare(sql).get() as { n: number }).n;
    expect(full.lessons).toHaveLength(count('SELECT COUNT(*) AS n FROM lesson'));
    expect(full.cells.reduce((n, c) => n + c.marks.length, 0)).toBe(count('SELECT COUNT(*) AS n FROM mark'));
    expect(full.cells.filter((c) => c.absence).length).toBe(count('SELECT COUNT(*) AS n FROM absence'));
    const inc = packages[1]!.pkg;
    expect(inc.header.kind).toBe('incremental');
    expect(inc.payload.people.length).toBeGreaterThanOrEqual(2);
    expect(inc.payload.enrolments.length).toBeGreaterThanOrEqual(1);
    expect(inc.payload.people.some((p) => p.uid === '77001122')).toBe(true);
  });

  it('contain no name part, birth date or other personal or guardian datum from the database', () => {
    const people = app.services.sqlite.prepare('SELECT surname, name, patronymic, birth_date, external_id FROM person').all() as Record<
      string,
      string | null
    >[];
    const needles = new Set<string>();
    for (const p of people)
      for (const v of [p.surname, p.name, p.patronymic, p.birth_date, p.external_id]) if (v && v.length >= 3) needles.add(v.toLowerCase());
    for (const u of app.services.sqlite.prepare('SELECT login FROM staff_user').all() as { login: string }[]) needles.add(u.login);
    // Guardian data beyond the person row: the relation and the diary applications.
    for (const r of app.services.sqlite.prepare('SELECT relation FROM guardianship').pluck().all() as string[])
      needles.add(r.toLowerCase());
    for (const r of app.services.sqlite.prepare('SELECT number FROM diary_application').pluck().all() as string[])
      needles.add(r.toLowerCase());
    expect(needles.size).toBeGreaterThan(500);
    // Whole words only: a surname like "Лев" must not match "левый" in a topic, but must match alone.
    // Values only (keys such as "teacher" are the format, not data), of the whole package as sent.
    for (const { kind, text, pkg } of packages) {
      const values: string[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === 'string') values.push(v.toLowerCase());
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(pkg);
      const words = new Set(values.flatMap((v) => v.split(/[^\p{L}\p{N}-]+/u)));
      const dates = new Set(values.filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)));
      const hits = [...needles].filter((n) => words.has(n) || (/^\d{4}-\d{2}-\d{2}$/.test(n) && dates.has(n)));
      // Birth dates are years before the school year: a lesson date can never equal one.
      expect(hits, kind).toEqual([]);
      expect(text, kind).not.toMatch(/surname|patronymic|birth|passport|login|relation/i);
      expect(values.length, kind).toBeGreaterThan(kind === 'full' ? 10_000 : 10);
    }
  });

  it('carry no surname in an oblique case or phone number from topics, homework or file names', () => {
    expect(freeText).toHaveLength(5);
    for (const { kind, text } of packages) {
      // Digits also with their separators taken out: «8 (921) 555-12-34» as 5551234.
      const digits = text.replace(/[\s()-]/g, '');
      for (const needle of freeText) expect((/^\d+$/.test(needle) ? digits : text).includes(needle), `${kind}: ${needle}`).toBe(false);
      // The texts are there, masked: not dropped.
      expect(text, kind).toContain(kind === 'full' ? '"Разбор диктанта: *** переписать"' : '"Спросить ***, тел. ***"');
    }
    expect(packages[0]!.text).toContain('"Позвонить родителям: ***"');
    expect(packages[0]!.text).toContain('"***_***.txt"');
  });
});
