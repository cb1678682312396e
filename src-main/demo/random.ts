// Seeded PRNG for the demo generator. Math.random would make every demo database different,
// and the tests (and bug reports against "the demo school") need the same data for the same seed.

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
}

/** mulberry32: tiny, fast, good enough for synthetic data (not for anything secret). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [lo, hi], both inclusive. */
export function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Fisher–Yates in place; returns the same array for chaining. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
  return items;
}

/** Roughly normal with mean 0 and standard deviation ~sd (sum of three uniforms: cheap, bounded). */
export function bell(rng: Rng, sd: number): number {
  return (rng() + rng() + rng() - 1.5) * 2 * sd;
}

/** Derives an independent stream, so adding draws in one part does not reshuffle another. */
export function fork(rng: Rng): Rng {
  return mulberry32(Math.floor(rng() * 4294967296));
}
