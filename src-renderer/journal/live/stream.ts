// One journal's live stream, kept open while the journal is: over the Electron bridge when
// present, else GET /events on the host that served this page (fetch streaming: EventSource
// cannot send the session's Authorization header). Reconnects with back-off; every open after
// the first tells the page to re-read the journal, since changes made meanwhile were missed.
import type { RpcErrorBody } from '../../../src-shared/errors';
import { JournalEvent } from '../../../src-shared/rpc/events';
import { backoffMs, createSseParser } from './sse';

export type LiveMessage = { kind: 'open' } | { kind: 'event'; event: JournalEvent } | { kind: 'end'; error?: RpcErrorBody | null };
type Ref = { groupId: number; subjectId: number };
/** Opens one stream; calls back 'open', events, then exactly one 'end'. Returns its stop function. */
export type Connect = (ref: Ref, token: string | null, on: (m: LiveMessage) => void) => () => void;

const httpConnect: Connect = (ref, token, on) => {
  const abort = new AbortController();
  let done = false;
  const end = (error?: RpcErrorBody | null) => {
    if (done) return;
    done = true;
    on({ kind: 'end', error: error ?? null });
  };
  const run = async () => {
    const res = await fetch(`/events?groupId=${ref.groupId}&subjectId=${ref.subjectId}`, {
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      signal: abort.signal,
      cache: 'no-store',
    });
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => null)) as { error?: RpcErrorBody } | null;
      return end(body?.error ?? null);
    }
    const parse = createSseParser((f) => {
      if (f.event === 'comment') return void (f.data === 'open' && !done && on({ kind: 'open' }));
      if (f.event === 'end') return end(JSON.parse(f.data) as RpcErrorBody);
      const e = JournalEvent.safeParse(JSON.parse(f.data));
      if (e.success && !done) on({ kind: 'event', event: e.data });
    });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done: over } = await reader.read();
      if (over) break;
      parse(value);
    }
    end();
  };
  run().catch(() => end());
  return () => {
    done = true;
    abort.abort();
  };
};

function pickConnect(): Connect {
  const bridge = typeof window !== 'undefined' ? window.zhurnal : undefined;
  if (bridge?.subscribe) {
    const subscribe = bridge.subscribe.bind(bridge);
    return (ref, token, on) => subscribe(ref.groupId, ref.subjectId, token, (m) => on(m as LiveMessage));
  }
  return httpConnect;
}

/** Refusals that a retry cannot change (the journal is not the caller's). */
const FINAL = new Set(['forbidden', 'not_found', 'validation']);

export interface LiveHandlers {
  /** The stream is open; reconnected: changes may have been missed, re-read the journal. */
  onOpen(reconnected: boolean): void;
  onEvent(e: JournalEvent): void;
  /** The stream broke or was refused; a retry follows unless the refusal is final. */
  onDown?(): void;
}

export function openLive(ref: Ref, token: () => string | null, h: LiveHandlers, connect: Connect = pickConnect()): () => void {
  let stopped = false;
  let attempt = 0;
  let everOpen = false;
  let stop: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const start = () => {
    stop = connect(ref, token(), (m) => {
      if (stopped) return;
      if (m.kind === 'open') {
        h.onOpen(everOpen);
        everOpen = true;
        attempt = 0;
      } else if (m.kind === 'event') h.onEvent(m.event);
      else {
        stop = null;
        h.onDown?.();
        if (!FINAL.has(m.error?.code ?? '')) timer = setTimeout(start, backoffMs(attempt++));
      }
    });
  };
  start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stop?.();
  };
}
