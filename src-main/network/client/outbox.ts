// The client's outbox (DESIGN.md §10): every journal edit is written to this PC's outbox file
// with an idempotency key BEFORE it is sent, and sent in the order it was made. When the
// school host cannot be reached the teacher's edit stays there ('queued') and goes out when
// the host is back; the host applies each key once, so a resend after a lost answer or a
// switched-off PC never doubles an edit. An edit the host refuses on replay is kept for the
// teacher to see (outbox.list), never dropped.
import { randomUUID } from 'node:crypto';
import type { Envelope, RpcErrorBody } from '../../../src-shared/errors';
import { isOutboxMethod, type OutboxMethod } from '../../../src-shared/rpc/outbox';
import { methods } from '../../../src-shared/rpc/registry';
import type { CallOptions, Router } from '../../rpc/router';
import { outboxReads } from './outbox-reads';
import { openOutboxStore, type OutboxRow } from './outbox-store';
import { rebased, versionMoves } from './outbox-versions';

/** What helper "client"'s remote router answers: an envelope, or that the host could not be reached. */
export type SendResult = Envelope<unknown> | { unreachable: true; reason: string };
export interface RemoteRouter extends Router {
  send(method: string, input: unknown, token: string | null, opts?: CallOptions): Promise<SendResult>;
}

export interface OutboxControls {
  /** Sends what waits, in order; resolves when the outbox is empty or the host is away again. */
  replay(): Promise<void>;
  /** Stops the probe, closes the outbox file (nothing pending is lost: it is on disk) and the remote router. */
  close(): void;
}

export interface OutboxOptions {
  /** How often a waiting outbox tries the host again (ms). */
  probeMs?: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

export const QUEUED_MESSAGE =
  'Сервер школы недоступен: изменение сохранено на этом компьютере и будет отправлено, когда связь восстановится';

/** Answers that say the host cannot take anything now: the entry waits and the replay stops. */
const HOST_AWAY = new Set(['unavailable', 'version_mismatch', 'rate_limited']);
/** Answers about the session, not the edit: the entry waits for the same login to sign in again. */
const SESSION = new Set(['unauthenticated', 'session_locked']);

const fail = (code: RpcErrorBody['code'], message: string): Envelope<unknown> => ({ ok: false, error: { code, message } });

export function withOutbox<R extends RemoteRouter>(remote: R, stateDir: string, opts: OutboxOptions = {}): R & OutboxControls {
  const store = openOutboxStore(stateDir);
  const now = opts.now ?? (() => new Date());
  const log = opts.log ?? ((m, e) => console.error(m, e));
  const reads = outboxReads(store);
  /** Entries whose caller is still waiting for the answer: theirs, not the refused list's. */
  const waiting = new Map<string, Envelope<unknown> | null>();
  let away = false;
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;

  const owner = (e: OutboxRow) => e.login ?? `token:${e.token}`;

  /**
   * One pass over the pending entries in order. An entry whose session failed waits (with the
   * owner's later ones, to keep their order) until that session works again through this client
   * (a call with it answered, release()) or the same login signs in again (retoken): asking the
   * host again on every probe would not change the answer.
   */
  async function pass(): Promise<void> {
    const stalled = new Set<string>();
    let seq = 0;
    for (let e = store.nextPending(seq); e && !closed; e = store.nextPending(seq)) {
      seq = e.seq;
      if (e.error && SESSION.has(e.error.code)) stalled.add(owner(e));
      if (stalled.has(owner(e))) continue;
      const r = await remote.send(e.method, e.input, e.token, { idempotencyKey: e.key });
      if (closed) return;
      if ('unreachable' in r || (!r.ok && HOST_AWAY.has(r.error.code))) {
        away = true;
        if (!('unreachable' in r)) store.hold(e.key, r.error);
        return;
      }
      away = false;
      if (r.ok) rebaseLater(e, r.value);
      if (waiting.has(e.key)) {
        // The caller is still there: the answer is theirs, as if there were no outbox.
        waiting.set(e.key, r);
        store.remove(e.key);
      } else if (r.ok) store.remove(e.key);
      else if (SESSION.has(r.error.code)) {
        store.hold(e.key, r.error);
        stalled.add(owner(e));
      } else store.refuse(e.key, r.error);
    }
  }

  /** The teacher's later edits of the same places now build on the versions this one produced. */
  function rebaseLater(e: OutboxRow, answer: unknown): void {
    const moves = versionMoves({ method: e.method as OutboxMethod, input: e.input }, answer);
    if (moves.size === 0) return;
    for (const later of store.pending()) {
      if (later.seq <= e.seq) continue;
      const input = rebased({ method: later.method as OutboxMethod, input: later.input }, moves);
      if (input !== null) store.setInput(later.key, input);
    }
  }

  /** Single flight: a call while a replay runs asks for one more pass, which picks up new entries. */
  function replay(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !away && !closed);
      } catch (e) {
        log('outbox replay failed', e);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  const probe = setInterval(() => {
    if (!running && store.hasPending()) void replay();
  }, opts.probeMs ?? 3000);
  probe.unref();

  async function loginOf(token: string): Promise<string | null> {
    const known = store.loginOf(token);
    if (known !== null || away) return known;
    const me = await remote.call('auth.me', {}, token);
    if (!me.ok) return null;
    const login = (me.value as { user: { login: string } }).user.login;
    store.setLogin(token, login);
    return login;
  }

  async function queue(method: OutboxMethod, input: unknown, token: string | null): Promise<Envelope<unknown>> {
    if (token === null) return fail('unauthenticated', 'Требуется вход в систему');
    // A malformed edit is answered now, as the host would: queued, it could only be refused later.
    const parsed = methods[method].input.safeParse(input);
    if (!parsed.success) return remote.call(method, input, token);
    const key = randomUUID();
    // Written before any await, so edits keep the order they were made in; a login not known
    // yet is filled in on the entry afterwards (setLogin fills the session's entries).
    store.add({ key, method, input, token, login: store.loginOf(token), createdAt: now().toISOString() });
    if (store.loginOf(token) === null) await loginOf(token);
    waiting.set(key, null);
    let answer: Envelope<unknown> | null = null;
    try {
      if (!away || running) await replay();
      answer = waiting.get(key) ?? null;
    } finally {
      waiting.delete(key);
    }
    if (answer) return answer;
    return { ok: false, error: { code: 'queued', message: QUEUED_MESSAGE, queued: { key } } };
  }

  const wrapped = Object.create(remote) as R & OutboxControls;
  wrapped.call = async (method, input, token, callOpts) => {
    if (closed) return fail('unavailable', 'Программа завершает работу');
    if (method === 'outbox.list' || method === 'outbox.dismiss') return reads.answer(method, input, token);
    if (isOutboxMethod(method)) return queue(method, input, token);
    const env =
      method === 'journal.open' ? await reads.open(remote, input, token, callOpts) : await remote.call(method, input, token, callOpts);
    if (env.ok && method === 'auth.logout' && token !== null) store.forgetToken(token);
    // The session works (unlocked, or it never was the problem): its held entries may go.
    else if (env.ok && token !== null && store.hasPending()) store.release(token);
    if (env.ok && method === 'auth.login') {
      // The same login signed in again: its waiting entries go out in the new session.
      const login = (input as { login: string }).login.trim();
      const fresh = (env.value as { token: string }).token;
      store.setLogin(fresh, login);
      store.retoken(login, fresh);
    }
    const reached = env.ok || env.error.code !== 'unavailable';
    if (reached) away = false;
    if (reached && store.hasPending()) void replay();
    return env;
  };
  wrapped.replay = replay;
  wrapped.close = () => {
    if (closed) return;
    closed = true;
    clearInterval(probe);
    store.close();
    // The wrapper stands for the remote router: closing it closes what it wraps, once.
    (remote as { close?: () => void }).close?.();
  };
  return wrapped;
}
