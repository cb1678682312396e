// The deputy's start page: this month's check, remarks by state, completeness by class and
// teacher month by month (worst first).
import { ResourceState, useResource } from '../admin/ui';
import { RemarkState } from '../../src-shared/rpc/check';
import { longDate } from '../format';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { CompletenessTable, useCompleteness } from './CompletenessTable';

export function DeputyOverview() {
  const { t, locale } = useI18n();
  const summary = useResource(() => invoke('overview.deputy', {}), 'deputy');
  const completeness = useCompleteness();
  const s = summary.data;
  return (
    <section className="overview" data-testid="overview" data-kind="deputy" aria-labelledby="overview-heading">
      <h1 id="overview-heading">{t('overview.title')}</h1>
      <ResourceState resource={summary} testId="overview-error" />
      {s && (
        <div className="overview-cards">
          <div className="card overview-card" data-testid="overview-check">
            <h2>{t('overview.check')}</h2>
            {s.check ? (
              <>
                <p>
                  {t('overview.checkPeriod', { from: longDate(s.check.from, locale), to: longDate(s.check.to, locale) })}{' '}
                  <span className={`tag check-${s.check.status}`}>{t(`overview.checkStatus.${s.check.status}`)}</span>
                </p>
                <p data-testid="overview-findings">{t('overview.findings', { ...s.check.findings, dismissed: s.check.dismissed })}</p>
              </>
            ) : (
              <p className="muted">{t('overview.noCheck')}</p>
            )}
            <a href="#control">{t('overview.openControl')}</a>
          </div>
          <div className="card overview-card" data-testid="overview-remarks">
            <h2>{t('overview.remarks')}</h2>
            <ul className="remark-states">
              {RemarkState.options.map((state) => (
                <li key={state} data-testid={`remark-state-${state}`} className={state === 'overdue' && s.remarks[state] > 0 ? 'overdue' : undefined}>
                  <span className="num">{s.remarks[state]}</span> {t(`overview.remarkState.${state}`)}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      <CompletenessTable res={completeness} />
    </section>
  );
}
