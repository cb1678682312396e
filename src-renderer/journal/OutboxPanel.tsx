// Above the grid on a school network client: how many edits wait on this PC for the school
// host, and the edits the host refused when they were sent later (a conflict, a closed term…),
// each with the host's reason and «Понятно» to take it off the list. Never dropped unseen.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { pendingCount, refusedEntries } from './outbox';
import type { OutboxState } from './useOutbox';

export function OutboxPanel({ outbox }: { outbox: OutboxState }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const waiting = pendingCount(outbox.entries);
  const refused = refusedEntries(outbox.entries);
  if (waiting === 0 && refused.length === 0) return null;
  return (
    <section className="joutbox" aria-label={t('journal.outbox.label')} data-testid="outbox-panel">
      {waiting > 0 && (
        <p className="joutbox-wait" role="status" data-testid="outbox-pending">
          {t('journal.outbox.pending', { n: waiting })}
        </p>
      )}
      {refused.length > 0 && (
        <>
          <h3 className="joutbox-title">{t('journal.outbox.refusedTitle')}</h3>
          <ul className="joutbox-list">
            {refused.map((e) => (
              <li key={e.key} data-testid="outbox-refused">
                <span className="joutbox-what">{e.summary}</span>
                <span className="joutbox-why">{e.error?.message}</span>
                <button
                  type="button"
                  disabled={busy === e.key}
                  onClick={() => {
                    setBusy(e.key);
                    void outbox.dismiss(e.key).finally(() => setBusy(null));
                  }}
                >
                  {t('journal.outbox.seen')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
