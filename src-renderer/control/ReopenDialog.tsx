// Returning a fixed or overdue remark to the teacher: why, and by when (default: today + the
// school's remark days).
import { useState, type FormEvent } from 'react';
import type { RemarkView } from '../../src-shared/rpc/check';
import { errorText, isSessionError } from '../admin/api';
import { Dialog } from '../admin/ui';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useControl } from './context';
import { defaultDeadline } from './remarks';

export function ReopenDialog({ remark, onClose, onDone }: { remark: RemarkView; onClose(): void; onDone(): Promise<void> }) {
  const { t } = useI18n();
  const { today, remarkDays } = useControl();
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState(() => defaultDeadline(today, remarkDays));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    if (reason.trim().length < 3) return setError(t('admin.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      await invoke('remarks.reopen', { remarkId: remark.id, reason: reason.trim(), deadline, version: remark.version });
      await onDone();
      onClose();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('check.reopenTitle')} onClose={onClose} testId="reopen-dialog">
      <form onSubmit={submit} noValidate>
        <p>{remark.text}</p>
        <FormError error={error} testId="reopen-error" />
        <label className="field">
          <span>{t('admin.reason')}</span>
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} autoFocus data-testid="reopen-reason" />
        </label>
        <label className="field">
          <span>{t('check.deadline')}</span>
          <input type="date" value={deadline} min={today} onChange={(e) => setDeadline(e.target.value)} data-testid="reopen-deadline" />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={busy} data-testid="reopen-confirm">
            {t('check.action.reopen')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
