// Completeness month by month: one metric at a time, by class or by teacher, worst rows first,
// with the school's row on top and the footnote that says how each share is counted.
import { useMemo, useState } from 'react';
import { METRICS, type CompletenessView, type Metric } from '../../src-shared/rpc/overview';
import { ResourceState, useResource, type Resource } from '../admin/ui';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { band, percent, pivot, worstCells } from './model';
import { monthLabel } from '../format';

/** overview.completeness, loaded once by the page that shows the table (the director's charts share it). */
export function useCompleteness(): Resource<CompletenessView> {
  return useResource(() => invoke('overview.completeness', {}), 'completeness');
}

export function CompletenessTable({ res }: { res: Resource<CompletenessView> }) {
  const { t, locale } = useI18n();
  const [metric, setMetric] = useState<Metric>('topic');
  const [by, setBy] = useState<'class' | 'teacher'>('class');
  const v = res.data;
  const rows = useMemo(() => (v ? pivot(by === 'class' ? v.byClass : v.byTeacher, metric) : []), [v, by, metric]);
  const worst = useMemo(() => (v ? worstCells(by === 'class' ? v.byClass : v.byTeacher, v.months, metric, 3) : []), [v, by, metric]);
  return (
    <section className="completeness" aria-labelledby="completeness-heading" data-testid="completeness">
      <h2 id="completeness-heading">{t('overview.completeness')}</h2>
      <ResourceState resource={res} testId="completeness-error" />
      {v && v.months.length === 0 && <p className="muted">{t('overview.noData')}</p>}
      {v && v.months.length > 0 && (
        <>
          <div className="overview-switch" role="group" aria-label={t('overview.completeness')}>
            {METRICS.map((m) => (
              <button key={m} type="button" className={m === metric ? 'btn small primary' : 'btn small'} aria-pressed={m === metric} onClick={() => setMetric(m)} data-testid={`metric-${m}`}>
                {t(`overview.metric.${m}`)}
              </button>
            ))}
            <span className="spacer" />
            {(['class', 'teacher'] as const).map((b) => (
              <button key={b} type="button" className={b === by ? 'btn small primary' : 'btn small'} aria-pressed={b === by} onClick={() => setBy(b)} data-testid={`by-${b}`}>
                {t(b === 'class' ? 'overview.byClass' : 'overview.byTeacher')}
              </button>
            ))}
          </div>
          {worst.length > 0 && (
            <p className="muted" data-testid="worst-cells">
              {t('overview.worstCells', { list: worst.map((w) => `${w.name}, ${monthLabel(w.month, locale)} — ${percent(w.share)}`).join('; ') })}
            </p>
          )}
          <div className="table-scroll">
            <table className="grid completeness-table" data-testid="completeness-table">
              <caption className="visually-hidden">{t(`overview.metric.${metric}`)}, {t('overview.worstFirst')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(by === 'class' ? 'overview.col.class' : 'overview.col.teacher')}</th>
                  {v.months.map((m) => (
                    <th key={m} scope="col" className="num">
                      {monthLabel(m, locale)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr className="school-row" data-testid="completeness-school">
                  <th scope="row">{t('overview.schoolTitle')}</th>
                  {v.school.map((c, i) => (
                    <td key={v.months[i]} className={`num share ${band(c[metric])}`} title={`${c[metric].num.toFixed(metric === 'marks' ? 1 : 0)} / ${c[metric].den.toFixed(metric === 'marks' ? 1 : 0)}`}>
                      {percent(c[metric])}
                    </td>
                  ))}
                </tr>
                {rows.map((r) => (
                  <tr key={r.id} data-testid="completeness-row" data-name={r.name}>
                    <th scope="row">{r.name}</th>
                    {r.cells.map((s, i) => (
                      <td key={v.months[i]} className={`num share ${band(s)}`} title={`${s.num.toFixed(metric === 'marks' ? 1 : 0)} / ${s.den.toFixed(metric === 'marks' ? 1 : 0)}`}>
                        {percent(s)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted footnote" data-testid="completeness-footnote">
            {t('overview.footnote', { chars: v.topicMinChars, days: v.entryDays })}
          </p>
        </>
      )}
    </section>
  );
}
