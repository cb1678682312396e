// The report «Справка по итогам проверки…»: the deputy's conclusions and the re-check date
// (saved on the check, guarded by its version), the PDF and XLSX downloads, and one teacher's
// one-page list of remarks.
import { useState } from 'react';
import type { RemarkView } from '../../src-shared/rpc/check';
import { errorText, isSessionError } from '../admin/api';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import type { CheckData } from './CheckView';
import { useControl } from './context';
import { saveFile } from './download';
import { remarkTeachers } from './remarks';

export function ReportPanel({ check, remarks, onSaved }: { check: CheckData['check']; remarks: readonly RemarkView[]; onSaved(): Promise<void> }) {
  const { t } = useI18n();
  const { canWrite } = useControl();
  const [conclusions, setConclusions] = useState(check.conclusions);
  const [recheckOn, setRecheckOn] = useState(check.recheckOn ?? '');
  const [teacherId, setTeacherId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const teachers = remarkTeachers(remarks);
  const dirty = conclusions !== check.conclusions || recheckOn !== (check.recheckOn ?? '');

  async function run(what: string, fn: () => Promise<void>) {
    setBusy(what);
    setError(null);
    try {
      await fn();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const save = () =>
    run('save', async () => {
      await invoke('checks.setReport', { checkId: check.id, conclusions, recheckOn: recheckOn || null, version: check.version });
      await onSaved();
    });

  return (
    <section className="card" data-testid="check-report">
      <h2>{t('check.report')}</h2>
      <label className="field">
        <span>{t('check.conclusions')}</span>
        <textarea value={conclusions} onChange={(e) => setConclusions(e.target.value)} rows={5} readOnly={!canWrite} data-testid="report-conclusions" />
      </label>
      <label className="field">
        <span>{t('check.recheckOn')}</span>
        <input type="date" value={recheckOn} onChange={(e) => setRecheckOn(e.target.value)} readOnly={!canWrite} data-testid="report-recheck-on" />
      </label>
      <div className="form-actions">
        {canWrite && (
          <button type="button" className="btn primary" disabled={!dirty || busy !== null} onClick={() => void save()} data-testid="report-save">
            {t('check.saveReport')}
          </button>
        )}
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void run('pdf', async () => saveFile(await invoke('checkReport.pdf', { checkId: check.id })))} data-testid="report-pdf">
          {t('check.downloadPdf')}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void run('xlsx', async () => saveFile(await invoke('checkReport.xlsx', { checkId: check.id })))} data-testid="report-xlsx">
          {t('check.downloadXlsx')}
        </button>
      </div>
      {dirty && <p className="muted small-print">{t('check.reportUnsaved')}</p>}
      {teachers.length > 0 && (
        <div className="admin-toolbar">
          <label className="inline-field">
            <span>{t('check.teacherList')}</span>
            <select value={teacherId ?? ''} onChange={(e) => setTeacherId(Number(e.target.value) || null)} data-testid="report-teacher">
              <option value="">—</option>
              {teachers.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn"
            disabled={!teacherId || busy !== null}
            onClick={() => void run('list', async () => saveFile(await invoke('checkReport.teacherList', { checkId: check.id, teacherId: teacherId! })))}
            data-testid="report-teacher-pdf"
          >
            {t('check.downloadPdf')}
          </button>
        </div>
      )}
      {busy && busy !== 'save' && <p className="muted" aria-busy="true">{t('check.preparing')}</p>}
      <FormError error={error} testId="report-error" />
    </section>
  );
}
