// School info and settings.
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../../rpc/handlers';
import { checkMirrorDir } from '../backup/mirror';
import { mutate } from '../mutate';
import { loadSettings, schoolRow } from './settings';
import { termView, type TermRow } from './terms';
import { prep } from '../sql';

interface YearRow {
  id: number;
  label: string;
  starts_on: string;
  ends_on: string;
}

/** The open school year holding the date, or the latest open one. */
export function currentYear(s: { sqlite: import('../../../db/client').Sqlite }, date: string): YearRow | null {
  return (
    (prep(
      s.sqlite,
      `SELECT id, label, starts_on, ends_on FROM school_year WHERE status = 'open'
         ORDER BY (? BETWEEN starts_on AND ends_on) DESC, starts_on DESC LIMIT 1`,
    ).get(date) as YearRow | undefined) ?? null
  );
}

export const schoolHandlers: Pick<Handlers, 'school.info' | 'school.updateSettings'> = {
  'school.info': (ctx) => {
    const row = schoolRow(ctx);
    if (!row) throw new AppError('not_found', 'Школа не настроена');
    const today = schoolDate(ctx.now());
    const year = currentYear(ctx, today);
    const terms = year
      ? (prep(
          ctx.sqlite,
          `SELECT id, kind, number, starts_on, ends_on, grade_from, grade_to, closed_at FROM term
             WHERE year_id = ? ORDER BY grade_from, kind, number`,
        ).all(year.id) as TermRow[])
      : [];
    return {
      code: row.code,
      name: row.name,
      demo: row.is_demo === 1,
      today,
      year: year ? { id: year.id, label: year.label, startsOn: year.starts_on, endsOn: year.ends_on } : null,
      terms: terms.map(termView),
      settings: loadSettings(ctx),
    };
  },

  'school.updateSettings': (ctx, input) => {
    const row = schoolRow(ctx);
    if (!row) throw new AppError('not_found', 'Школа не настроена');
    const before = { name: row.name, settings: loadSettings(ctx) };
    const after = { name: input.name ?? row.name, settings: { ...before.settings, ...input.settings } };
    // The second backup folder obeys the same checks whichever method sets it.
    const mirror = input.settings?.backupMirrorDir;
    if (mirror !== undefined && mirror !== before.settings.backupMirrorDir)
      after.settings.backupMirrorDir = mirror === '' ? '' : checkMirrorDir(mirror, ctx.backupDir);
    if (after.settings.uidMinLength > after.settings.uidMaxLength)
      throw new AppError('validation', 'Минимальная длина UID больше максимальной', [
        { path: ['settings', 'uidMinLength'], message: 'больше максимальной длины' },
      ]);
    mutate(ctx, (rec) => {
      prep(ctx.sqlite, 'UPDATE school SET name = ?, settings = ? WHERE id = 1').run(after.name, JSON.stringify(after.settings));
      rec.audit({ action: 'school.update', entity: 'school', entityId: 1, before, after, reason: input.reason ?? null, feed: 'upsert' });
    });
    return { ok: true as const };
  },
};
