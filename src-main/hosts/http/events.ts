// GET /events?groupId=G&subjectId=S (Authorization: Bearer <session>): one journal's live
// updates as server-sent events, `data: <JournalEvent JSON>` per committed change, a `: ping`
// comment every 15 s so idle proxies and dead peers are noticed. The loopback host serves it to
// the renderer (fetch streaming: EventSource cannot send Authorization); the school network
// host reuses this handler. The stream ends with an `event: end` when the session ends or locks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorCode, RpcErrorBody } from '../../../src-shared/errors';
import type { Router } from '../../rpc/router';
import type { SubscribeOptions } from '../../rpc/subscriptions';

export const PING_MS = 15_000;

function refuse(res: ServerResponse, status: number, error: RpcErrorBody): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ ok: false, error }));
}

/** A positive integer id from the query, or null. */
function idParam(params: URLSearchParams, name: string): number | null {
  const v = params.get(name);
  return v !== null && /^[1-9][0-9]{0,15}$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : null;
}

export async function serveEvents(
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  status: Record<ErrorCode, number>,
  opts: Omit<SubscribeOptions, 'onEnd'> = {},
): Promise<void> {
  if (req.method !== 'GET') return refuse(res, 405, { code: 'validation', message: 'GET /events' });
  const params = new URL(req.url ?? '/', 'http://x').searchParams;
  const groupId = idParam(params, 'groupId');
  const subjectId = idParam(params, 'subjectId');
  if (groupId === null || subjectId === null)
    return refuse(res, 400, { code: 'validation', message: 'Укажите журнал: groupId и subjectId' });
  // The (empty) body is read to its end, so a client that leaves later is a closed response,
  // not an aborted request.
  req.resume();
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;

  let open = true;
  let ping: NodeJS.Timeout | null = null;
  const finish = () => {
    open = false;
    if (ping) clearInterval(ping);
  };
  const sub = await router.subscribe(token, { groupId, subjectId }, (e) => open && res.write(`data: ${JSON.stringify(e)}\n\n`), {
    ...opts,
    onEnd: (reason) => {
      if (!open) return;
      finish();
      res.end(`event: end\ndata: ${JSON.stringify(reason)}\n\n`);
    },
  });
  if (!sub.ok) return refuse(res, status[sub.error.code], sub.error);
  // The client went away while we were checking: nothing to stream to.
  // (Not req.destroyed: a request read to its end is destroyed while its socket lives on.)
  if (req.socket.destroyed || res.destroyed) return sub.close();
  res.on('close', () => {
    finish();
    sub.close();
  });
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  // Sent at once: the client knows the stream is open (and, after a reconnect, that it may re-read).
  res.write(': open\n\n');
  ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
  ping.unref();
}
