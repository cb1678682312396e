// The server's preview of a plan (no writes), fetched again whenever the plan changes.
import type { RolloverPlan } from '../../../src-shared/rpc/rollover';
import { useResource } from '../../admin/ui';
import { invoke } from '../../rpc/client';

export function usePreview(plan: RolloverPlan) {
  return useResource(() => invoke('rollover.preview', { plan }), JSON.stringify(plan));
}
