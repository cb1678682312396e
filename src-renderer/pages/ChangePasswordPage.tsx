// Forced password change after a reset: nothing else is reachable until it is done
// (main refuses every non-auth call for such a session anyway).
import { useState, type FormEvent } from 'react';
import { NewPassword } from '../../src-shared/rpc/auth';
import type { Me } from '../app/App';
import { Field, FormError, issuesByField } from '../components/form';
import { useI18n } from '../i18n';
import { invoke, RpcError } from '../rpc/client';

interface Props {
  me: Me;
  onChanged(): void;
  onSignOut(): void;
}

export function ChangePasswordPage({ me, onChanged, onSignOut }: Props) {
  const { t } = useI18n();
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    const e: Record<string, string> = {};
    if (!oldPassword) e.oldPassword = t('field.required');
    if (!NewPassword.safeParse(newPassword).success) e.newPassword = t('password.tooShort');
    if (repeat !== newPassword) e.repeat = t('password.mismatch');
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    setError(null);
    try {
      await invoke('auth.changePassword', { oldPassword, newPassword });
      onChanged();
    } catch (err) {
      if (err instanceof RpcError) {
        setError(err.message);
        setErrors(issuesByField(err));
      } else setError(String(err));
      setBusy(false);
    }
  }

  return (
    <div className="login-screen">
      <div className="login-column">
        <form className="card login-card" onSubmit={submit} noValidate data-testid="change-password-form">
          <h1>{t('change.heading')}</h1>
          <p className="intro">{t('change.intro')}</p>
          <p className="muted">{t('lock.user', { name: me.user.fullName })}</p>
          <FormError error={error} />
          <Field label={t('change.old')} type="password" value={oldPassword} onChange={setOld} error={errors.oldPassword} autoFocus autoComplete="current-password" />
          <Field
            label={t('change.new')}
            type="password"
            value={newPassword}
            onChange={setNew}
            error={errors.newPassword}
            hint={t('setup.passwordHint')}
            autoComplete="new-password"
          />
          <Field label={t('change.repeat')} type="password" value={repeat} onChange={setRepeat} error={errors.repeat} autoComplete="new-password" />
          <div className="form-actions">
            <button className="btn primary" type="submit" disabled={busy}>
              {busy ? t('change.busy') : t('change.submit')}
            </button>
            <button className="btn" type="button" onClick={onSignOut}>
              {t('header.logout')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
