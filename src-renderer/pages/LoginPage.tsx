// Sign-in screen: language switch, the demo banner with its logins, the login form —
// or, on a real school's first run, the form that creates the administrator.
import { useState, type FormEvent } from 'react';
import { LANGS, useI18n } from '../i18n';
import type { Me, Status } from '../app/App';
import { Field, FormError } from '../components/form';
import { invoke, RpcError } from '../rpc/client';
import { SetupForm } from './SetupForm';

interface Props {
  status: Status | null;
  /** Why we are here (session ended, account locked), from the server. */
  notice: string | null;
  onSignedIn(token: string, me: Me): void;
  onStatusChange(status: Status): void;
}

export function LoginPage({ status, notice, onSignedIn, onStatusChange }: Props) {
  const { t } = useI18n();
  const needsSetup = status?.needsSetup === true;
  return (
    <div className="login-screen">
      <div className="login-column">
        <div className="login-top">
          <div>
            <div className="app-name">{t('app.title')}</div>
            {status?.schoolName && (
              <div className="school-name" data-testid="login-school">
                {status.schoolName}
              </div>
            )}
          </div>
          <LanguageSwitch />
        </div>
        {needsSetup ? (
          <SetupForm onSignedIn={onSignedIn} onStatusChange={onStatusChange} />
        ) : (
          <LoginForm notice={notice} onSignedIn={onSignedIn} demoLogins={status?.demo ? status.demoLogins : []} />
        )}
      </div>
    </div>
  );
}

function LanguageSwitch() {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')} data-testid="lang-switch">
      {LANGS.map((l) => (
        <button
          key={l}
          type="button"
          className={l === lang ? 'lang active' : 'lang'}
          aria-pressed={l === lang}
          lang={l}
          onClick={() => setLang(l)}
          data-testid={`lang-${l}`}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </div>
  );
}

interface LoginFormProps {
  notice: string | null;
  demoLogins: Status['demoLogins'];
  onSignedIn(token: string, me: Me): void;
}

function LoginForm({ notice, demoLogins, onSignedIn }: LoginFormProps) {
  const { t } = useI18n();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(notice);
  const [missing, setMissing] = useState<{ login?: boolean; password?: boolean }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    const miss = { login: !login.trim(), password: !password };
    setMissing(miss);
    if (miss.login || miss.password) return;
    setBusy(true);
    setError(null);
    try {
      const r = await invoke('auth.login', { login: login.trim(), password });
      onSignedIn(r.token, { user: r.user, idleLockMinutes: r.idleLockMinutes });
    } catch (err) {
      // The server's own words: "Неверный логин или пароль", the lockout with its minutes…
      setError(err instanceof RpcError ? err.message : String(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <>
      <form className="card login-card" onSubmit={submit} noValidate data-testid="login-form">
        <h1>{t('login.heading')}</h1>
        <FormError error={error} testId="login-error" />
        <Field
          label={t('login.login')}
          value={login}
          onChange={setLogin}
          autoComplete="username"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          name="login"
          data-testid="login-input"
          error={missing.login ? t('field.required') : null}
        />
        <Field
          label={t('login.password')}
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          name="password"
          data-testid="password-input"
          error={missing.password ? t('field.required') : null}
        />
        <button className="btn primary wide" type="submit" disabled={busy} data-testid="login-submit">
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      {demoLogins.length > 0 && (
        <section className="card demo-banner" data-testid="demo-banner" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('login.demoBanner')}</h2>
          <p>{t('login.demoIntro')}</p>
          <table className="demo-logins">
            <thead>
              <tr>
                <th scope="col">{t('login.demoLogin')}</th>
                <th scope="col">{t('login.demoPassword')}</th>
                <th scope="col">{t('login.demoRole')}</th>
              </tr>
            </thead>
            <tbody>
              {demoLogins.map((d) => (
                <tr key={d.login}>
                  <td>
                    <button
                      type="button"
                      className="link"
                      title={t('login.demoUse', { login: d.login })}
                      onClick={() => {
                        setLogin(d.login);
                        setPassword(d.password);
                      }}
                      data-testid={`demo-login-${d.login}`}
                    >
                      {d.login}
                    </button>
                  </td>
                  <td>
                    <code>{d.password}</code>
                  </td>
                  <td>{d.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
