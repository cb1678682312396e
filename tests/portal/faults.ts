// Fault injection for the portal test double: counted switches ("the next N requests") and a
// seeded random mode, so the exporter's retry logic can be tested deterministically.
// One fault per request at most. Counters are consumed in the order of FAULT_ORDER (the first
// non-zero one takes the request); only when no counter fires does the random mode draw.
import { z } from 'zod';
import { mulberry32 } from '../../src-main/demo/random';

export const FAULT_ORDER = [
  'dropRequest',
  'fail5xx',
  'refuse',
  'failMidApply',
  'dropResponse',
  'wrongReceipt',
  'delay',
  'duplicate',
] as const;
export type Fault = (typeof FAULT_ORDER)[number];

const Count = z.number().int().nonnegative();
const P = z.number().min(0).max(1);
export const RandomFaults = z.strictObject({
  seed: z.number().int(),
  pDrop: P.default(0),
  pDropResponse: P.default(0),
  p5xx: P.default(0),
  pDelay: P.default(0),
  pDuplicate: P.default(0),
  pRefuse: P.default(0),
  pWrongReceipt: P.default(0),
  delayMs: Count.default(0),
});
export type RandomFaults = z.infer<typeof RandomFaults>;

/** What POST /__faults and setFaults accept: any subset; `reset` clears everything first. */
export const FaultsInput = z.strictObject({
  reset: z.boolean().optional(),
  /** Close the socket before reading the request: nothing is applied, the client sees a network error. */
  dropRequest: Count.optional(),
  /** Apply and commit, then destroy the socket without an answer. */
  dropResponse: Count.optional(),
  /** Answer 503 without applying. */
  fail5xx: Count.optional(),
  /** Throw inside the apply transaction after the upserts (a crash stand-in): 500, nothing applied. */
  failMidApply: Count.optional(),
  /** Apply, then wait delayMs before answering, for the next delayCount requests. */
  delayMs: Count.optional(),
  delayCount: Count.optional(),
  /** Refuse the package with 422 and a reason, without applying it (a final refusal). */
  refuse: Count.optional(),
  /**
   * Apply (or answer a duplicate) as usual, then answer with a receipt that does not match:
   * another packageId and another payloadSha256 by turns. The client must not count it.
   */
  wrongReceipt: Count.optional(),
  /** Process the same body twice (a duplicate delivery); the client gets the second answer. */
  duplicate: Count.optional(),
  random: RandomFaults.nullable().optional(),
  /** Which requests faults hit: 'packages' (POST /api/packages, the default) or 'api' (every /api/ request). */
  scope: z.enum(['packages', 'api']).optional(),
});
export type FaultsInput = z.input<typeof FaultsInput>;

export interface FaultsState {
  dropRequest: number;
  dropResponse: number;
  fail5xx: number;
  failMidApply: number;
  delayMs: number;
  delayCount: number;
  duplicate: number;
  refuse: number;
  wrongReceipt: number;
  random: RandomFaults | null;
  scope: 'packages' | 'api';
  /** Requests the random mode has drawn for since it was set. */
  randomDraws: number;
  /** How many times each fault actually fired (since start or the last reset). */
  fired: Record<Fault, number>;
}

const zero = (): FaultsState => ({
  dropRequest: 0,
  dropResponse: 0,
  fail5xx: 0,
  failMidApply: 0,
  delayMs: 0,
  delayCount: 0,
  duplicate: 0,
  refuse: 0,
  wrongReceipt: 0,
  random: null,
  scope: 'packages',
  randomDraws: 0,
  fired: { dropRequest: 0, fail5xx: 0, refuse: 0, failMidApply: 0, dropResponse: 0, wrongReceipt: 0, delay: 0, duplicate: 0 },
});

export class Faults {
  private s = zero();
  private rng: (() => number) | null = null;

  get(): FaultsState {
    return structuredClone(this.s);
  }

  set(input: FaultsInput): void {
    const f = FaultsInput.parse(input);
    if (f.reset) {
      this.s = zero();
      this.rng = null;
    }
    const { reset: _r, random, ...counts } = f;
    for (const [k, v] of Object.entries(counts)) if (v !== undefined) (this.s as unknown as Record<string, unknown>)[k] = v;
    if (random !== undefined) {
      this.s.random = random;
      this.s.randomDraws = 0;
      this.rng = random ? mulberry32(random.seed) : null;
    }
  }

  /** The fault (if any) this request gets, with its delay. Consumes a counter or a random draw. */
  next(isPackage: boolean): { fault: Fault | null; delayMs: number } {
    if (!isPackage && this.s.scope === 'packages') return { fault: null, delayMs: 0 };
    const s = this.s;
    const counter: Record<Fault, keyof FaultsState> = {
      dropRequest: 'dropRequest',
      fail5xx: 'fail5xx',
      failMidApply: 'failMidApply',
      dropResponse: 'dropResponse',
      delay: 'delayCount',
      duplicate: 'duplicate',
      refuse: 'refuse',
      wrongReceipt: 'wrongReceipt',
    };
    for (const f of FAULT_ORDER) {
      const k = counter[f] as 'dropRequest';
      if (s[k] > 0) {
        s[k]--;
        s.fired[f]++;
        return { fault: f, delayMs: f === 'delay' ? s.delayMs : 0 };
      }
    }
    if (s.random && this.rng) {
      const r = this.rng();
      s.randomDraws++;
      const { pDrop, pDropResponse, p5xx, pDelay, pDuplicate, pRefuse, pWrongReceipt } = s.random;
      const table: [Fault, number][] = [
        ['dropRequest', pDrop],
        ['dropResponse', pDropResponse],
        ['fail5xx', p5xx],
        ['delay', pDelay],
        ['duplicate', pDuplicate],
        ['refuse', pRefuse],
        ['wrongReceipt', pWrongReceipt],
      ];
      let edge = 0;
      for (const [f, p] of table) {
        edge += p;
        if (r < edge) {
          s.fired[f]++;
          return { fault: f, delayMs: f === 'delay' ? s.random.delayMs : 0 };
        }
      }
    }
    return { fault: null, delayMs: 0 };
  }
}
