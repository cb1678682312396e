// Academic debts of archived years: the deputy records each one's outcome (the only write into
// an archived year; audited in main).
import { useState } from 'react';
import { FormError } from '../../components/form';
import { errorText, isSessionError } from '../../admin/api';
import { useResource } from '../../admin/ui';
import { shortDate } from '../../format';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';

const PASS = ['3', '4', '5', 'зач'] as const;

export function DebtsPanel() {
  const { t, locale } = useI18n();
  const debts = useResource(() => invoke('rollover.debts', {}), 'rollover-debts');
  const [error, setError] = useState<string | null>(null);
  if (!debts.data || debts.data.debts.length === 0) return null;

  async function set(debtId: number, outcome: 'cleared' | 'not_cleared' | null, mark?: (typeof PASS)[number]) {
    setError(null);
    try {
      await invoke('rollover.setDebtOutcome', { debtId, outcome, ...(mark ? { mark } : {}) });
      await debts.reload();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    }
  }

  return (
    <section aria-labelledby="rollover-debts-heading" data-testid="rollover-debts">
      <h3 id="rollover-debts-heading">{t('rollover.debts.title')}</h3>
      <FormError error={error} testId="rollover-debts-error" />
      <div className="table-scroll">
        <table className="grid">
          <tbody>
            {debts.data.debts.map((d) => (
              <tr key={d.id} data-testid={`rollover-debt-${d.id}`}>
                <th scope="row">
                  {d.pupil} ({d.className}, {d.year})
                </th>
                <td>{d.subject}</td>
                <td>{shortDate(d.deadline, locale)}</td>
                <td>
                  {d.outcome === 'cleared'
                    ? t('rollover.debts.cleared', { mark: d.mark ?? '' })
                    : d.outcome === 'not_cleared'
                      ? t('rollover.debts.notCleared')
                      : t('rollover.debts.open')}
                </td>
                <td>
                  <select
                    aria-label={t('rollover.debts.set')}
                    value=""
                    onChange={(e) => e.target.value && void set(d.id, 'cleared', e.target.value as (typeof PASS)[number])}
                  >
                    <option value="">{t('rollover.debts.set')}</option>
                    {PASS.map((m) => (
                      <option key={m}>{m}</option>
                    ))}
                  </select>{' '}
                  <button type="button" className="btn small" onClick={() => void set(d.id, 'not_cleared')}>
                    {t('rollover.debts.fail')}
                  </button>{' '}
                  {d.outcome && (
                    <button type="button" className="btn small" onClick={() => void set(d.id, null)}>
                      {t('rollover.debts.reset')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
