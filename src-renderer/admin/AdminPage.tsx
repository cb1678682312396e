// Администрирование: staff and rights, the permission matrix, portal UIDs, parents'
// applications, roster import, backups and the school network, one tab each. The tab lives in the address
// (#/admin?tab=uid) so a reload or Back keeps it; tabs follow the user's permissions
// (main checks every call again).
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { Role } from '../../src-shared/domain';
import { hasPermission, type Permission } from '../../src-shared/permissions';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import '../styles/admin.css';
import { AccessTab } from './AccessTab';
import { call } from './api';
import { ApplicationsTab } from './ApplicationsTab';
import { BackupsTab } from './BackupsTab';
import { ImportTab } from './ImportTab';
import { NetworkTab } from './NetworkTab';
import { SchoolTab } from './SchoolTab';
import { StaffTab } from './StaffTab';
import { UidTab } from './UidTab';
import { AdminContext, type AdminContextValue } from './context';
import { ResourceState, useResource } from './ui';

export const ADMIN_TABS = ['staff', 'access', 'uid', 'applications', 'import', 'backups', 'network', 'school'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

const TAB_PERMISSION: Record<AdminTab, Permission> = {
  staff: 'staff.read',
  access: 'staff.read',
  uid: 'uid.read',
  applications: 'guardians.read',
  import: 'staff.manage',
  backups: 'school.manage',
  network: 'school.manage',
  school: 'school.manage',
};

type SchoolInfo = MethodOutput<'school.info'>;

function tabFromHash(): string | null {
  const q = window.location.hash.split('?')[1] ?? '';
  return new URLSearchParams(q).get('tab');
}

export function AdminPage({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  const tabs = ADMIN_TABS.filter((tab) => hasPermission(roles, TAB_PERMISSION[tab]));
  const [wanted, setWanted] = useState(tabFromHash);
  useEffect(() => {
    const update = () => setWanted(tabFromHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  const active: AdminTab | undefined = tabs.find((tab) => tab === wanted) ?? tabs[0];

  // The school's today (the server's clock) is every date field's default: wait for it.
  const info = useResource<SchoolInfo>(() => invoke('school.info', {}), 'info');
  const structure = useResource(() => call('school.structure', {}), 'structure');

  const ctx = useMemo<AdminContextValue>(
    () => ({
      roles,
      can: (p) => hasPermission(roles, p),
      today: info.data?.today ?? '',
      settings: info.data?.settings ?? null,
      structure,
    }),
    [roles, info.data, structure],
  );

  function select(tab: AdminTab) {
    window.location.hash = `#/admin?tab=${tab}`;
  }

  function onTabKey(ev: KeyboardEvent<HTMLButtonElement>, i: number) {
    const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
    let next = step ? (i + step + tabs.length) % tabs.length : -1;
    if (ev.key === 'Home') next = 0;
    if (ev.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    ev.preventDefault();
    select(tabs[next]!);
    document.getElementById(`admin-tab-${tabs[next]}`)?.focus();
  }

  return (
    <AdminContext.Provider value={ctx}>
      <div className="admin">
        <h1 className="admin-title">{t('nav.admin')}</h1>
        <div className="admin-tabs" role="tablist" aria-label={t('nav.admin')}>
          {tabs.map((tab, i) => (
            <button
              key={tab}
              id={`admin-tab-${tab}`}
              type="button"
              role="tab"
              aria-selected={tab === active}
              aria-controls="admin-panel"
              tabIndex={tab === active ? 0 : -1}
              className={tab === active ? 'admin-tab active' : 'admin-tab'}
              onClick={() => select(tab)}
              onKeyDown={(e) => onTabKey(e, i)}
              data-testid={`admin-tab-${tab}`}
            >
              {t(`admin.tab.${tab}`)}
            </button>
          ))}
        </div>
        <div
          id="admin-panel"
          role="tabpanel"
          aria-labelledby={active ? `admin-tab-${active}` : undefined}
          className="admin-panel"
          data-testid={`admin-panel-${active ?? 'none'}`}
        >
          {!info.data && <ResourceState resource={info} />}
          {info.data && active === 'staff' && <StaffTab />}
          {info.data && active === 'access' && <AccessTab />}
          {info.data && active === 'uid' && <UidTab />}
          {info.data && active === 'applications' && <ApplicationsTab />}
          {info.data && active === 'import' && <ImportTab />}
          {info.data && active === 'backups' && <BackupsTab />}
          {info.data && active === 'network' && <NetworkTab schoolName={info.data.name} />}
          {info.data && active === 'school' && (
            <SchoolTab
              name={info.data.name}
              fullName={info.data.settings.fullName}
              fullNameGenitive={info.data.settings.fullNameGenitive}
              onSaved={() => void info.reload()}
            />
          )}
        </div>
      </div>
    </AdminContext.Provider>
  );
}
