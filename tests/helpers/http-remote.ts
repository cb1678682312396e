// A stand-in for helper "client"'s remote router over plain HTTP to a loopback host: the same
// `send` contract (an envelope, or {unreachable} when nobody answered) without pairing and TLS.
import { request } from 'node:http';
import type { Envelope } from '../../src-shared/errors';
import type { RemoteRouter, SendResult } from '../../src-main/network/client/outbox';

/** `connectPort`: where to connect (a proxy); `hostPort`: the host's own port, which its Host check expects. */
export function httpRemote(connectPort: number, hostPort: number): RemoteRouter {
  const send = (method: string, input: unknown, token: string | null, opts?: { idempotencyKey?: string }) =>
    new Promise<SendResult>((resolve) => {
      const body = JSON.stringify(input ?? {});
      const req = request(
        {
          host: '127.0.0.1',
          port: connectPort,
          method: 'POST',
          path: `/rpc/${encodeURIComponent(method)}`,
          agent: false,
          timeout: 5000,
          headers: {
            Host: `127.0.0.1:${hostPort}`,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(opts?.idempotencyKey ? { 'Idempotency-Key': opts.idempotencyKey } : {}),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('error', (e) => resolve({ unreachable: true, reason: e.message }));
          res.on('end', () => {
            try {
              resolve(JSON.parse(text) as Envelope<unknown>);
            } catch {
              resolve({ unreachable: true, reason: `HTTP ${res.statusCode}: ${text.slice(0, 80)}` });
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ unreachable: true, reason: e.message }));
      req.end(body);
    });
  return {
    send,
    async call(method, input, token, opts) {
      const r = await send(method, input, token, opts);
      return 'unreachable' in r ? { ok: false, error: { code: 'unavailable', message: `Сервер школы недоступен: ${r.reason}` } } : r;
    },
    describe: () => [],
  };
}
