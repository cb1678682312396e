// Where each column of a printed journal goes: the held lessons in order, a term's mark column
// right after the term's last lesson (the year, exam and final ones at the end), and pages of at
// most 25 columns, as in the paper class journal. Pure: tested on hand-written lines.
import type { TermKind } from '../../../src-shared/domain';

export const COLUMNS_PER_PAGE = 25;

export type SpreadColumn = { kind: 'lesson'; lesson: number; date: string } | { kind: 'term'; termId: number; title: string; long: string };

interface TermLike {
  id: number;
  kind: TermKind;
  number: number;
  endsOn: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const FINAL_ORDER: Partial<Record<TermKind, number>> = { year: 1, exam: 2, final: 3 };

/** The mark column's header: «I четв.», «II пол.», «III трим.», «Год», «Экз.», «Итог.». */
export function termTitle(t: { kind: TermKind; number: number }): string {
  const n = ROMAN[t.number - 1] ?? String(t.number);
  switch (t.kind) {
    case 'quarter':
      return `${n} четв.`;
    case 'half':
      return `${n} пол.`;
    case 'trimester':
      return `${n} трим.`;
    case 'year':
      return 'Год';
    case 'exam':
      return 'Экз.';
    case 'final':
      return 'Итог.';
  }
}

/**
 * The columns of a journal printed over from..to: every lesson, and the mark column of each term
 * that ends within the dates, after the term's last lesson; the year's, exam's and final mark's
 * columns close the year.
 */
export function spreadColumns(lessons: readonly { date: string }[], terms: readonly TermLike[], from: string, to: string): SpreadColumn[] {
  const periods = terms
    .filter((t) => !FINAL_ORDER[t.kind] && t.endsOn >= from && t.endsOn <= to)
    .sort((a, b) => (a.endsOn < b.endsOn ? -1 : 1));
  const closing = terms
    .filter((t) => FINAL_ORDER[t.kind] && t.endsOn >= from && t.endsOn <= to)
    .sort((a, b) => FINAL_ORDER[a.kind]! - FINAL_ORDER[b.kind]!);
  const out: SpreadColumn[] = [];
  let p = 0;
  lessons.forEach((l, i) => {
    // A term whose last day is before this lesson is over: its column comes first.
    while (p < periods.length && periods[p]!.endsOn < l.date) out.push(termColumn(periods[p++]!));
    out.push({ kind: 'lesson', lesson: i, date: l.date });
  });
  while (p < periods.length) out.push(termColumn(periods[p++]!));
  for (const t of closing) out.push(termColumn(t));
  return out;
}

const termColumn = (t: TermLike): SpreadColumn => ({ kind: 'term', termId: t.id, title: termTitle(t), long: termLongTitle(t) });

const KIND_LONG: Record<TermKind, string> = {
  quarter: 'четверть',
  half: 'полугодие',
  trimester: 'триместр',
  year: '',
  exam: '',
  final: '',
};

/** The line on the right page beside a mark column: «Отметки за II четверть», «Отметки за год». */
export function termLongTitle(t: { kind: TermKind; number: number }): string {
  if (t.kind === 'year') return 'Отметки за год';
  if (t.kind === 'exam') return 'Экзаменационные отметки';
  if (t.kind === 'final') return 'Итоговые отметки';
  return `Отметки за ${ROMAN[t.number - 1] ?? t.number} ${KIND_LONG[t.kind]}`;
}

/** Columns cut into pages of at most `per` (the last page may be shorter; no columns, no pages). */
export function pages<T>(columns: readonly T[], per = COLUMNS_PER_PAGE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < columns.length; i += per) out.push(columns.slice(i, i + per));
  return out;
}

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

/** The month header over a page's columns: runs of consecutive columns of one month (term columns get none). */
export function monthRuns(columns: readonly SpreadColumn[]): { start: number; count: number; title: string }[] {
  const out: { start: number; count: number; title: string }[] = [];
  columns.forEach((c, i) => {
    const title = c.kind === 'lesson' ? MONTHS[Number(c.date.slice(5, 7)) - 1]! : '';
    const last = out.at(-1);
    if (last && last.title === title && last.start + last.count === i) last.count++;
    else out.push({ start: i, count: 1, title });
  });
  return out;
}
