// Remarks grouped by state (overdue and fixed first: what needs the deputy), each with its
// teacher, place (a link into the journal), text, deadline, the teacher's answer and the
// deputy's buttons for its state: verify, reopen (reason and new deadline), delete a draft.
import { useState } from 'react';
import type { RemarkView } from '../../src-shared/rpc/check';
import { numericDate } from '../admin/api';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useControl } from './context';
import { remarkHref } from '../remarks/remarks';
import { groupByState, isLate, remarkActions } from './remarks';
import { ReopenDialog } from './ReopenDialog';

export function RemarkList({ remarks, onChanged, onError }: { remarks: readonly RemarkView[]; onChanged(): Promise<void>; onError(e: unknown): void }) {
  const { t } = useI18n();
  const { canWrite, today } = useControl();
  const [reopening, setReopening] = useState<RemarkView | null>(null);
  const [busy, setBusy] = useState(false);

  async function act(fn: () => Promise<unknown>) {
    setBusy(true);
    try {
      await fn();
      await onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }

  if (remarks.length === 0) return <p className="muted">{t('check.noRemarks')}</p>;
  return (
    <div data-testid="remark-list">
      {groupByState(remarks).map((g) => (
        <section key={g.state} className="control-state" data-testid={`remarks-${g.state}`}>
          <h3>
            {t(`check.state.${g.state}`)} <span className="muted">({g.remarks.length})</span>
          </h3>
          <ul className="control-remarks">
            {g.remarks.map((r) => {
              const href = remarkHref(r);
              return (
                <li key={r.id} data-testid={`control-remark-${r.id}`} data-state={r.state} className={isLate(r, today) ? 'late' : undefined}>
                  <div>
                    <strong>{r.teacherName}</strong>
                    {r.groupName && <span className="muted"> · {[r.groupName, r.subjectName].filter(Boolean).join(', ')}</span>}
                    {r.rule && <span className="badge">{r.rule}</span>}
                    <span className="muted"> · {t('check.until', { date: numericDate(r.deadline) })}</span>
                    {r.fixedBy === 'recheck' && <span className="badge">{t('check.fixedByRecheck')}</span>}
                  </div>
                  <div>{href ? <a href={href}>{r.text}</a> : r.text}</div>
                  {r.reply && <div className="muted" data-testid="remark-reply-text">{t('check.reply', { text: r.reply })}</div>}
                  {canWrite && (
                    <div className="form-actions">
                      {remarkActions(r.state).map((a) => (
                        <button
                          key={a}
                          type="button"
                          className={a === 'verify' ? 'btn small primary' : 'btn small'}
                          disabled={busy}
                          data-testid={`remark-${a}`}
                          onClick={() =>
                            a === 'reopen'
                              ? setReopening(r)
                              : void act(() => (a === 'verify' ? invoke('remarks.verify', { remarkId: r.id, version: r.version }) : invoke('remarks.delete', { remarkId: r.id })))
                          }
                        >
                          {t(`check.action.${a}`)}
                        </button>
                      ))}
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {reopening && <ReopenDialog remark={reopening} onClose={() => setReopening(null)} onDone={onChanged} />}
    </div>
  );
}
