// Building blocks of the RPC fuzz suite: hostile values, near-valid mutations of a valid
// input, and a cheap fingerprint of the database to prove that a refused call wrote nothing.
import fc from 'fast-check';
import type { App } from '../../src-main/app';

/**
 * Per table: highest rowid, and the row count except for the two tables that grow with every
 * call (audit_event is append-only, session rows only ever end), where counting would cost more
 * than the call under test. Updates go through mutate(), which appends an audit row, so they show too.
 */
export function fingerprinter(app: App): () => string {
  const { sqlite } = app.services;
  const tables = (
    sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const parts = tables.map((t) =>
    ['audit_event', 'session'].includes(t)
      ? `(SELECT ifnull(max(rowid), 0) FROM "${t}")`
      : `(SELECT count(*) || ':' || ifnull(max(rowid), 0) FROM "${t}")`,
  );
  const stmt = sqlite.prepare(`SELECT ${parts.join(" || ',' || ")} || ',' || (SELECT settings FROM school) AS fp`).pluck();
  return () => stmt.get() as string;
}

const deep = (n: number): unknown => {
  let v: unknown = 'дно';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** Values that have broken parsers and handlers elsewhere: kept as constants so every run meets them. */
export const NASTY: unknown[] = [
  null,
  undefined,
  0,
  -0,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  2 ** 53,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  Number.MIN_VALUE,
  '',
  ' ',
  '\u0000',
  '\ud800',
  'NaN',
  '1e3',
  '0x10',
  '١٢',
  'ж'.repeat(100_000),
  "'; DROP TABLE mark; --",
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  true,
  false,
  [],
  {},
  [null],
  { __proto__: null },
  JSON.parse('{"__proto__": {"polluted": 1}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": 1}}}'),
  deep(2_000),
  10n,
  new Date(0),
  new Map([['a', 1]]),
  new Uint8Array(4),
];

const keyArb = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'id', 'date'));

/** Anything at all: arbitrary JSON and JS values, nasty constants, objects with hostile keys. */
export const anyInput: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
  }),
  fc.dictionary(keyArb, fc.constantFrom(...NASTY), { maxKeys: 4 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

/** Impossible or edge dates and times: the first group must be refused wherever a date is expected. */
export const BAD_DATES = [
  '2026-09-31',
  '2026-11-31',
  '2026-13-45',
  '2027-02-30',
  '2026-13-01',
  '2026-02-29',
  '0000-00-00',
  '2026-1-5',
  '26.11.2026',
  '2026-11-26T00:00:00Z',
  '9999-12-31',
  '1899-12-31',
];
const EDGE_DATES = [
  '2026-09-01',
  '2026-08-31',
  '2027-05-31',
  '2027-06-01',
  '2024-02-29',
  '1900-01-01',
  '2199-12-31',
  '2026-11-30',
  '2026-10-25',
];
const BAD_TIMES = ['24:00', '23:60', '7:00', '07:5', '99:99', '00:00', '23:59', '12:30'];

/** Replacement values for one field, chosen by the kind of its valid value. */
function nearValue(valid: unknown, ids: readonly number[]): fc.Arbitrary<unknown> {
  if (typeof valid === 'number')
    return fc.oneof(fc.constantFrom(...ids), fc.constantFrom(0, -1, 0.5, 1.5, 1e9, 2 ** 53, NaN, Infinity), fc.integer(), fc.double());
  if (typeof valid === 'string') {
    const looksDate = /^\d{4}-\d{2}-\d{2}$/.test(valid);
    const looksTime = /^\d{2}:\d{2}$/.test(valid);
    const looksMonth = /^\d{4}-\d{2}$/.test(valid);
    return fc.oneof(
      fc.constantFrom('', ' ', '   \t', 'ж'.repeat(5_000), '\u0000', valid.toUpperCase(), ` ${valid} `),
      fc.constantFrom(...BAD_DATES, ...EDGE_DATES),
      looksTime ? fc.constantFrom(...BAD_TIMES) : fc.constantFrom('2026-00', '2026-13', '2026-11', '1899-12', '2026-02'),
      looksDate || looksMonth ? fc.constantFrom(...EDGE_DATES) : fc.string({ maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.integer().map(String),
    );
  }
  if (typeof valid === 'boolean') return fc.constantFrom(true, false, null, 0, 'true');
  if (Array.isArray(valid))
    return fc.oneof(
      fc.constant([]),
      fc.constant(Array.from({ length: 5_000 }, () => valid[0])),
      fc.constant([...valid, ...valid]),
      fc.array(fc.constantFrom(...NASTY), { maxLength: 3 }),
    );
  return fc.oneof(fc.constant({}), fc.constantFrom(...NASTY));
}

type Path = (string | number)[];

/** Every leaf and inner node of a plain JSON sample, by path. */
function paths(v: unknown, prefix: Path = []): Path[] {
  // Bounded: a mutated sample may already hold a 2,000-deep value or a 5,000-item array.
  if (v === null || typeof v !== 'object' || prefix.length >= 4 || (Array.isArray(v) && v.length > 8)) return [prefix];
  if (Object.getPrototypeOf(v) !== Object.prototype && !Array.isArray(v)) return [prefix];
  const own = Object.entries(v as Record<string, unknown>).flatMap(([k, x]) => paths(x, [...prefix, Array.isArray(v) ? Number(k) : k]));
  return prefix.length ? [prefix, ...own] : own;
}

function getAt(v: unknown, p: Path): unknown {
  return p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
}

function setAt(v: unknown, p: Path, value: unknown, remove: boolean): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  const parent = getAt(copy, p.slice(0, -1)) as Record<string | number, unknown>;
  const key = p[p.length - 1]!;
  if (remove) delete parent[key];
  else parent[key] = value;
  return copy;
}

/**
 * A valid sample with one or two fields changed (out of range, someone else's id, an
 * impossible date, blank, huge), removed, or an extra key added; sometimes the sample itself.
 */
export function nearValid(sample: unknown, ids: readonly number[]): fc.Arbitrary<unknown> {
  const all = paths(sample);
  const one = (base: fc.Arbitrary<unknown>) =>
    base.chain((s) => {
      const ps = paths(s);
      if (!ps.length) return fc.constant(s);
      return fc
        .constantFrom(...ps)
        .chain((p) =>
          fc.oneof(
            { weight: 8, arbitrary: nearValue(getAt(s, p), ids).map((x) => setAt(s, p, x, false)) },
            { weight: 1, arbitrary: fc.constant(setAt(s, p, undefined, true)) },
          ),
        );
    });
  if (!all.length)
    return fc.oneof(
      fc.constant(sample),
      fc.constantFrom(...NASTY).map((x) => ({ extra: x })),
    );
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(sample) },
    { weight: 6, arbitrary: one(fc.constant(sample)) },
    { weight: 2, arbitrary: one(one(fc.constant(sample))) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY).map((x) => ({ ...(sample as object), __extra: x })) },
  );
}
