// Резервные копии: the copies in the backup folder, a copy now, the second folder (another
// disk or a USB drive), recent backup events, and restore (RestoreDialog).
import { useState } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText, isSessionError } from './api';
import { backupWhen, formatSize, type Backup, type BackupList } from './backups';
import { MirrorForm } from './MirrorForm';
import { RestoreDialog, type RestoreDone } from './RestoreDialog';
import { Dialog, ResourceState, useResource } from './ui';

export function BackupsTab() {
  const { t, locale } = useI18n();
  const list = useResource(() => invoke('backup.list', {}), 'backups');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const [done, setDone] = useState<RestoreDone | null>(null);

  async function makeNow() {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await invoke('backup.create', {});
      setNotice(t(r.mirror === 'failed' ? 'backup.madeMirrorFailed' : 'backup.made', { name: r.name }));
      await list.reload();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
      await list.reload();
    } finally {
      setBusy(false);
    }
  }

  if (done) return <RestoredNotice done={done} />;
  if (!list.data) return <ResourceState resource={list} />;
  const data = list.data;
  return (
    <section aria-labelledby="backups-heading" data-testid="backups-tab">
      <div className="section-head">
        <h2 id="backups-heading">{t('backup.heading')}</h2>
        <span className="muted">{t('backup.intro')}</span>
      </div>
      <p className="muted" data-testid="backup-dir">
        {t('backup.folder', { dir: data.dir })}
      </p>
      <div className="admin-toolbar">
        <button type="button" className="btn primary" onClick={() => void makeNow()} disabled={busy} data-testid="backup-now">
          {t('backup.makeNow')}
        </button>
        {notice && (
          <span role="status" data-testid="backup-notice">
            {notice}
          </span>
        )}
      </div>
      <FormError error={error} testId="backup-error" />
      {data.backups.length === 0 ? (
        <p className="muted">{t('backup.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid" data-testid="backup-list">
            <thead>
              <tr>
                <th scope="col">{t('backup.col.when')}</th>
                <th scope="col">{t('backup.col.kind')}</th>
                <th scope="col">{t('backup.col.size')}</th>
                <th scope="col">{t('backup.col.name')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {data.backups.map((b) => (
                <tr key={b.name} data-testid={`backup-row-${b.name}`}>
                  <td>{backupWhen(b.at, locale)}</td>
                  <td>{t(`backup.kind.${b.kind}`)}</td>
                  <td>{formatSize(b.size, locale)}</td>
                  <td>
                    <code>{b.name}</code>
                  </td>
                  <td>
                    <button type="button" className="btn small" onClick={() => setRestoring(b)} data-testid={`backup-restore-${b.name}`}>
                      {t('backup.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MirrorForm current={data.mirrorDir} onSaved={() => void list.reload()} />
      <Events events={data.events} />
      {restoring && <RestoreDialog backup={restoring} onClose={() => setRestoring(null)} onDone={setDone} />}
    </section>
  );
}

function Events({ events }: { events: BackupList['events'] }) {
  const { t, locale } = useI18n();
  if (events.length === 0) return null;
  return (
    <>
      <h3>{t('backup.events.heading')}</h3>
      <ul className="backup-events" data-testid="backup-events">
        {events.map((e, i) => (
          <li key={i} className={e.action === 'backup.create' || e.action === 'backup.restore' ? '' : 'warning'}>
            {backupWhen(e.at, locale)} — {t(`backup.event.${e.action}`)}
            {e.name && <code> {e.name}</code>}
            {e.message && <div>{e.message}</div>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** After a restore every session is over: the next call lands on the login screen. */
function RestoredNotice({ done }: { done: RestoreDone }) {
  const { t } = useI18n();
  // auth.me answers unauthenticated; the shell's listener then shows the login screen.
  const signIn = () => void invoke('auth.me', {}).catch(() => undefined);
  return (
    <Dialog title={t('backup.done.title')} onClose={signIn} testId="restore-done">
      <p role="status">{t('backup.done.text', { name: done.restoredFrom, safety: done.safetyBackup })}</p>
      <div className="form-actions">
        <button type="button" className="btn primary" onClick={signIn} autoFocus data-testid="restore-sign-in">
          {t('backup.done.signIn')}
        </button>
      </div>
    </Dialog>
  );
}
