// The start page's overview for the deputy (check, remarks, completeness) and the director
// (school-level completeness, charts, the export's state). Nothing for other roles.
import type { Role } from '../../src-shared/domain';
import { DeputyOverview } from './DeputyOverview';
import { DirectorOverview } from './DirectorOverview';

/** Whose start page shows an overview instead of the teacher's load table. */
export function overviewKind(roles: readonly Role[]): 'deputy' | 'director' | null {
  if (roles.includes('deputy')) return 'deputy';
  if (roles.includes('director')) return 'director';
  return null;
}

export function RoleOverview({ roles }: { roles: readonly Role[] }) {
  const kind = overviewKind(roles);
  if (kind === 'deputy') return <DeputyOverview />;
  if (kind === 'director') return <DirectorOverview />;
  return null;
}
