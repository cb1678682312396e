// Builds a report for the screen and downloads it as PDF / XLSX: the one action bar every
// report tab uses. `request` null (or `problem` set) disables the buttons and says why.
import { useEffect, useState } from 'react';
import type { Report, ReportFormat } from '../../src-shared/reports/model';
import type { ReportRequest } from '../../src-shared/reports/requests';
import { errorText, isSessionError } from '../admin/api';
import { FormError } from '../components/form';
import { saveFile } from '../control/download';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { ReportView } from './ReportView';

export interface ReportRunnerProps {
  request: ReportRequest | null;
  /** A problem with the choice, already in words: shown instead of building. */
  problem?: string | null;
}

export function ReportRunner({ request, problem = null }: ReportRunnerProps) {
  const { t } = useI18n();
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState<'build' | ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(request);
  // A shown report belongs to its request: another choice hides it until built again.
  useEffect(() => setReport(null), [key]);

  async function run(what: 'build' | ReportFormat) {
    if (!request) return;
    setBusy(what);
    setError(null);
    try {
      if (what === 'build') setReport(await invoke('reports.build', { request }));
      else saveFile(await invoke('reports.file', { request, format: what }));
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(null);
    }
  }

  const off = !request || !!problem || busy !== null;
  return (
    <div className="report-runner">
      <div className="form-actions">
        <button type="button" className="btn primary" disabled={off} onClick={() => void run('build')} data-testid="report-build">
          {t('reports.build')}
        </button>
        <button type="button" className="btn" disabled={off} onClick={() => void run('pdf')} data-testid="report-pdf">
          PDF
        </button>
        <button type="button" className="btn" disabled={off} onClick={() => void run('xlsx')} data-testid="report-xlsx">
          XLSX
        </button>
      </div>
      {problem && (
        <p className="field-error" data-testid="report-problem">
          {problem}
        </p>
      )}
      {busy && (
        <p className="muted" aria-busy="true">
          {t('reports.preparing')}
        </p>
      )}
      <FormError error={error} testId="report-error" />
      {report && <ReportView report={report} />}
    </div>
  );
}
