// What the «Печать» form of a journal asks main for: the current term, the whole year, or dates
// the user typed (checked here only so the form can say what is wrong before the call).
export type PrintPeriod = { kind: 'term'; termId: number } | { kind: 'year' } | { kind: 'dates'; from: string; to: string };

export type PrintInput =
  | { ok: true; input: { groupId: number; subjectId: number; size: 'A4' | 'A3'; termId?: number; from?: string; to?: string } }
  | { ok: false; error: 'dates.missing' | 'dates.order' };

export function printInput(groupId: number, subjectId: number, period: PrintPeriod, size: 'A4' | 'A3'): PrintInput {
  const base = { groupId, subjectId, size };
  switch (period.kind) {
    case 'term':
      return { ok: true, input: { ...base, termId: period.termId } };
    case 'year':
      return { ok: true, input: base };
    case 'dates':
      if (!period.from || !period.to) return { ok: false, error: 'dates.missing' };
      if (period.from > period.to) return { ok: false, error: 'dates.order' };
      return { ok: true, input: { ...base, from: period.from, to: period.to } };
  }
}

/** The progress bar's share, 0..100, of a print job (0 while its size is not known yet). */
export const progressPercent = (done: number, total: number) => (total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0);
