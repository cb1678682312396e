// Права доступа: the permission matrix as main enforces it (access.matrix), read-only:
// one row per RPC method, grouped by the permission it needs, a ✓ per role allowed.
import { Fragment, useId, useState } from 'react';
import { PERMISSIONS, type Permission } from '../../src-shared/permissions';
import { useI18n } from '../i18n';
import { call } from './api';
import { ResourceState, useResource } from './ui';

const isPermission = (p: string): p is Permission => (PERMISSIONS as readonly string[]).includes(p);

export function AccessTab() {
  const { t } = useI18n();
  const matrix = useResource(() => call('access.matrix', {}), 'matrix');
  const [filter, setFilter] = useState('');
  const filterId = useId();

  if (!matrix.data) return <ResourceState resource={matrix} />;
  const { roles, methods } = matrix.data;
  const q = filter.trim().toLowerCase();
  const shown = methods.filter(
    (m) => !q || m.method.toLowerCase().includes(q) || m.summary.toLowerCase().includes(q) || m.permission.includes(q),
  );
  // Groups in the order of the shared PERMISSIONS list; unknown ones (never expected) last.
  const order = (p: string) => (isPermission(p) ? PERMISSIONS.indexOf(p) : PERMISSIONS.length);
  const groups = [...new Set(shown.map((m) => m.permission))].sort((a, b) => order(a) - order(b));

  return (
    <section aria-labelledby="access-heading" data-testid="access-tab">
      <div className="section-head">
        <h2 id="access-heading">{t('admin.access.heading')}</h2>
        <span className="muted">{t('admin.access.intro')}</span>
      </div>
      <div className="admin-toolbar">
        <div className="field inline">
          <label htmlFor={filterId}>{t('admin.access.filter')}</label>
          <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="matrix-filter" />
        </div>
        <span className="muted">{t('admin.access.count', { n: shown.length })}</span>
      </div>
      <div className="table-scroll">
        <table className="grid matrix" data-testid="permission-matrix">
          <thead>
            <tr>
              <th scope="col">{t('admin.access.method')}</th>
              <th scope="col">{t('admin.access.summary')}</th>
              {roles.map((r) => (
                <th key={r} scope="col" className="role-col" data-role={r}>
                  {t(`role.${r}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <Fragment key={g}>
                <tr className="group-row">
                  <th scope="colgroup" colSpan={roles.length + 2}>
                    {isPermission(g) ? t(`admin.perm.${g}`) : g} <code className="muted">{g}</code>
                  </th>
                </tr>
                {shown
                  .filter((m) => m.permission === g)
                  .map((m) => (
                    <tr key={m.method} data-testid={`matrix-row-${m.method}`}>
                      <th scope="row" className="method">
                        <code>{m.method}</code>
                      </th>
                      <td className="summary">{m.summary}</td>
                      {roles.map((r) => {
                        const allowed = m.roles.includes(r);
                        return (
                          <td key={r} className={allowed ? 'role-cell yes' : 'role-cell'} data-role={r} data-allowed={allowed}>
                            {allowed ? (
                              <span aria-label={t('admin.access.allowed')}>✓</span>
                            ) : (
                              <span aria-label={t('admin.access.denied')} className="muted">
                                ·
                              </span>
                            )}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
