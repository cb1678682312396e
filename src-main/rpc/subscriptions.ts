// Live journal subscriptions (school network, DESIGN.md §10): who listens to which journal,
// under which session. A subscription is checked when it opens (session, permission, read
// access to that journal) and again while it runs: every 15 s and after every change that can
// end a session or take rights away (any mutation outside the journal), so a session that ends
// or locks stops its streams.
import { AppError, type RpcErrorBody } from '../../src-shared/errors';
import { hasPermission } from '../../src-shared/permissions';
import type { JournalEvent } from '../../src-shared/rpc/events';
import { JournalRef } from '../../src-shared/rpc/journal';
import { resolveSession } from '../services/auth/sessions';
import type { Services } from '../services/context';
import { JournalEventBus } from '../services/events';
import { journalYearAccess, peekSession } from '../services/journal/live';

/** How often running subscriptions re-check their session (idle lock, expiry). */
export const LIVE_CHECK_MS = 15_000;

export interface SubscribeOptions {
  /** The paired device the stream came through (school network host). */
  deviceId?: number;
  address?: string;
  /** The subscription was ended by the host (session ended or locked, access lost); not called on close(). */
  onEnd?: (reason: RpcErrorBody) => void;
}

interface Sub {
  tokenHash: string;
  ref: { groupId: number; subjectId: number };
  end(reason: RpcErrorBody | null): void;
}

const NO_ACCESS = 'Этот журнал вам недоступен';

export function createSubscriptions(services: Services, log: (message: string, error: unknown) => void) {
  const bus = (services.events ??= new JournalEventBus(services.sqlite, log));
  const subs = new Set<Sub>();
  let timer: NodeJS.Timeout | null = null;

  /** Why a running subscription must stop now, or null while it may go on. */
  function refusal(sub: Sub): RpcErrorBody | null {
    const actor = peekSession(services, sub.tokenHash);
    if (!actor) return { code: 'unauthenticated', message: 'Сеанс завершён или заблокирован: обновления журнала остановлены' };
    if (!hasPermission(actor.roles, 'journal.read') || !journalYearAccess({ ...services, actor }, actor, sub.ref))
      return { code: 'forbidden', message: NO_ACCESS };
    return null;
  }

  function recheck(): void {
    for (const sub of [...subs]) {
      let reason: RpcErrorBody | null;
      try {
        reason = refusal(sub);
      } catch (e) {
        log('live subscription check failed', e);
        reason = { code: 'internal', message: 'Внутренняя ошибка программы' };
      }
      if (reason) sub.end(reason);
    }
  }

  return {
    bus,
    recheck,
    count: () => subs.size,
    /** Opens a subscription or throws the AppError that refuses it. */
    open(token: string | null, rawRef: unknown, listener: (e: JournalEvent) => void, opts: SubscribeOptions = {}): { close(): void } {
      // A session made through a paired device is valid only through that device (school network).
      const actor = resolveSession(services, token, false, opts.deviceId);
      const parsed = JournalRef.safeParse(rawRef);
      if (!parsed.success) throw new AppError('validation', 'Укажите журнал: groupId и subjectId');
      const ref = parsed.data;
      if (actor.mustChangePassword) throw new AppError('forbidden', 'Сначала смените пароль');
      if (!hasPermission(actor.roles, 'journal.read') || !journalYearAccess({ ...services, actor }, actor, ref))
        throw new AppError('forbidden', NO_ACCESS);
      const stop = bus.listen(ref, listener);
      const sub: Sub = {
        tokenHash: actor.tokenHash,
        ref,
        end(reason) {
          if (!subs.delete(sub)) return;
          stop();
          if (subs.size === 0 && timer) {
            clearInterval(timer);
            timer = null;
          }
          if (reason)
            try {
              opts.onEnd?.(reason);
            } catch (e) {
              log('live subscription end handler failed', e);
            }
        },
      };
      subs.add(sub);
      if (!timer) {
        timer = setInterval(recheck, LIVE_CHECK_MS);
        // Never the reason the process stays up.
        timer.unref();
      }
      return { close: () => sub.end(null) };
    },
  };
}
