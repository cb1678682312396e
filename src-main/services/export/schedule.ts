// When exports run (issue 5): the daily incremental at the configured time, caught up at start
// when a day was missed; the monthly full on the configured day. Hosts call runDue every minute.
import { SCHOOL_TZ, addDays, schoolDate } from '../../../src-shared/dates';
import type { SchoolSettings } from '../../../src-shared/domain';
import type { Ctx } from '../context';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { currentYear } from '../school/handlers';
import { currentBuild, queueFullPackage, queueIncrementalPackage } from './outbox';
import { hasSecret } from '../secrets';
import { PORTAL_TOKEN_KEY, syncOutbox, type SyncReport } from './sync';
import { checkAuditChainIfDue } from './witness';

/** The UTC instant of a school-local date and HH:MM (Moscow has no daylight saving time). */
export function localInstant(date: string, hhmm: string): Date {
  const offset = SCHOOL_TZ === 'Europe/Moscow' ? '+03:00' : 'Z';
  return new Date(`${date}T${hhmm}:00${offset}`);
}

/** The latest scheduled moment at or before now: today's time, or yesterday's. */
export function lastDailySlot(now: Date, dailyAt: string): Date {
  const today = schoolDate(now);
  const t = localInstant(today, dailyAt);
  return t <= now ? t : localInstant(addDays(today, -1), dailyAt);
}

/** The latest monthly full moment at or before now. */
export function lastFullSlot(now: Date, day: number, dailyAt: string): Date {
  const today = schoolDate(now);
  const dd = String(day).padStart(2, '0');
  const thisMonth = localInstant(`${today.slice(0, 7)}-${dd}`, dailyAt);
  if (thisMonth <= now) return thisMonth;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  return localInstant(`${prev}-${dd}`, dailyAt);
}

function lastBuilt(ctx: Ctx, kind: 'full' | 'any'): { at: string; year: string | null } | null {
  return (
    (prep(
      ctx.sqlite,
      `SELECT created_at AS at, year FROM export_package WHERE state NOT IN ('refused', 'superseded') ${kind === 'full' ? "AND kind = 'full'" : ''}
       ORDER BY rowid DESC LIMIT 1`,
    ).get() as { at: string; year: string | null } | undefined) ?? null
  );
}

export interface DueReport {
  built: ('full' | 'incremental')[];
  sync: SyncReport | null;
}

/** Why a full package is due now, or null: none yet, a new school year, or the monthly day. */
function fullDue(ctx: Ctx, now: Date, year: string, s: SchoolSettings): string | null {
  const last = lastBuilt(ctx, 'full');
  if (!last) return 'первая полная выгрузка';
  if (last.year !== year) return `новый учебный год ${year}`;
  if (last.at < lastFullSlot(now, s.exportFullDay, s.exportDailyAt).toISOString()) return 'ежемесячная полная выгрузка';
  return null;
}

/**
 * Builds what is due, then sends the outbox. Does nothing until export is configured, and
 * builds nothing while a full package is being built (the next call catches up).
 */
export async function runDue(ctx: Ctx): Promise<DueReport> {
  // The daily audit chain check runs whether or not export is configured.
  checkAuditChainIfDue(ctx);
  const s = loadSettings(ctx);
  if (!s.exportUrl || !hasSecret(ctx, PORTAL_TOKEN_KEY)) return { built: [], sync: null };
  const now = ctx.now();
  const built: DueReport['built'] = [];
  const year = currentYear(ctx, schoolDate(now));
  if (!currentBuild(ctx) && year) {
    const full = fullDue(ctx, now, year.label, s);
    if (full) {
      await queueFullPackage(ctx, full);
      built.push('full');
    } else {
      const last = lastBuilt(ctx, 'any');
      if (!last || last.at < lastDailySlot(now, s.exportDailyAt).toISOString()) {
        if (await queueIncrementalPackage(ctx, 'ежедневная выгрузка')) built.push('incremental');
      }
    }
  }
  return { built, sync: await syncOutbox(ctx) };
}
