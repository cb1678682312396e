// «Контроль»: the deputy's monthly check (findings, remarks, the report) and the diary check.
import type { Role } from '../../src-shared/domain';
import { ReconcilePage } from '../export/ReconcilePage';

export function ControlPage({ roles }: { roles: readonly Role[] }) {
  void roles;
  return <ReconcilePage />;
}
