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
