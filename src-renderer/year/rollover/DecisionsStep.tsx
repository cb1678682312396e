// Step 2: a decision per pupil, defaulted from the year marks; the class of the new year and,
// for a conditional promotion, the subjects in debt with their deadline. One old class at a time.
import { useState } from 'react';
import type { Decision, RolloverPlan } from '../../../src-shared/rpc/rollover';
import { classKey, isFailing } from '../../../src-shared/rollover/rules';
import { SelectField } from '../../admin/ui';
import { useI18n } from '../../i18n';
import { DECISIONS, setDebtDeadline, setDecision, toggleDebt, updatePupil, type Draft } from './wizard';

interface Props {
  draft: Draft;
  plan: RolloverPlan;
  onChange(plan: RolloverPlan): void;
}

export function DecisionsStep({ draft, plan, onChange }: Props) {
  const { t } = useI18n();
  const [cls, setCls] = useState(draft.oldClasses[0]?.name ?? '');
  const targets = plan.classes.map((c) => classKey(c.grade, c.letter));
  const classOptions = [{ value: '', label: t('rollover.noClass') }, ...targets.map((k) => ({ value: k, label: k }))];
  const rows = draft.pupils.filter((p) => p.fromClass === cls);
  const byId = new Map(plan.pupils.map((p) => [p.pupilId, p]));
  const subjectName = new Map(draft.subjects.map((s) => [s.id, s.name]));
  const deadline = `${draft.newYear.startsOn.slice(0, 4)}-10-15`;

  return (
    <div data-testid="rollover-decisions">
      <p className="muted">{t('rollover.rule')}</p>
      <SelectField
        label={t('rollover.filterClass')}
        value={cls}
        onChange={setCls}
        options={draft.oldClasses.map((c) => ({ value: c.name, label: c.name }))}
        data-testid="rollover-decisions-class"
      />
      <div className="table-scroll">
        <table className="grid" data-testid="rollover-decisions-table">
          <thead>
            <tr>
              <th scope="col">{t('rollover.col.pupil')}</th>
              <th scope="col">{t('rollover.col.marks')}</th>
              <th scope="col">{t('rollover.col.decision')}</th>
              <th scope="col">{t('rollover.col.toClass')}</th>
              <th scope="col">{t('rollover.col.debts')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((src) => {
              const p = byId.get(src.pupilId)!;
              return (
                <tr key={src.pupilId} data-testid={`rollover-pupil-${src.pupilId}`}>
                  <th scope="row">{src.name}</th>
                  <td>
                    {src.yearMarks.map((m) => (
                      <span key={m.subjectId} className={isFailing(m.value) ? 'mark-failing' : ''} title={m.subjectName}>
                        {m.subjectName.slice(0, 4)}: {m.value ?? '—'}{' '}
                      </span>
                    ))}
                  </td>
                  <td>
                    <select
                      aria-label={`${t('rollover.col.decision')}: ${src.name}`}
                      value={p.decision}
                      onChange={(e) => onChange(setDecision(plan, draft, src.pupilId, e.target.value as Decision))}
                      data-testid="rollover-decision"
                    >
                      {DECISIONS.map((d) => (
                        <option key={d} value={d}>
                          {t(`rollover.decision.${d}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`${t('rollover.col.toClass')}: ${src.name}`}
                      value={p.toClass ?? ''}
                      onChange={(e) => onChange(updatePupil(plan, src.pupilId, { toClass: e.target.value || null }))}
                      data-testid="rollover-to-class"
                    >
                      {classOptions.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {p.decision === 'conditional' && (
                      <>
                        {src.yearMarks.map((m) => (
                          <label key={m.subjectId} className="check-inline">
                            <input
                              type="checkbox"
                              checked={p.debts.some((d) => d.subjectId === m.subjectId)}
                              onChange={() => onChange(toggleDebt(plan, src.pupilId, m.subjectId, p.debts[0]?.deadline ?? deadline))}
                            />
                            {subjectName.get(m.subjectId)}
                          </label>
                        ))}
                        <label className="check-inline">
                          {t('rollover.deadline')}{' '}
                          <input
                            type="date"
                            value={p.debts[0]?.deadline ?? deadline}
                            onChange={(e) => onChange(setDebtDeadline(plan, src.pupilId, e.target.value))}
                          />
                        </label>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
