// «Замечания»: every remark of the year (or of one check) by state, with «Повторная проверка»:
// the rules of the unverified remarks run again now (gone → fixed, still there after the
// deadline → overdue), for the chosen check or for every issued one.
import { useState } from 'react';
import type { RemarkState } from '../../src-shared/rpc/check';
import { errorText, isSessionError } from '../admin/api';
import { ResourceState, useResource } from '../admin/ui';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useControl } from './context';
import { periodText } from './period';
import { RemarkList } from './RemarkList';
import { STATE_ORDER } from './remarks';

export function RemarksTab({ checkId, onSelect }: { checkId: number | null; onSelect(id: number | null): void }) {
  const { t } = useI18n();
  const { canWrite } = useControl();
  const [state, setState] = useState<RemarkState | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const checks = useResource(() => invoke('checks.list', {}), 'checks');
  const remarks = useResource(
    () => invoke('remarks.list', { ...(checkId ? { checkId } : {}), ...(state ? { state } : {}) }),
    `${checkId ?? ''}|${state}`,
  );

  async function recheck() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const ids = checkId ? [checkId] : (checks.data ?? []).filter((c) => c.status === 'issued').map((c) => c.id);
      const sum = { fixed: 0, overdue: 0, unchanged: 0 };
      for (const id of ids) {
        const r = await invoke('remarks.recheck', { checkId: id });
        sum.fixed += r.fixed;
        sum.overdue += r.overdue;
        sum.unchanged += r.unchanged;
      }
      setNotice(t('check.recheckDone', sum));
      await remarks.reload();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section data-testid="remarks-tab">
      <div className="admin-toolbar">
        <label className="inline-field">
          <span>{t('check.pick')}</span>
          <select value={checkId ?? ''} onChange={(e) => onSelect(Number(e.target.value) || null)} data-testid="remarks-check">
            <option value="">{t('check.allChecks')}</option>
            {(checks.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {periodText(c)} · {t(`check.status.${c.status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('check.filter.state')}</span>
          <select value={state} onChange={(e) => setState(e.target.value as RemarkState | '')} data-testid="remarks-state">
            <option value="">{t('check.filter.all')}</option>
            {STATE_ORDER.map((s) => (
              <option key={s} value={s}>
                {t(`check.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {canWrite && (
          <button type="button" className="btn" disabled={busy} onClick={() => void recheck()} data-testid="remarks-recheck">
            {t('check.recheck')}
          </button>
        )}
      </div>
      <FormError error={error} testId="remarks-tab-error" />
      {notice && <p role="status" className="control-notice" data-testid="recheck-notice">{notice}</p>}
      {!remarks.data && <ResourceState resource={remarks} />}
      {remarks.data && <RemarkList remarks={remarks.data} onChanged={remarks.reload} onError={(e) => !isSessionError(e) && setError(errorText(e))} />}
    </section>
  );
}
