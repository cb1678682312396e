// Term names and the closed text in the interface language (i18n keys of the closing area).
import type { TermKind } from '../../../src-shared/domain';
import type { Translate } from '../../i18n';

export function termLabel(t: Translate, term: { kind: TermKind; number: number }): string {
  switch (term.kind) {
    case 'quarter':
      return t('closing.term.quarter', { n: term.number });
    case 'half':
      return t('closing.term.half', { n: term.number });
    case 'trimester':
      return t('closing.term.trimester', { n: term.number });
    case 'year':
      return t('closing.term.year');
    case 'exam':
      return t('closing.term.exam');
    case 'final':
      return t('closing.term.final');
  }
}

/** «1 четверть закрыта». */
export function closedLabel(t: Translate, term: { kind: TermKind; number: number }): string {
  switch (term.kind) {
    case 'quarter':
      return t('closing.closed.quarter', { n: term.number });
    case 'half':
      return t('closing.closed.half', { n: term.number });
    case 'trimester':
      return t('closing.closed.trimester', { n: term.number });
    case 'year':
      return t('closing.closed.year');
    case 'exam':
      return t('closing.closed.exam');
    case 'final':
      return t('closing.closed.final');
  }
}
