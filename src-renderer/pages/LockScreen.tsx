// The idle lock: the journal is hidden until the same user's password is entered again.
// Wrong passwords count towards the account lockout on the server, like at sign-in.
import { useState, type FormEvent } from 'react';
import type { Me } from '../app/App';
import { Field, FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke, RpcError } from '../rpc/client';

interface Props {
  /** Unknown after a reload of a locked window: auth.me is refused while locked. */
  me: Me | null;
  onUnlocked(): void;
  onSignOut(): void;
}

export function LockScreen({ me, onUnlocked, onSignOut }: Props) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    setMissing(!password);
    if (!password) return;
    setBusy(true);
    setError(null);
    try {
      await invoke('auth.unlock', { password });
      onUnlocked();
    } catch (err) {
      setError(err instanceof RpcError ? err.message : String(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <div className="login-screen locked">
      <div className="login-column">
        <form className="card login-card" onSubmit={submit} noValidate data-testid="lock-screen">
          <h1>{t('lock.heading')}</h1>
          <p className="intro">{t('lock.intro')}</p>
          {me && <p className="muted">{t('lock.user', { name: me.user.fullName })}</p>}
          <FormError error={error} testId="unlock-error" />
          <Field
            label={t('lock.password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoFocus
            autoComplete="current-password"
            data-testid="unlock-password"
            error={missing ? t('field.required') : null}
          />
          <div className="form-actions">
            <button className="btn primary" type="submit" disabled={busy} data-testid="unlock-submit">
              {busy ? t('lock.busy') : t('lock.submit')}
            </button>
            <button className="btn" type="button" onClick={onSignOut} data-testid="lock-logout">
              {t('lock.logout')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
