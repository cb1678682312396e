// «Отчёты» (issue 13): one tab per report (tabs.ts). The page loads what every tab's picker needs
// once (classes with pupils, terms, the year); the tab lives in the address (#/reports?tab=card).
import { useEffect, useMemo, useState } from 'react';
import type { Role } from '../../src-shared/domain';
import { hasPermission } from '../../src-shared/permissions';
import { ResourceState, useResource } from '../admin/ui';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import '../styles/admin.css';
import '../styles/reports.css';
import { ReportsContext, type ReportsData } from './context';
import { REPORT_TABS } from './tabs';

const tabFromHash = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('tab');

export function ReportsPage({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  const tabs = REPORT_TABS.filter((tab) => hasPermission(roles, tab.permission));
  const [wanted, setWanted] = useState(tabFromHash);
  useEffect(() => {
    const update = () => setWanted(tabFromHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  const active = tabs.find((tab) => tab.id === wanted) ?? tabs[0];
  const res = useResource(async () => {
    const [info, scope] = await Promise.all([invoke('school.info', {}), invoke('reports.classes', {})]);
    return { info, scope };
  }, 'reports');
  const data = useMemo<ReportsData | null>(
    () =>
      res.data && {
        classes: res.data.scope.classes,
        terms: res.data.info.terms,
        year: res.data.info.year && { startsOn: res.data.info.year.startsOn, endsOn: res.data.info.year.endsOn },
        today: res.data.info.today,
      },
    [res.data],
  );

  return (
    <div className="admin reports" data-testid="reports">
      <h1 className="admin-title">{t('nav.reports')}</h1>
      <div className="admin-tabs" role="tablist" aria-label={t('nav.reports')}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`reports-tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab === active}
            aria-controls="reports-panel"
            className={tab === active ? 'admin-tab active' : 'admin-tab'}
            onClick={() => (window.location.hash = `#/reports?tab=${tab.id}`)}
            data-testid={`reports-tab-${tab.id}`}
          >
            {t(tab.label)}
          </button>
        ))}
      </div>
      <div id="reports-panel" role="tabpanel" aria-labelledby={active ? `reports-tab-${active.id}` : undefined} data-testid={`reports-panel-${active?.id ?? 'none'}`}>
        {!data && <ResourceState resource={res} />}
        {data && active && (
          <ReportsContext.Provider value={data}>
            <active.Panel key={active.id} />
          </ReportsContext.Provider>
        )}
      </div>
    </div>
  );
}
