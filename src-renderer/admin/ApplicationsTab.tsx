// Заявления родителей: the registration form (while the parent is present), the list with
// filters by class and status, status changes (подключено; отклонено / отозвано with a
// reason), printing the filled-in application as a PDF, and connected families per class.
import { useState } from 'react';
import { APPLICATION_STATUSES } from '../../src-shared/domain';
import { FormError } from '../components/form';
import { instant, longDate } from '../format';
import { useI18n } from '../i18n';
import {
  base64ToBlob,
  call,
  downloadBlob,
  errorText,
  isSessionError,
  numericDate,
  openBlob,
  type Application,
  type ApplicationStatus,
} from './api';
import { ApplicationForm } from './ApplicationForm';
import { ApplicationNames } from './ApplicationNames';
import { useAdmin } from './context';
import { ReasonDialog, ResourceState, SelectField, useResource } from './ui';

/** "Киселёва Ирина Никитична" -> "Киселёва И. Н." */
function initials(fullName: string): string {
  const [surname, ...rest] = fullName.split(' ').filter(Boolean);
  return [surname, ...rest.map((x) => `${x[0]}.`)].join(' ');
}

type Closing = { app: Application; status: 'rejected' | 'withdrawn' };

export function ApplicationsTab() {
  const { t, locale } = useI18n();
  const { can, structure } = useAdmin();
  const manage = can('guardians.manage');
  const [formOpen, setFormOpen] = useState(false);
  const [classId, setClassId] = useState('');
  const [status, setStatus] = useState<ApplicationStatus | ''>('');
  const list = useResource(
    () => call('applications.list', { ...(classId ? { classId: Number(classId) } : {}), ...(status ? { status } : {}) }),
    `${classId}-${status}`,
  );
  const [created, setCreated] = useState<Application | null>(null);
  const [closing, setClosing] = useState<Closing | null>(null);
  const [naming, setNaming] = useState<Application | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);

  async function print(app: Application, mode: 'open' | 'download') {
    setBusyId(app.id);
    setRowError(null);
    try {
      const pdf = await call('applications.print', { id: app.id });
      const blob = base64ToBlob(pdf.data, pdf.mime);
      if (mode === 'open') openBlob(blob, pdf.name);
      else downloadBlob(blob, pdf.name);
    } catch (e) {
      if (!isSessionError(e)) setRowError(errorText(e));
    } finally {
      setBusyId(null);
    }
  }

  async function connect(app: Application) {
    setBusyId(app.id);
    setRowError(null);
    try {
      await call('applications.setStatus', { id: app.id, status: 'connected' });
      await list.reload();
    } catch (e) {
      if (!isSessionError(e)) setRowError(errorText(e));
    } finally {
      setBusyId(null);
    }
  }

  const classOptions = [
    { value: '', label: t('admin.allClasses') },
    ...(structure.data?.classes ?? []).map((c) => ({ value: String(c.id), label: c.name })),
  ];
  const statusOptions = [
    { value: '', label: t('admin.app.allStatuses') },
    ...APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`admin.app.status.${s}`) })),
  ];

  return (
    <div className="applications-tab" data-testid="applications-tab">
      {manage && !formOpen && (
        <div className="admin-toolbar">
          <button
            type="button"
            className="btn primary"
            onClick={() => {
              setFormOpen(true);
              setCreated(null);
            }}
            data-testid="application-new"
          >
            {t('admin.app.new')}
          </button>
          <span className="muted">{t('admin.app.newHint')}</span>
        </div>
      )}
      {formOpen && (
        <ApplicationForm
          onClose={() => setFormOpen(false)}
          onCreated={(a) => {
            setCreated(a);
            setFormOpen(false);
            void list.reload();
          }}
        />
      )}
      {created && (
        <div className="card created-note" role="status" data-testid="application-created">
          <span>{t('admin.app.created', { number: created.number, pupil: created.pupilName })}</span>
          <button type="button" className="btn small primary" onClick={() => void print(created, 'open')} data-testid="created-print">
            {t('admin.app.print')}
          </button>
          <button type="button" className="btn small" onClick={() => setCreated(null)}>
            {t('admin.close')}
          </button>
        </div>
      )}

      <div className="applications-layout">
        <section aria-labelledby="apps-heading" className="applications-list">
          <div className="admin-toolbar filters">
            <h2 id="apps-heading">{t('admin.app.listHeading')}</h2>
            <SelectField
              label={t('journal.col.class')}
              value={classId}
              onChange={setClassId}
              options={classOptions}
              className="inline"
              data-testid="apps-class"
            />
            <SelectField
              label={t('admin.app.statusLabel')}
              value={status}
              onChange={(v) => setStatus(v as ApplicationStatus | '')}
              options={statusOptions}
              className="inline"
              data-testid="apps-status"
            />
          </div>
          <FormError error={rowError} testId="apps-error" />
          {!list.data ? (
            <ResourceState resource={list} />
          ) : list.data.applications.length === 0 ? (
            <p className="muted empty-note" data-testid="apps-empty">
              {t('admin.app.none')}
            </p>
          ) : (
            <div className="table-scroll tall">
              <table className="grid compact apps-table" data-testid="apps-table">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.app.numberShort')}</th>
                    <th scope="col">{t('admin.app.date')}</th>
                    <th scope="col">{t('admin.app.pupil')}</th>
                    <th scope="col">{t('admin.app.guardian')}</th>
                    <th scope="col">UID</th>
                    <th scope="col">{t('admin.app.checked')}</th>
                    <th scope="col">{t('admin.app.statusLabel')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('admin.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.applications.map((a) => (
                    <tr key={a.id} data-testid="app-row" data-number={a.number} data-status={a.status}>
                      <th scope="row" className="mono">
                        {a.number}
                      </th>
                      <td className="nowrap" title={longDate(a.appliedOn, locale)}>
                        {numericDate(a.appliedOn)}
                      </td>
                      <td>
                        {a.pupilName}
                        {a.className && <span className="muted"> · {a.className}</span>}
                        <div className="muted small-print" data-testid="app-pupil-printed">
                          {t('forms.names.listChild', { text: a.pupilGenitive })}
                        </div>
                      </td>
                      <td>
                        {a.guardianName}
                        {a.relation && <span className="muted"> · {a.relation}</span>}
                        {a.mismatchConfirmed && (
                          <span className="tag warn-tag" title={t('admin.app.mismatchConfirmedTitle')}>
                            {t('admin.app.mismatchConfirmed')}
                          </span>
                        )}
                        <div className="muted small-print" data-testid="app-guardian-printed">
                          {t('forms.names.listFrom', { text: a.guardianGenitive })}
                        </div>
                      </td>
                      <td className="mono">{a.portalUid ?? <span className="muted">—</span>}</td>
                      <td className="small-print">
                        {a.passportCheckedBy ? (
                          <>
                            <span className="nowrap" title={a.passportCheckedBy}>
                              {initials(a.passportCheckedBy)}
                            </span>
                            {a.passportCheckedAt && <div className="muted">{instant(a.passportCheckedAt, locale)}</div>}
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>
                        <span className={`status status-${a.status}`} data-testid="app-status">
                          {t(`admin.app.status.${a.status}`)}
                        </span>
                        {a.reason && <div className="muted small-print">{a.reason}</div>}
                      </td>
                      <td className="actions">
                        <button
                          type="button"
                          className="btn small"
                          onClick={() => void print(a, 'open')}
                          disabled={busyId === a.id}
                          data-testid="app-print"
                        >
                          {t('admin.app.print')}
                        </button>
                        <button
                          type="button"
                          className="btn small"
                          onClick={() => void print(a, 'download')}
                          disabled={busyId === a.id}
                          title={t('admin.app.downloadTitle')}
                          aria-label={t('admin.app.downloadTitle')}
                          data-testid="app-download"
                        >
                          PDF
                        </button>
                        <button
                          type="button"
                          className="btn small"
                          onClick={() => setNaming(a)}
                          title={t('forms.names.buttonTitle')}
                          data-testid="app-names"
                        >
                          {t('forms.names.button')}
                        </button>
                        {manage && a.status === 'accepted' && (
                          <button
                            type="button"
                            className="btn small primary"
                            onClick={() => void connect(a)}
                            disabled={busyId === a.id}
                            data-testid="app-connect"
                          >
                            {t('admin.app.connect')}
                          </button>
                        )}
                        {manage && a.status === 'accepted' && (
                          <button
                            type="button"
                            className="btn small"
                            onClick={() => setClosing({ app: a, status: 'rejected' })}
                            data-testid="app-reject"
                          >
                            {t('admin.app.reject')}
                          </button>
                        )}
                        {manage && (a.status === 'accepted' || a.status === 'connected') && (
                          <button
                            type="button"
                            className="btn small"
                            onClick={() => setClosing({ app: a, status: 'withdrawn' })}
                            data-testid="app-withdraw"
                          >
                            {t('admin.app.withdraw')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <aside className="per-class" aria-labelledby="per-class-heading" data-testid="per-class">
          <h2 id="per-class-heading">{t('admin.app.perClass')}</h2>
          {list.data && (
            <table className="grid compact">
              <thead>
                <tr>
                  <th scope="col">{t('journal.col.class')}</th>
                  <th scope="col" className="num">
                    {t('admin.app.families')}
                  </th>
                  <th scope="col" className="num">
                    {t('admin.app.connectedCount')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.perClass.map((c) => (
                  <tr key={c.classId} data-testid="per-class-row" data-class={c.className}>
                    <th scope="row">{c.className}</th>
                    <td className="num">{c.families}</td>
                    <td className="num strong" data-testid="per-class-connected">
                      {c.connected}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </aside>
      </div>

      {naming && (
        <ApplicationNames
          app={naming}
          manage={manage}
          onClose={() => {
            setNaming(null);
            void list.reload();
          }}
        />
      )}
      {closing && (
        <ReasonDialog
          title={t(closing.status === 'rejected' ? 'admin.app.rejectHeading' : 'admin.app.withdrawHeading', { number: closing.app.number })}
          confirmLabel={closing.status === 'rejected' ? t('admin.app.reject') : t('admin.app.withdraw')}
          danger
          onClose={() => setClosing(null)}
          onConfirm={async (reason) => {
            await call('applications.setStatus', { id: closing.app.id, status: closing.status, reason });
            await list.reload();
          }}
        />
      )}
    </div>
  );
}
