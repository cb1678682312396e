// The start page's journal picker for readers (issue 12): a deputy's or director's list holds
// every journal of the school (306 in the demo), so it narrows by class, teacher and subject.
// Pure (tests/unit/journal-filter.test.ts); JournalFilters renders it. Each filter offers only
// the values the other two leave, so no choice leads to an empty list.
import type { MethodOutput } from '../../src-shared/rpc/registry';

type Item = MethodOutput<'journal.list'>['journals'][number];

export interface JournalFilter {
  className: string;
  teacherName: string;
  subjectName: string;
}
export const NO_FILTER: JournalFilter = { className: '', teacherName: '', subjectName: '' };

/** Below this many journals the plain list is short enough: no filters. */
export const FILTER_FROM = 15;

/** The value an item has for a filter field ('' for a journal without a teacher). */
const valueOf = (j: Item, f: keyof JournalFilter): string => j[f] ?? '';

function matches(j: Item, f: JournalFilter, skip?: keyof JournalFilter): boolean {
  return (Object.keys(f) as (keyof JournalFilter)[]).every((k) => k === skip || !f[k] || valueOf(j, k) === f[k]);
}

export function filterJournals<T extends Item>(list: readonly T[], f: JournalFilter): T[] {
  return list.filter((j) => matches(j, f));
}

const ru = new Intl.Collator('ru', { numeric: true });

/**
 * The choices of each filter given the other two: classes in the list's own order (grade,
 * letter), teachers and subjects alphabetically; journals without a teacher offer no name.
 */
export function filterChoices(list: readonly Item[], f: JournalFilter): Record<keyof JournalFilter, string[]> {
  const of = (k: keyof JournalFilter, sort: boolean) => {
    const seen = [...new Set(list.filter((j) => matches(j, f, k)).map((j) => valueOf(j, k)))].filter(Boolean);
    // Keep the chosen value on offer even if nothing else has it, so the select shows it.
    if (f[k] && !seen.includes(f[k])) seen.push(f[k]);
    return sort ? seen.sort(ru.compare) : seen;
  };
  return { className: of('className', false), teacherName: of('teacherName', true), subjectName: of('subjectName', true) };
}
