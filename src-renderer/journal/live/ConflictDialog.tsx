// Someone else changed what the teacher just edited: both values side by side, and the choice.
// «Оставить моё» sends the teacher's value again on the current version; «Взять текущее» keeps
// what is there now (already on the grid). A native modal <dialog>: focus stays inside it.
import { useEffect, useRef } from 'react';
import type { JournalView } from '../../../src-shared/rpc/journal';
import { useI18n } from '../../i18n';
import { conflictRows, type Conflict } from './conflicts';

interface Props {
  conflict: Conflict;
  view: JournalView;
  teachers: { id: number; name: string }[] | null;
  onKeepMine(): void;
  onTakeCurrent(): void;
}

export function ConflictDialog({ conflict, view, teachers, onKeepMine, onTakeCurrent }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const rows = conflictRows(conflict, {
    workType: (id) => view.workTypes.find((w) => w.id === id)?.name ?? `#${id}`,
    teacher: (id) => teachers?.find((x) => x.id === id)?.name ?? `#${id}`,
  });
  const empty = t('journal.conflict.empty');
  return (
    <dialog
      ref={ref}
      className="jdialog jconflict"
      aria-labelledby="conflict-title"
      // Escape keeps what is there now: the safe choice, nothing is sent.
      onClose={onTakeCurrent}
      data-testid="conflict-dialog"
    >
      <div className="jdialog-head">
        <h2 id="conflict-title">{t('journal.conflict.title')}</h2>
      </div>
      <p role="alert">{conflict.message}</p>
      <table className="grid jconflict-values">
        <tbody>
          {rows.map((r) => (
            <tr key={r.field}>
              {r.field !== 'value' && <th scope="row">{t(`journal.conflict.field.${r.field}`)}</th>}
              <td data-testid="conflict-mine">
                {t('journal.conflict.mine')}: <b>{r.mine || empty}</b>
              </td>
              <td data-testid="conflict-current">
                {t('journal.conflict.current')}: <b>{r.current || empty}</b>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button type="button" className="btn primary" onClick={onKeepMine} data-testid="conflict-keep-mine">
          {t('journal.conflict.keepMine')}
        </button>
        <button type="button" className="btn" onClick={() => ref.current?.close()} autoFocus data-testid="conflict-take-current">
          {t('journal.conflict.takeCurrent')}
        </button>
      </div>
    </dialog>
  );
}
