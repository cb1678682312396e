// The school network host (DESIGN.md §10): the same request handler as the loopback host,
// over TLS on the address the administrator chose, behind three gates that run before any RPC,
// event stream or static file: the app version (426), pairing (POST /pair), the device token.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isIPv6 } from 'node:net';
import { networkInterfaces } from 'node:os';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { createRequestHandler, onClientError, send, STATUS, type RequestGuards } from '../../hosts/http/server';
import type { Router } from '../../rpc/router';
import type { Services } from '../../services/context';
import type { HostCert } from './cert';
import { checkDevice, pairDevice } from './devices';
import { versionRefusal } from './version';

export interface NetworkHostOptions {
  router: Router;
  services: Services;
  cert: HostCert;
  /** An address of this PC; 0.0.0.0 / :: only when the administrator chose it. */
  address: string;
  port: number;
  staticDir: string | null;
  /** The host's version (package.json); clients must send the same. */
  version: string;
  log?: (message: string, error: unknown) => void;
}

export interface NetworkHost {
  server: Server;
  url: string;
  port: number;
  /** Ends the open connections of a revoked device (its event streams would otherwise run on). */
  dropDevice(deviceId: number): void;
  close(): Promise<void>;
}

export const VERSION_HEADER = 'x-zhurnal-version';
export const DEVICE_HEADER = 'x-zhurnal-device';

const PairInput = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'шесть цифр'),
  name: z.string().trim().min(1).max(100),
  version: z.string().max(40),
});

/** "[::1]:8443" for IPv6, "192.168.1.10:8443" otherwise: how a URL and a Host header write it. */
export function hostPort(address: string, port: number): string {
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function peerAddress(req: IncomingMessage): string {
  const a = req.socket.remoteAddress ?? '';
  return a.startsWith('::ffff:') ? a.slice(7) : a;
}

/** The addresses this host may be reached by: the one chosen, or every interface's when bound to all. */
function ownAddresses(address: string): string[] {
  if (address !== '0.0.0.0' && address !== '::') return [address];
  return Object.values(networkInterfaces())
    .flat()
    .map((i) => i?.address)
    .filter((a): a is string => !!a);
}

/**
 * The DNS rebinding guard of the loopback host, for the network host: only its own address
 * (with the port) as Host, and no foreign Origin. The device token is the real gate; this keeps
 * a page on another site from even reaching it through a name that resolves to us.
 */
function networkGuards(address: string, port: () => number): RequestGuards {
  return {
    hostAllowed(req) {
      const host = (req.headers.host ?? '').toLowerCase();
      return ownAddresses(address).some((a) => host === hostPort(a, port()).toLowerCase());
    },
    originAllowed(req) {
      const origin = req.headers.origin;
      return !origin || origin === `https://${req.headers.host ?? ''}`;
    },
  };
}

/** /pair is open to any unpaired PC on the network: its body is a few bytes, never megabytes. */
function readSmall(req: IncomingMessage, limit = 4096): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function refuse(res: ServerResponse, e: AppError): void {
  send(res, STATUS[e.code], { ok: false, error: e.toBody() });
}

async function handlePair(opts: NetworkHostOptions, fingerprint: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'POST') return refuse(res, new AppError('validation', 'Подключение: POST /pair'));
  let raw: unknown;
  try {
    raw = JSON.parse(await readSmall(req));
  } catch {
    return refuse(res, new AppError('validation', 'Тело запроса не является JSON'));
  }
  const input = PairInput.safeParse(raw);
  if (!input.success) return refuse(res, new AppError('validation', 'Код подключения — шесть цифр; нужно и имя компьютера'));
  try {
    const paired = pairDevice(opts.services, { ...input.data, address: peerAddress(req) });
    send(res, 200, { ok: true, value: { ...paired, fingerprint } });
  } catch (e) {
    if (e instanceof AppError) return refuse(res, e);
    throw e;
  }
}

export function startNetworkHost(opts: NetworkHostOptions): Promise<NetworkHost> {
  const log = opts.log ?? ((m: string, e: unknown) => console.error(m, e));
  const sockets = new Map<number, Set<Socket>>();
  const inner = createRequestHandler(
    opts,
    networkGuards(opts.address, () => (server.address() as AddressInfo).port),
  );

  function track(deviceId: number, socket: Socket): void {
    let set = sockets.get(deviceId);
    if (!set) sockets.set(deviceId, (set = new Set()));
    if (set.has(socket)) return;
    set.add(socket);
    socket.once('close', () => set.delete(socket));
  }

  function gate(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const version = req.headers[VERSION_HEADER];
    const refusal = versionRefusal(typeof version === 'string' ? version : undefined, opts.version);
    if (refusal) return refuse(res, new AppError('version_mismatch', refusal));
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/pair') {
      handlePair(opts, opts.cert.fingerprint, req, res).catch((e: unknown) => {
        log('network pairing failed', e);
        if (!res.headersSent) refuse(res, new AppError('internal', 'Внутренняя ошибка программы'));
        else res.destroy();
      });
      return;
    }
    const token = req.headers[DEVICE_HEADER];
    const address = peerAddress(req);
    const device = checkDevice(opts.services, typeof token === 'string' ? token : null, address, opts.version);
    if (!device.ok)
      return refuse(
        res,
        new AppError(
          'unauthenticated',
          device.revoked
            ? 'Этот компьютер отключён администратором от сервера школы. Чтобы подключить его снова, попросите администратора создать код подключения.'
            : 'Этот компьютер не подключён к серверу школы. Попросите администратора создать код подключения и введите его.',
        ),
      );
    track(device.deviceId, req.socket);
    inner(req, res, { deviceId: device.deviceId, address });
  }

  const server = createServer({ key: opts.cert.key, cert: opts.cert.cert, minVersion: 'TLSv1.2' }, (req, res) => {
    try {
      gate(req, res);
    } catch (e) {
      // The last resort: this request fails, the process and every other request go on.
      log('network request failed', e);
      if (!res.headersSent) refuse(res, new AppError('internal', 'Внутренняя ошибка программы'));
      else res.destroy();
    }
  });
  onClientError(server, log);
  // Clients keep connections alive between calls; Node's 5 s default would close one just as
  // a client sends on it, and an edit without an idempotency key cannot be safely resent.
  server.keepAliveTimeout = 75_000;
  server.headersTimeout = 76_000;
  // A failed handshake (a scanner, plain HTTP on the TLS port, a client that refuses our
  // certificate) is one socket's business: logged briefly, never thrown.
  server.on('tlsClientError', (e: NodeJS.ErrnoException, socket) => {
    if (e.code !== 'ECONNRESET') log('network TLS handshake failed', e.code ?? e.message);
    socket.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.address, () => {
      server.off('error', reject);
      server.on('error', (e) => log('network host error', e));
      const port = (server.address() as AddressInfo).port;
      resolve({
        server,
        port,
        url: `https://${hostPort(opts.address, port)}/`,
        dropDevice(deviceId) {
          for (const s of sockets.get(deviceId) ?? []) s.destroy();
          sockets.delete(deviceId);
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Keep-alive connections and event streams would hold close() open forever.
            server.closeAllConnections();
          }),
      });
    });
  });
}
