// The last rollover and its undo while allowed: the pre-rollover backup is restored, every
// session ends, and the shell shows the login screen on the next call.
import { useState } from 'react';
import { FormError } from '../../components/form';
import { errorText, isSessionError } from '../../admin/api';
import { instant } from '../../format';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import type { Check } from './wizard';

export function LastRollover({ last, onChanged }: { last: NonNullable<Check['last']>; onChanged(): void }) {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [undone, setUndone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function undo() {
    if (!window.confirm(t('rollover.undo.confirm', { backup: last.backupFile }))) return;
    setBusy(true);
    setError(null);
    try {
      const r = await invoke('rollover.undo', { rolloverId: last.id, confirm: true });
      setUndone(r.restoredFrom);
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      onChanged();
    } finally {
      setBusy(false);
    }
  }

  if (undone) {
    // auth.me answers unauthenticated (the restore ended every session): the shell signs out.
    const signIn = () => void invoke('auth.me', {}).catch(() => undefined);
    return (
      <div role="status" data-testid="rollover-undone">
        <p>{t('rollover.undone', { name: undone })}</p>
        <button type="button" className="btn primary" onClick={signIn}>
          {t('backup.done.signIn')}
        </button>
      </div>
    );
  }
  return (
    <div className="rollover-last" data-testid="rollover-last">
      <p>{t('rollover.last', { from: last.fromYear, to: last.toYear, at: instant(last.appliedAt, locale) })}</p>
      {last.undoable ? (
        <button type="button" className="btn" disabled={busy} onClick={() => void undo()} data-testid="rollover-undo">
          {t('rollover.undo')}
        </button>
      ) : (
        <p className="muted" data-testid="rollover-undo-closed">
          {t('rollover.undo.closed')}
        </p>
      )}
      <FormError error={error} testId="rollover-undo-error" />
    </div>
  );
}
