// A new check: the month (or any dates) and the scope; «Проверить» runs every rule and opens
// the new draft check. A whole-school month takes a second or two on a big school.
import { useState, type FormEvent } from 'react';
import type { CheckScope } from '../../src-shared/check/rules';
import { errorText, isSessionError } from '../admin/api';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useControl } from './context';
import { defaultMonth, defaultPeriod, monthPeriod, periodProblem, type Period } from './period';
import { EMPTY_SCOPE } from './scope';
import { ScopePicker } from './ScopePicker';

export function NewCheckForm({ onCreated, onCancel }: { onCreated(id: number): void; onCancel(): void }) {
  const { t } = useI18n();
  const { today } = useControl();
  const [month, setMonth] = useState(() => defaultMonth(today));
  const [period, setPeriod] = useState<Period>(() => defaultPeriod(today));
  const [scope, setScope] = useState<CheckScope>(EMPTY_SCOPE);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function pickMonth(value: string) {
    setMonth(value);
    const p = monthPeriod(value, today);
    if (p) setPeriod(p);
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    const problem = periodProblem(period, today);
    if (problem) return setError(t(`check.period.${problem}`));
    setBusy(true);
    setError(null);
    try {
      const { checkId } = await invoke('checks.run', { from: period.from, to: period.to, scope });
      onCreated(checkId);
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <form className="card control-new" onSubmit={submit} noValidate data-testid="new-check-form">
      <h2>{t('check.new')}</h2>
      <p className="muted small-print">{t('check.period.hint')}</p>
      <div className="control-row">
        <label className="field">
          <span>{t('check.month')}</span>
          <input type="month" value={month} max={today.slice(0, 7)} onChange={(e) => pickMonth(e.target.value)} data-testid="check-month" />
        </label>
        <label className="field">
          <span>{t('check.from')}</span>
          <input type="date" value={period.from} max={today} onChange={(e) => setPeriod({ ...period, from: e.target.value })} data-testid="check-from" />
        </label>
        <label className="field">
          <span>{t('check.to')}</span>
          <input type="date" value={period.to} max={today} onChange={(e) => setPeriod({ ...period, to: e.target.value })} data-testid="check-to" />
        </label>
      </div>
      <ScopePicker scope={scope} onChange={setScope} />
      <FormError error={error} testId="new-check-error" />
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} aria-busy={busy} data-testid="check-run">
          {busy ? t('check.running') : t('check.run')}
        </button>
        <button type="button" className="btn" onClick={onCancel} disabled={busy}>
          {t('admin.cancel')}
        </button>
      </div>
    </form>
  );
}
