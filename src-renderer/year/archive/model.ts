// The archive panel's pure parts: what a job's state means on screen (tests/unit/archive-ui.test.ts).
import type { ArchiveJob } from '../../../src-shared/rpc/archive';

export type { ArchiveJob };

/** Still writing: the panel polls it and disables the start button. */
export function isRunning(job: ArchiveJob | null): boolean {
  return job !== null && job.stage !== 'done' && job.stage !== 'failed';
}

/** 0..100, whole percent; a finished job is 100 whatever its counts. */
export function percent(job: ArchiveJob): number {
  if (job.stage === 'done') return 100;
  return Math.max(0, Math.min(100, Math.floor((100 * job.done) / job.total)));
}

export type StageKey = `archive.stage.${ArchiveJob['stage']}`;

export function stageKey(job: ArchiveJob): StageKey {
  return `archive.stage.${job.stage}`;
}

/** The year the form shows: the user's pick while it still exists, else the server's default. */
export function chosenYear(years: readonly { id: number }[], picked: number | null, fallback: number | null): number | null {
  if (picked !== null && years.some((y) => y.id === picked)) return picked;
  return fallback;
}

/** How long to wait before asking again: quick at first, then calmer for a long school. */
export function pollDelay(polls: number): number {
  return polls < 10 ? 250 : 1000;
}
