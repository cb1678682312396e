// The director's start page: the school's completeness month by month (and by class and
// teacher), the charts, and the export's state.
import { ResourceState, useResource } from '../admin/ui';
import { instant } from '../format';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { AbsencesChart, MarksChart, WeeksChart } from './Charts';
import { CompletenessTable, useCompleteness } from './CompletenessTable';

export function DirectorOverview() {
  const { t, locale } = useI18n();
  const summary = useResource(() => invoke('overview.director', {}), 'director');
  const completeness = useCompleteness();
  const s = summary.data;
  const e = s?.export;
  return (
    <section className="overview" data-testid="overview" data-kind="director" aria-labelledby="overview-heading">
      <h1 id="overview-heading">{t('overview.title')}</h1>
      <ResourceState resource={summary} testId="overview-error" />
      {e && (
        <div className="card overview-card" data-testid="export-state" data-configured={e.configured}>
          <h2>{t('overview.export')}</h2>
          {!e.configured ? (
            <p className="muted">{t('overview.exportOff')}</p>
          ) : (
            <>
              <p>{t('overview.lastDaily', { at: instant(e.lastDailyDone, locale) })}</p>
              <p>{t('overview.lastFull', { at: instant(e.lastFullDone, locale) })}</p>
              <p>{t('overview.exportQueue', { queued: e.queued, refused: e.refused })}</p>
              {e.dailyLate && <p className="warn" data-testid="export-late">{t('overview.exportLate')}</p>}
              {e.problem && <p className="warn">{e.problem}</p>}
            </>
          )}
        </div>
      )}
      <CompletenessTable res={completeness} />
      <h2>{t('overview.charts')}</h2>
      <div className="overview-charts">
        {completeness.data && <WeeksChart weeks={completeness.data.weeks} />}
        {s && <MarksChart classes={s.marksByClass} />}
        {s && <AbsencesChart reasons={s.absencesByReason} />}
      </div>
    </section>
  );
}
