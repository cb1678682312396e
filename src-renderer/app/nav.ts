// Sections of the shell and who sees them. Visibility follows the shared permission matrix
// (src-shared/permissions.ts); main checks every call again, so this only tidies the menu.
import type { Role } from '../../src-shared/domain';
import { hasPermission, type Permission } from '../../src-shared/permissions';
import type { PlainKey } from '../i18n';

export const SECTIONS = ['journal', 'plan', 'admin', 'year', 'export', 'control', 'reports'] as const;
export type Section = (typeof SECTIONS)[number];

interface SectionSpec {
  label: PlainKey;
  /** Any one of these permissions shows the section. */
  anyOf: readonly Permission[];
}

export const SECTION_SPECS: Record<Section, SectionSpec> = {
  journal: { label: 'nav.journal', anyOf: ['journal.read'] },
  plan: { label: 'nav.plan', anyOf: ['journal.write'] },
  year: { label: 'nav.year', anyOf: ['calendar.manage', 'terms.close', 'year.rollover'] },
  admin: { label: 'nav.admin', anyOf: ['staff.manage', 'staff.read'] },
  export: { label: 'nav.export', anyOf: ['export.read'] },
  control: { label: 'nav.control', anyOf: ['journal.check', 'check.read', 'reconcile.read'] },
  reports: { label: 'nav.reports', anyOf: ['journal.read'] },
};

export function visibleSections(roles: readonly Role[]): Section[] {
  return SECTIONS.filter((s) => SECTION_SPECS[s].anyOf.some((p) => hasPermission(roles, p)));
}

export const sectionHref = (s: Section) => `#/${s}`;
