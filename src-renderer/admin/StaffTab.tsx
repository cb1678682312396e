// Сотрудники: the staff list (search, disabled ones on request), creating and editing
// accounts, disabling with a reason, password resets with the one-time password shown once,
// a teacher's teaching load, and the class teachers of every class.
import { useId, useState } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { call, errorText, isSessionError, type Staff } from './api';
import { ClassTeachers } from './ClassTeachers';
import { useAdmin } from './context';
import { LoadPanel } from './LoadPanel';
import { StaffForm } from './StaffForm';
import { Check, Dialog, OneTimePassword, ReasonDialog, ResourceState, useResource } from './ui';

type View = 'list' | 'classes';

interface OneTime {
  name: string;
  login: string;
  password: string;
}

export function StaffTab() {
  const { t } = useI18n();
  const { can, structure } = useAdmin();
  const manage = can('staff.manage');
  const [view, setView] = useState<View>('list');
  const [includeDisabled, setIncludeDisabled] = useState(false);
  const staff = useResource(() => call('staff.list', { includeDisabled }), String(includeDisabled));
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [mode, setMode] = useState<'view' | 'create' | 'edit'>('view');
  const [oneTime, setOneTime] = useState<OneTime | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const searchId = useId();

  const list = staff.data?.staff ?? [];
  const q = query.trim().toLocaleLowerCase('ru');
  const shown = list.filter(
    (s) =>
      !q ||
      s.fullName.toLocaleLowerCase('ru').includes(q) ||
      s.login.includes(q) ||
      (s.portalUid ?? '').includes(q) ||
      s.classes.some((c) => c.toLocaleLowerCase('ru') === q),
  );
  const selected = list.find((s) => s.id === selectedId) ?? null;

  const refresh = () => {
    void staff.reload();
    void structure.reload();
  };

  return (
    <div className="staff-tab" data-testid="staff-tab">
      <div className="subnav" role="group" aria-label={t('admin.tab.staff')}>
        <button
          type="button"
          className={view === 'list' ? 'btn small active' : 'btn small'}
          aria-pressed={view === 'list'}
          onClick={() => setView('list')}
          data-testid="staff-view-list"
        >
          {t('admin.staff.listView')}
        </button>
        <button
          type="button"
          className={view === 'classes' ? 'btn small active' : 'btn small'}
          aria-pressed={view === 'classes'}
          onClick={() => setView('classes')}
          data-testid="staff-view-classes"
        >
          {t('admin.classes.heading')}
        </button>
      </div>

      {view === 'classes' ? (
        <ClassTeachers staff={list} onChanged={refresh} />
      ) : (
        <div className="staff-layout">
          <section className="staff-list" aria-labelledby="staff-heading">
            <div className="admin-toolbar">
              <h2 id="staff-heading">{t('admin.staff.heading')}</h2>
              <div className="field inline">
                <label htmlFor={searchId} className="visually-hidden">
                  {t('admin.staff.search')}
                </label>
                <input
                  id={searchId}
                  type="search"
                  placeholder={t('admin.staff.search')}
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  data-testid="staff-search"
                />
              </div>
              <Check
                label={t('admin.staff.showDisabled')}
                checked={includeDisabled}
                onChange={setIncludeDisabled}
                testId="staff-show-disabled"
              />
              {manage && (
                <button
                  type="button"
                  className="btn primary toolbar-end"
                  onClick={() => {
                    setMode('create');
                    setSelectedId(null);
                    setOneTime(null);
                    setNotice(null);
                  }}
                  data-testid="staff-new"
                >
                  {t('admin.staff.new')}
                </button>
              )}
            </div>
            {!staff.data ? (
              <ResourceState resource={staff} />
            ) : (
              <div className="table-scroll tall">
                <table className="grid compact staff-table" data-testid="staff-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.staff.fullName')}</th>
                      <th scope="col">{t('admin.staff.login')}</th>
                      <th scope="col">{t('admin.staff.roles')}</th>
                      <th scope="col">{t('admin.staff.classShort')}</th>
                      <th scope="col">UID</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((s) => (
                      <tr
                        key={s.id}
                        className={[s.id === selectedId ? 'selected' : '', s.disabled ? 'disabled' : ''].join(' ').trim() || undefined}
                        aria-selected={s.id === selectedId}
                        data-testid="staff-row"
                        data-login={s.login}
                      >
                        <th scope="row">
                          <button
                            type="button"
                            className="link row-link"
                            onClick={() => {
                              setSelectedId(s.id);
                              setMode('view');
                              setOneTime(null);
                              setNotice(null);
                            }}
                          >
                            {s.fullName}
                          </button>
                          {s.disabled && <span className="tag muted-tag">{t('admin.staff.disabled')}</span>}
                          {!s.disabled && s.mustChangePassword && <span className="tag warn-tag">{t('admin.staff.mustChange')}</span>}
                        </th>
                        <td className="mono">{s.login}</td>
                        <td className="roles-cell" title={s.roles.map((r) => t(`role.${r}`)).join(', ')}>
                          {s.roles.map((r) => t(`admin.roleShort.${r}`)).join(', ')}
                        </td>
                        <td>{s.classes.join(', ')}</td>
                        <td className="mono">{s.portalUid ?? <span className="muted">—</span>}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {shown.length === 0 && <p className="muted empty-note">{t('admin.nothingFound')}</p>}
              </div>
            )}
          </section>

          <aside className="staff-detail" aria-live="polite">
            {notice && (
              <p className="ok-note big" role="status" data-testid="staff-notice">
                {notice}
              </p>
            )}
            {oneTime && <OneTimePassword {...oneTime} onDone={() => setOneTime(null)} />}
            {mode === 'create' && (
              <StaffForm
                onCancel={() => setMode('view')}
                onCreated={(s, password) => {
                  setOneTime({ name: s.fullName, login: s.login, password });
                  setSelectedId(s.id);
                  setMode('view');
                  refresh();
                }}
              />
            )}
            {mode === 'edit' && selected && (
              <StaffForm
                key={selected.id}
                staff={selected}
                onCancel={() => setMode('view')}
                onSaved={() => {
                  setMode('view');
                  refresh();
                }}
              />
            )}
            {mode === 'view' && selected && (
              <StaffCard
                key={selected.id}
                staff={selected}
                onEdit={() => setMode('edit')}
                onChanged={refresh}
                onPassword={(password) => setOneTime({ name: selected.fullName, login: selected.login, password })}
                onNotice={setNotice}
              />
            )}
            {mode === 'view' && !selected && !oneTime && <p className="muted hint-box">{t('admin.staff.pick')}</p>}
          </aside>
        </div>
      )}
    </div>
  );
}

function StaffCard({
  staff,
  onEdit,
  onChanged,
  onPassword,
  onNotice,
}: {
  staff: Staff;
  onEdit(): void;
  onChanged(): void;
  onPassword(password: string): void;
  onNotice(text: string): void;
}) {
  const { t } = useI18n();
  const { can } = useAdmin();
  const manage = can('staff.manage');
  const [dialog, setDialog] = useState<'disable' | 'enable' | 'reset' | null>(null);
  const isTeacher = staff.roles.includes('teacher') || staff.roles.includes('classTeacher');

  return (
    <div className="card staff-card" data-testid="staff-card">
      <div className="staff-card-head">
        <div>
          <h2 data-testid="staff-card-name">{staff.fullName}</h2>
          <div className="muted">
            <span className="mono">{staff.login}</span> · {staff.roles.map((r) => t(`role.${r}`)).join(', ')}
          </div>
          <div className="tags">
            {staff.disabled && <span className="tag muted-tag">{t('admin.staff.disabled')}</span>}
            {!staff.hasPassword && <span className="tag muted-tag">{t('admin.staff.noPassword')}</span>}
            {staff.mustChangePassword && <span className="tag warn-tag">{t('admin.staff.mustChange')}</span>}
            {staff.classes.length > 0 && <span className="tag">{t('admin.staff.leads', { classes: staff.classes.join(', ') })}</span>}
            <span className="tag">UID: {staff.portalUid ?? '—'}</span>
          </div>
        </div>
      </div>
      {manage && (
        <div className="form-actions staff-actions">
          <button type="button" className="btn small" onClick={onEdit} data-testid="staff-edit">
            {t('admin.edit')}
          </button>
          <button
            type="button"
            className="btn small"
            onClick={() => setDialog('reset')}
            disabled={staff.disabled}
            data-testid="staff-reset"
          >
            {t('admin.staff.resetPassword')}
          </button>
          {staff.disabled ? (
            <button type="button" className="btn small" onClick={() => setDialog('enable')} data-testid="staff-enable">
              {t('admin.staff.enable')}
            </button>
          ) : (
            <button type="button" className="btn small danger-outline" onClick={() => setDialog('disable')} data-testid="staff-disable">
              {t('admin.staff.disable')}
            </button>
          )}
        </div>
      )}
      {isTeacher && !staff.disabled && <LoadPanel staff={staff} onChanged={onChanged} />}
      {dialog === 'reset' && (
        <ResetDialog
          staff={staff}
          onClose={() => setDialog(null)}
          onReset={(password) => {
            onPassword(password);
            onChanged();
          }}
        />
      )}
      {(dialog === 'disable' || dialog === 'enable') && (
        <ReasonDialog
          title={
            dialog === 'disable'
              ? t('admin.staff.disableHeading', { name: staff.fullName })
              : t('admin.staff.enableHeading', { name: staff.fullName })
          }
          text={dialog === 'disable' ? t('admin.staff.disableText') : undefined}
          confirmLabel={dialog === 'disable' ? t('admin.staff.disable') : t('admin.staff.enable')}
          danger={dialog === 'disable'}
          onClose={() => setDialog(null)}
          onConfirm={async (reason) => {
            await call('staff.setDisabled', { staffId: staff.id, disabled: dialog === 'disable', reason });
            onNotice(t(dialog === 'disable' ? 'admin.staff.disabledNote' : 'admin.staff.enabledNote', { name: staff.fullName }));
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function ResetDialog({ staff, onClose, onReset }: { staff: Staff; onClose(): void; onReset(password: string): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function reset() {
    setBusy(true);
    setError(null);
    try {
      const res = await call('staff.resetPassword', { staffId: staff.id });
      onReset(res.temporaryPassword);
      onClose();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }
  return (
    <Dialog title={t('admin.staff.resetHeading', { name: staff.fullName })} onClose={onClose} testId="reset-dialog">
      <p>{t('admin.staff.resetText')}</p>
      <FormError error={error} />
      <div className="form-actions">
        <button type="button" className="btn primary" onClick={() => void reset()} disabled={busy} autoFocus data-testid="reset-confirm">
          {t('admin.staff.resetPassword')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('admin.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
