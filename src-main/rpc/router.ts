// The one RPC router: method -> session -> permission -> validation -> handler -> envelope.
// Both host adapters (Electron IPC and local HTTP) call exactly this.
import { z } from 'zod';
import { AppError, type Envelope, type RpcErrorBody } from '../../src-shared/errors';
import { hasPermission } from '../../src-shared/permissions';
import { isMethodName, methods, type MethodName } from '../../src-shared/rpc/registry';
import type { MethodSpec } from '../../src-shared/rpc/define';
import { resolveSession } from '../services/auth/sessions';
import type { Actor, Services } from '../services/context';
import type { Sqlite } from '../../db/client';
import { prep } from '../services/sql';
import type { Handlers } from './handlers';
import { allHandlers } from './all-handlers';
import type { JournalEvent } from '../../src-shared/rpc/events';
import type { JournalEventBus } from '../services/events';
import { createSubscriptions, type SubscribeOptions } from './subscriptions';
import { checkKey, isStorable, keyScope, storeAnswer, storedAnswer } from './idempotency';

export interface RouterOptions {
  /** Validate handler outputs against the registry too (tests and development). */
  checkOutput?: boolean;
  /** Where unexpected errors go; never to the caller. */
  log?: (message: string, error: unknown) => void;
}

/** Who sent a call, beyond its session token (school network, DESIGN.md §10). */
export interface CallOptions {
  /** A mutation sent with this key is applied once; a repeat gets the first answer (client outbox replay). */
  idempotencyKey?: string;
  /** The paired device the call came through (school network host); absent: this PC. */
  deviceId?: number;
  /** The peer's network address, for the devices list. */
  address?: string;
}

export interface Router {
  call(method: string, input: unknown, token: string | null, opts?: CallOptions): Promise<Envelope<unknown>>;
  describe(): { method: string; permission: string; mutation: boolean; summary: string }[];
  /**
   * Live updates of one journal (DESIGN.md §10): the listener gets every committed change of it
   * until close(), or until the session ends, locks or loses access (then opts.onEnd is told).
   */
  subscribe(
    token: string | null,
    ref: { groupId: number; subjectId: number },
    listener: (e: JournalEvent) => void,
    opts?: SubscribeOptions,
  ): Promise<{ ok: true; close(): void } | { ok: false; error: RpcErrorBody }>;
}

function zodIssues(e: z.ZodError) {
  return e.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message }));
}

function errorBody(e: unknown, log: RouterOptions['log'], method: string): RpcErrorBody {
  if (e instanceof AppError) return e.toBody();
  const code = (e as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT_UNIQUE'))
    return { code: 'conflict', message: 'Такая запись уже есть' };
  if (code === 'SQLITE_BUSY') return { code: 'conflict', message: 'База данных занята, повторите' };
  log?.(`rpc ${method} failed`, e);
  return { code: 'internal', message: 'Внутренняя ошибка программы' };
}

/**
 * Runs a mutation's session check, validation and the synchronous part of its handler in one
 * IMMEDIATE transaction. Each query outside a transaction takes and drops the WAL read locks
 * (file-lock system calls) on its own, which cost more than the indexed query itself on the
 * mark-save path. Always committed, never rolled back here: every mutate() inside runs as a
 * savepoint that undoes itself on error, and the session's own writes (idle lock, last seen)
 * must persist as they did before. An async handler's awaited part runs after the commit, as
 * before (its mutate() calls are top-level transactions again).
 */
function inOneTransaction(sqlite: Sqlite, events: JournalEventBus, fn: () => unknown): unknown {
  if (sqlite.inTransaction) return fn();
  prep(sqlite, 'BEGIN IMMEDIATE').run();
  // Live updates recorded by the mutations inside are announced only after the COMMIT below.
  events.begin();
  let committed = false;
  try {
    return fn();
  } finally {
    try {
      prep(sqlite, 'COMMIT').run();
      committed = true;
    } catch (e) {
      if (sqlite.inTransaction) prep(sqlite, 'ROLLBACK').run();
      throw e;
    } finally {
      events.end(committed);
    }
  }
}

/**
 * A mutation sent with an idempotency key (client outbox, DESIGN.md §10): the session is
 * checked first (a caller without one learns nothing of stored answers, and a new login may
 * send the key again), then, in the same transaction as the edit, a stored answer is returned
 * as is, or the edit runs and its answer is stored before the commit.
 */
async function idempotentCall(
  services: Services,
  method: string,
  key: string,
  deviceId: number | undefined,
  authorize: () => Actor | null,
  run: (actor: Actor | null) => unknown,
  answer: (value: unknown) => Envelope<unknown>,
  toBody: (e: unknown) => RpcErrorBody,
  inTx: (fn: () => unknown) => unknown,
): Promise<Envelope<unknown>> {
  checkKey(key);
  const scope = keyScope(deviceId);
  const { sqlite } = services;
  const settle = (f: () => Envelope<unknown>): [Envelope<unknown>, boolean] => {
    try {
      return [f(), true];
    } catch (e) {
      return [{ ok: false, error: toBody(e) }, e instanceof AppError];
    }
  };
  let later: PromiseLike<unknown> | undefined;
  const now = services.now();
  const done = inTx(() => {
    const actor = authorize();
    const stored = storedAnswer(sqlite, scope, key, method);
    if (stored) return stored;
    const [env, fromAppError] = settle(() => {
      const value = run(actor);
      if (!isThenable(value)) return answer(value);
      later = value;
      return { ok: true, value: undefined };
    });
    if (later) return undefined;
    if (isStorable(env, fromAppError)) storeAnswer(sqlite, scope, key, method, env, now);
    return env;
  }) as Envelope<unknown> | undefined;
  if (done) return done;
  // An async handler's awaited part runs after the commit (see inOneTransaction): its answer is
  // stored in a transaction of its own. None of the outbox's journal edits is async.
  const pending = later!;
  let value: unknown;
  const [env, fromAppError] = await (async (): Promise<[Envelope<unknown>, boolean]> => {
    try {
      value = await pending;
    } catch (e) {
      return [{ ok: false, error: toBody(e) }, e instanceof AppError];
    }
    return settle(() => answer(value));
  })();
  if (isStorable(env, fromAppError)) inTx(() => storeAnswer(sqlite, scope, key, method, env, services.now()));
  return env;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => typeof (v as { then?: unknown } | null)?.then === 'function';

export function createRouter(services: Services, opts: RouterOptions = {}, handlers: Handlers = allHandlers): Router {
  const log = opts.log ?? ((m, e) => console.error(m, e));
  const live = createSubscriptions(services, log);
  return {
    async call(method, rawInput, token, callOpts) {
      try {
        if (!isMethodName(method)) throw new AppError('not_found', `Нет такого метода: ${String(method).slice(0, 80)}`);
        const spec: MethodSpec = methods[method];
        const authorize = (): Actor | null => {
          if (spec.permission === 'public') return null;
          const actor = resolveSession(services, token, spec.whileLocked === true, callOpts?.deviceId);
          if (actor.mustChangePassword && !method.startsWith('auth.')) throw new AppError('forbidden', 'Сначала смените пароль');
          if (!hasPermission(actor.roles, spec.permission)) throw new AppError('forbidden', 'Недостаточно прав для этого действия');
          return actor;
        };
        const run = (actor: Actor | null) => {
          const parsed = spec.input.safeParse(rawInput);
          if (!parsed.success) throw new AppError('validation', 'Неверные данные запроса', zodIssues(parsed.error));
          const handler = handlers[method as MethodName] as (ctx: unknown, input: unknown) => unknown;
          const ctx = callOpts?.deviceId === undefined ? { ...services, actor } : { ...services, actor, deviceId: callOpts.deviceId };
          return handler(ctx, parsed.data);
        };
        const answer = (value: unknown): Envelope<unknown> => {
          if (opts.checkOutput) {
            const out = spec.output.safeParse(value);
            if (!out.success) {
              log(`rpc ${method} returned a value outside its schema`, out.error);
              throw new AppError('internal', 'Внутренняя ошибка программы');
            }
          }
          return { ok: true, value };
        };
        const inTx = spec.mutation === true && spec.ownTransaction !== true;
        const tx = (fn: () => unknown) => inOneTransaction(services.sqlite, live.bus, fn);
        const key = callOpts?.idempotencyKey;
        const env =
          inTx && key !== undefined
            ? await idempotentCall(services, method, key, callOpts?.deviceId, authorize, run, answer, (e) => errorBody(e, log, method), tx)
            : answer(await (inTx ? tx(() => run(authorize())) : run(authorize())));
        // A sign-out, a lock, a disabled user or a changed load may end someone's live stream.
        if (live.count() > 0 && !method.startsWith('journal.') && (spec.mutation === true || method.startsWith('auth.'))) live.recheck();
        return env;
      } catch (e) {
        return { ok: false, error: errorBody(e, log, method) };
      }
    },
    async subscribe(token, ref, listener, sopts) {
      try {
        return { ok: true, ...live.open(token, ref, listener, sopts) };
      } catch (e) {
        return { ok: false, error: errorBody(e, log, 'subscribe') };
      }
    },
    describe() {
      return Object.entries(methods as Record<string, MethodSpec>).map(([method, s]) => ({
        method,
        permission: s.permission,
        mutation: s.mutation === true,
        summary: s.summary,
      }));
    },
  };
}
