// Choosing a journal (class or group × subject, from journal.list) and a term.
import { memo, useEffect, useMemo, useState } from 'react';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { useI18n, type Translate } from '../i18n';
import { invoke } from '../rpc/client';
import { FILTER_FROM, filterJournals, NO_FILTER, type JournalFilter } from './journal-filter';
import { JournalFilters } from './JournalFilters';
import { ddmm, type Term } from './model';
import { journalHref } from './route';
import { SettleSelect, type SelectOption } from './SettleSelect';
import '../styles/journal.css';

export type JournalList = MethodOutput<'journal.list'>['journals'];
type Listing = MethodOutput<'journal.list'>;

/** journal.list per year (undefined: the open one), fetched once per window: it changes with the load. */
const cached = new Map<string, Promise<Listing>>();
function listing(yearId: number | undefined): Promise<Listing> {
  const key = String(yearId ?? 'open');
  let p = cached.get(key);
  if (!p) {
    p = invoke('journal.list', yearId === undefined ? {} : { yearId });
    cached.set(key, p);
    p.catch(() => cached.delete(key)); // try again next time (a locked session, a transient error)
  }
  return p;
}

export function useJournalListing(yearId?: number): Listing | null {
  const [list, setList] = useState<Listing | null>(null);
  useEffect(() => {
    let live = true;
    listing(yearId).then(
      (l) => live && setList(l),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [yearId]);
  return list;
}

export function useJournalList(): JournalList | null {
  return useJournalListing()?.journals ?? null;
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

/** "II чет.", "I пол.", "Год" (Q2, H1, Year in English) — the term-mark column's header. */
export function termShort(term: Term, t: Translate, lang: string): string {
  if (term.kind === 'year') return t('journal.term.yearShort');
  if (term.kind === 'exam' || term.kind === 'final') return t(`calendar.term.${term.kind}`);
  const n = lang === 'ru' ? (ROMAN[term.number] ?? String(term.number)) : String(term.number);
  if (term.kind === 'trimester') return t('calendar.term.trimesterShort', { n });
  return t(term.kind === 'half' ? 'journal.term.halfShort' : 'journal.term.quarterShort', { n });
}

export function termLong(term: Term, t: Translate): string {
  const name =
    term.kind === 'year'
      ? t('journal.term.year')
      : term.kind === 'exam' || term.kind === 'final'
        ? t(`calendar.term.${term.kind}`)
        : term.kind === 'trimester'
          ? t('calendar.term.trimester', { n: term.number })
          : t(term.kind === 'half' ? 'journal.term.half' : 'journal.term.quarter', { n: term.number });
  return `${name} (${ddmm(term.startsOn)}–${ddmm(term.endsOn)})${term.closed ? ` — ${t('journal.term.closed')}` : ''}`;
}

export function journalOptions(list: JournalList, t: Translate): SelectOption[] {
  return list.map((j) => ({
    value: `${j.groupId}/${j.subjectId}`,
    label: `${j.groupName} · ${j.subjectName}`,
    group: t(`journal.picker.${j.access}`),
  }));
}

const go = (href: string) => {
  window.location.hash = href;
};

/**
 * The journal screen's pickers: they open what is chosen once the choice settles. Memoized:
 * a deputy's list holds every journal of the school (hundreds of options), and the screen
 * re-renders on every arrow key.
 */
export const JournalPickers = memo(function JournalPickers({
  list,
  groupId,
  subjectId,
  term,
  terms,
}: {
  list: JournalList | null;
  groupId: number;
  subjectId: number;
  term: Term;
  terms: Term[];
}) {
  const { t } = useI18n();
  const current = `${groupId}/${subjectId}`;
  // A reader's list (every journal of the school) gets the start page's filters; the open
  // journal stays in the list whatever they leave.
  const [filter, setFilter] = useState<JournalFilter>(NO_FILTER);
  const filtering = !!list && list.length >= FILTER_FROM;
  const options = useMemo(() => {
    const shown = list ? journalOptions(filtering ? filterJournals(list, filter) : list, t) : [];
    if (shown.some((o) => o.value === current)) return shown;
    const own = list ? journalOptions(list, t).find((o) => o.value === current) : undefined;
    return [own ?? { value: current, label: '…' }, ...shown];
  }, [list, t, current, filtering, filter]);
  return (
    <div className="jpickers">
      {filtering && list && <JournalFilters list={list} value={filter} onChange={setFilter} testPrefix="journal-filter" />}
      <label className="jpick">
        <span>{t('journal.picker.journal')}</span>
        <SettleSelect
          value={current}
          options={options}
          onCommit={(v) => {
            const [g, s] = v.split('/').map(Number) as [number, number];
            go(journalHref({ groupId: g, subjectId: s }));
          }}
          testId="journal-picker"
        />
      </label>
      <label className="jpick">
        <span>{t('journal.picker.term')}</span>
        <SettleSelect
          value={String(term.id)}
          options={terms.map((x) => ({ value: String(x.id), label: termLong(x, t) }))}
          onCommit={(v) => go(journalHref({ groupId, subjectId, termId: Number(v) }))}
          testId="term-picker"
        />
      </label>
    </div>
  );
});

/**
 * The start page's "open any journal": a select and a button (nothing opens by itself). A
 * reader's long list (every journal of the school) gets class, teacher and subject filters.
 */
export function OpenJournal() {
  const { t } = useI18n();
  const [yearId, setYearId] = useState<number | undefined>(undefined);
  const listing = useJournalListing(yearId);
  const list = listing?.journals;
  const [choice, setChoice] = useState('');
  const [filter, setFilter] = useState<JournalFilter>(NO_FILTER);
  // With archived years the year choice shows even when this year's list is empty.
  if (!listing || !list || (list.length === 0 && listing.years.length < 2)) return null;
  const filtering = list.length >= FILTER_FROM;
  const options = journalOptions(filtering ? filterJournals(list, filter) : list, t);
  // A choice the filters hid is no choice: the first journal left is.
  const value = options.some((o) => o.value === choice) ? choice : (options[0]?.value ?? '');
  return (
    <form
      className="open-journal"
      onSubmit={(e) => {
        e.preventDefault();
        const [g, s] = value.split('/').map(Number) as [number, number];
        go(journalHref({ groupId: g, subjectId: s }));
      }}
      data-testid="open-journal"
    >
      {listing.years.length > 1 && (
        // An archived year's journals open read-only (issue 11).
        <select
          aria-label={t('rollover.journalYear')}
          value={listing.yearId ?? ''}
          onChange={(e) => {
            setYearId(Number(e.target.value));
            setChoice('');
            setFilter(NO_FILTER);
          }}
          data-testid="open-journal-year"
        >
          {listing.years.map((y) => (
            <option key={y.id} value={y.id}>
              {y.archived ? t('rollover.archivedYear', { label: y.label }) : y.label}
            </option>
          ))}
        </select>
      )}
      <label htmlFor="open-journal-select">{t('journal.picker.openAny')}</label>
      {filtering && <JournalFilters list={list} value={filter} onChange={setFilter} />}
      <select
        id="open-journal-select"
        value={value}
        onChange={(e) => setChoice(e.target.value)}
        data-testid="open-journal-select"
        data-count={options.length}
      >
        {[...new Set(options.map((o) => o.group))].map((g) => (
          <optgroup key={g} label={g}>
            {options
              .filter((o) => o.group === g)
              .map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <button type="submit" className="btn small" disabled={!value}>
        {t('journal.picker.open')}
      </button>
    </form>
  );
}
