// First run of a real school: create the administrator (there are no default passwords),
// then sign in with the same credentials.
import { useState, type FormEvent } from 'react';
import { Login, NewPassword } from '../../src-shared/rpc/auth';
import type { Me, Status } from '../app/App';
import { Field, FormError, issuesByField } from '../components/form';
import { useI18n } from '../i18n';
import { invoke, RpcError } from '../rpc/client';

interface Props {
  onSignedIn(token: string, me: Me): void;
  onStatusChange(status: Status): void;
}

type Key = 'surname' | 'name' | 'patronymic' | 'login' | 'password' | 'password2';

export function SetupForm({ onSignedIn, onStatusChange }: Props) {
  const { t } = useI18n();
  const [v, setV] = useState<Record<Key, string>>({ surname: '', name: '', patronymic: '', login: '', password: '', password2: '' });
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: Key) => (value: string) => setV((old) => ({ ...old, [k]: value }));

  function validate(): Partial<Record<Key, string>> {
    const e: Partial<Record<Key, string>> = {};
    if (!v.surname.trim()) e.surname = t('field.required');
    if (!v.name.trim()) e.name = t('field.required');
    if (!v.login.trim()) e.login = t('field.required');
    else if (!Login.safeParse(v.login).success) e.login = t('setup.loginHint');
    if (!NewPassword.safeParse(v.password).success) e.password = t('password.tooShort');
    if (v.password2 !== v.password) e.password2 = t('password.mismatch');
    return e;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    setError(null);
    try {
      const login = v.login.trim();
      await invoke('auth.setup', {
        login,
        password: v.password,
        surname: v.surname.trim(),
        name: v.name.trim(),
        ...(v.patronymic.trim() ? { patronymic: v.patronymic.trim() } : {}),
      });
      const r = await invoke('auth.login', { login, password: v.password });
      invoke('auth.status', {}).then(onStatusChange, () => {});
      onSignedIn(r.token, { user: r.user, idleLockMinutes: r.idleLockMinutes });
    } catch (err) {
      if (err instanceof RpcError) {
        setError(err.message);
        setErrors(issuesByField(err) as Partial<Record<Key, string>>);
        // Someone else finished the set-up meanwhile: show the ordinary login form.
        if (err.code === 'conflict') invoke('auth.status', {}).then(onStatusChange, () => {});
      } else setError(String(err));
      setBusy(false);
    }
  }

  return (
    <form className="card login-card" onSubmit={submit} noValidate data-testid="setup-form">
      <h1>{t('setup.heading')}</h1>
      <p className="intro">{t('setup.intro')}</p>
      <FormError error={error} />
      <Field label={t('setup.surname')} value={v.surname} onChange={set('surname')} error={errors.surname} autoFocus autoComplete="family-name" />
      <Field label={t('setup.name')} value={v.name} onChange={set('name')} error={errors.name} autoComplete="given-name" />
      <Field label={t('setup.patronymic')} value={v.patronymic} onChange={set('patronymic')} error={errors.patronymic} autoComplete="additional-name" />
      <Field
        label={t('setup.login')}
        value={v.login}
        onChange={set('login')}
        error={errors.login}
        hint={t('setup.loginHint')}
        autoComplete="username"
        autoCapitalize="off"
        spellCheck={false}
      />
      <Field
        label={t('setup.password')}
        type="password"
        value={v.password}
        onChange={set('password')}
        error={errors.password}
        hint={t('setup.passwordHint')}
        autoComplete="new-password"
      />
      <Field label={t('setup.password2')} type="password" value={v.password2} onChange={set('password2')} error={errors.password2} autoComplete="new-password" />
      <button className="btn primary wide" type="submit" disabled={busy} data-testid="setup-submit">
        {busy ? t('setup.busy') : t('setup.submit')}
      </button>
    </form>
  );
}
