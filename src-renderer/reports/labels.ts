// Labels of the reports screen that depend on data (pure).
import type { Translate } from '../i18n';
import type { PickerProblem, PickerTerm } from './picker';

/** «1 четверть», «2 полугодие», «3 триместр». */
export function termLabel(t: Pick<PickerTerm, 'kind' | 'number'>, tr: Translate): string {
  if (t.kind === 'half') return tr('reports.term.half', { n: t.number });
  if (t.kind === 'trimester') return tr('reports.term.trimester', { n: t.number });
  return tr('reports.term.quarter', { n: t.number });
}

export function problemText(p: PickerProblem, tr: Translate): string {
  return tr(`reports.problem.${p}`);
}
