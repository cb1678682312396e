// «Выгрузка» (issue 5): the outbox queue with each package's state, when the last daily and
// full exports were delivered, a warning when the daily one is late; for the administrator
// also the settings and the «Полная выгрузка» / «Отправить сейчас» buttons. Supervisor and
// director read only (main checks every call again). A full build runs for seconds on a big
// school: while one runs (ours or the scheduled one) the page polls its progress and the
// administrator can cancel it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Role } from '../../src-shared/domain';
import { hasPermission } from '../../src-shared/permissions';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { errorText, isSessionError } from '../admin/api';
import { ResourceState, useResource } from '../admin/ui';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke, RpcError } from '../rpc/client';
import '../styles/export.css';
import { dateTime, kilobytes } from './format';
import { ResultBox } from './ResultBox';
import { StatusBanners } from './StatusBanners';
import { MaskedTexts } from './MaskedTexts';

type Status = MethodOutput<'export.status'>;
type Pkg = Status['queue'][number];
type SyncResult = MethodOutput<'export.sendNow'>;
type Build = NonNullable<Status['build']>;

/** How often a running build's progress is asked for; the build yields every ~20 ms. */
const POLL_MS = 500;

export function ExportPage({ roles }: { roles: readonly Role[] }) {
  const { t, locale } = useI18n();
  const canManage = hasPermission(roles, 'export.manage');
  const status = useResource<Status>(() => invoke('export.status', {}), 'status');
  const reloadStatus = status.reload;
  const [busy, setBusy] = useState<'full' | 'send' | null>(null);
  const [result, setResult] = useState<{ kind: 'full' | 'send'; value: SyncResult } | null>(null);
  const [callError, setCallError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [cancelAsked, setCancelAsked] = useState(false);
  // The build as last polled; undefined until a poll answers, and again after every full
  // status load (that answer is newer than any poll).
  const [polled, setPolled] = useState<Build | null | undefined>(undefined);
  useEffect(() => setPolled(undefined), [status.data]);

  const build = polled !== undefined ? polled : (status.data?.build ?? null);
  const building = busy === 'full' || build !== null;

  // Poll while a build runs; a chain of timeouts, not an interval, so a slow answer on a busy
  // machine never stacks requests. When the build is gone and our click has settled, load the
  // whole status once (the queue now holds the new package, or nothing after a cancel).
  const polling = useRef(false);
  useEffect(() => {
    if (!building) {
      if (polling.current) {
        polling.current = false;
        setCancelAsked(false);
        void reloadStatus();
      }
      return;
    }
    polling.current = true;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const value = await invoke('export.status', {});
        if (!stopped) setPolled(value.build);
      } catch {
        // A lost session is the shell's business; anything else: the next tick asks again.
      }
      if (!stopped) timer = setTimeout(() => void tick(), POLL_MS);
    };
    timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [building, reloadStatus]);

  async function run(kind: 'full' | 'send') {
    setBusy(kind);
    setResult(null);
    setCallError(null);
    setCancelled(false);
    // The bar (and its cancel) shows at once, not after the first poll: the build has started
    // by the time main reads the request, and the next poll brings its real progress.
    if (kind === 'full') setPolled({ kind: 'full', startedAt: new Date().toISOString(), progress: 0, cancelling: false });
    try {
      const value = kind === 'full' ? await invoke('export.runFull', {}) : await invoke('export.sendNow', {});
      setResult({ kind, value });
    } catch (e) {
      // A cancel is the administrator's own choice, not a failure: told plainly, not in red.
      if (e instanceof RpcError && e.code === 'cancelled') setCancelled(true);
      else if (!isSessionError(e)) setCallError(errorText(e));
    } finally {
      setBusy(null);
      // After a full build the polling's end reloads the status.
      if (kind === 'send') void reloadStatus();
    }
  }

  async function cancelBuild() {
    setCancelAsked(true);
    setCallError(null);
    try {
      await invoke('export.cancelBuild', {});
    } catch (e) {
      setCancelAsked(false);
      if (!isSessionError(e)) setCallError(errorText(e));
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
          <StatusBanners status={s} />
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
          <MaskedTexts masked={s.masked} />

          {build && (
            <BuildProgress
              build={build}
              onCancel={canManage ? () => void cancelBuild() : null}
              cancelling={build.cancelling || cancelAsked}
            />
          )}
          {cancelled && (
            <div className="export-banner info" role="status" data-testid="export-build-cancelled">
              {t('export.build.cancelled')}
            </div>
          )}

          {canManage ? (
            <section className="export-actions card" aria-labelledby="export-actions-h">
              <h2 id="export-actions-h">{t('export.actions')}</h2>
              <div className="export-buttons">
                <div>
                  <button
                    type="button"
                    className="btn primary"
                    onClick={() => void run('full')}
                    disabled={busy !== null || building}
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
                    disabled={busy !== null || building}
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

function BuildProgress({ build, onCancel, cancelling }: { build: Build; onCancel: (() => void) | null; cancelling: boolean }) {
  const { t, locale } = useI18n();
  const percent = Math.floor(build.progress * 100);
  return (
    <section className="export-build card" aria-labelledby="export-build-h" data-testid="export-build-progress">
      <div className="export-build-head">
        <h2 id="export-build-h">{t('export.build.title')}</h2>
        <span className="muted">{t('export.build.started', { at: dateTime(build.startedAt, locale) })}</span>
      </div>
      <div className="export-build-row">
        <div
          className="export-build-bar"
          role="progressbar"
          aria-labelledby="export-build-h"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="export-build-fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="export-build-percent" data-testid="export-build-percent">
          {t('export.build.percent', { percent })}
        </span>
        {onCancel && (
          <button type="button" className="btn small" onClick={onCancel} disabled={cancelling} data-testid="export-build-cancel">
            {cancelling ? t('export.build.cancelling') : t('export.build.cancel')}
          </button>
        )}
      </div>
    </section>
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
              {settings.tokenSealed && (
                <span className="tag export-token-set" data-testid="export-token-sealed" title={t('export.tokenSealedHint')}>
                  {t('export.tokenSealed')}
                </span>
              )}
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
