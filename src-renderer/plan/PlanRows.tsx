// The plan's topics as an editable table: topic, hours, control work type, and buttons to
// move a row up or down, insert one below, or remove it. Edits go through grid.ts.
import type { DraftProblem, DraftTopic } from './grid';
import { addTopic, moveTopic, removeTopic, updateTopic } from './grid';
import { useI18n } from '../i18n';

interface Props {
  rows: DraftTopic[];
  problems: Map<number, DraftProblem[]>;
  workTypes: { id: number; name: string }[];
  readOnly: boolean;
  onChange(rows: DraftTopic[]): void;
}

export function PlanRows({ rows, problems, workTypes, readOnly, onChange }: Props) {
  const { t } = useI18n();
  const typeName = (id: number | null) => workTypes.find((w) => w.id === id)?.name ?? t('plan.noControl');
  return (
    <>
      <div className="table-scroll tall">
        <table className="grid compact plan-grid" data-testid="plan-grid">
          <thead>
            <tr>
              <th scope="col" className="num">{t('plan.col.n')}</th>
              <th scope="col">{t('plan.col.topic')}</th>
              <th scope="col" className="num">{t('plan.col.hours')}</th>
              <th scope="col">{t('plan.col.control')}</th>
              {!readOnly && <th scope="col">{t('plan.col.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const p = problems.get(i) ?? [];
              const n = i + 1;
              return (
                <tr key={r.key} data-testid="plan-row" className={p.length ? 'plan-bad' : undefined}>
                  <td className="num">{n}</td>
                  {readOnly ? (
                    <>
                      <td>{r.topic}</td>
                      <td className="num">{r.hours}</td>
                      <td>{typeName(r.workTypeId)}</td>
                    </>
                  ) : (
                    <>
                      <td>
                        <input
                          className="plan-topic"
                          value={r.topic}
                          maxLength={500}
                          aria-label={`${t('plan.col.topic')} ${n}`}
                          aria-invalid={p.includes('empty') || undefined}
                          title={p.includes('empty') ? t('plan.err.empty') : undefined}
                          onChange={(e) => onChange(updateTopic(rows, i, { topic: e.target.value }))}
                          data-testid="plan-topic"
                        />
                      </td>
                      <td className="num">
                        <input
                          className="plan-hours"
                          inputMode="numeric"
                          value={r.hours}
                          aria-label={`${t('plan.col.hours')} ${n}`}
                          aria-invalid={p.includes('hours') || undefined}
                          title={p.includes('hours') ? t('plan.err.hours') : undefined}
                          onChange={(e) => onChange(updateTopic(rows, i, { hours: e.target.value }))}
                          data-testid="plan-hours"
                        />
                      </td>
                      <td>
                        <select
                          value={r.workTypeId ?? ''}
                          aria-label={`${t('plan.col.control')} ${n}`}
                          onChange={(e) => onChange(updateTopic(rows, i, { workTypeId: e.target.value ? Number(e.target.value) : null }))}
                          data-testid="plan-control"
                        >
                          <option value="">{t('plan.noControl')}</option>
                          {workTypes.map((w) => (
                            <option key={w.id} value={w.id}>
                              {w.name}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="actions plan-actions">
                        <button type="button" className="btn small" disabled={i === 0} onClick={() => onChange(moveTopic(rows, i, -1))} aria-label={`${t('plan.up')} ${n}`} data-testid="plan-up">↑</button>
                        <button type="button" className="btn small" disabled={i === rows.length - 1} onClick={() => onChange(moveTopic(rows, i, 1))} aria-label={`${t('plan.down')} ${n}`} data-testid="plan-down">↓</button>
                        <button type="button" className="btn small" onClick={() => onChange(addTopic(rows, i))} aria-label={`${t('plan.insertBelow')} ${n}`} data-testid="plan-insert">+</button>
                        <button type="button" className="btn small danger-outline" onClick={() => onChange(removeTopic(rows, i))} aria-label={`${t('plan.remove')} ${n}`} data-testid="plan-remove">×</button>
                      </td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="muted">{t('plan.empty')}</p>}
      {!readOnly && (
        <button type="button" className="btn" onClick={() => onChange(addTopic(rows))} data-testid="plan-add">
          {t('plan.add')}
        </button>
      )}
    </>
  );
}
