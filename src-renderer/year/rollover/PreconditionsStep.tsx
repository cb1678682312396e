// Step 1: the preconditions with what is missing, and the backup the deputy can make here.
import { useState } from 'react';
import { FormError } from '../../components/form';
import { errorText, isSessionError } from '../../admin/api';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import type { Check } from './wizard';

export function PreconditionsStep({ check, onRecheck }: { check: Check; onRecheck(): Promise<void> }) {
  const { t } = useI18n();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function backup() {
    setBusy(true);
    setError(null);
    try {
      const r = await invoke('rollover.backup', {});
      setNotice(t('rollover.pre.backupMade', { name: r.name }));
      await onRecheck();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="rollover-preconditions">
      <ul className="rollover-checks">
        {check.preconditions.map((p) => (
          <li key={p.key} className={p.ok ? 'ok' : 'warning'} data-testid={`rollover-pre-${p.key}`} data-ok={p.ok}>
            <strong>{t(`rollover.pre.${p.key}`)}</strong> — {p.ok ? t('rollover.pre.ok') : t('rollover.pre.missing', { count: p.count })}
            {p.examples.length > 0 && (
              <ul>
                {p.examples.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            )}
            {p.key === 'freshBackup' && !p.ok && (
              <button type="button" className="btn small" disabled={busy} onClick={() => void backup()} data-testid="rollover-backup">
                {t('rollover.pre.makeBackup')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {notice && <p role="status">{notice}</p>}
      <FormError error={error} testId="rollover-pre-error" />
      {!check.ok && <p className="muted">{t('rollover.pre.blocked')}</p>}
      <button type="button" className="btn" onClick={() => void onRecheck()} data-testid="rollover-recheck">
        {t('rollover.recheck')}
      </button>
    </div>
  );
}
