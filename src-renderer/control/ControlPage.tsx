// «Контроль»: the deputy's monthly check (findings, remarks, the report), the remarks by state,
// the diary check (issue 5) and the check's thresholds, one tab each. The tab and the open
// check live in the address (#/control?tab=remarks&check=3), so a reload or Back keeps them.
import { useEffect, useMemo, useState } from 'react';
import type { Role } from '../../src-shared/domain';
import { hasPermission, type Permission } from '../../src-shared/permissions';
import { ResourceState, useResource } from '../admin/ui';
import { ReconcilePage } from '../export/ReconcilePage';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import '../styles/admin.css';
import '../styles/control.css';
import { CheckTab } from './CheckTab';
import { ControlContext } from './context';
import { RemarksTab } from './RemarksTab';
import { SettingsTab } from './SettingsTab';

export const CONTROL_TABS = ['check', 'remarks', 'diary', 'settings'] as const;
export type ControlTab = (typeof CONTROL_TABS)[number];

const TAB_PERMISSION: Record<ControlTab, Permission> = {
  check: 'check.read',
  remarks: 'check.read',
  diary: 'reconcile.read',
  settings: 'check.read',
};

function fromHash(): { tab: string | null; check: number | null } {
  const q = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const check = Number(q.get('check'));
  return { tab: q.get('tab'), check: Number.isSafeInteger(check) && check > 0 ? check : null };
}

export function controlHref(tab: ControlTab, check?: number | null): string {
  return `#/control?tab=${tab}${check ? `&check=${check}` : ''}`;
}

export function ControlPage({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  const tabs = CONTROL_TABS.filter((tab) => hasPermission(roles, TAB_PERMISSION[tab]));
  const [wanted, setWanted] = useState(fromHash);
  useEffect(() => {
    const update = () => setWanted(fromHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  const active: ControlTab | undefined = tabs.find((tab) => tab === wanted.tab) ?? tabs[0];
  const info = useResource(() => invoke('school.info', {}), 'info');
  const ctx = useMemo(
    () => ({ today: info.data?.today ?? '', remarkDays: info.data?.settings.check.remarkDays ?? 7, canWrite: hasPermission(roles, 'journal.check') }),
    [info.data, roles],
  );
  const go = (tab: ControlTab, check: number | null = wanted.check) => (window.location.hash = controlHref(tab, check));

  return (
    <ControlContext.Provider value={ctx}>
      <div className="admin control" data-testid="control">
        <h1 className="admin-title">{t('nav.control')}</h1>
        <div className="admin-tabs" role="tablist" aria-label={t('nav.control')}>
          {tabs.map((tab) => (
            <button
              key={tab}
              id={`control-tab-${tab}`}
              type="button"
              role="tab"
              aria-selected={tab === active}
              aria-controls="control-panel"
              className={tab === active ? 'admin-tab active' : 'admin-tab'}
              onClick={() => go(tab)}
              data-testid={`control-tab-${tab}`}
            >
              {t(`check.tab.${tab}`)}
            </button>
          ))}
        </div>
        <div id="control-panel" role="tabpanel" aria-labelledby={active ? `control-tab-${active}` : undefined} data-testid={`control-panel-${active ?? 'none'}`}>
          {active !== 'diary' && !info.data && <ResourceState resource={info} />}
          {info.data && active === 'check' && <CheckTab checkId={wanted.check} onSelect={(id) => go('check', id)} />}
          {info.data && active === 'remarks' && <RemarksTab checkId={wanted.check} onSelect={(id) => go('remarks', id)} />}
          {info.data && active === 'settings' && <SettingsTab />}
          {active === 'diary' && <ReconcilePage />}
        </div>
      </div>
    </ControlContext.Provider>
  );
}
