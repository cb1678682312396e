// Step 5: the preview (errors, counts per class), the council's decision number and date, and
// the apply; then what was done.
import { useState } from 'react';
import type { RolloverPlan } from '../../../src-shared/rpc/rollover';
import { Field, FormError } from '../../components/form';
import { errorText, isSessionError } from '../../admin/api';
import { ResourceState } from '../../admin/ui';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { ArchiveOffer } from './ArchiveOffer';
import { usePreview } from './usePreview';

export type Applied = Awaited<ReturnType<typeof invoke<'rollover.apply'>>> & { year: string };

export function ApplyStep({ plan, ready, onApplied }: { plan: RolloverPlan; ready: boolean; onApplied(done: Applied): void }) {
  const { t } = useI18n();
  const preview = usePreview(plan);
  const [number, setNumber] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function apply() {
    setBusy(true);
    setError(null);
    try {
      const r = await invoke('rollover.apply', { plan, councilNumber: number, councilDate: date });
      onApplied({ ...r, year: preview.data?.newYear.label ?? '' });
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (!preview.data) return <ResourceState resource={preview} />;
  const p = preview.data;
  return (
    <div data-testid="rollover-apply-step">
      {p.errors.length > 0 && (
        <div className="form-error" role="alert" data-testid="rollover-preview-errors">
          {t('rollover.preview.errors')}
          <ul>
            {p.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <p data-testid="rollover-preview-counts">{t('rollover.preview.counts', { ...p.counts, debts: p.debts })}</p>
      <div className="table-scroll">
        <table className="grid" data-testid="rollover-preview-table">
          <thead>
            <tr>
              <th scope="col">{t('rollover.col.class')}</th>
              <th scope="col">{t('rollover.col.teacher')}</th>
              <th scope="col">{t('rollover.col.pupils')}</th>
              <th scope="col">{t('rollover.col.groups')}</th>
              <th scope="col">{t('rollover.col.loads')}</th>
              <th scope="col">{t('rollover.col.timetable')}</th>
            </tr>
          </thead>
          <tbody>
            {p.classes.map((c) => (
              <tr key={c.key}>
                <th scope="row">{c.key}</th>
                <td>{c.classTeacher ?? '—'}</td>
                <td>{c.pupils}</td>
                <td>{c.groups}</td>
                <td>{c.loads}</td>
                <td>{c.timetableEntries}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        <Field label={t('rollover.council.number')} value={number} onChange={setNumber} required maxLength={40} data-testid="rollover-council-number" />
        <Field label={t('rollover.council.date')} type="date" value={date} onChange={setDate} required data-testid="rollover-council-date" />
        <FormError error={error} testId="rollover-apply-error" />
        {busy && <p aria-busy="true">{t('rollover.applying')}</p>}
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={busy || !ready || p.errors.length > 0} data-testid="rollover-apply">
            {t('rollover.apply')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** What the rollover did: the new year, the backup to undo with, the full export. */
export function AppliedNotice({ done }: { done: Applied }) {
  const { t } = useI18n();
  return (
    <div role="status" data-testid="rollover-done">
      <p>{t('rollover.done', { year: done.year, backup: done.backupFile })}</p>
      <p>{done.exportError ? t('rollover.done.exportFailed', { error: done.exportError }) : t('rollover.done.export')}</p>
      <ArchiveOffer />
    </div>
  );
}
