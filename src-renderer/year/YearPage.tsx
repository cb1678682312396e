// Учебный год: the calendar and terms, the timetable, substitutions, closing terms, the year
// rollover and the year's archive, one tab each. The tab lives in the address (#/year?tab=closing) so a reload keeps it.
import { useEffect, useState } from 'react';
import type { Role } from '../../src-shared/domain';
import { useI18n } from '../i18n';
import { ArchivePanel } from './archive/ArchivePanel';
import { CalendarTab } from './CalendarTab';
import { ClosingTab } from './ClosingTab';
import { RolloverTab } from './RolloverTab';
import { SubstitutionsTab } from './SubstitutionsTab';
import { TimetableTab } from './TimetableTab';
import { yearTabFromHash, yearTabs, type YearTab } from './tabs';
import '../styles/admin.css';

export function YearPage({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  const tabs = yearTabs(roles);
  const [wanted, setWanted] = useState(() => yearTabFromHash(window.location.hash));
  useEffect(() => {
    const update = () => setWanted(yearTabFromHash(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  const active: YearTab | undefined = tabs.find((tab) => tab === wanted) ?? tabs[0];

  return (
    <div className="admin">
      <h1 className="admin-title">{t('nav.year')}</h1>
      <div className="admin-tabs" role="tablist" aria-label={t('nav.year')}>
        {tabs.map((tab) => (
          <button
            key={tab}
            id={`year-tab-${tab}`}
            type="button"
            role="tab"
            aria-selected={tab === active}
            aria-controls="year-panel"
            className={tab === active ? 'admin-tab active' : 'admin-tab'}
            onClick={() => (window.location.hash = `#/year?tab=${tab}`)}
            data-testid={`year-tab-${tab}`}
          >
            {t(`year.tab.${tab}`)}
          </button>
        ))}
      </div>
      <div id="year-panel" role="tabpanel" className="admin-panel" data-testid={`year-panel-${active ?? 'none'}`}>
        {active === 'calendar' && <CalendarTab />}
        {active === 'timetable' && <TimetableTab />}
        {active === 'substitutions' && <SubstitutionsTab />}
        {active === 'closing' && <ClosingTab />}
        {active === 'rollover' && <RolloverTab roles={roles} />}
        {active === 'archive' && <ArchivePanel />}
      </div>
    </div>
  );
}
