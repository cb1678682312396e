// The check's findings: filtered, grouped by rule or teacher, each linking into the journal.
// The deputy dismisses false ones with a reason and turns the chosen ones into remarks (one per
// finding, to the finding's teacher, with a deadline — drafts until the check is issued).
import { useMemo, useState } from 'react';
import type { FindingView } from '../../src-shared/check/rules';
import { errorText, isSessionError } from '../admin/api';
import { ReasonDialog } from '../admin/ui';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useControl } from './context';
import { FindingFilters } from './FindingFilters';
import { FindingGroupList } from './FindingGroupList';
import { canRemark, filterFindings, groupFindings, NO_FILTER, type GroupBy } from './findings';
import { defaultDeadline } from './remarks';

export function FindingsPanel({ findings, onChanged }: { findings: readonly FindingView[]; onChanged(): Promise<void> }) {
  const { t } = useI18n();
  const { canWrite, today, remarkDays } = useControl();
  const [filter, setFilter] = useState(NO_FILTER);
  const [groupBy, setGroupBy] = useState<GroupBy>('rule');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dismissing, setDismissing] = useState<FindingView | null>(null);
  const [deadline, setDeadline] = useState(() => defaultDeadline(today, remarkDays));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const groups = useMemo(() => groupFindings(filterFindings(findings, filter), groupBy, t('check.nobody')), [findings, filter, groupBy, t]);
  // Only what can still become a remark counts: a finding dismissed or remarked meanwhile drops out.
  const chosen = findings.filter((f) => selected.has(f.id) && canRemark(f)).map((f) => f.id);

  function select(ids: number[], on: boolean) {
    const next = new Set(selected);
    for (const id of ids) if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  async function run(fn: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
      await onChanged();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const makeRemarks = () =>
    run(async () => {
      await invoke('remarks.fromFindings', { findingIds: chosen, deadline });
      setSelected(new Set());
    });

  return (
    <section className="card" data-testid="findings">
      <h2>{t('check.findings')}</h2>
      <FindingFilters findings={findings} filter={filter} onFilter={setFilter} groupBy={groupBy} onGroupBy={setGroupBy} />
      {groups.length === 0 && <p className="muted">{t('check.noFindings')}</p>}
      {groups.map((g) => (
        <FindingGroupList
          key={`${groupBy}-${g.key}`}
          group={g}
          selected={selected}
          onSelect={select}
          canWrite={canWrite}
          onDismiss={setDismissing}
          onRestore={(f) => void run(() => invoke('checks.restore', { findingId: f.id }))}
        />
      ))}
      {canWrite && (
        <div className="admin-toolbar control-make" data-testid="make-remarks">
          <label className="inline-field">
            <span>{t('check.deadline')}</span>
            <input type="date" value={deadline} min={today} onChange={(e) => setDeadline(e.target.value)} data-testid="findings-deadline" />
          </label>
          <button type="button" className="btn primary" disabled={busy || chosen.length === 0} onClick={() => void makeRemarks()} data-testid="findings-make-remarks">
            {t('check.makeRemarks', { n: chosen.length })}
          </button>
        </div>
      )}
      <FormError error={error} testId="findings-error" />
      {dismissing && (
        <ReasonDialog
          title={t('check.dismissTitle')}
          text={dismissing.text}
          confirmLabel={t('check.dismiss')}
          onConfirm={async (reason) => {
            await invoke('checks.dismiss', { findingId: dismissing.id, reason });
            await onChanged();
          }}
          onClose={() => setDismissing(null)}
          testId="dismiss-dialog"
        />
      )}
    </section>
  );
}
