// Long prints run as jobs: the call that starts one returns at once, the caller polls its
// progress and takes the file. Kept in this process's memory (a print is redone, not resumed,
// after a restart), each job visible only to the user who started it, dropped after a while.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { PrintJob } from '../../../src-shared/rpc/print-journal';

interface Job extends PrintJob {
  owner: number;
  expires: number;
}

const jobs = new Map<string, Job>();
/** A finished file waits this long for its owner. */
const KEEP_MS = 30 * 60_000;

export function startJob(
  owner: number,
  now: () => Date,
  run: (progress: (done: number, total: number) => void) => Promise<{ name: string; data: Buffer }>,
): string {
  for (const [id, j] of jobs) if (j.expires < now().getTime()) jobs.delete(id);
  const id = randomBytes(16).toString('hex');
  const job: Job = { owner, state: 'running', done: 0, total: 0, file: null, error: null, expires: now().getTime() + KEEP_MS };
  jobs.set(id, job);
  run((done, total) => Object.assign(job, { done, total })).then(
    (f) =>
      Object.assign(job, {
        state: 'done',
        done: job.total,
        file: { name: f.name, mime: 'application/pdf', data: f.data.toString('base64') },
      }),
    (e: unknown) =>
      Object.assign(job, { state: 'failed', error: e instanceof AppError ? e.message : 'Не удалось напечатать журнал: внутренняя ошибка' }),
  );
  return id;
}

export function jobState(owner: number, id: string): PrintJob {
  const j = jobs.get(id);
  // Another user's job is as unknown as a job that never was.
  if (!j || j.owner !== owner) throw new AppError('not_found', 'Нет такого задания печати (оно могло устареть): начните печать заново');
  return { state: j.state, done: j.done, total: j.total, file: j.file, error: j.error };
}
