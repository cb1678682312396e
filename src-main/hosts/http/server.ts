// The local HTTP host: serves the built renderer and the same RPC router on 127.0.0.1 only.
// It is how the app runs in a browser and how e2e tests drive it; never a second implementation.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ErrorCode } from '../../../src-shared/errors';
import type { CallOptions, Router } from '../../rpc/router';
import { CSP } from '../csp';
import { serveEvents } from './events';

const MAX_BODY = 16 * 1024 * 1024; // homework files travel as base64 inside JSON

export const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  session_locked: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  cancelled: 409,
  unavailable: 503,
  queued: 202,
  version_mismatch: 426,
  internal: 500,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

export interface HttpHostOptions {
  router: Router;
  /** Folder with the built renderer (index.html); null serves only the RPC. */
  staticDir: string | null;
  port?: number;
  /** Where unexpected errors go (the last-resort guard); never to the client. */
  log?: (message: string, error: unknown) => void;
}

type Log = NonNullable<HttpHostOptions['log']>;

/**
 * What differs between the loopback host and the school network host around the one request
 * handler: which Host and Origin headers are ours (DNS rebinding and cross-site guards), and
 * who is calling (the paired device and its address, on the network host).
 */
export interface RequestGuards {
  hostAllowed(req: IncomingMessage): boolean;
  originAllowed(req: IncomingMessage): boolean;
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, call?: CallOptions) => void;

/** A path's percent-decoding, or null when it is malformed (`%E0%A4%A`, `%ZZ`): decodeURIComponent throws on those. */
function decodePath(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * RPC bodies must be declared JSON. A page on another site can send a `text/plain` or form
 * post without a CORS preflight; requiring application/json forces the preflight, which we
 * never answer, so such a post is refused before it reaches the router (no login by form).
 */
function isJson(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json';
}

function badRequest(res: ServerResponse, message: string): void {
  send(res, 400, { ok: false, error: { code: 'validation', message } });
}

export function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained, not kept, so the client still reads our 413.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => (size > MAX_BODY ? reject(new Error('too large')) : resolveBody(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/**
 * DNS rebinding guard: a page on another site that resolves its name to 127.0.0.1 would
 * send its own Host header. Only our loopback names are served.
 */
function loopbackGuards(port: () => number): RequestGuards {
  return {
    hostAllowed(req) {
      const host = req.headers.host ?? '';
      return host === `127.0.0.1:${port()}` || host === `localhost:${port()}`;
    },
    originAllowed(req) {
      const origin = req.headers.origin;
      return !origin || origin === `http://127.0.0.1:${port()}` || origin === `http://localhost:${port()}`;
    },
  };
}

/**
 * A client outbox's key for a mutation (applied once). Passed on as sent: the router checks its
 * form and refuses a malformed one, rather than running the edit without the promise of "once"
 * its sender relies on.
 */
function idempotencyKey(req: IncomingMessage): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

async function handleRpc(router: Router, req: IncomingMessage, res: ServerResponse, method: string, call: CallOptions): Promise<void> {
  let input: unknown;
  try {
    const raw = await readBody(req);
    input = raw.length ? JSON.parse(raw) : {};
  } catch (e) {
    const tooLarge = (e as Error).message === 'too large';
    send(res, tooLarge ? 413 : 400, {
      ok: false,
      error: { code: 'validation', message: tooLarge ? 'Слишком большой запрос' : 'Тело запроса не является JSON' },
    });
    return;
  }
  const auth = req.headers.authorization;
  const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
  const key = idempotencyKey(req);
  const envelope = await router.call(method, input, token, key !== undefined ? { ...call, idempotencyKey: key } : call);
  send(res, envelope.ok ? 200 : STATUS[envelope.error.code], envelope);
}

function serveStatic(dir: string, url: string, res: ServerResponse, log: Log): void {
  const root = resolve(dir);
  const path = decodePath(url.split('?')[0] ?? '/');
  if (path === null) return badRequest(res, 'Неверный адрес');
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  // Client-side routes fall back to index.html.
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Интерфейс не собран: выполните npm run build');
    return;
  }
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    // Hashed asset names can be cached; index.html must not be, or an update would not show.
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  // A file that vanishes or turns unreadable between the check and the read must not take the
  // host down: an unhandled stream 'error' is an uncaught exception.
  createReadStream(file)
    .on('error', (e) => {
      log('http static read failed', e);
      res.destroy();
    })
    .pipe(res);
}

function handle(
  opts: HttpHostOptions,
  log: Log,
  guards: RequestGuards,
  req: IncomingMessage,
  res: ServerResponse,
  call: CallOptions,
): void {
  // Every answer, whatever branch writes it (static, 4xx, the guard's 500), is never sniffed.
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (!guards.hostAllowed(req)) {
    res.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
    return;
  }
  const url = req.url ?? '/';
  if (url === '/rpc' || url === '/rpc/') {
    if (req.method !== 'GET') return void send(res, 405, { ok: false, error: { code: 'validation', message: 'GET /rpc' } });
    return void send(res, 200, { ok: true, value: opts.router.describe() });
  }
  if (url.startsWith('/rpc/')) {
    if (req.method !== 'POST')
      return void send(res, 405, { ok: false, error: { code: 'validation', message: 'Методы вызываются через POST' } });
    if (!guards.originAllowed(req))
      return void send(res, 403, { ok: false, error: { code: 'forbidden', message: 'Чужой источник запроса' } });
    if (!isJson(req))
      return void send(res, 415, {
        ok: false,
        error: { code: 'validation', message: 'Запрос должен быть в формате JSON (Content-Type: application/json)' },
      });
    const method = decodePath(url.slice('/rpc/'.length).split('?')[0] ?? '');
    if (method === null) return badRequest(res, 'Неверное имя метода в адресе');
    handleRpc(opts.router, req, res, method, call).catch((e: unknown) => fail(log, res, e));
    return;
  }
  if (url === '/events' || url.startsWith('/events?'))
    return void serveEvents(opts.router, req, res, STATUS, call).catch((e: unknown) => fail(log, res, e));
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
  if (!opts.staticDir) return void res.writeHead(404).end();
  serveStatic(opts.staticDir, url, res, log);
}

/** The last-resort answer: logged, a 500 envelope when nothing was sent yet, else the socket is dropped. */
function fail(log: Log, res: ServerResponse, e: unknown): void {
  log('http request failed', e);
  if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'internal', message: 'Внутренняя ошибка программы' } });
  else res.destroy();
}

/**
 * The one request handler of both hosts (static files, GET /rpc, POST /rpc/<method>), with the
 * last-resort guards: a stream error or a throw answers this request and nothing else.
 */
export function createRequestHandler(opts: Omit<HttpHostOptions, 'port'>, guards: RequestGuards): RequestHandler {
  const log: Log = opts.log ?? ((m, e) => console.error(m, e));
  return (req, res, call = {}) => {
    // A stream error (client gone mid-body, reset) is an 'error' event; unhandled, it would
    // be an uncaught exception and end the process for every other user.
    req.on('error', (e) => log('http request stream failed', e));
    res.on('error', (e) => log('http response stream failed', e));
    try {
      handle(opts, log, guards, req, res, call);
    } catch (e) {
      fail(log, res, e);
    }
  };
}

/** Answers what Node's HTTP parser refuses (bad request line, oversized headers): 400 on that one connection. */
export function onClientError(server: Server, log: Log): void {
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    // On the TLS host a failed handshake lands here too: no HTTP answer can be written on a
    // connection that never became TLS (writing would hang it), so it is only dropped; the
    // network host logs it from 'tlsClientError'.
    if (/^ERR_(SSL|TLS)/.test(e.code ?? '')) return void socket.destroy();
    if (e.code !== 'ECONNRESET') log('http client error', e);
    if (socket.writable && !socket.writableEnded)
      socket.end('HTTP/1.1 400 Bad Request\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  // Clients (browsers, Playwright) reuse idle connections; Node's 5 s default lets the server
  // close one just as a request goes out on it, which the client sees as ECONNRESET.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
}

export function startHttpHost(opts: HttpHostOptions): Promise<{ server: Server; url: string; port: number }> {
  const log: Log = opts.log ?? ((m, e) => console.error(m, e));
  const handler = createRequestHandler(
    opts,
    loopbackGuards(() => (server.address() as AddressInfo).port),
  );
  const server = createServer((req, res) => handler(req, res));
  onClientError(server, log);
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolveStart({ server, url: `http://127.0.0.1:${port}/`, port });
    });
  });
}
