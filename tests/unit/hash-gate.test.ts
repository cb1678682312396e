// Password hashing is bounded (ISSUE 10: 60 logins at 8:00): at most K scrypt runs at once, the
// rest in arrival order. The real scrypt is wrapped to count what is in flight, so the count
// comes from outside the gate.
import { afterEach, describe, expect, it, vi } from 'vitest';

const inFlight = { now: 0, peak: 0, order: [] as number[] };
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = (...args: unknown[]) => {
    const cb = args[args.length - 1] as (e: Error | null, k: Buffer) => void;
    inFlight.now++;
    inFlight.peak = Math.max(inFlight.peak, inFlight.now);
    (real.scrypt as (...a: unknown[]) => void)(...args.slice(0, -1), (e: Error | null, k: Buffer) => {
      inFlight.now--;
      cb(e, k);
    });
  };
  return { ...real, scrypt, default: { ...real, scrypt } };
});

const { Gate, hashGate, hashPassword, verifyPassword } = await import('../../src-main/services/auth/password');

afterEach(() => {
  inFlight.now = 0;
  inFlight.peak = 0;
  hashGate.setLimit(2);
});

describe('bounded password hashing', () => {
  it('runs at most K = 2 scrypt hashes at a time by default, however many logins arrive', async () => {
    const small = { ln: 12, r: 8, p: 1 }; // 4 MB each: the bound, not the cost, is under test
    const hashes = await Promise.all(Array.from({ length: 8 }, (_, i) => hashPassword(`pw-${i}`, small)));
    expect(inFlight.peak).toBe(2);
    expect(await verifyPassword('pw-3', hashes[3]!)).toBe(true);
  });

  it('follows a changed limit', async () => {
    hashGate.setLimit(3);
    const small = { ln: 12, r: 8, p: 1 };
    await Promise.all(Array.from({ length: 9 }, (_, i) => hashPassword(`pw-${i}`, small)));
    expect(inFlight.peak).toBe(3);
  });

  it('starts queued tasks in arrival order (FIFO) and survives a failing task', async () => {
    const gate = new Gate(1);
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const tasks = [0, 1, 2, 3].map((i) =>
      gate.run(
        () =>
          new Promise<number>((resolve, reject) => {
            started.push(i);
            releases.push(() => (i === 1 ? reject(new Error('boom')) : resolve(i)));
          }),
      ),
    );
    const settled = Promise.allSettled(tasks);
    for (let n = 1; n <= 4; n++) {
      await vi.waitFor(() => expect(started).toHaveLength(n));
      releases[n - 1]!();
    }
    const results = await settled;
    expect(started).toEqual([0, 1, 2, 3]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(gate.peak).toBe(1);
    expect(gate.queued).toBe(0);
  });
});
