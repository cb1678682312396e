// What every administration tab shares: the user's permissions, the school's today and
// settings, and the school structure (classes, groups, subjects) loaded once.
import { createContext, useContext } from 'react';
import type { Role } from '../../src-shared/domain';
import type { Permission } from '../../src-shared/permissions';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import type { Structure } from './api';
import type { Resource } from './ui';

export type SchoolSettings = MethodOutput<'school.info'>['settings'];

export interface AdminContextValue {
  roles: readonly Role[];
  can(p: Permission): boolean;
  today: string;
  settings: SchoolSettings | null;
  structure: Resource<Structure>;
}

export const AdminContext = createContext<AdminContextValue | null>(null);

export function useAdmin(): AdminContextValue {
  const ctx = useContext(AdminContext);
  if (!ctx) throw new Error('useAdmin outside AdminPage');
  return ctx;
}
