// What the page says after «Полная выгрузка» or «Отправить сейчас» (issue 9): pure, so every
// case is unit-tested. A refused or failed send never reads as a success: anything the portal
// did not confirm with a receipt is "bad", with the Russian reason that says what to do.
import type { MethodOutput } from '../../src-shared/rpc/registry';

export type SendResult = MethodOutput<'export.sendNow'>;

export type Outcome =
  | { tone: 'bad'; kind: 'failed' | 'refused'; error: string }
  | { tone: 'bad'; kind: 'unreachable'; error: string; nextAttemptAt: string | null }
  | { tone: 'good'; kind: 'done' | 'delivered' | 'nothing' }
  | { tone: 'info'; kind: 'queued' | 'superseded' };

export function sendOutcome({ package: pkg, sync, error }: SendResult): Outcome {
  // The call itself failed (not configured, a key that cannot work): nothing was sent.
  if (error) return { tone: 'bad', kind: 'failed', error };
  if (sync && sync.refused.length > 0) return { tone: 'bad', kind: 'refused', error: sync.refusal ?? '' };
  if (pkg?.state === 'refused') return { tone: 'bad', kind: 'refused', error: pkg.lastError ?? '' };
  // Something still waits for the portal: not delivered, whatever else went through.
  if (sync?.waiting) return { tone: 'bad', kind: 'unreachable', error: sync.waiting.error, nextAttemptAt: sync.waiting.nextAttemptAt };
  if (pkg === null) return { tone: 'good', kind: sync && sync.done.length > 0 ? 'delivered' : 'nothing' };
  if (pkg.state === 'done') return { tone: 'good', kind: 'done' };
  if (pkg.state === 'superseded') return { tone: 'info', kind: 'superseded' };
  return { tone: 'info', kind: 'queued' };
}
