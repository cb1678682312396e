// Password hashes as PHC strings: $scrypt$ln=17,r=8,p=1$<salt>$<hash> (OWASP: N=2^17, r=8, p=1).
// Parameters travel in the string, so old hashes keep verifying if the defaults change.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const DEFAULT = { ln: 17, r: 8, p: 1 };
const KEY_LEN = 32;

/**
 * At most `limit` tasks at a time; the rest wait in arrival order (FIFO). Each scrypt hash
 * holds 128·N·r bytes (128 MB at ln=17) while it runs, and on the school host sixty teachers
 * log in at 8:00: unbounded, that is gigabytes at once, and every login gets slower together.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most that ever ran at once (tests, bench). */
  peak = 0;
  constructor(private limit: number) {}

  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    this.wake();
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      this.active--;
      this.wake();
    }
  }

  /** Hands free places to the oldest waiters; the place is taken here, so no newcomer can jump the queue. */
  private wake(): void {
    while (this.active < this.limit && this.waiting.length) {
      this.active++;
      this.waiting.shift()!();
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}

/** K hashes at a time: ZHURNAL_HASH_CONCURRENCY, default 2 (256 MB at the OWASP parameters). */
export const hashGate = new Gate(Number(process.env.ZHURNAL_HASH_CONCURRENCY) || 2);

function scryptAsync(password: string, salt: Buffer, ln: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** ln;
  return hashGate.run(
    () =>
      new Promise((resolve, reject) =>
        // maxmem must exceed 128*N*r bytes, or Node refuses OWASP-sized parameters.
        scrypt(password.normalize('NFC'), salt, KEY_LEN, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, params = DEFAULT): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, params.ln, params.r, params.p);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(key)}`;
}

const PHC = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const m = PHC.exec(phc);
  if (!m) return false;
  const [, ln, r, p, salt, hash] = m as unknown as [string, string, string, string, string, string];
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), Number(ln), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash that never verifies, to spend the same time on unknown logins (no user enumeration). */
export const DUMMY_HASH = '$scrypt$ln=17,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
