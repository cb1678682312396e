// The school network as real processes (issue 10, NETWORK.md): a host (`serve --host`) and
// paired clients (`serve --connect`), each its own Node process started the way an
// administrator starts them, killed with SIGKILL or stopped, and restarted on the same files.
// Also a pinned HTTPS requester of our own for the wire protocol (pairing, device checks,
// bench traffic), so the checks do not depend on the client code they test.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import type { Envelope } from '../../src-shared/errors';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** What every request to the network host carries (X-Zhurnal-Version). */
export const APP_VERSION = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
/** Thursday 26 November 2026, 10:00 in Moscow, as in the e2e suite: "today" has lessons. */
export const NETWORK_NOW = '2026-11-26T07:00:00Z';
export const DEMO_PASSWORD = 'demo';

const START_TIMEOUT_MS = 60_000;
const LOOPBACK_LINE = /^zhurnal: (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m;
const HOST_LINE = /^zhurnal host: (https:\/\/[^\s]+\/) sha256 ((?:[0-9A-F]{4} ){15}[0-9A-F]{4})\s*$/m;

/** A free TCP port on `address` now (bound and released: the host needs the same port across restarts). */
export function freePort(address = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, address, () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns something other than undefined/false, or fails after the deadline. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (let delay = 20; ; delay = Math.min(delay * 2, 250)) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
      last = null;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

export interface Proc {
  child: ChildProcess;
  pid: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** SIGKILL: no cleanup at all, as a switched-off PC. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (clean close), SIGKILL after 5 s. */
  stop(): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface SpawnOpts {
  args: string[];
  now?: string;
  env?: Record<string, string>;
  /** Print the process's output to the test log as it comes (debugging). */
  echo?: string;
}

function spawnServe(o: SpawnOpts): Proc {
  // node --import tsx runs serve.ts in this one process (no wrappers between us and the server),
  // and its own process group lets kill() end all of it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/serve.ts', ...o.args], {
    cwd: repoRoot,
    env: { ...process.env, ZHURNAL_NOW: o.now ?? NETWORK_NOW, NODE_ENV: 'test', ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const onData = (c: Buffer) => {
    out += c.toString();
    if (o.echo) process.stderr.write(`[${o.echo}] ${c.toString()}`);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  // If the runner dies without its teardown, the servers go too.
  const onExit = () => signal(child, 'SIGKILL');
  process.once('exit', onExit);
  void exited.then(() => process.off('exit', onExit));
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    pid: child.pid!,
    output: () => out,
    exited,
    async kill() {
      if (!gone()) signal(child, 'SIGKILL');
      await exited;
    },
    async stop() {
      if (!gone()) {
        signal(child, 'SIGTERM');
        const timer = setTimeout(() => signal(child, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      // already gone
    }
  }
}

/** Waits until the output matches all patterns; fails when the process exits first. */
async function ready(p: Proc, patterns: RegExp[], what: string): Promise<RegExpExecArray[]> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const state: { exit: { code: number | null; signal: NodeJS.Signals | null } | null } = { exit: null };
  void p.exited.then((e) => (state.exit = e));
  for (;;) {
    const found = patterns.map((re) => re.exec(p.output()));
    if (found.every((m) => m)) return found as RegExpExecArray[];
    const exit = state.exit;
    if (exit) throw new Error(`${what} exited (${exit.signal ?? exit.code}) before it was ready\n--- output ---\n${p.output()}`);
    if (Date.now() > deadline) {
      await p.kill();
      throw new Error(`${what} did not print its ready line in ${START_TIMEOUT_MS / 1000} s\n--- output ---\n${p.output()}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface HostProc extends Proc {
  /** The host's own loopback interface (the administrator's UI and RPC): http://127.0.0.1:N/ */
  loopback: string;
  /** The network host as printed: https://ADDRESS:PORT/ */
  url: string;
  /** The printed fingerprint, grouped (AB12 CD34 …). */
  fingerprint: string;
}

export interface HostOpts {
  dbFile: string;
  /** ADDRESS:PORT of the network host; the same across restarts so the clients find it again. */
  listen: string;
  now?: string;
  stateDir?: string;
  env?: Record<string, string>;
  echo?: string;
}

export async function startHost(o: HostOpts): Promise<HostProc> {
  const args = ['--db', o.dbFile, '--port', '0', '--host', o.listen, ...(o.stateDir ? ['--state', o.stateDir] : [])];
  const p = spawnServe({ args, ...(o.now ? { now: o.now } : {}), ...(o.env ? { env: o.env } : {}), ...(o.echo ? { echo: o.echo } : {}) });
  const [lo, host] = await ready(p, [LOOPBACK_LINE, HOST_LINE], 'host');
  return { ...p, loopback: lo![1]!, url: host![1]!, fingerprint: host![2]! };
}

export interface ClientProc extends Proc {
  /** The client's loopback interface: http://127.0.0.1:N/ */
  url: string;
  stateDir: string;
}

export interface ClientOpts {
  stateDir: string;
  hostUrl: string;
  pair?: string;
  name?: string;
  now?: string;
  echo?: string;
}

function clientArgs(o: ClientOpts): string[] {
  return [
    '--connect',
    o.hostUrl.replace(/\/$/, ''),
    '--state',
    o.stateDir,
    '--port',
    '0',
    ...(o.pair ? ['--pair', o.pair] : []),
    ...(o.name ? ['--name', o.name] : []),
  ];
}

export async function startClient(o: ClientOpts): Promise<ClientProc> {
  const p = spawnServe({ args: clientArgs(o), ...(o.now ? { now: o.now } : {}), ...(o.echo ? { echo: o.echo } : {}) });
  const [lo] = await ready(p, [LOOPBACK_LINE], 'client');
  return { ...p, url: lo![1]!, stateDir: o.stateDir };
}

/** A client start that must fail (a wrong pairing code): its exit code and output. */
export async function clientFails(o: ClientOpts): Promise<{ code: number | null; output: string }> {
  const p = spawnServe({ args: clientArgs(o), ...(o.now ? { now: o.now } : {}) });
  const timer = setTimeout(() => void p.kill(), START_TIMEOUT_MS);
  const { code } = await p.exited;
  clearTimeout(timer);
  return { code, output: p.output() };
}

// ---- RPC over the loopback interfaces (plain HTTP, as the renderer calls them) ----

export interface Answer<T = unknown> {
  status: number;
  body: Envelope<T>;
}

export async function rpc<T = unknown>(base: string, method: string, input: unknown, token?: string | null): Promise<Answer<T>> {
  const res = await fetch(`${base}rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

export async function rpcOk<T = unknown>(base: string, method: string, input: unknown, token?: string | null): Promise<T> {
  const a = await rpc<T>(base, method, input, token);
  if (!a.body.ok) throw new Error(`${method} via ${base}: ${a.status} ${a.body.error.code} ${a.body.error.message}`);
  return a.body.value;
}

export async function login(base: string, who: string, password = DEMO_PASSWORD): Promise<string> {
  return (await rpcOk<{ token: string }>(base, 'auth.login', { login: who, password })).token;
}

/** A one-time pairing code made by the administrator on the host's loopback. */
export async function pairingCode(
  host: { loopback: string },
  adminToken: string,
): Promise<{ code: string; expiresAt: string; fingerprint: string }> {
  return rpcOk(host.loopback, 'network.createPairingCode', {}, adminToken);
}

/**
 * Clients started side by side, each paired on its command line (--pair). A new code voids the
 * open one, so each code is made only once the client before has paired (its client.json).
 */
export async function startPairedClients(
  host: HostProc,
  adminToken: string,
  opts: Omit<ClientOpts, 'pair' | 'hostUrl'>[],
): Promise<ClientProc[]> {
  const starting: Promise<ClientProc>[] = [];
  for (const o of opts) {
    const { code } = await pairingCode(host, adminToken);
    const p = startClient({ ...o, hostUrl: host.url, pair: code });
    starting.push(p);
    // A start that fails before pairing ends the wait too (its error comes from the promise).
    let failed = false;
    p.catch(() => (failed = true));
    await waitFor(`client ${o.stateDir} paired`, () => failed || existsSync(join(o.stateDir, 'client.json')), START_TIMEOUT_MS);
  }
  return Promise.all(starting);
}

/** client.json of a client's state folder (NETWORK.md). */
export interface ClientState {
  hostUrl: string;
  fingerprint: string;
  deviceId: number;
  deviceToken: string;
  deviceName: string;
}
export function clientState(stateDir: string): ClientState {
  return JSON.parse(readFileSync(join(stateDir, 'client.json'), 'utf8')) as ClientState;
}

// ---- Server-sent events (/events), read with fetch streaming as the renderer does ----

export interface EventStream {
  status: number;
  events: unknown[];
  /** Resolves with the first event (already received or future) that `match` accepts. */
  next<T>(what: string, match: (e: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

export async function openEvents(base: string, ref: { groupId: number; subjectId: number }, token: string): Promise<EventStream> {
  const ac = new AbortController();
  const res = await fetch(`${base}events?groupId=${ref.groupId}&subjectId=${ref.subjectId}`, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' },
    signal: ac.signal,
  });
  const events: unknown[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let buf = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buf += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, end);
            buf = buf.slice(end + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart())
              .join('\n');
            if (data) events.push(JSON.parse(data));
          }
        }
      } catch {
        // aborted by close(), or the peer went away
      }
    })();
  } else await res.body?.cancel();
  return {
    status: res.status,
    events,
    next: (what, match, timeoutMs = 5_000) => waitFor(what, () => events.find((e) => match(e as never)) as never, timeoutMs),
    close: () => ac.abort(),
  };
}

// ---- The network host's wire protocol, with our own pinning ----

/** SHA-256 of a certificate's DER in the grouped form the host prints (AB12 CD34 …). */
export function groupedFingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/.{4}/g)!.join(' ');
}

/**
 * An HTTPS agent that talks only to the certificate with `fingerprint` (grouped form): the
 * check runs on 'secureConnect', before Node flushes the request it buffered during the
 * handshake, so a forged host never sees one. Each agent keeps its own TLS connection.
 */
export class PinnedAgent extends HttpsAgent {
  constructor(
    readonly fingerprint: string,
    opts: { keepAlive?: boolean; maxSockets?: number; localAddress?: string } = {},
  ) {
    super({
      keepAlive: opts.keepAlive ?? true,
      maxSockets: opts.maxSockets ?? 1,
      rejectUnauthorized: false,
      ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
    });
  }
  override createConnection(options: ConnectionOptions): TLSSocket {
    const s = tlsConnect({ ...options, rejectUnauthorized: false });
    s.once('secureConnect', () => {
      const presented = groupedFingerprint(s.getPeerCertificate().raw);
      if (presented !== this.fingerprint) s.destroy(new Error(`fingerprint mismatch: pinned ${this.fingerprint}, presented ${presented}`));
    });
    return s;
  }
}

export interface WireOpts {
  agent: PinnedAgent;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  /** The device token (X-Zhurnal-Device). */
  device?: string;
  token?: string;
  idempotencyKey?: string;
  version?: string | null;
}

/** One request to the network host; resolves with the status and the JSON body. */
export function wire<T = unknown>(hostUrl: string, path: string, o: WireOpts): Promise<Answer<T>> {
  const u = new URL(path.replace(/^\//, ''), hostUrl);
  const body = o.body === undefined ? undefined : JSON.stringify(o.body);
  const headers: Record<string, string> = {
    ...(o.version === null ? {} : { 'X-Zhurnal-Version': o.version ?? APP_VERSION }),
    ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...(o.device ? { 'X-Zhurnal-Device': o.device } : {}),
    ...(o.token ? { Authorization: `Bearer ${o.token}` } : {}),
    ...(o.idempotencyKey ? { 'Idempotency-Key': o.idempotencyKey } : {}),
    ...o.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: u.hostname, port: u.port, path: u.pathname + u.search, method: o.method ?? (body ? 'POST' : 'GET'), headers, agent: o.agent },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Envelope<T> });
          } catch {
            reject(new Error(`${path}: ${res.statusCode} answered non-JSON: ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Pairs a device over the wire (POST /pair) as a client does. */
export function pairDevice(hostUrl: string, agent: PinnedAgent, code: string, name: string) {
  return wire<{ deviceId: number; deviceToken: string; fingerprint: string }>(hostUrl, '/pair', {
    agent,
    body: { code, name, version: APP_VERSION },
  });
}

/** A plain HTTP request to a loopback interface that does not parse the answer (liveness). */
export function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
