// A class's whole journal for the year as one PDF: main prints it as a job, this panel shows its
// progress and saves the file when it is done.
import { useEffect, useRef, useState } from 'react';
import { errorText, isSessionError } from '../admin/api';
import { saveFile } from '../control/download';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { progressPercent } from './period';

/** How often the job's progress is asked for. */
const POLL_MS = 400;

export function ClassBookPanel() {
  const { t } = useI18n();
  const [classes, setClasses] = useState<{ id: number; name: string; year: string }[] | null>(null);
  const [classId, setClassId] = useState<number | null>(null);
  const [size, setSize] = useState<'A4' | 'A3'>('A4');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    invoke('print.classes', {}).then(
      (r) => {
        setClasses(r.classes);
        setClassId(r.classes[0]?.id ?? null);
      },
      (e) => !isSessionError(e) && setError(errorText(e)),
    );
    return () => {
      alive.current = false;
    };
  }, []);

  async function start() {
    if (classId === null || progress) return;
    setError(null);
    setDone(false);
    setProgress({ done: 0, total: 0 });
    try {
      const { jobId } = await invoke('print.classYearStart', { classId, size });
      for (;;) {
        const job = await invoke('print.classYearJob', { jobId });
        if (!alive.current) return;
        setProgress({ done: job.done, total: job.total });
        if (job.state === 'failed') throw new Error(job.error ?? '');
        if (job.state === 'done' && job.file) {
          saveFile(job.file);
          setDone(true);
          break;
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      if (alive.current) setProgress(null);
    }
  }

  if (classes && classes.length === 0) return <p className="muted">{t('jprint.class.none')}</p>;
  return (
    <section className="panel" data-testid="classbook-panel">
      <h2>{t('jprint.class.title')}</h2>
      <p className="muted">{t('jprint.class.intro')}</p>
      <FormError error={error} testId="classbook-error" />
      <div className="inline-fields">
        <label>
          {t('jprint.class.pick')}{' '}
          <select value={classId ?? ''} onChange={(e) => setClassId(Number(e.target.value))} data-testid="classbook-class">
            {(classes ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.year})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('jprint.size')}{' '}
          <select value={size} onChange={(e) => setSize(e.target.value as 'A4' | 'A3')} data-testid="classbook-size">
            <option value="A4">{t('jprint.size.A4')}</option>
            <option value="A3">{t('jprint.size.A3')}</option>
          </select>
        </label>
        <button type="button" className="btn primary" disabled={!classes || classId === null || !!progress} onClick={() => void start()} data-testid="classbook-start">
          {t('jprint.class.start')}
        </button>
      </div>
      {progress && (
        <p>
          <progress max={100} value={progressPercent(progress.done, progress.total)} data-testid="classbook-progress" />{' '}
          {t('jprint.class.progress', { done: progress.done, total: progress.total })}
        </p>
      )}
      {done && (
        <p className="ok" role="status" data-testid="classbook-done">
          {t('jprint.class.done')}
        </p>
      )}
    </section>
  );
}
