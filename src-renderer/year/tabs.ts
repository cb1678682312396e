// The «Учебный год» section's tabs and who sees them (main checks every call again).
import type { Role } from '../../src-shared/domain';
import { hasPermission, type Permission } from '../../src-shared/permissions';

export const YEAR_TABS = ['calendar', 'timetable', 'substitutions', 'closing', 'rollover', 'archive'] as const;
export type YearTab = (typeof YEAR_TABS)[number];

export const YEAR_TAB_PERMISSION: Record<YearTab, Permission> = {
  calendar: 'calendar.manage',
  timetable: 'calendar.manage',
  substitutions: 'calendar.manage',
  closing: 'terms.close',
  rollover: 'year.rollover',
  archive: 'year.rollover',
};

export function yearTabs(roles: readonly Role[]): YearTab[] {
  return YEAR_TABS.filter((tab) => hasPermission(roles, YEAR_TAB_PERMISSION[tab]));
}

/** "#/year?tab=closing" → 'closing'; anything else → null. */
export function yearTabFromHash(hash: string): string | null {
  const q = hash.split('?')[1] ?? '';
  return new URLSearchParams(q).get('tab');
}
