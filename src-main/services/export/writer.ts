// The one place that writes a package body: gzip of {"payload":{...},"header":{...}}, where the
// header's payloadSha256 covers the exact bytes of "payload" as sent. The payload comes first
// so a big one can be streamed section by section and row by row; the header, which carries
// that hash and the row counts, follows it (JSON readers do not care about key order).
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { PACKAGE_SCHEMA_VERSION, type PackageHeader, type PackagePayload } from '../../../src-shared/export/package';
import { uuidv7 } from './ids';

/** Everything in a header but what is computed from the payload. */
export type HeaderFields = Omit<PackageHeader, 'counts' | 'payloadSha256'>;
export type Section = keyof PackagePayload;

export interface PackageFile {
  header: PackageHeader;
  body: Buffer;
}

// Level 4: on our JSON 6 % larger than zlib's default level 6, and the gzip thread keeps pace
// with the build (at level 6 the build ends up waiting for it).
const GZIP_LEVEL = 4;
/** Payload bytes are handed to the hash and to gzip in pieces of this size. */
const PIECE = 1 << 18;
/** Characters gathered before they are encoded (at most 3 UTF-8 bytes each). */
const TEXT = 1 << 15;
// encodeInto writes UTF-8 straight into a buffer: several times faster than Buffer.from or
// hashing a (Cyrillic, so two-byte) JS string, which would otherwise dominate the build.
const utf8 = new TextEncoder();

/** The header of a package built now. */
export function headerFields(
  now: Date,
  schoolCode: string,
  kind: 'full' | 'incremental',
  feed: { from: number; to: number },
  year: string,
  auditHead: { seq: number; hash: string },
): HeaderFields {
  return {
    schemaVersion: PACKAGE_SCHEMA_VERSION,
    packageId: uuidv7(now),
    schoolCode,
    kind,
    feedFrom: feed.from,
    feedTo: feed.to,
    year,
    createdAt: now.toISOString(),
    auditHead,
  };
}

const headerOf = (fields: HeaderFields, counts: Record<string, number>, sha: string): PackageHeader => ({
  ...fields,
  counts,
  payloadSha256: sha,
});

/** A small package (an incremental one) from a payload already in memory. */
export function writePackage(fields: HeaderFields, payload: PackagePayload): PackageFile {
  const payloadJson = JSON.stringify(payload);
  const counts = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, (v as unknown[]).length]));
  const header = headerOf(fields, counts, createHash('sha256').update(payloadJson).digest('hex'));
  return { header, body: gzipSync(`{"payload":${payloadJson},"header":${JSON.stringify(header)}}`, { level: GZIP_LEVEL }) };
}

/**
 * gzip on a thread of its own. A zlib stream on the main thread would advance only when the
 * build yields, and the build would wait on it; a worker compresses while the build reads.
 * Plain JS evaluated as the worker's source, so it needs no file of its own in any bundle.
 * Protocol, one package after another: {head, level} starts one; pieces in (transferred) →
 * one ack each; {tail} ends it → the whole gzip body out.
 */
const GZIP_WORKER = `
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
let gzip = null;
parentPort.on('message', (m) => {
  if (m.head !== undefined) {
    const out = [];
    gzip = zlib.createGzip({ level: m.level });
    gzip.on('data', (c) => out.push(c));
    gzip.on('end', () => {
      // Into memory of its own, handed over whole: no concat-then-slice copies of a big body.
      const body = Buffer.allocUnsafeSlow(out.reduce((n, c) => n + c.length, 0));
      let at = 0;
      for (const c of out) at += c.copy(body, at);
      out.length = 0;
      parentPort.postMessage({ body: body.buffer }, [body.buffer]);
    });
    gzip.write(m.head);
  } else if (m.tail !== undefined) gzip.end(m.tail);
  else gzip.write(Buffer.from(m.piece, 0, m.length), () => parentPort.postMessage({ ack: 1 }));
});
`;

// One gzip thread is kept between packages (starting one costs tens of milliseconds, which
// the many small builds of a busy day or of the tests would pay each time); unref'd while idle,
// so it never keeps the process alive.
let idle: Worker | null = null;

function takeWorker(): Worker {
  const w = idle ?? new Worker(GZIP_WORKER, { eval: true });
  idle = null;
  w.ref();
  return w;
}

function giveBack(w: Worker): void {
  if (idle) void w.terminate();
  else {
    w.unref();
    idle = w;
    w.once('exit', () => idle === w && (idle = null));
  }
}

/** Pieces handed to the gzip thread and not yet compressed, at most. */
const IN_FLIGHT = 8;

/**
 * A big package written as it is read: sections must come in payload order, each row as its
 * JSON text. The payload is UTF-8-encoded into fixed pieces, hashed here and compressed on the
 * gzip thread; memory stays bounded by IN_FLIGHT pieces as long as the caller awaits drain().
 */
export class PackageStream {
  private readonly sha = createHash('sha256');
  private readonly worker = takeWorker();
  private readonly counts: Record<string, number> = {};
  private readonly body: Promise<Buffer>;
  private failed: Error | null = null;
  private inFlight = 0;
  private wake: (() => void) | null = null;
  // allocUnsafeSlow: never a slice of Node's shared pool, so its memory can be transferred.
  private piece = Buffer.allocUnsafeSlow(PIECE);
  private used = 0;
  private text = '';
  private current: Section | null = null;

  private readonly detach: () => void;

  constructor() {
    let resolve!: (body: Buffer) => void;
    let reject!: (e: Error) => void;
    this.body = new Promise<Buffer>((res, rej) => ((resolve = res), (reject = rej)));
    const onMessage = (m: { ack?: number; body?: ArrayBuffer }) => {
      if (m.body) resolve(Buffer.from(m.body));
      else if (m.ack) {
        this.inFlight--;
        this.wake?.();
      }
    };
    const onError = (e: Error) => {
      this.failed = e;
      reject(e);
      this.wake?.();
    };
    const onExit = (code: number) => onError(new Error(`the gzip thread stopped (${code})`));
    this.worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    this.detach = () => void this.worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    // Not awaited until finish(): keep an early failure from surfacing as an unhandled rejection.
    this.body.catch(() => undefined);
    this.worker.postMessage({ head: '{"payload":', level: GZIP_LEVEL });
    this.push('{');
  }

  begin(section: Section): void {
    if (this.current !== null) throw new Error(`section ${this.current} is still open`);
    this.push(`${Object.keys(this.counts).length ? ',' : ''}"${section}":[`);
    this.counts[section] = 0;
    this.current = section;
  }

  /** One row of the open section, as its JSON text (JSON.stringify of the row object). */
  row(json: string): void {
    this.push(this.counts[this.current!]!++ ? `,${json}` : json);
  }

  end(): void {
    this.push(']');
    this.current = null;
  }

  /** A whole small section. */
  rows(section: Section, rows: readonly unknown[]): void {
    this.begin(section);
    for (const r of rows) this.row(JSON.stringify(r));
    this.end();
  }

  /** Resolves once the gzip thread has caught up, so the pieces waiting in memory stay few. */
  async drain(): Promise<void> {
    while (this.inFlight >= IN_FLIGHT && !this.failed) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    if (this.failed) throw this.failed;
  }

  async finish(fields: HeaderFields): Promise<PackageFile> {
    this.push('}');
    this.encode();
    this.flush();
    const header = headerOf(fields, { ...this.counts }, this.sha.digest('hex'));
    this.worker.postMessage({ tail: `,"header":${JSON.stringify(header)}}` });
    const body = await this.body;
    this.detach();
    giveBack(this.worker);
    return { header, body };
  }

  /** Stops without a package: nothing of it was stored anywhere. The thread goes with it. */
  abort(): void {
    this.detach();
    void this.worker.terminate();
  }

  private push(text: string): void {
    this.text += text;
    if (this.text.length >= TEXT) this.encode();
  }

  /** The gathered text into the current piece, in one encodeInto (a new piece when it may not fit). */
  private encode(): void {
    const text = this.text;
    this.text = '';
    const most = text.length * 3;
    if (most > PIECE - this.used) this.flush();
    if (most <= PIECE) this.used += utf8.encodeInto(text, this.piece.subarray(this.used)).written;
    else {
      const big = Buffer.allocUnsafeSlow(Buffer.byteLength(text, 'utf8'));
      big.write(text, 'utf8');
      this.send(big);
    }
  }

  private flush(): void {
    if (this.used === 0) return;
    this.send(this.piece.subarray(0, this.used));
    this.piece = Buffer.allocUnsafeSlow(PIECE);
    this.used = 0;
  }

  /** Hashes the payload bytes, then hands the piece over: it is transferred, not copied. */
  private send(bytes: Buffer): void {
    this.sha.update(bytes);
    const piece = bytes.buffer as ArrayBuffer; // the whole allocation, starting at bytes[0]
    this.inFlight++;
    this.worker.postMessage({ piece, length: bytes.length }, [piece]);
  }
}
