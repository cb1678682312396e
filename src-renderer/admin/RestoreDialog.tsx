// The restore's confirmation: says what will be lost and what happens after, and asks the
// administrator to type a word, so neither Enter nor a stray click can replace the database.
// The server asks for confirm: true as well and backs up the current state first.
import { useId, useState, type FormEvent } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText, isSessionError } from './api';
import { backupWhen, confirmMatches, CONFIRM_WORD, type Backup } from './backups';
import { Dialog } from './ui';

export interface RestoreDone {
  restoredFrom: string;
  safetyBackup: string;
}

export function RestoreDialog({ backup, onClose, onDone }: { backup: Backup; onClose(): void; onDone(r: RestoreDone): void }) {
  const { t, locale } = useI18n();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const when = backupWhen(backup.at, locale);
  const ready = confirmMatches(typed) && !busy;

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await invoke('backup.restore', { name: backup.name, confirm: true }));
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('backup.dialog.title')} onClose={onClose} testId="restore-dialog">
      <form onSubmit={submit} noValidate>
        <p>
          <strong>{t('backup.dialog.what', { name: backup.name, when })}</strong>
        </p>
        <p>{t('backup.dialog.lose', { when })}</p>
        <p>{t('backup.dialog.safety')}</p>
        <p>{t('backup.dialog.sessions')}</p>
        <p>{t('backup.dialog.portal', { when })}</p>
        <FormError error={error} testId="restore-error" />
        <div className="field">
          <label htmlFor={id}>{t('backup.dialog.type', { word: CONFIRM_WORD })}</label>
          <input
            id={id}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            data-testid="restore-confirm-input"
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="btn danger" disabled={!ready} data-testid="restore-confirm">
            {t('backup.dialog.confirm')}
          </button>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
