// The client's router: every call goes to the school host over the pinned TLS connection
// (DESIGN.md §10, NETWORK.md "Client"). `send` tells "the host answered" (an envelope, error
// or not) from "nobody answered" ({unreachable}), which the outbox (withOutbox) needs to decide
// between keeping an edit and reporting a refusal; `call` turns the latter into `unavailable`.
import type { IncomingMessage } from 'node:http';
import type { Envelope, RpcErrorBody } from '../../../src-shared/errors';
import { JournalEvent } from '../../../src-shared/rpc/events';
import { methods } from '../../../src-shared/rpc/registry';
import type { MethodSpec } from '../../../src-shared/rpc/define';
import type { CallOptions, Router } from '../../rpc/router';
import type { SubscribeOptions } from '../../rpc/subscriptions';
import { APP_VERSION } from '../../version';
import { sseParser } from './sse';
import type { ClientState, ClientStateStore } from './state';
import { HostUnreachable, openPinned, unreachableReason, type PinnedConnection } from './tls';

export type SendResult = Envelope<unknown> | { unreachable: true; reason: string };

export interface HostHealth {
  /** null until the first call. */
  reachable: boolean | null;
  problem: string | null;
  fingerprintMismatch: { pinned: string; presented: string } | null;
  /** The host refuses this PC's device credential (revoked, or the host forgot it): the host's words. */
  deviceRefused: string | null;
}

export type Subscription = { ok: true; close(): void } | { ok: false; error: RpcErrorBody };

export interface RemoteRouter extends Router {
  send(method: string, input: unknown, token: string | null, opts?: CallOptions): Promise<SendResult>;
  subscribe(
    token: string | null,
    ref: { groupId: number; subjectId: number },
    listener: (e: JournalEvent) => void,
    opts?: SubscribeOptions,
  ): Promise<Subscription>;
  health(): HostHealth;
  /** Drops pooled connections (a new pairing, a new pinned fingerprint). */
  reset(): void;
  close(): void;
}

export interface RemoteOptions {
  connectTimeoutMs?: number;
  responseTimeoutMs?: number;
  /** Back-off bounds for the event stream's reconnects. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** No byte (not even ": ping", sent every 15 s) for this long: the stream is dead, reconnect. */
  streamIdleMs?: number;
}

const NOT_PAIRED: RpcErrorBody = {
  code: 'unavailable',
  message: 'Этот компьютер ещё не подключён к серверу школы: введите адрес сервера и код подключения от администратора',
};

function isMutation(method: string): boolean {
  const spec = (methods as Record<string, MethodSpec | undefined>)[method];
  // An unknown name is refused by the host without effect; a known one is looked up.
  return spec?.mutation === true;
}

function isEnvelope(v: unknown): v is Envelope<unknown> {
  if (!v || typeof v !== 'object') return false;
  const e = v as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (e.ok === true) return 'value' in e;
  return e.ok === false && typeof e.error?.code === 'string' && typeof e.error.message === 'string';
}

const STREAM_LOST: RpcErrorBody = {
  code: 'unavailable',
  message: 'Связь с сервером школы прервалась: обновления журнала возобновятся, когда он ответит',
};

export function unavailableError(reason: string): RpcErrorBody {
  return { code: 'unavailable', message: `Сервер школы недоступен: ${reason}` };
}

export function unavailable(reason: string): Envelope<never> {
  return { ok: false, error: unavailableError(reason) };
}

export function createRemoteRouter(store: ClientStateStore, opts: RemoteOptions = {}): RemoteRouter {
  let conn: { state: ClientState; c: PinnedConnection } | null = null;
  const health: HostHealth = { reachable: null, problem: null, fingerprintMismatch: null, deviceRefused: null };
  const streams = new Set<{ close(): void }>();

  function connection(state: ClientState): PinnedConnection {
    if (conn && conn.state === state) return conn.c;
    conn?.c.close();
    conn = {
      state,
      c: openPinned({
        hostUrl: state.hostUrl,
        fingerprint: state.fingerprint,
        connectTimeoutMs: opts.connectTimeoutMs ?? 4_000,
        responseTimeoutMs: opts.responseTimeoutMs ?? 120_000,
      }),
    };
    return conn.c;
  }

  function headers(state: ClientState, token: string | null, o?: CallOptions): Record<string, string> {
    return {
      'X-Zhurnal-Version': APP_VERSION,
      'X-Zhurnal-Device': state.deviceToken,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(o?.idempotencyKey ? { 'Idempotency-Key': o.idempotencyKey } : {}),
    };
  }

  function failed(e: unknown): { unreachable: true; reason: string } {
    const reason = unreachableReason(e);
    health.reachable = false;
    health.problem = reason;
    if (e instanceof HostUnreachable && e.mismatch) health.fingerprintMismatch = e.mismatch;
    return { unreachable: true, reason };
  }

  function answered(): void {
    health.reachable = true;
    health.problem = null;
    health.fingerprintMismatch = null;
  }

  async function send(method: string, input: unknown, token: string | null, o?: CallOptions): Promise<SendResult> {
    const state = store.get();
    if (!state) return { ok: false, error: NOT_PAIRED };
    let res;
    try {
      res = await connection(state).request({
        method: 'POST',
        path: `/rpc/${encodeURIComponent(method)}`,
        headers: headers(state, token, o),
        body: JSON.stringify(input ?? {}),
        // Sent again after a stale kept-alive connection only when a repeat cannot apply twice.
        retryStale: !isMutation(method) || o?.idempotencyKey !== undefined,
      });
    } catch (e) {
      return failed(e);
    }
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      body = undefined;
    }
    // A proxy's or a crashed host's 5xx page is not an answer from the journal: nothing was
    // done, so it is "unreachable" (the outbox keeps the edit) rather than a refusal.
    if (!isEnvelope(body)) {
      if (res.status >= 500 || res.status === 0) return failed(new HostUnreachable(`сервер школы ответил HTTP ${res.status}`));
      answered();
      return { ok: false, error: { code: 'unavailable', message: `Сервер школы ответил не по протоколу журнала (HTTP ${res.status})` } };
    }
    answered();
    if (res.status === 401 && !body.ok) await checkDevice(state);
    else health.deviceRefused = null;
    return body;
  }

  /**
   * A 401 is either this session's end or the host refusing this PC. GET /rpc needs the device
   * credential and no session, so its answer tells which: a refused PC must pair again (the
   * pairing screen), a refused session only signs in again.
   */
  async function checkDevice(state: ClientState): Promise<void> {
    try {
      const res = await connection(state).request({ method: 'GET', path: '/rpc', headers: headers(state, null), retryStale: true });
      let message: string | null = null;
      if (res.status === 401) {
        try {
          message = (JSON.parse(res.text) as { error?: { message?: string } }).error?.message ?? null;
        } catch {
          // not an envelope: still refused
        }
        message ??= 'Сервер школы не принимает этот компьютер: подключите его заново';
      }
      health.deviceRefused = message;
    } catch {
      // unreachable now: what the next call finds will tell
    }
  }

  async function openStream(state: ClientState, token: string | null, ref: { groupId: number; subjectId: number }) {
    const path = `/events?groupId=${encodeURIComponent(ref.groupId)}&subjectId=${encodeURIComponent(ref.subjectId)}`;
    const { response, abort } = await connection(state).stream(path, headers(state, token));
    if (response.statusCode !== 200) {
      const chunks: Buffer[] = [];
      for await (const c of response) chunks.push(c as Buffer);
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        body = undefined;
      }
      abort();
      if (isEnvelope(body) && !body.ok) return { ok: false as const, error: body.error };
      if ((response.statusCode ?? 0) >= 500) throw new HostUnreachable(`сервер школы ответил HTTP ${response.statusCode}`);
      return {
        ok: false as const,
        error: { code: 'unavailable' as const, message: `Сервер школы не отдал поток изменений (HTTP ${response.statusCode})` },
      };
    }
    return { ok: true as const, response, abort };
  }

  /**
   * One journal's live updates from the host's /events. The host's `event: end` (session ended
   * or locked, access lost) ends the subscription for good, through `so.onEnd`. A stream that
   * merely breaks is handed back the same way as `unavailable` when the caller gave onEnd: the
   * caller (the loopback /events, Electron's live IPC) reconnects and re-reads the journal, so
   * nothing changed during the gap goes unseen. Without onEnd the stream reconnects here, with
   * a doubling delay, until the host takes it again or refuses it.
   */
  async function subscribe(
    token: string | null,
    ref: { groupId: number; subjectId: number },
    listener: (e: JournalEvent) => void,
    so: SubscribeOptions = {},
  ): Promise<Subscription> {
    const state = store.get();
    if (!state) return { ok: false, error: NOT_PAIRED };
    let first;
    try {
      first = await openStream(state, token, ref);
    } catch (e) {
      return { ok: false, error: unavailableError(failed(e).reason) };
    }
    if (!first.ok) return first;
    answered();
    let closed = false;
    let abortCurrent = first.abort;
    let delay = opts.reconnectMinMs ?? 500;
    const maxDelay = opts.reconnectMaxMs ?? 15_000;
    const idleMs = opts.streamIdleMs ?? 45_000;
    let retry: NodeJS.Timeout | null = null;

    const end = (reason: RpcErrorBody) => {
      if (closed) return;
      closed = true;
      abortCurrent();
      streams.delete(sub);
      so.onEnd?.(reason);
    };

    const deliver = (event: string, data: string) => {
      let value: unknown;
      try {
        value = JSON.parse(data);
      } catch {
        return; // a malformed event must not end the stream
      }
      if (event === 'end') {
        const r = value as Partial<RpcErrorBody> | null;
        return end(typeof r?.code === 'string' && typeof r.message === 'string' ? (r as RpcErrorBody) : STREAM_LOST);
      }
      const parsed = JournalEvent.safeParse(value);
      if (!parsed.success) return;
      try {
        listener(parsed.data);
      } catch (e) {
        console.error('zhurnal: event listener failed', e);
      }
    };

    const read = (response: IncomingMessage, abort: () => void) => {
      abortCurrent = abort;
      const parser = sseParser();
      let idle = setTimeout(abort, idleMs);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        clearTimeout(idle);
        idle = setTimeout(abort, idleMs);
        delay = opts.reconnectMinMs ?? 500;
        for (const e of parser.push(chunk)) if (!closed) deliver(e.event, e.data);
      });
      response.once('close', () => {
        clearTimeout(idle);
        if (closed) return;
        if (so.onEnd) end(STREAM_LOST);
        else schedule();
      });
      response.once('error', () => {});
    };

    const schedule = () => {
      if (closed || retry) return;
      retry = setTimeout(() => {
        retry = null;
        const s = store.get();
        if (closed || !s) return;
        openStream(s, token, ref).then(
          (next) => {
            if (closed) return next.ok ? next.abort() : undefined;
            if (!next.ok) return end(next.error);
            answered();
            read(next.response, next.abort);
          },
          (e: unknown) => {
            failed(e);
            delay = Math.min(delay * 2, maxDelay);
            schedule();
          },
        );
      }, delay);
      retry.unref?.();
    };

    const sub = {
      close() {
        closed = true;
        if (retry) clearTimeout(retry);
        abortCurrent();
        streams.delete(sub);
      },
    };
    streams.add(sub);
    read(first.response, first.abort);
    return { ok: true, close: sub.close };
  }

  return {
    send,
    subscribe,
    async call(method, input, token, o) {
      const r = await send(method, input, token, o);
      return 'unreachable' in r ? unavailable(r.reason) : r;
    },
    // Host and client run the same version (the host refuses any other), so the local registry
    // is the host's list too, and it answers while the host is away.
    describe() {
      return Object.entries(methods as Record<string, MethodSpec>).map(([method, s]) => ({
        method,
        permission: s.permission,
        mutation: s.mutation === true,
        summary: s.summary,
      }));
    },
    health: () => ({ ...health }),
    reset() {
      conn?.c.close();
      conn = null;
      health.reachable = null;
      health.problem = null;
      health.fingerprintMismatch = null;
      health.deviceRefused = null;
    },
    close() {
      for (const s of [...streams]) s.close();
      conn?.c.close();
      conn = null;
    },
  };
}
