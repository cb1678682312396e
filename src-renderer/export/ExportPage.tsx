// «Выгрузка» (issue 5): the outbox queue with each package's state, when the last daily and
// full exports were delivered, a warning when the daily one is late; for the administrator
// also the settings and the «Полная выгрузка» / «Отправить сейчас» buttons. Supervisor and
// director read only (main checks every call again).
import { useEffect, useState, type FormEvent } from 'react';
import type { Role } from '../../src-shared/domain';
import { hasPermission } from '../../src-shared/permissions';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { errorText, isSessionError } from '../admin/api';
import { ResourceState, useResource } from '../admin/ui';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import '../styles/export.css';
import { dateTime, kilobytes } from './format';

type Status = MethodOutput<'export.status'>;
type Pkg = Status['queue'][number];
type SyncResult = MethodOutput<'export.sendNow'>;

export function ExportPage({ roles }: { roles: readonly Role[] }) {
  const { t, locale } = useI18n();
  const canManage = hasPermission(roles, 'export.manage');
  const status = useResource<Status>(() => invoke('export.status', {}), 'status');
  const [busy, setBusy] = useState<'full' | 'send' | null>(null);
  const [result, setResult] = useState<{ kind: 'full' | 'send'; value: SyncResult } | null>(null);
  const [callError, setCallError] = useState<string | null>(null);

  async function run(kind: 'full' | 'send') {
    setBusy(kind);
    setResult(null);
    setCallError(null);
    try {
      const value = kind === 'full' ? await invoke('export.runFull', {}) : await invoke('export.sendNow', {});
      setResult({ kind, value });
    } catch (e) {
      if (!isSessionError(e)) setCallError(errorText(e));
    } finally {
      setBusy(null);
      void status.reload();
    }
  }

  const s = status.data;
  const configured = !!s && s.settings.url !== '' && s.settings.tokenSet;

  return (
    <div className="export" data-testid="export-page">
      <div className="export-head">
        <h1>{t('export.title')}</h1>
        <button
          type="button"
          className="btn small"
          onClick={() => void status.reload()}
          disabled={status.loading}
          data-testid="export-refresh"
        >
          {t('export.refresh')}
        </button>
      </div>
      <p className="muted">{t('export.intro')}</p>
      {!s && <ResourceState resource={status} testId="export-load-error" />}
      {s && (
        <>
          {s.dailyLate && (
            <div className="export-banner danger" role="alert" data-testid="export-late">
              {t('export.late')}
            </div>
          )}
          {!configured && (
            <div className="export-banner warn" data-testid="export-not-configured">
              {t('export.notConfigured')}
            </div>
          )}
          <dl className="export-last">
            <div>
              <dt>{t('export.lastDaily')}</dt>
              <dd data-testid="export-last-daily">{s.lastDailyDone ? dateTime(s.lastDailyDone, locale) : t('export.never')}</dd>
            </div>
            <div>
              <dt>{t('export.lastFull')}</dt>
              <dd data-testid="export-last-full">{s.lastFullDone ? dateTime(s.lastFullDone, locale) : t('export.never')}</dd>
            </div>
          </dl>

          {canManage ? (
            <section className="export-actions card" aria-labelledby="export-actions-h">
              <h2 id="export-actions-h">{t('export.actions')}</h2>
              <div className="export-buttons">
                <div>
                  <button
                    type="button"
                    className="btn primary"
                    onClick={() => void run('full')}
                    disabled={busy !== null}
                    aria-busy={busy === 'full'}
                    data-testid="export-run-full"
                  >
                    {t('export.runFull')}
                  </button>
                  <div className="field-hint">{t('export.runFullHint')}</div>
                </div>
                <div>
                  <button
                    type="button"
                    className="btn"
                    onClick={() => void run('send')}
                    disabled={busy !== null}
                    aria-busy={busy === 'send'}
                    data-testid="export-send-now"
                  >
                    {t('export.sendNow')}
                  </button>
                  <div className="field-hint">{t('export.sendNowHint')}</div>
                </div>
              </div>
              {busy && (
                <div className="export-busy" role="status" aria-live="polite" data-testid="export-busy">
                  <span className="export-spinner" aria-hidden="true" />
                  {busy === 'full' ? t('export.busyFull') : t('export.busySend')}
                </div>
              )}
              <FormError error={callError} testId="export-call-error" />
              {result && <ResultBox value={result.value} />}
            </section>
          ) : (
            <p className="muted" data-testid="export-read-only">
              {t('export.readOnly')}{' '}
              {t('export.settingsView', {
                url: s.settings.url || t('export.urlEmpty'),
                dailyAt: s.settings.dailyAt,
                fullDay: s.settings.fullDay,
              })}
            </p>
          )}

          <section aria-labelledby="export-queue-h">
            <h2 id="export-queue-h">{t('export.queue')}</h2>
            {s.queue.length === 0 ? (
              <p className="muted" data-testid="export-queue-empty">
                {t('export.queueEmpty')}
              </p>
            ) : (
              <QueueTable queue={s.queue} />
            )}
          </section>

          {canManage && <SettingsForm settings={s.settings} onSaved={() => void status.reload()} />}
        </>
      )}
    </div>
  );
}

function ResultBox({ value }: { value: SyncResult }) {
  const { t, locale } = useI18n();
  const { package: pkg, sync, error } = value;
  // An unreachable portal comes back either as the call's error or as the queue's wait.
  const unreachable = error ?? (sync?.waiting && pkg?.state !== 'done' ? sync.waiting.error : null);
  const failed = !!unreachable || pkg?.state === 'refused';
  return (
    <div className={failed ? 'export-result bad' : 'export-result good'} role="status" data-testid="export-result">
      {unreachable && <p data-testid="export-result-error">{t('export.result.unreachable', { error: unreachable })}</p>}
      {!unreachable && pkg === null && <p>{t('export.result.nothing')}</p>}
      {!unreachable && pkg?.state === 'done' && <p>{t('export.result.done')}</p>}
      {pkg?.state === 'refused' && (
        <p>
          {t('export.result.refused')} {pkg.lastError}
        </p>
      )}
      {!unreachable && pkg && (pkg.state === 'queued' || pkg.state === 'sending') && <p>{t('export.result.queued')}</p>}
      {sync && (
        <p className="muted">{t('export.result.sent', { sent: sync.sent, done: sync.done.length, refused: sync.refused.length })}</p>
      )}
      {sync?.waiting && (
        <p className="muted" data-testid="export-result-waiting">
          {t('export.result.waiting', { at: dateTime(sync.waiting.nextAttemptAt, locale) })}
        </p>
      )}
    </div>
  );
}

function QueueTable({ queue }: { queue: Pkg[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-scroll">
      <table className="grid export-queue" data-testid="export-queue">
        <thead>
          <tr>
            <th scope="col">{t('export.col.kind')}</th>
            <th scope="col">{t('export.col.created')}</th>
            <th scope="col" className="num">
              {t('export.col.size')}
            </th>
            <th scope="col">{t('export.col.state')}</th>
            <th scope="col" className="num">
              {t('export.col.attempts')}
            </th>
            <th scope="col">{t('export.col.error')}</th>
            <th scope="col">{t('export.col.next')}</th>
          </tr>
        </thead>
        <tbody>
          {queue.map((p) => (
            <tr key={p.id} data-testid="export-row" data-state={p.state} data-kind={p.kind} title={p.id}>
              <td>{t(`export.kind.${p.kind}`)}</td>
              <td className="nowrap">{dateTime(p.createdAt, locale)}</td>
              <td className="num">{kilobytes(p.size, locale)}</td>
              <td>
                <span className={`export-state ${p.state}`} data-testid="export-state">
                  {t(`export.state.${p.state}`)}
                </span>
                {p.state === 'done' && p.doneAt && <div className="muted small-text">{dateTime(p.doneAt, locale)}</div>}
              </td>
              <td className="num">{p.attempts}</td>
              <td className="export-error-cell" data-testid="export-last-error">
                {p.lastError ?? ''}
              </td>
              <td className="nowrap">{p.state === 'queued' || p.state === 'sending' ? dateTime(p.nextAttemptAt, locale) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SettingsForm({ settings, onSaved }: { settings: Status['settings']; onSaved(): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState(settings.url);
  const [token, setToken] = useState('');
  const [dailyAt, setDailyAt] = useState(settings.dailyAt);
  const [fullDay, setFullDay] = useState(String(settings.fullDay));
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A reload after someone else's change shows the stored values (the key never comes back).
  useEffect(() => {
    setUrl(settings.url);
    setDailyAt(settings.dailyAt);
    setFullDay(String(settings.fullDay));
  }, [settings.url, settings.dailyAt, settings.fullDay]);

  // "Сохранено" belongs to the values saved, not to the ones being typed.
  const edit =
    (set: (v: string) => void) =>
    (v: string): void => {
      set(v);
      setSaved(false);
    };

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      await invoke('export.configure', {
        url: url.trim(),
        dailyAt,
        fullDay: Number(fullDay),
        ...(token ? { token } : {}),
      });
      setToken('');
      setSaved(true);
      onSaved();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="card export-settings" aria-labelledby="export-settings-h">
      <h2 id="export-settings-h">{t('export.settings')}</h2>
      <form onSubmit={(e) => void submit(e)} data-testid="export-settings-form" noValidate>
        <div className="export-form-grid">
          <div className="field">
            <label htmlFor="export-url">{t('export.url')}</label>
            <input
              id="export-url"
              type="url"
              value={url}
              onChange={(e) => edit(setUrl)(e.target.value)}
              placeholder="https://"
              autoComplete="off"
              spellCheck={false}
              data-testid="export-url"
            />
            <div className="field-hint">{t('export.urlHint')}</div>
          </div>
          <div className="field">
            <label htmlFor="export-token">
              {t('export.token')}{' '}
              <span className={settings.tokenSet ? 'tag export-token-set' : 'tag export-token-unset'} data-testid="export-token-state">
                {settings.tokenSet ? t('export.tokenSet') : t('export.tokenUnset')}
              </span>
            </label>
            <input
              id="export-token"
              type="password"
              value={token}
              onChange={(e) => edit(setToken)(e.target.value)}
              placeholder={settings.tokenSet ? '••••••••' : ''}
              autoComplete="new-password"
              data-testid="export-token"
            />
            <div className="field-hint">{t('export.tokenHint')}</div>
          </div>
          <div className="field">
            <label htmlFor="export-daily">{t('export.dailyAt')}</label>
            <input
              id="export-daily"
              type="time"
              value={dailyAt}
              onChange={(e) => edit(setDailyAt)(e.target.value)}
              data-testid="export-daily-at"
            />
          </div>
          <div className="field">
            <label htmlFor="export-fullday">{t('export.fullDay')}</label>
            <input
              id="export-fullday"
              type="number"
              min={1}
              max={28}
              value={fullDay}
              onChange={(e) => edit(setFullDay)(e.target.value)}
              data-testid="export-full-day"
            />
            <div className="field-hint">{t('export.fullDayHint')}</div>
          </div>
        </div>
        <FormError error={error} testId="export-settings-error" />
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={saving} data-testid="export-save">
            {saving ? t('export.saving') : t('export.save')}
          </button>
          {saved && (
            <span className="ok-text" role="status" data-testid="export-saved">
              {t('export.saved')}
            </span>
          )}
        </div>
      </form>
    </section>
  );
}
