// The numbers of «Итоги успеваемости» (pure). A result is a pupil's mark in one journal for the
// period ('1'..'5', 'н/а', 'зач', 'незач', 'осв'; null: none). Definitions (printed in the report):
// - assessed: a digit mark or «н/а» (зачёт/освобождение are not graded and do not enter the shares);
// - quality %: assessed with 4 or 5, of the assessed; success %: assessed with 3, 4 or 5 (no 2, 1
//   or «н/а»), of the assessed; average: the mean of the digit marks; the «2» column counts 1 too.
// Over several journals (a class, a teacher) the counts are sums over pupil × journal, while the
// shares of a class or the school are per pupil: quality when every assessed result is 4 or 5,
// success when none is 2, 1 or «н/а».

export interface Stats {
  pupils: number;
  assessed: number;
  c5: number;
  c4: number;
  c3: number;
  c2: number;
  na: number;
  /** Percentages 0..100 (null: nobody assessed). */
  quality: number | null;
  success: number | null;
  average: number | null;
}

interface Counts {
  c5: number;
  c4: number;
  c3: number;
  c2: number;
  na: number;
  sum: number;
  digits: number;
}

const emptyCounts = (): Counts => ({ c5: 0, c4: 0, c3: 0, c2: 0, na: 0, sum: 0, digits: 0 });

function count(c: Counts, v: string | null): void {
  if (v === '5') c.c5++;
  else if (v === '4') c.c4++;
  else if (v === '3') c.c3++;
  else if (v === '2' || v === '1') c.c2++;
  else if (v === 'н/а') c.na++;
  if (v !== null && /^[1-5]$/.test(v)) {
    c.sum += Number(v);
    c.digits++;
  }
}

const isAssessed = (v: string | null) => v !== null && (/^[1-5]$/.test(v) || v === 'н/а');
const pct = (n: number, d: number) => (d === 0 ? null : (100 * n) / d);

/** One journal's (or a sum of journals') results, each pupil × journal counted on its own. */
export function journalStats(values: readonly (string | null)[]): Stats {
  const c = emptyCounts();
  for (const v of values) count(c, v);
  const assessed = c.c5 + c.c4 + c.c3 + c.c2 + c.na;
  return {
    pupils: values.length,
    assessed,
    c5: c.c5,
    c4: c.c4,
    c3: c.c3,
    c2: c.c2,
    na: c.na,
    quality: pct(c.c5 + c.c4, assessed),
    success: pct(c.c5 + c.c4 + c.c3, assessed),
    average: c.digits === 0 ? null : c.sum / c.digits,
  };
}

/** A class or the school: counts over every result, shares per pupil (all their journals together). */
export function pupilStats(byPupil: ReadonlyMap<number, readonly (string | null)[]>): Stats {
  const c = emptyCounts();
  let assessed = 0;
  let good = 0;
  let passed = 0;
  for (const values of byPupil.values()) {
    for (const v of values) count(c, v);
    const a = values.filter(isAssessed);
    if (a.length === 0) continue;
    assessed++;
    if (a.every((v) => v === '4' || v === '5')) good++;
    if (a.every((v) => v === '3' || v === '4' || v === '5')) passed++;
  }
  return {
    pupils: byPupil.size,
    assessed,
    c5: c.c5,
    c4: c.c4,
    c3: c.c3,
    c2: c.c2,
    na: c.na,
    quality: pct(good, assessed),
    success: pct(passed, assessed),
    average: c.digits === 0 ? null : c.sum / c.digits,
  };
}

/** The table's numeric cells in the column order of STATS_COLUMNS. */
export const statsCells = (s: Stats) => [s.pupils, s.assessed, s.c5, s.c4, s.c3, s.c2, s.na, s.quality, s.success, s.average];
