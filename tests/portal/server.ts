// The portal test double: a real HTTP server on 127.0.0.1 with its own SQLite store, speaking
// the export protocol (issue 5, DESIGN.md §6); tests/portal/README.md describes the protocol.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DigestRequest, ExportPackage } from '../../src-shared/export/package';
import { digestsFor, lessonLinesFor } from './digest';
import { LessonLinesRequest } from '../../src-shared/export/lines';
import { diaryFor, diaryHtml, indexHtml } from './diary';
import { Faults, FaultsInput, type FaultsState } from './faults';
import { isValidTombstoneKey } from '../../src-shared/export/keys';
import { portalState, deliveries } from './state';
import { MidApplyFault, PortalStore } from './store';

const gunzipAsync = promisify(gunzip);
/** Compressed request limit; a full package of the reference school is well under it. */
const MAX_BODY = 256 * 1024 * 1024;
/** Decompressed limit: just under V8's longest string, which JSON.parse needs. */
const MAX_JSON = 500 * 1024 * 1024;

export interface PortalOptions {
  dbFile: string;
  /** 0 or absent: any free port. */
  port?: number;
  /** The school's bearer token the portal accepts. */
  token: string;
  /** One line per request on stdout. */
  log?: boolean;
  faults?: FaultsInput;
}

export interface Portal {
  url: string;
  port: number;
  close(): Promise<void>;
  setFaults(f: FaultsInput): void;
  getFaults(): FaultsState;
  store: PortalStore;
}

interface Reply {
  status: number;
  body: unknown;
  /** X-Portal-Outcome: what became of a package (the receipt itself stays strictly a Receipt). */
  outcome?: string;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.error));
  }
}

export async function startPortal(opts: PortalOptions): Promise<Portal> {
  const store = new PortalStore(opts.dbFile);
  const faults = new Faults();
  if (opts.faults) faults.set(opts.faults);
  const expected = Buffer.from(`Bearer ${opts.token}`);
  const sleepers = new Set<() => void>();
  let closed = false;

  function authorized(req: IncomingMessage): boolean {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      size += c.length;
      if (size > MAX_BODY) throw new HttpError(413, { error: 'body too large' });
      chunks.push(c);
    }
    return Buffer.concat(chunks);
  }

  async function decodeJson(req: IncomingMessage, body: Buffer): Promise<unknown> {
    let raw = body;
    // gzip is what the exporter sends; identity is accepted too, for curl and the digest calls.
    if (/gzip/i.test(req.headers['content-encoding'] ?? '')) {
      try {
        raw = await gunzipAsync(raw, { maxOutputLength: MAX_JSON });
      } catch (e) {
        throw new HttpError(400, { error: `not gzip: ${(e as Error).message}` });
      }
    }
    try {
      return JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      throw new HttpError(400, { error: 'body is not JSON' });
    }
  }

  /** POST /api/packages on an already-read body; everything but the apply is a pure check. */
  function receivePackage(req: IncomingMessage, raw: unknown, failMidApply: boolean): Reply {
    const key = header(req, 'idempotency-key');
    const refuse = (status: number, body: Record<string, unknown>, outcome = 'rejected'): Reply => {
      store.logDelivery(key, outcome, status, String(body.error));
      return { status, body, outcome };
    };
    const parsed = ExportPackage.safeParse(raw);
    if (!parsed.success) return refuse(422, { error: 'package does not match the schema', issues: parsed.error.issues });
    const pkg = parsed.data;
    const h = pkg.header;
    if (key !== h.packageId) return refuse(422, { error: 'Idempotency-Key must equal header.packageId' });
    if (h.feedFrom > h.feedTo) return refuse(422, { error: 'feedFrom > feedTo' });
    // The raw object, not zod's output: JSON.parse keeps key order, so this re-creates the sender's bytes.
    const sha = createHash('sha256')
      .update(JSON.stringify((raw as { payload: unknown }).payload))
      .digest('hex');
    if (sha !== h.payloadSha256) return refuse(422, { error: 'payloadSha256 does not match the payload', actual: sha });
    const bad = pkg.payload.tombstones.find((t) => !isValidTombstoneKey(t.entity, t.key));
    if (bad) return refuse(422, { error: `malformed tombstone key for ${bad.entity}: ${bad.key}` });
    try {
      const r = store.apply(pkg, { failMidApply });
      return r.status === 200
        ? { status: 200, body: r.receipt, outcome: r.outcome }
        : { status: r.status, body: r.body, outcome: r.outcome };
    } catch (e) {
      if (!(e instanceof MidApplyFault)) throw e;
      return refuse(500, { error: e.message }, 'failed-mid-apply');
    }
  }

  function digests(url: URL, raw: unknown): Reply {
    const parsed = DigestRequest.safeParse(raw);
    if (!parsed.success) return { status: 422, body: { error: 'digest request does not match the schema', issues: parsed.error.issues } };
    // DigestRequest names no school: with one school in the store it is that one.
    const schools = store.db.prepare('SELECT code FROM schools ORDER BY code').pluck().all() as string[];
    const school = url.searchParams.get('school') ?? (schools.length <= 1 ? (schools[0] ?? '') : null);
    if (school === null) return { status: 400, body: { error: 'several schools: pass ?school=CODE' } };
    return { status: 200, body: { digests: digestsFor(store, school, parsed.data) } };
  }

  function lessonLines(url: URL, raw: unknown): Reply {
    const parsed = LessonLinesRequest.safeParse(raw);
    if (!parsed.success)
      return { status: 422, body: { error: 'lesson lines request does not match the schema', issues: parsed.error.issues } };
    const school = oneSchool(url);
    if (school === null) return { status: 400, body: { error: 'several schools: pass ?school=CODE' } };
    return { status: 200, body: { lessons: lessonLinesFor(store, school, parsed.data) } };
  }

  /** A request names no school: with one school in the store it is that one. */
  function oneSchool(url: URL): string | null {
    const schools = store.db.prepare('SELECT code FROM schools ORDER BY code').pluck().all() as string[];
    return url.searchParams.get('school') ?? (schools.length <= 1 ? (schools[0] ?? '') : null);
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(t);
        sleepers.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      sleepers.add(wake);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<Reply | null> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    // Test-only control routes: never faulted, no auth.
    if (path === '/__faults' && method === 'GET') return { status: 200, body: faults.get() };
    if (path === '/__faults' && method === 'POST') {
      const parsed = FaultsInput.safeParse(await decodeJson(req, await readBody(req)));
      if (!parsed.success) return { status: 422, body: { error: 'bad faults', issues: parsed.error.issues } };
      faults.set(parsed.data);
      return { status: 200, body: faults.get() };
    }
    if (path === '/__state' && method === 'GET') return { status: 200, body: portalState(store) };
    if (path === '/__deliveries' && method === 'GET') return { status: 200, body: deliveries(store) };

    const diaryMatch = /^\/(api\/)?diary\/([^/]+)$/.exec(path);
    if (diaryMatch && method === 'GET') {
      let uid: string;
      try {
        uid = decodeURIComponent(diaryMatch[2]!);
      } catch {
        return { status: 404, body: { error: 'unknown uid' } };
      }
      const view = diaryFor(store, uid);
      if (diaryMatch[1]) return view ? { status: 200, body: view } : { status: 404, body: { error: 'unknown uid' } };
      res.writeHead(view ? 200 : 404, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      });
      res.end(diaryHtml(uid, view));
      return null;
    }

    if (path === '/' && method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(indexHtml(store));
      return null;
    }

    const isPackage = method === 'POST' && path === '/api/packages';
    const isDigest = method === 'POST' && path === '/api/digests';
    const isLines = method === 'POST' && path === '/api/lessons';
    if (!isPackage && !isDigest && !isLines) return { status: 404, body: { error: 'not found' } };

    const { fault, delayMs } = faults.next(isPackage);
    const key = isPackage ? header(req, 'idempotency-key') : null;
    if (fault === 'dropRequest') {
      if (isPackage) store.logDelivery(key, 'dropped-request', null);
      req.socket.destroy();
      return null;
    }
    // The body is read in full before any answer: answering mid-upload would surface as a
    // broken pipe on the client instead of the status we mean.
    const body = await readBody(req);
    if (closed) return null;
    if (fault === 'fail5xx') {
      if (isPackage) store.logDelivery(key, 'failed-5xx', 503);
      return { status: 503, body: { error: 'service unavailable (injected)' } };
    }
    if (!authorized(req)) {
      if (isPackage) store.logDelivery(key, 'unauthorized', 401);
      return { status: 401, body: { error: 'missing or wrong bearer token' } };
    }
    const raw = await decodeJson(req, body).catch((e: unknown) => {
      if (isPackage && e instanceof HttpError) store.logDelivery(key, 'rejected', e.status, e.message);
      throw e;
    });
    if (fault === 'refuse' && isPackage) {
      store.logDelivery(key, 'refused-injected', 422);
      return { status: 422, body: { error: 'package refused (injected): the portal cannot accept it' }, outcome: 'refused-injected' };
    }
    const run = () =>
      isPackage ? receivePackage(req, raw, fault === 'failMidApply') : isLines ? lessonLines(url, raw) : digests(url, raw);
    let reply = run();
    // A receipt for something else: another package id or other bytes, by turns.
    if (fault === 'wrongReceipt' && isPackage && reply.status === 200) {
      const r = reply.body as { packageId: string; payloadSha256: string };
      const n = faults.get().fired.wrongReceipt;
      reply = {
        ...reply,
        body: n % 2 === 1 ? { ...r, packageId: flipLast(r.packageId) } : { ...r, payloadSha256: flipLast(r.payloadSha256) },
      };
    }
    // A duplicate delivery: the same bytes processed again; the client sees the second answer.
    if (fault === 'duplicate') reply = run();
    if (fault === 'dropResponse') {
      if (isPackage) store.logDelivery(key, 'dropped-response', null);
      res.socket?.destroy();
      return null;
    }
    // A slow server whose work did happen: the answer comes late (maybe after the client gave up).
    if (fault === 'delay') await sleep(delayMs);
    return closed || res.destroyed ? null : reply;
  }

  const server = createServer((req, res) => {
    handle(req, res)
      .then((reply) => {
        if (reply) send(res, reply);
        if (opts.log)
          console.log(
            `portal: ${req.method} ${req.url} ${reply?.status ?? (res.headersSent ? res.statusCode : 'dropped')} ${reply?.outcome ?? ''}`.trimEnd(),
          );
      })
      .catch((e: unknown) => {
        if (res.headersSent || res.destroyed) return;
        if (e instanceof HttpError) send(res, { status: e.status, body: e.body });
        else send(res, { status: 500, body: { error: (e as Error).message } });
      });
  });
  // Idle keep-alive sockets are closed by the client, never by us: a server closing one just as
  // the client reuses it resets the request (ECONNRESET), a fault nobody asked for. Likely in
  // tests, where client and server share one event loop that a long computation can block.
  server.keepAliveTimeout = 10 * 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => {
      store.close(); // e.g. the port is taken: do not keep the database open behind a failed start
      reject(e);
    });
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    store,
    setFaults: (f) => faults.set(f),
    getFaults: () => faults.get(),
    async close() {
      if (closed) return;
      closed = true;
      for (const wake of [...sleepers]) wake();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}

/** The same string with its last (hex) character changed: still well-formed, no longer the same. */
const flipLast = (s: string) => s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : null;
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (reply.outcome) headers['X-Portal-Outcome'] = reply.outcome;
  res.writeHead(reply.status, headers);
  res.end(JSON.stringify(reply.body));
}
