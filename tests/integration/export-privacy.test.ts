// Privacy scan (issue 5): a full package of the demo school must not contain any name part,
// birth date or other personal datum held in the database.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase } from '../../db/demo/create';
import { openApp, type App } from '../../src-main/app';
import { localFullPayload } from '../helpers/export';
import { PackagePayload } from '../../src-shared/export/package';
import { migrationsFolder, resourcesDir, tempDir } from '../helpers/app';

const NOW = new Date('2026-11-26T07:00:00Z');
let app: App;
let json: string;
let payload: PackagePayload;
beforeAll(async () => {
  const file = join(tempDir(), 'demo.db');
  await createDemoDatabase(file, { big: false, today: '2026-11-26', now: () => NOW });
  app = openApp({ dbFile: file, migrationsFolder, resourcesDir, now: () => NOW });
  payload = await localFullPayload(app.services, '2026-11-26');
  json = JSON.stringify(payload);
});
afterAll(() => app.close());

describe('full export payload', () => {
  it('is a valid package payload with the whole year', () => {
    expect(PackagePayload.safeParse(payload).success).toBe(true);
    const count = (sql: string) => (app.services.sqlite.prepare(sql).get() as { n: number }).n;
    expect(payload.lessons).toHaveLength(count('SELECT COUNT(*) AS n FROM lesson'));
    expect(payload.cells.reduce((n, c) => n + c.marks.length, 0)).toBe(count('SELECT COUNT(*) AS n FROM mark'));
    expect(payload.cells.filter((c) => c.absence).length).toBe(count('SELECT COUNT(*) AS n FROM absence'));
  });

  it('contains no name part, birth date or other personal datum from the database', () => {
    const people = app.services.sqlite.prepare('SELECT surname, name, patronymic, birth_date, external_id FROM person').all() as Record<
      string,
      string | null
    >[];
    const needles = new Set<string>();
    for (const p of people)
      for (const v of [p.surname, p.name, p.patronymic, p.birth_date, p.external_id]) if (v && v.length >= 3) needles.add(v.toLowerCase());
    for (const u of app.services.sqlite.prepare('SELECT login FROM staff_user').all() as { login: string }[]) needles.add(u.login);
    expect(needles.size).toBeGreaterThan(500);
    // Whole words only: a surname like "Лев" must not match "левый" in a topic, but must match alone.
    // Values only (keys such as "teacher" are the format, not data).
    const values: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') values.push(v.toLowerCase());
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(payload);
    const words = new Set(values.flatMap((v) => v.split(/[^\p{L}\p{N}-]+/u)));
    const dates = new Set(values.filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)));
    const hits = [...needles].filter((n) => words.has(n) || (/^\d{4}-\d{2}-\d{2}$/.test(n) && dates.has(n)));
    // Birth dates are years before the school year: a lesson date can never equal one.
    expect(hits).toEqual([]);
    expect(json).not.toMatch(/surname|patronymic|birth|passport|login/i);
    expect(values.length).toBeGreaterThan(10_000);
  });
});
