// School row and settings, read with defaults filled in.
import { randomBytes } from 'node:crypto';
import { DEFAULT_SETTINGS, SchoolSettings } from '../../../src-shared/domain';
import type { Ctx, Services } from '../context';
import { mutate } from '../mutate';
import { prep } from '../sql';

export interface SchoolRow {
  code: string;
  name: string;
  is_demo: number;
  settings: string;
}

export function schoolRow(s: Services): SchoolRow | undefined {
  return prep(s.sqlite, 'SELECT code, name, is_demo, settings FROM school WHERE id = 1').get() as SchoolRow | undefined;
}

// Parsed settings per connection, reused while the stored JSON text is unchanged:
// every RPC call reads them (session idle time), so parsing each time would add up.
const parsedCache = new WeakMap<Services['sqlite'], { raw: string; value: SchoolSettings }>();

export function loadSettings(s: Services): SchoolSettings {
  const row = prep(s.sqlite, 'SELECT settings FROM school WHERE id = 1').get() as { settings: string } | undefined;
  return settingsFromText(s, row?.settings ?? null);
}

/** The settings from their stored JSON text (read by a caller's own query), parsed once per text. */
export function settingsFromText(s: Pick<Services, 'sqlite'>, raw: string | null): SchoolSettings {
  if (raw === null) return DEFAULT_SETTINGS;
  const cached = parsedCache.get(s.sqlite);
  if (cached?.raw === raw) return cached.value;
  // Keys this build does not know (written by an older one) fall back to defaults rather than refusing to start.
  const parsed = SchoolSettings.safeParse(JSON.parse(raw));
  const value = parsed.success ? parsed.data : DEFAULT_SETTINGS;
  parsedCache.set(s.sqlite, { raw, value });
  return value;
}

/** A brand-new database gets its school row (audited, no actor) so every later query has one. */
export function ensureSchool(s: Services, init: { code: string; name: string; demo: boolean }): void {
  if (schoolRow(s)) return;
  const ctx: Ctx = { ...s, actor: null };
  mutate(ctx, (rec) => {
    prep(s.sqlite, 'INSERT INTO school (id, code, name, is_demo, settings, pseudonym_secret, created_at) VALUES (1,?,?,?,?,?,?)').run(
      init.code,
      init.name,
      init.demo ? 1 : 0,
      '{}',
      randomBytes(32).toString('hex'),
      s.now().toISOString(),
    );
    rec.audit({
      action: 'school.create',
      entity: 'school',
      entityId: 1,
      after: { code: init.code, name: init.name, demo: init.demo },
      feed: 'upsert',
    });
  });
}
