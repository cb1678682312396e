// The signed-in window: header (school, user, roles, lock, sign out), the sections the
// user's roles allow, and the page of the current section.
import { useEffect, useMemo } from 'react';
import { AdminPage } from '../admin/AdminPage';
import { ExportPage } from '../export/ExportPage';
import { ControlPage } from '../control/ControlPage';
import { useI18n } from '../i18n';
import { JournalPage } from '../journal/JournalPage';
import { parseJournalRoute } from '../journal/route';
import { HostBanner } from '../network/HostBanner';
import { JournalHome } from '../pages/JournalHome';
import { PlanPage } from '../plan/PlanPage';
import { ReportsPage } from '../reports/ReportsPage';
import { YearPage } from '../year/YearPage';
import type { Me } from './App';
import { SECTION_SPECS, sectionHref, visibleSections, type Section } from './nav';
import { replaceRoute, useHashRoute } from './useHashRoute';

interface Props {
  me: Me;
  schoolName: string;
  demo: boolean;
  onLock(): void;
  onSignOut(): void;
}

export function Shell({ me, schoolName, demo, onLock, onSignOut }: Props) {
  const { t } = useI18n();
  const route = useHashRoute();
  const sections = visibleSections(me.user.roles);
  // "journal/9/1/2": the section, then what the section opens (here: one journal).
  const [section, ...rest] = route.split('/');
  const active: Section | undefined = sections.find((s) => s === section) ?? sections[0];
  const journalPath = section === 'journal' ? rest.join('/') : '';
  const journal = useMemo(() => (journalPath ? parseJournalRoute(journalPath.split('/')) : null), [journalPath]);
  // Only the journal has sub-addresses so far; an address it cannot read goes back to its start.
  const valid = active !== undefined && section === active && (section !== 'journal' || !journalPath || journal !== null);

  useEffect(() => {
    if (active && !valid) replaceRoute(active);
  }, [active, valid]);

  const roles = me.user.roles.map((r) => t(`role.${r}`)).join(', ');

  return (
    <div className={journal ? 'shell shell-fill' : 'shell'}>
      <header className="topbar">
        <div className="topbar-school" data-testid="school-name">
          {schoolName}
          {demo && <span className="badge demo">{t('app.demoBadge')}</span>}
        </div>
        <div className="topbar-user">
          <span className="user-name" data-testid="user-name" title={me.user.fullName}>
            {me.user.shortName}
          </span>
          <span className="user-roles" data-testid="user-roles">
            {roles}
          </span>
        </div>
        <div className="topbar-actions">
          <button className="btn ghost" onClick={onLock} title={t('header.lockTitle')} data-testid="lock-button">
            {t('header.lock')}
          </button>
          <button className="btn ghost" onClick={onSignOut} data-testid="logout-button">
            {t('header.logout')}
          </button>
        </div>
      </header>
      <HostBanner />
      <nav className="sections" aria-label={t('nav.label')} data-testid="nav">
        {sections.map((s) => (
          <a
            key={s}
            href={sectionHref(s)}
            className={s === active ? 'section-link active' : 'section-link'}
            aria-current={s === active ? 'page' : undefined}
            data-testid={`nav-${s}`}
          >
            {t(SECTION_SPECS[s].label)}
          </a>
        ))}
      </nav>
      <main className={journal ? 'page page-fill' : 'page'} data-testid={active ? `page-${active}` : 'page-none'}>
        {!active && <p className="muted">{t('app.noSections')}</p>}
        {active === 'journal' && (journal ? <JournalPage route={journal} me={me.user.id} /> : <JournalHome roles={me.user.roles} />)}
        {active === 'plan' && <PlanPage />}
        {active === 'year' && <YearPage roles={me.user.roles} />}
        {active === 'admin' && <AdminPage roles={me.user.roles} />}
        {active === 'export' && <ExportPage roles={me.user.roles} />}
        {active === 'control' && <ControlPage roles={me.user.roles} />}
        {active === 'reports' && <ReportsPage roles={me.user.roles} />}
      </main>
    </div>
  );
}
