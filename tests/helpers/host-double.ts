// A minimal stand-in for the school network host's wire protocol (NETWORK.md "Wire protocol"),
// over real HTTPS on 127.0.0.1 with a real self-signed certificate and a real router behind
// it: enough for the client's tests to run before and independently of the real host.
// Also: a FORGED host (another certificate on the same port) that records whether any byte
// of a request ever reached it.
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import { generate } from 'selfsigned';
import type { Router } from '../../src-main/rpc/router';
import { APP_VERSION } from '../../src-main/version';

export interface CertPair {
  key: string;
  cert: string;
  fingerprint: string;
}

/** A new ECDSA P-256 self-signed certificate and its grouped SHA-256 fingerprint, computed independently of the client code. */
export async function makeCert(): Promise<CertPair> {
  const pems = await generate([{ name: 'commonName', value: 'test host' }], { keyType: 'ec', curve: 'P-256', algorithm: 'sha256' });
  const hex = createHash('sha256').update(new X509Certificate(pems.cert).raw).digest('hex').toUpperCase();
  return { key: pems.private, cert: pems.cert, fingerprint: hex.match(/.{4}/g)!.join(' ') };
}

export interface HostDouble {
  url: string;
  port: number;
  cert: CertPair;
  code: string;
  /** Requests that reached the handler, by path. */
  requests: { path: string; headers: Record<string, string | string[] | undefined> }[];
  publish(event: unknown): void;
  /** TCP connections accepted so far (each one a TLS handshake). */
  connections(): number;
  /** Open event streams right now. */
  streams(): number;
  /** Drops every open connection (event streams included), as a host restart would. */
  dropConnections(): void;
  close(): Promise<void>;
}

export async function startHostDouble(
  router: Router,
  opts: { port?: number; cert?: CertPair; version?: string } = {},
): Promise<HostDouble> {
  const cert = opts.cert ?? (await makeCert());
  const code = String(100000 + Math.floor(Math.random() * 900000));
  const devices = new Map<string, number>();
  const requests: HostDouble['requests'] = [];
  const streams = new Set<import('node:http').ServerResponse>();
  const sockets = new Set<Socket>();
  const json = (res: import('node:http').ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));

  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    requests.push({ path: req.url ?? '', headers: req.headers });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'https://x');
      const version = opts.version ?? APP_VERSION;
      if (req.headers['x-zhurnal-version'] !== version)
        return json(res, 426, {
          ok: false,
          error: {
            code: 'version_mismatch',
            message: `Версия сервера ${version}, версия этого компьютера ${String(req.headers['x-zhurnal-version'])}`,
          },
        });
      if (url.pathname === '/pair') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code: string };
        if (body.code !== code) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'Неверный код подключения' } });
        const token = randomBytes(16).toString('hex');
        devices.set(token, devices.size + 1);
        return json(res, 200, { ok: true, value: { deviceId: devices.size, deviceToken: token, fingerprint: cert.fingerprint } });
      }
      const device = devices.get(String(req.headers['x-zhurnal-device']));
      if (device === undefined)
        return json(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Этот компьютер не подключён к серверу школы' } });
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
      if (url.pathname === '/events') {
        if (!token) return json(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Войдите в журнал' } });
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
        res.write(': ping\n\n');
        streams.add(res);
        res.on('close', () => streams.delete(res));
        return;
      }
      if (url.pathname === '/rpc') return json(res, 200, { ok: true, value: router.describe() });
      if (url.pathname.startsWith('/rpc/')) {
        const method = decodeURIComponent(url.pathname.slice(5));
        const raw = Buffer.concat(chunks).toString('utf8');
        const key = req.headers['idempotency-key'];
        void router
          .call(method, raw ? JSON.parse(raw) : {}, token, {
            deviceId: device,
            ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
          })
          .then((env) => json(res, env.ok ? 200 : env.error.code === 'unauthenticated' ? 401 : 400, env));
        return;
      }
      json(res, 404, { ok: false, error: { code: 'not_found', message: 'нет' } });
    });
  });
  // As the real hosts: an idle connection outlives the client's own 30 s idle limit, so the
  // client closes first and never sends on a socket the server is closing.
  server.keepAliveTimeout = 75_000;
  let connections = 0;
  server.on('connection', (s: Socket) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  const dropConnections = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    cert,
    code,
    requests,
    publish(event) {
      for (const r of streams) r.write(`data: ${JSON.stringify(event)}\n\n`);
    },
    streams: () => streams.size,
    connections: () => connections,
    dropConnections,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        dropConnections();
      }),
  };
}

/** A TLS server with another certificate: counts connections (`handshakes`: TCP accepted, certificate shown) and the application bytes anyone sent it. */
export async function startForgedHost(
  port: number,
): Promise<{ cert: CertPair; port: number; handshakes(): number; open(): number; bytes(): number; close(): Promise<void> }> {
  const cert = await makeCert();
  let handshakes = 0;
  let bytes = 0;
  const sockets = new Set<tls.TLSSocket>();
  const tcp = new Set<Socket>();
  // Application bytes arrive only on a finished handshake; a client that writes its request
  // without checking the certificate finishes the handshake and sends the request with it.
  const server = tls.createServer({ key: cert.key, cert: cert.cert }, (s) => {
    sockets.add(s);
    s.on('data', (d: Buffer) => (bytes += d.length));
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  server.on('connection', (s: Socket) => {
    handshakes++;
    tcp.add(s);
    s.on('close', () => tcp.delete(s));
  });
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    cert,
    port: (server.address() as AddressInfo).port,
    handshakes: () => handshakes,
    open: () => tcp.size,
    bytes: () => bytes,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
