// Archive jobs: the start answers at once with an id, the screen polls the progress, the result
// (or the error) stays readable afterwards. In memory, per database: a job does not survive a
// restart, and a half-written archive never has its final name (make.ts), so none is lost.
import { randomUUID } from 'node:crypto';
import type { Sqlite } from '../../../db/client';
import { AppError } from '../../../src-shared/errors';

export type Stage = 'snapshot' | 'classes' | 'summary' | 'manifest' | 'done' | 'failed';

export interface ArchiveResult {
  folder: string;
  dir: string;
  yearLabel: string;
  files: number;
  fingerprint: string;
  /** An earlier archive of the same year was there and was left as it was. */
  previous: string[];
  /** Something was recorded in the database between the snapshot and the last PDF (an open year in use). */
  changedDuring: boolean;
}

export interface Job {
  id: string;
  yearLabel: string;
  startedAt: string;
  done: number;
  total: number;
  stage: Stage;
  /** The class being printed («5А»), while stage is 'classes'. */
  current: string | null;
  result: ArchiveResult | null;
  error: string | null;
}

const byDb = new WeakMap<Sqlite, Job[]>();
const KEEP = 10;

export function jobsOf(sqlite: Sqlite): Job[] {
  let list = byDb.get(sqlite);
  if (!list) byDb.set(sqlite, (list = []));
  return list;
}

/** A new job, unless one is running: two archives written at once would race for the folder name. */
export function newJob(sqlite: Sqlite, yearLabel: string, startedAt: string, total: number): Job {
  const list = jobsOf(sqlite);
  const running = list.find((j) => j.stage !== 'done' && j.stage !== 'failed');
  if (running) throw new AppError('conflict', `Архив года ${running.yearLabel} уже формируется: дождитесь окончания`);
  const job: Job = { id: randomUUID(), yearLabel, startedAt, done: 0, total, stage: 'snapshot', current: null, result: null, error: null };
  list.push(job);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
  return job;
}

export function findJob(sqlite: Sqlite, id: string): Job {
  const job = jobsOf(sqlite).find((j) => j.id === id);
  if (!job) throw new AppError('not_found', 'Такого формирования архива нет (программа перезапускалась?): начните заново');
  return job;
}

export function latestJob(sqlite: Sqlite): Job | null {
  return jobsOf(sqlite).at(-1) ?? null;
}
