// After a successful rollover: «Сформировать архив года» starts the archive of the year just
// closed (the server's default: the year archived last) and opens the archive tab, which
// follows the running job (archive.status reports it).
import { useState } from 'react';
import { FormError } from '../../components/form';
import { errorText, isSessionError } from '../../admin/api';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';

export function ArchiveOffer() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      await invoke('archive.start', {});
      window.location.hash = '#/year?tab=archive';
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="rollover-archive-offer">
      <p className="muted">{t('rollover.done.archiveHint')}</p>
      <button type="button" className="btn primary" disabled={busy} onClick={() => void start()} data-testid="rollover-archive">
        {t('rollover.done.archive')}
      </button>
      <FormError error={error} testId="rollover-archive-error" />
    </div>
  );
}
