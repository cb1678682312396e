// The deputy's «Открыть для исправления»: a journal, a cell or a pupil's term mark of a closed
// term, with the written reason main requires (at least 5 characters) and audits.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';

export interface ReopenTarget {
  termId: number;
  groupId: number;
  subjectId: number;
  lessonId?: number;
  pupilId?: number;
  /** What is reopened, as the dialog names it. */
  label: string;
}

interface Props {
  target: ReopenTarget;
  onDone(reopened: { id: number; lessonId: number | null; pupilId: number | null; reason: string }): void;
  onClose(): void;
}

export function ReopenDialog({ target, onDone, onClose }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);

  const submit = async () => {
    const text = reason.trim();
    if (text.length < 5) return setError(t('closing.reopen.reasonShort'));
    setBusy(true);
    setError(null);
    const { label: _, ...request } = target;
    try {
      const r = await invoke('terms.reopen', { ...request, reason: text });
      onDone({ id: r.id, lessonId: target.lessonId ?? null, pupilId: target.pupilId ?? null, reason: text });
      ref.current?.close();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="jdialog" aria-labelledby="reopen-title" onClose={onClose} data-testid="reopen-dialog">
      <div className="jdialog-head">
        <h2 id="reopen-title">{t('closing.reopen.title')}</h2>
      </div>
      <p>{target.label}</p>
      <label className="field">
        <span>{t('closing.reopen.reason')}</span>
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={3}
          maxLength={1000}
          autoFocus
          data-testid="reopen-reason"
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="btn primary" onClick={() => void submit()} disabled={busy} data-testid="reopen-confirm">
          {t('closing.reopen.confirm')}
        </button>
        <button type="button" className="btn" onClick={() => ref.current?.close()}>
          {t('closing.reopen.cancel')}
        </button>
      </div>
    </dialog>
  );
}
