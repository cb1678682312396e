// One check: what it covered, its counts, «Проверить снова» and «Выдать замечания» while a
// draft, then the findings, the check's remarks (with her own) and the report.
import { useState } from 'react';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { errorText, isSessionError } from '../admin/api';
import { ResourceState, useResource } from '../admin/ui';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { CheckRemarks } from './CheckRemarks';
import { useControl } from './context';
import { FindingsPanel } from './FindingsPanel';
import { periodText } from './period';
import { ReportPanel } from './ReportPanel';
import { ScopeLine } from './ScopeLine';

export type CheckData = MethodOutput<'checks.get'>;

export function CheckView({ checkId, onChanged }: { checkId: number; onChanged(): void }) {
  const { t } = useI18n();
  const { canWrite } = useControl();
  const data = useResource(() => invoke('checks.get', { checkId, dismissed: true }), `check-${checkId}`);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function act(run: () => Promise<string | null>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      setNotice(await run());
      await data.reload();
      onChanged();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const reload = () => act(async () => null);

  if (!data.data) return <ResourceState resource={data} />;
  const { check, findings, remarks } = data.data;
  const draft = check.status === 'draft';
  const drafts = remarks.filter((r) => r.state === 'draft').length;

  return (
    <div className="control-check" data-testid="check-view" data-check-id={check.id}>
      <div className="card control-summary" data-testid="check-summary">
        <h2>
          {t('check.heading', { period: periodText(check) })}{' '}
          <span className={`badge state-${check.status}`} data-testid="check-status">
            {t(`check.status.${check.status}`)}
          </span>
        </h2>
        <ScopeLine scope={check.scope} />
        <p>
          {t('check.counts', { error: check.findings.error, warning: check.findings.warning, info: check.findings.info, dismissed: check.dismissed })}
        </p>
        {check.portalNote && <p className="muted" data-testid="check-portal-note">{check.portalNote}</p>}
        {canWrite && draft && (
          <div className="form-actions">
            <button type="button" className="btn" disabled={busy} onClick={() => act(async () => (await invoke('checks.rerun', { checkId }), t('check.rerunDone')))} data-testid="check-rerun">
              {t('check.rerun')}
            </button>
            <button
              type="button"
              className="btn primary"
              disabled={busy || drafts === 0}
              title={drafts === 0 ? t('check.issueNothing') : undefined}
              onClick={() => act(async () => t('check.issued', { n: (await invoke('checks.issue', { checkId })).issued }))}
              data-testid="check-issue"
            >
              {t('check.issue', { n: drafts })}
            </button>
          </div>
        )}
        <FormError error={error} testId="check-error" />
        {notice && <p role="status" className="control-notice" data-testid="check-notice">{notice}</p>}
      </div>
      <FindingsPanel findings={findings} onChanged={reload} />
      <CheckRemarks checkId={check.id} remarks={remarks} onChanged={reload} />
      <ReportPanel check={check} remarks={remarks} onSaved={reload} />
    </div>
  );
}
