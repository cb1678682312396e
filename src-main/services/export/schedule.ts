// When exports run (issue 5): the daily incremental at the configured time, caught up at start
// when a day was missed; the monthly full on the configured day. Hosts call runDue every minute.
import { SCHOOL_TZ, addDays, schoolDate } from '../../../src-shared/dates';
import type { Ctx } from '../context';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';
import { queueFullPackage, queueIncrementalPackage } from './outbox';
import { portalToken, syncOutbox, type SyncReport } from './sync';

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

function lastBuilt(ctx: Ctx, kind: 'full' | 'any'): string | null {
  const row = prep(
    ctx.sqlite,
    kind === 'full'
      ? "SELECT MAX(created_at) AS at FROM export_package WHERE kind = 'full' AND state <> 'refused'"
      : "SELECT MAX(created_at) AS at FROM export_package WHERE state <> 'refused'",
  ).get() as { at: string | null };
  return row.at;
}

export interface DueReport {
  built: ('full' | 'incremental')[];
  sync: SyncReport | null;
}

/** Builds what is due, then sends the outbox. Does nothing until export is configured. */
export async function runDue(ctx: Ctx): Promise<DueReport> {
  const s = loadSettings(ctx);
  if (!s.exportUrl || !portalToken(ctx)) return { built: [], sync: null };
  const now = ctx.now();
  const built: DueReport['built'] = [];
  const lastFull = lastBuilt(ctx, 'full');
  if (!lastFull || lastFull < lastFullSlot(now, s.exportFullDay, s.exportDailyAt).toISOString()) {
    queueFullPackage(ctx, 'ежемесячная полная выгрузка');
    built.push('full');
  } else {
    const last = lastBuilt(ctx, 'any');
    if (!last || last < lastDailySlot(now, s.exportDailyAt).toISOString()) {
      if (queueIncrementalPackage(ctx, 'ежедневная выгрузка')) built.push('incremental');
    }
  }
  return { built, sync: await syncOutbox(ctx) };
}
