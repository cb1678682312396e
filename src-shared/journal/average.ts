// Weighted average and the suggested term mark, with the school's rounding threshold.
// Only digit marks count; зачёт/незачёт/освобождён do not enter the average.

export interface WeightedMark {
  value: string;
  weight: number;
}

export function weightedAverage(marks: readonly WeightedMark[]): number | null {
  let sum = 0;
  let weights = 0;
  for (const m of marks) {
    const n = Number(m.value);
    if (!Number.isInteger(n) || n < 1 || n > 5) continue;
    sum += n * m.weight;
    weights += m.weight;
  }
  return weights > 0 ? sum / weights : null;
}

/**
 * Rounds an average to a mark: the fraction must reach the threshold to round up
 * (threshold 0.5 is ordinary rounding; many schools use 0.6, so 4.55 stays 4).
 */
export function roundMark(average: number, threshold: number): number {
  const base = Math.floor(average);
  // 1e-9 absorbs float noise: 4.6 must count as reaching 0.6.
  const up = average - base >= threshold - 1e-9 ? 1 : 0;
  return Math.min(5, Math.max(1, base + up));
}

/** The term mark the grid suggests; null when there is nothing to base it on. */
export function suggestTermMark(marks: readonly WeightedMark[], threshold: number): string | null {
  const avg = weightedAverage(marks);
  if (avg !== null) return String(roundMark(avg, threshold));
  if (marks.some((m) => m.value === 'осв')) return 'осв';
  if (marks.some((m) => m.value === 'зач' || m.value === 'незач'))
    return marks.filter((m) => m.value === 'зач').length >= marks.filter((m) => m.value === 'незач').length ? 'зач' : 'незач';
  return null;
}

export function formatAverage(avg: number | null): string {
  return avg === null ? '' : avg.toFixed(2).replace('.', ',');
}

/** How the school suggests year marks (SchoolSettings.yearMarkRule). */
export type YearMarkRule = 'termMean' | 'weightedYear';

const DIGIT = /^[1-5]$/;

/**
 * The year mark suggested from the study periods' marks (rule 'termMean'): the mean of the
 * digit marks rounded by the school's threshold. Periods marked «н/а» or «осв» do not enter
 * the mean (the pupil was not assessed there); with no digit mark left the year takes «осв»
 * when any period was «осв», else «н/а» when any was «н/а», else зач/незач by majority, else
 * nothing (no period marked yet). A missing period mark is simply not counted: the grid shows
 * the periods beside the suggestion, so the teacher sees what is still open.
 */
export function suggestYearFromTerms(termValues: readonly string[], threshold: number): string | null {
  const digits = termValues.filter((v) => DIGIT.test(v)).map(Number);
  if (digits.length) return String(roundMark(digits.reduce((a, b) => a + b, 0) / digits.length, threshold));
  if (termValues.includes('осв')) return 'осв';
  if (termValues.includes('н/а')) return 'н/а';
  const pass = termValues.filter((v) => v === 'зач').length;
  const fail = termValues.filter((v) => v === 'незач').length;
  if (pass + fail) return pass >= fail ? 'зач' : 'незач';
  return null;
}

/**
 * The final («итоговая») mark of grades 9 and 11 from the year mark and the exam mark: the mean
 * of the two rounded half up (4 and 5 → 5, 3 and 4 → 4). An exam «2» (or «1») is a failed exam: the
 * final mark is «2» whatever the year mark (a retake replaces the exam mark and the suggestion
 * follows). No exam in the subject: the final mark is the year mark. No year mark: nothing.
 * A non-digit year mark («осв», «н/а», зач/незач) is carried over as the final mark.
 */
export function suggestFinalMark(year: string | null, exam: string | null): string | null {
  if (year === null) return null;
  if (exam === '2' || exam === '1') return '2';
  if (!DIGIT.test(year)) return year;
  if (exam === null || !DIGIT.test(exam)) return year;
  return String(roundMark((Number(year) + Number(exam)) / 2, 0.5));
}
