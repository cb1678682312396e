// Pure decisions of the school network UI (DESIGN.md §10): when the window must show the
// pairing screen, and whether the header says the school host is unreachable.
import type { DeviceStatus } from '../../src-shared/rpc/device';

/** A client that is not paired, or whose host now shows another certificate, must (re)pair first. */
export function needsPairing(device: DeviceStatus | null): boolean {
  return device !== null && device.mode === 'client' && (!device.paired || device.fingerprintMismatch !== null);
}

/** What the boot does when auth.status failed with this code. */
export function afterStatusFailure(code: string): 'login' | 'recheck' | 'error' {
  // A version refusal is for the login screen: the teacher must read which side to update.
  if (code === 'version_mismatch') return 'login';
  // The host may be refusing our pin (a changed certificate): device.status says so.
  if (code === 'unavailable') return 'recheck';
  return 'error';
}

export interface HostState {
  down: boolean;
  message: string | null;
}

export const HOST_UP: HostState = { down: false, message: null };

/**
 * The banner follows the answers: `unavailable` (nobody answered) or `queued` (an edit kept in
 * the outbox because nobody answered) puts it up; any answer from the host, good or refused,
 * takes it down. A failure of the local page's own connection ('network') says nothing about
 * the school host and leaves it as it is.
 */
export function nextHostState(prev: HostState, answer: { ok: boolean; code?: string; message?: string }): HostState {
  if (answer.ok) return prev.down ? HOST_UP : prev;
  if (answer.code === 'unavailable' || answer.code === 'queued')
    return { down: true, message: answer.code === 'unavailable' ? (answer.message ?? null) : prev.message };
  if (answer.code === 'network') return prev;
  return prev.down ? HOST_UP : prev;
}
