// Follows an archive job: starts it, then asks archive.progress until it ends. The first job
// shown is the one the status reports, so a reopened tab picks up a running archive.
import { useEffect, useRef, useState } from 'react';
import { errorText, isSessionError } from '../../admin/api';
import { invoke } from '../../rpc/client';
import { isRunning, pollDelay, type ArchiveJob } from './model';

export function useArchiveJob(initial: ArchiveJob | null, onEnd: () => void) {
  const [job, setJob] = useState<ArchiveJob | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  const running = isRunning(job);
  const jobId = job?.id ?? null;
  // Restarted only when another job is followed or it ends, not on each of its progress answers.
  useEffect(() => {
    if (!running || jobId === null) return;
    let cancelled = false;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      try {
        const next = await invoke('archive.progress', { jobId });
        if (cancelled) return;
        if (isRunning(next)) {
          setJob(next);
          timer = setTimeout(() => void tick(), pollDelay(++polls));
        } else {
          setJob(next);
          onEndRef.current();
        }
      } catch (e) {
        if (!cancelled && !isSessionError(e)) setError(errorText(e));
      }
    };
    timer = setTimeout(() => void tick(), pollDelay(0));
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [jobId, running]);

  async function start(yearId: number | null): Promise<void> {
    setError(null);
    try {
      setJob(await invoke('archive.start', yearId === null ? {} : { yearId }));
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    }
  }

  return { job, error, start };
}
