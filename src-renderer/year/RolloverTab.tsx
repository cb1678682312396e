// Перевод учебного года: a wizard in five steps (preconditions, decisions per pupil, the new
// classes, the calendar and drafts, preview → apply → done with undo), and the academic debts.
// The plan lives here; each step edits it through the pure functions of rollover/wizard.ts.
import { useState } from 'react';
import type { Role } from '../../src-shared/domain';
import type { RolloverPlan } from '../../src-shared/rpc/rollover';
import { ResourceState, useResource } from '../admin/ui';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { AppliedNotice, ApplyStep, type Applied } from './rollover/ApplyStep';
import { CalendarStep } from './rollover/CalendarStep';
import { ClassesStep } from './rollover/ClassesStep';
import { DebtsPanel } from './rollover/DebtsPanel';
import { DecisionsStep } from './rollover/DecisionsStep';
import { LastRollover } from './rollover/LastRollover';
import { PreconditionsStep } from './rollover/PreconditionsStep';
import { planFromDraft, STEPS, type Draft, type Step } from './rollover/wizard';
import '../styles/rollover.css';

export function RolloverTab({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  void roles;
  const check = useResource(() => invoke('rollover.check', {}), 'rollover-check');
  const [step, setStep] = useState<Step>('preconditions');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [plan, setPlan] = useState<RolloverPlan | null>(null);
  const [applied, setApplied] = useState<Applied | null>(null);

  async function loadDraft(): Promise<void> {
    if (draft) return;
    const d = await invoke('rollover.draft', {});
    setDraft(d);
    setPlan(planFromDraft(d));
  }

  if (!check.data) return <ResourceState resource={check} />;
  const c = check.data;
  const index = STEPS.indexOf(step);
  const go = async (to: Step) => {
    if (to !== 'preconditions') await loadDraft();
    setStep(to);
  };

  return (
    <section aria-labelledby="rollover-heading" data-testid="rollover-tab">
      <div className="section-head">
        <h2 id="rollover-heading">{t('rollover.title')}</h2>
        {c.year && <span className="muted">{t('rollover.intro', { year: draft?.newYear.label ?? '' })}</span>}
      </div>
      {applied && <AppliedNotice done={applied} />}
      {c.last && <LastRollover last={c.last} onChanged={() => void check.reload()} />}
      {!c.year && <p className="muted">{t('rollover.noYear')}</p>}
      {c.year && !applied && (
        <>
          <ol className="rollover-steps" aria-label={t('rollover.title')}>
            {STEPS.map((s) => (
              <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'active' : ''}>
                {t(`rollover.step.${s}`)}
              </li>
            ))}
          </ol>
          {step === 'preconditions' && <PreconditionsStep check={c} onRecheck={() => check.reload()} />}
          {step === 'decisions' && draft && plan && <DecisionsStep draft={draft} plan={plan} onChange={setPlan} />}
          {step === 'classes' && draft && plan && <ClassesStep draft={draft} plan={plan} onChange={setPlan} />}
          {step === 'calendar' && plan && <CalendarStep plan={plan} />}
          {step === 'apply' && plan && (
            <ApplyStep
              plan={plan}
              ready={c.ok}
              onApplied={(done) => {
                setApplied(done);
                void check.reload();
              }}
            />
          )}
          <div className="form-actions">
            {index > 0 && (
              <button type="button" className="btn" onClick={() => void go(STEPS[index - 1]!)} data-testid="rollover-back">
                {t('rollover.back')}
              </button>
            )}
            {index < STEPS.length - 1 && (
              <button type="button" className="btn primary" onClick={() => void go(STEPS[index + 1]!)} data-testid="rollover-next">
                {t('rollover.next')}
              </button>
            )}
          </div>
        </>
      )}
      <DebtsPanel />
    </section>
  );
}
