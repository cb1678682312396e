// The year (exam, final) view: each pupil's marks of the study periods (and the year and exam
// beside the final) with the mark suggested by the school's rule (issue 11).
import type { JournalView } from '../../../src-shared/rpc/journal';
import { useI18n } from '../../i18n';
import { termLabel } from './labels';

export function PeriodMarks({ view }: { view: JournalView }) {
  const { t } = useI18n();
  if (view.suggested === null) return null;
  const used = new Set(view.otherTermMarks.map((m) => m.termId));
  const terms = view.terms.filter((x) => used.has(x.id));
  const value = new Map(view.otherTermMarks.map((m) => [`${m.pupilId}:${m.termId}`, m.value]));
  const suggested = new Map(view.suggested.map((s) => [s.pupilId, s.value]));
  return (
    <section className="jperiods" data-testid="period-marks">
      <h2>{t('closing.periods.title')}</h2>
      <table className="grid">
        <thead>
          <tr>
            <th scope="col">{t('closing.periods.pupil')}</th>
            {terms.map((x) => (
              <th scope="col" key={x.id}>
                {termLabel(t, x)}
              </th>
            ))}
            <th scope="col">{t('closing.periods.suggested')}</th>
          </tr>
        </thead>
        <tbody>
          {view.pupils.map((p) => (
            <tr key={p.id} data-pupil={p.id}>
              <th scope="row">{p.name}</th>
              {terms.map((x) => (
                <td key={x.id}>{value.get(`${p.id}:${x.id}`) ?? ''}</td>
              ))}
              <td data-testid="period-suggested">{suggested.get(p.id) ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
