// School row and settings, read with defaults filled in.
import { randomBytes } from 'node:crypto';
import { DEFAULT_SETTINGS, SchoolSettings } from '../../../src-shared/domain';
import type { Ctx, Services } from '../context';
import { mutate } from '../mutate';

export interface SchoolRow {
  code: string;
  name: string;
  is_demo: number;
  settings: string;
}

export function schoolRow(s: Services): SchoolRow | undefined {
  return s.sqlite.prepare('SELECT code, name, is_demo, settings FROM school WHERE id = 1').get() as SchoolRow | undefined;
}

export function loadSettings(s: Services): SchoolSettings {
  const row = schoolRow(s);
  if (!row) return DEFAULT_SETTINGS;
  // Unknown keys from an older build are dropped rather than refusing to start.
  const parsed = SchoolSettings.safeParse(JSON.parse(row.settings));
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** A brand-new database gets its school row (audited, no actor) so every later query has one. */
export function ensureSchool(s: Services, init: { code: string; name: string; demo: boolean }): void {
  if (schoolRow(s)) return;
  const ctx: Ctx = { ...s, actor: null };
  mutate(ctx, (rec) => {
    s.sqlite
      .prepare('INSERT INTO school (id, code, name, is_demo, settings, pseudonym_secret, created_at) VALUES (1,?,?,?,?,?,?)')
      .run(init.code, init.name, init.demo ? 1 : 0, '{}', randomBytes(32).toString('hex'), s.now().toISOString());
    rec.audit({ action: 'school.create', entity: 'school', entityId: 1, after: { code: init.code, name: init.name, demo: init.demo } });
    rec.feed({ entity: 'school', entityId: 1, op: 'upsert' });
  });
}
