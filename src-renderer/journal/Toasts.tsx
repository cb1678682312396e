// Short messages over the journal: refusals from main (in its Russian words) and notes such as
// "the mark was recorded as make-up work". Errors stay longer and are announced assertively.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

const LIFETIME_MS = { error: 9000, info: 4000 } as const;
const MAX_SHOWN = 3;

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const timers = useRef(new Set<number>());
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((x) => x.id !== id)), []);
  const notify = useCallback(
    (kind: Toast['kind'], text: string) => {
      const id = ++seq.current;
      // The same message again replaces the old one instead of stacking copies.
      setToasts((ts) => [...ts.filter((x) => x.text !== text), { id, kind, text }].slice(-MAX_SHOWN));
      const timer = window.setTimeout(() => {
        timers.current.delete(timer);
        dismiss(id);
      }, LIFETIME_MS[kind]);
      timers.current.add(timer);
    },
    [dismiss],
  );
  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((tm) => window.clearTimeout(tm));
  }, []);
  return { toasts, notify, dismiss };
}

export function Toasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss(id: number): void }) {
  const { t } = useI18n();
  return (
    <div className="toasts">
      <div aria-live="assertive" role="alert" className="toast-stack">
        {toasts
          .filter((x) => x.kind === 'error')
          .map((x) => (
            <div key={x.id} className="toast error" data-testid="toast-error">
              <span>{x.text}</span>
              <button type="button" className="toast-x" aria-label={t('journal.toast.close')} onClick={() => onDismiss(x.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
      <div aria-live="polite" className="toast-stack">
        {toasts
          .filter((x) => x.kind === 'info')
          .map((x) => (
            <div key={x.id} className="toast info" data-testid="toast-info">
              <span>{x.text}</span>
              <button type="button" className="toast-x" aria-label={t('journal.toast.close')} onClick={() => onDismiss(x.id)}>
                ×
              </button>
            </div>
          ))}
      </div>
    </div>
  );
}
