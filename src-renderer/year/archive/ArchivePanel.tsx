// Архив учебного года (issue 13): the school's signing key, a year to archive, the job's
// progress bar and resulting folder, and the archives made, each with «Проверить архив».
import { useState } from 'react';
import type { MethodOutput } from '../../../src-shared/rpc/registry';
import { FormError } from '../../components/form';
import { ResourceState, useResource } from '../../admin/ui';
import { useI18n } from '../../i18n';
import { invoke } from '../../rpc/client';
import { ArchiveList } from './ArchiveList';
import { chosenYear, isRunning, percent, stageKey } from './model';
import { useArchiveJob } from './useArchiveJob';

type Status = MethodOutput<'archive.status'>;

export function ArchivePanel() {
  const status = useResource(() => invoke('archive.status', {}), 'archive-status');
  if (!status.data) return <ResourceState resource={status} />;
  return <ArchiveBody status={status.data} reload={() => void status.reload()} />;
}

function ArchiveBody({ status, reload }: { status: Status; reload(): void }) {
  const { t } = useI18n();
  const [picked, setPicked] = useState<number | null>(null);
  const { job, error, start } = useArchiveJob(status.job, reload);
  const yearId = chosenYear(status.years, picked, status.defaultYearId);
  const running = isRunning(job);

  return (
    <section aria-labelledby="archive-heading" data-testid="archive-panel">
      <div className="section-head">
        <h2 id="archive-heading">{t('archive.title')}</h2>
        <span className="muted">{t('archive.intro')}</span>
      </div>
      <p data-testid="archive-dir">{t('archive.dir', { dir: status.dir })}</p>
      {status.key ? (
        <p data-testid="archive-key">
          {t('archive.key')} <code data-testid="archive-fingerprint">{status.key.fingerprint}</code>
          <br />
          <span className="muted">{t('archive.key.hint')}</span>
        </p>
      ) : (
        <p className="muted" data-testid="archive-key-none">
          {t('archive.key.none')}
        </p>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void start(yearId);
        }}
      >
        <label>
          {t('archive.year')}{' '}
          <select value={yearId ?? ''} onChange={(e) => setPicked(Number(e.target.value))} data-testid="archive-year">
            {status.years.map((y) => (
              <option key={y.id} value={y.id}>
                {y.label} {y.status === 'archived' ? t('archive.year.closed') : t('archive.year.open')}
              </option>
            ))}
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={running || yearId === null} data-testid="archive-start">
            {t('archive.start')}
          </button>
        </div>
      </form>
      <FormError error={error} testId="archive-error" />
      {job && (
        <div role="status" data-testid="archive-job">
          <p>
            {t('archive.job', { year: job.yearLabel })} {t(stageKey(job))}
            {job.current ? ` ${job.current}` : ''}
          </p>
          <progress max={100} value={percent(job)} aria-label={t('archive.progress')} data-testid="archive-progress" />{' '}
          <span>{t('archive.progress.count', { done: job.done, total: job.total })}</span>
          {job.result && (
            <p data-testid="archive-result">
              {t('archive.done', { dir: job.result.dir, files: job.result.files })}
              {job.result.previous.length > 0 && <> {t('archive.done.previous', { folders: job.result.previous.join(', ') })}</>}
            </p>
          )}
          {job.result?.changedDuring && (
            <p className="form-error" data-testid="archive-changed">
              {t('archive.done.changed')}
            </p>
          )}
          {job.error && (
            <p className="form-error" role="alert" data-testid="archive-failed">
              {job.error}
            </p>
          )}
        </div>
      )}
      <ArchiveList archives={status.archives} />
    </section>
  );
}
