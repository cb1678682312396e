// The permission matrix: the one place that says which role may do what (DESIGN.md §3).
// Scope (own load, own class) is checked by the services on top of these.
import type { Role } from './domain';

export const PERMISSIONS = [
  'public', // no session needed (login screen)
  'session', // any signed-in user
  'journal.read',
  'journal.write',
  'journal.check', // run the monthly check, write and verify remarks
  'check.read', // read checks, findings, remarks and the report of any teacher
  'terms.close',
  'calendar.manage', // calendar, terms, bells, timetable, lesson generation, substitutions
  'year.rollover',
  'staff.read',
  'staff.manage',
  'uid.read',
  'uid.manage',
  'guardians.read',
  'guardians.manage',
  'export.read',
  'export.manage',
  'reconcile.read',
  'audit.read',
  'school.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  teacher: ['journal.read', 'journal.write', 'reconcile.read', 'audit.read'],
  classTeacher: ['journal.read', 'journal.write', 'uid.read', 'guardians.read', 'reconcile.read', 'audit.read'],
  deputy: ['journal.read', 'journal.check', 'check.read', 'terms.close', 'calendar.manage', 'year.rollover', 'staff.read', 'reconcile.read', 'audit.read'],
  supervisor: ['uid.read', 'export.read', 'reconcile.read', 'check.read'],
  administrator: [
    'staff.read',
    'staff.manage',
    'uid.read',
    'uid.manage',
    'guardians.read',
    'guardians.manage',
    'export.read',
    'export.manage',
    'reconcile.read',
    'audit.read',
    'school.manage',
    'calendar.manage',
    'year.rollover',
  ],
  director: ['journal.read', 'staff.read', 'export.read', 'reconcile.read', 'audit.read', 'check.read'],
};

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  if (permission === 'public' || permission === 'session') return true;
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}
