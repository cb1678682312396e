// The year-end archive for the deputy and the administrator (permission year.rollover).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../../rpc/handlers';
import { findJob, latestJob, type Job } from './jobs';
import { schoolPublicKey } from './key';
import { archiveRoot, defaultYear, listArchives, schoolYears, startArchive } from './make';
import { verifyArchive } from './verify';

/** A copy, so the answer is not the live object the job keeps changing. */
const view = (j: Job) => ({ ...j, result: j.result && { ...j.result, previous: [...j.result.previous] } });

export const archiveHandlers: Pick<Handlers, 'archive.status' | 'archive.start' | 'archive.progress' | 'archive.verify'> = {
  'archive.status': (ctx) => {
    const years = schoolYears(ctx);
    const root = archiveRoot(ctx);
    const job = latestJob(ctx.sqlite);
    return {
      years: years.map((y) => ({ id: y.id, label: y.label, status: y.status })),
      defaultYearId: defaultYear(years)?.id ?? null,
      dir: root,
      key: schoolPublicKey(ctx),
      archives: listArchives(root),
      job: job && view(job),
    };
  },

  'archive.start': (ctx, input) => view(startArchive(ctx, input.yearId)),

  'archive.progress': (ctx, input) => view(findJob(ctx.sqlite, input.jobId)),

  'archive.verify': async (ctx, input) => {
    // Only a folder of this school's archive directory: a caller on the network names a
    // folder from the list, never a path on the host's disks.
    const dir = join(archiveRoot(ctx), input.folder);
    if (!existsSync(dir)) throw new AppError('not_found', `Папки архива ${input.folder} нет`);
    const v = await verifyArchive(dir);
    const own = schoolPublicKey(ctx);
    return { ...v, ownKey: own !== null && own.fingerprint === v.fingerprint };
  },
};
