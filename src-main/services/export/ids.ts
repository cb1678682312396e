// Identifiers that leave the machine: pseudonyms for people, UUIDv7 for packages.
import { createHmac, randomBytes } from 'node:crypto';

/**
 * A stable pseudonym: HMAC-SHA256 of the internal person id with the school's secret, which is
 * generated once and never exported. The portal can follow a person across packages without
 * learning who they are; without the secret the id cannot be recovered.
 */
export function pseudonymizer(secret: string): (personId: number) => string {
  const key = Buffer.from(secret, 'hex');
  const cache = new Map<number, string>();
  return (personId) => {
    let p = cache.get(personId);
    if (p === undefined) cache.set(personId, (p = createHmac('sha256', key).update(`person:${personId}`).digest('hex')));
    return p;
  };
}

/** RFC 9562 UUIDv7: 48-bit Unix milliseconds, then random bits; sorts by creation time. */
export function uuidv7(now: Date = new Date()): string {
  const b = randomBytes(16);
  const ms = BigInt(now.getTime());
  for (let i = 0; i < 6; i++) b[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
