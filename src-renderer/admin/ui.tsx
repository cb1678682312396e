// Small building blocks of the administration screens: data loading, modal dialogs, a reason
// prompt, labelled selects and check boxes, the one-time password box.
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type SelectHTMLAttributes } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { errorText, isSessionError } from './api';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): Promise<void>;
}

/** Loads with `fn` now and whenever `key` changes; keeps the last data while reloading. */
export function useResource<T>(fn: () => Promise<T>, key: string): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await fnRef.current();
      if (mine !== seq.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine !== seq.current || isSessionError(e)) return;
      setError(errorText(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  return { data, error, loading, reload };
}

/** A resource's error with a retry button, or the loading line; null once there is data. */
export function ResourceState({ resource, testId }: { resource: Resource<unknown>; testId?: string }) {
  const { t } = useI18n();
  if (resource.error)
    return (
      <div className="admin-load-error">
        <FormError error={resource.error} testId={testId ?? 'load-error'} />
        <button type="button" className="btn small" onClick={() => void resource.reload()}>
          {t('app.retry')}
        </button>
      </div>
    );
  if (!resource.data)
    return (
      <p className="muted" aria-busy="true">
        {t('app.loading')}
      </p>
    );
  return null;
}

/** A modal <dialog>: focus stays inside, Escape closes it. */
export function Dialog({ title, onClose, children, testId }: { title: string; onClose(): void; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="admin-dialog"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}

/** Asks for a reason (disabling an account, rejecting an application) and runs the action. */
export function ReasonDialog({
  title,
  text,
  confirmLabel,
  danger,
  onConfirm,
  onClose,
  testId = 'reason-dialog',
}: {
  title: string;
  text?: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(reason: string): Promise<void>;
  onClose(): void;
  testId?: string;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    if (reason.trim().length < 3) return setError(t('admin.reasonRequired'));
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
      onClose();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <form onSubmit={submit} noValidate>
        {text && <p>{text}</p>}
        <FormError error={error} testId="reason-error" />
        <div className="field">
          <label htmlFor={id}>{t('admin.reason')}</label>
          <textarea id={id} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} autoFocus data-testid="reason-input" />
        </div>
        <div className="form-actions">
          <button type="submit" className={danger ? 'btn danger' : 'btn primary'} disabled={busy} data-testid="reason-confirm">
            {confirmLabel}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value'> {
  label: string;
  value: string;
  onChange(value: string): void;
  options: readonly Option[];
  error?: string | null;
}

export function SelectField({ label, value, onChange, options, error, className, ...rest }: SelectProps) {
  const id = useId();
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

export function Check({
  label,
  checked,
  onChange,
  testId,
  disabled,
  className,
}: {
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  testId?: string;
  disabled?: boolean;
  className?: string;
}) {
  return (
    <label className={className ? `check ${className}` : 'check'}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} disabled={disabled} />
      <span>{label}</span>
    </label>
  );
}

/** The one-time password after creating an account or resetting it: shown once, never again. */
export function OneTimePassword({ name, login, password, onDone }: { name: string; login: string; password: string; onDone(): void }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="one-time card" role="status" data-testid="one-time-password">
      <h2>{t('admin.otp.heading')}</h2>
      <p>{t('admin.otp.text', { name })}</p>
      <dl className="otp-values">
        <dt>{t('admin.staff.login')}</dt>
        <dd data-testid="otp-login">{login}</dd>
        <dt>{t('admin.otp.password')}</dt>
        <dd className="otp-password" data-testid="temp-password">
          {password}
        </dd>
      </dl>
      <p className="muted">{t('admin.otp.once')}</p>
      <div className="form-actions">
        <button
          type="button"
          className="btn small"
          onClick={() => {
            void navigator.clipboard?.writeText(password).then(
              () => setCopied(true),
              () => {},
            );
          }}
        >
          {copied ? t('admin.otp.copied') : t('admin.otp.copy')}
        </button>
        <button type="button" className="btn small primary" onClick={onDone} data-testid="otp-done" autoFocus>
          {t('admin.otp.done')}
        </button>
      </div>
    </div>
  );
}
