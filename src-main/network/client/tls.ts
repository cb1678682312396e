// HTTPS to the school host with its certificate pinned by SHA-256 fingerprint (DESIGN.md §10).
// There is no certificate authority: the host's self-signed certificate is trusted because its
// fingerprint is the one recorded at pairing (Syncthing's model). The check runs in the agent's
// createConnection, BEFORE the socket is handed to the request: Node writes nothing of an
// HTTP request to a socket it has not been given yet, so a forged host never sees a header,
// a session token or a device credential. A keep-alive agent spares 60 teachers' calls a
// handshake each.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/** Why the host could not be used; `mismatch` when a different certificate answered. */
export class HostUnreachable extends Error {
  constructor(
    readonly reason: string,
    readonly mismatch?: { pinned: string; presented: string },
  ) {
    super(reason);
    this.name = 'HostUnreachable';
  }
}

/** "AB:CD:EF:01…" (Node's fingerprint256) or any spacing → "ABCD EF01 …" (16 groups of 4). */
export function groupFingerprint(fp: string): string {
  const hex = fp.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

export function mismatchMessage(pinned: string, presented: string): string {
  return (
    `Сервер школы предъявил другой сертификат. Запомненный отпечаток: ${pinned}. Предъявленный: ${presented}. ` +
    'Если сервер переносили на другой компьютер, подключите этот компьютер заново с новым кодом; иначе сообщите администратору.'
  );
}

const REASONS: [RegExp, string][] = [
  [/^ECONNREFUSED$/, 'сервер школы не принимает соединения по этому адресу'],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/, 'имя сервера школы не найдено (проверьте адрес)'],
  [/^(ECONNRESET|EPIPE)$/, 'соединение с сервером школы оборвалось'],
  [/^(ETIMEDOUT|ESOCKETTIMEDOUT)$/, 'сервер школы не отвечает'],
  [/^(ENETUNREACH|EHOSTUNREACH|ENETDOWN|EADDRNOTAVAIL)$/, 'сеть до сервера школы недоступна'],
  [/CERT|TLS|SSL|EPROTO/, 'не удалось установить защищённое соединение с сервером школы'],
];

/** A network error in words the teacher can pass on, the system code in parentheses. */
export function unreachableReason(e: unknown): string {
  if (e instanceof HostUnreachable) return e.reason;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const known = REASONS.find(([re]) => re.test(code));
    return `${known ? known[1] : 'сетевая ошибка'} (${code})`;
  }
  return `сетевая ошибка (${(e as Error)?.message ?? String(e)})`;
}

export interface PinnedOptions {
  /** https://ADDRESS:PORT */
  hostUrl: string;
  /** Grouped fingerprint to require; null on first contact (pairing), when what is presented gets pinned. */
  fingerprint: string | null;
  /** TCP connect plus TLS handshake. */
  connectTimeoutMs?: number;
  /** From the request written to the whole answer read. */
  responseTimeoutMs?: number;
}

export interface HostResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface RequestOptions {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Overrides the connection's response timeout (a long backup, a quick probe). */
  timeoutMs?: number;
  /**
   * Safe to send again (a read, or an edit with an idempotency key): a kept-alive connection
   * the host closed just as we reused it (idle timeout, a revoked device's connections dropped)
   * fails before any answer; such a request is sent once more on a fresh connection.
   */
  retryStale?: boolean;
}

/** A pinned connection pool to one host. */
export interface PinnedConnection {
  readonly hostUrl: string;
  /** The fingerprint the last handshake presented (grouped), whether or not it matched. */
  presented(): string | null;
  request(opts: RequestOptions): Promise<HostResponse>;
  /** A long-lived GET (server-sent events): resolves with the response once its headers arrive. */
  stream(path: string, headers: Record<string, string>): Promise<{ response: IncomingMessage; abort(): void }>;
  close(): void;
}

class PinnedAgent extends https.Agent {
  lastPresented: string | null = null;
  constructor(
    private readonly pinned: string | null,
    private readonly connectTimeoutMs: number,
  ) {
    // No TLS session cache: a resumed session is not re-verified, and every new connection
    // must show its certificate to us again.
    super({ keepAlive: true, maxCachedSessions: 0, rejectUnauthorized: false, timeout: 30_000 });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex {
    // rejectUnauthorized:false only together with the fingerprint comparison below.
    const socket = tls.connect({ ...(options as tls.ConnectionOptions), rejectUnauthorized: false });
    let done = false;
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.removeListener('error', onError);
      if (err) socket.destroy();
      callback?.(err, socket);
    };
    const onError = (e: Error) => finish(e);
    const timer = setTimeout(
      () => finish(Object.assign(new HostUnreachable(`сервер школы не отвечает (ETIMEDOUT)`), { code: 'ETIMEDOUT' })),
      this.connectTimeoutMs,
    );
    socket.once('error', onError);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const presented = cert?.fingerprint256 ? groupFingerprint(cert.fingerprint256) : '';
      this.lastPresented = presented || null;
      if (this.pinned !== null && presented !== this.pinned)
        return finish(
          new HostUnreachable(mismatchMessage(this.pinned, presented || '—'), { pinned: this.pinned, presented: presented || '—' }),
        );
      finish(null);
    });
    // The socket reaches the request only through the callback, after the check.
    return undefined as unknown as Duplex;
  }
}

export function openPinned(opts: PinnedOptions): PinnedConnection {
  const url = new URL(opts.hostUrl);
  if (url.protocol !== 'https:') throw new Error('Адрес сервера школы должен начинаться с https://');
  const pinned = opts.fingerprint === null ? null : groupFingerprint(opts.fingerprint);
  const agent = new PinnedAgent(pinned, opts.connectTimeoutMs ?? 4_000);
  const responseTimeoutMs = opts.responseTimeoutMs ?? 120_000;
  const base = {
    agent,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 443),
    // An IP address is not a valid SNI name; Node warns about it. Identity is the fingerprint anyway.
    servername: '',
  };

  function start(method: string, path: string, headers: Record<string, string>, timeoutMs: number) {
    const req = https.request({ ...base, method, path, headers });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    return req;
  }

  return {
    hostUrl: url.origin,
    presented: () => agent.lastPresented,
    request(r) {
      const once = (allowRetry: boolean): Promise<HostResponse> =>
        new Promise((resolve, reject) => {
          const body = r.body === undefined ? undefined : Buffer.from(r.body, 'utf8');
          const headers = {
            ...(r.headers ?? {}),
            ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(body.length) } : {}),
          };
          const req = start(r.method, r.path, headers, r.timeoutMs ?? responseTimeoutMs);
          let answered = false;
          req.on('error', (e: NodeJS.ErrnoException) => {
            // Only a reused socket that failed before any answer: the host never read the request.
            const stale = allowRetry && !answered && req.reusedSocket && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
            if (stale) once(false).then(resolve, reject);
            else reject(e);
          });
          req.on('response', (res) => {
            answered = true;
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', reject);
            res.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
            );
          });
          req.end(body);
        });
      return once(r.retryStale === true);
    },
    stream(path, headers) {
      return new Promise((resolve, reject) => {
        // Only the handshake and the answer's headers are timed; the stream itself is long-lived
        // (the host's ": ping" every 15 s is watched by the reader).
        const req = start('GET', path, { ...headers, Accept: 'text/event-stream' }, opts.connectTimeoutMs ?? 4_000);
        req.on('error', reject);
        req.on('response', (response) => {
          req.setTimeout(0);
          resolve({ response, abort: () => req.destroy() });
        });
        req.end();
      });
    },
    close() {
      agent.destroy();
    },
  };
}
