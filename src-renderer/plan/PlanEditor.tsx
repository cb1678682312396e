// One plan in a grid: the rows are edited in place (grid.ts) and saved as a whole; a file can
// replace them (PlanImport). A plan the caller does not teach is shown read only.
import { useEffect, useState } from 'react';
import type { PlanItem, PlanView } from '../../src-shared/rpc/plan';
import { errorText, isSessionError } from '../admin/api';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { checkTopics, fromTopics, isDirty, toInput, totalHours, type DraftTopic } from './grid';
import { forgetOffers } from './offers';
import { PlanImport } from './PlanImport';
import { PlanRows } from './PlanRows';

interface Props {
  item: PlanItem;
  workTypes: { id: number; name: string }[];
  onSaved(): void;
}

export function PlanEditor({ item, workTypes, onSaved }: Props) {
  const { t } = useI18n();
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [rows, setRows] = useState<DraftTopic[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    invoke('plan.get', { subjectId: item.subjectId, grade: item.grade, teacherId: item.teacherId })
      .then((p) => {
        if (!live) return;
        setPlan(p);
        setRows(fromTopics(p.topics));
      })
      .catch((e: unknown) => live && !isSessionError(e) && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [item.subjectId, item.grade, item.teacherId]);

  const shown = (p: PlanView, message: string) => {
    setPlan(p);
    setRows(fromTopics(p.topics));
    setNote(message);
    setError(null);
    forgetOffers();
    onSaved();
  };

  async function save() {
    const topics = toInput(rows);
    if (!topics || busy) return;
    setBusy(true);
    setNote(null);
    try {
      shown(await invoke('plan.save', { subjectId: item.subjectId, grade: item.grade, topics }), t('plan.saved'));
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (!plan) return error ? <FormError error={error} testId="plan-error" /> : <p className="muted">{t('plan.loading')}</p>;
  const readOnly = plan.access !== 'write';
  const problems = checkTopics(rows);
  const dirty = isDirty(rows, plan.topics);

  return (
    <section className="card plan-editor" aria-label={t('plan.title')} data-testid="plan-editor">
      {readOnly && <p className="muted">{t('plan.readOnly')}</p>}
      <PlanRows rows={rows} problems={problems} workTypes={workTypes} readOnly={readOnly} onChange={(r) => (setNote(null), setRows(r))} />
      <p className="muted" data-testid="plan-total">
        {t('plan.total', { topics: rows.length, hours: totalHours(rows) })}
      </p>
      <FormError error={error} testId="plan-error" />
      {!readOnly && (
        <div className="form-actions">
          <button type="button" className="btn primary" disabled={!dirty || problems.size > 0 || busy} onClick={() => void save()} data-testid="plan-save">
            {busy ? t('plan.saving') : t('plan.save')}
          </button>
          {problems.size > 0 && <span className="danger-text">{t('plan.fixFirst', { n: problems.size })}</span>}
          {dirty && problems.size === 0 && <span className="muted">{t('plan.unsaved')}</span>}
          {note && !dirty && (
            <span className="ok-note" role="status" data-testid="plan-saved">
              {note}
            </span>
          )}
        </div>
      )}
      {!readOnly && <PlanImport item={item} onApplied={(p) => shown(p, t('plan.import.applied'))} />}
    </section>
  );
}
