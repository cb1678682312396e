// The year-end archive (issue 13): one folder per run with every class's journal PDF, the
// school's summary sheets, a read-only snapshot of the database and a manifest signed by the
// school's key. Runs as a job (jobs.ts): printing a big school's classes takes tens of seconds,
// so it yields to the event loop between classes and every other call keeps being served.
//
// Where: "archive" beside the backup folder (ctx.backupDir's parent: beside the database by
// default, the user-data folder under Electron). No new setting: the administrator already
// chose that disk for the school's copies, and the backup mirror covers restoring, not records.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { dotDate, schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { APP_VERSION } from '../../version';
import type { Ctx, Services } from '../context';
import { auditHead, mutate } from '../mutate';
import { classYearPdf } from '../print/class-year';
import { schoolSummaryPdf } from '../print/summary-school';
import { schoolRow } from '../school/settings';
import { prep } from '../sql';
import { newJob, type ArchiveResult, type Job } from './jobs';
import { publicInfo, schoolSigningKey, signBytes } from './key';
import { FORMAT, hashFile, Manifest, MANIFEST, SIGNATURE, type ManifestFile } from './manifest';
import { ARCHIVE_FOLDER, uniqueNames, yearFolderBase } from './names';
import { SNAPSHOT_OMITS, writeSnapshot } from './snapshot';

export interface YearRow {
  id: number;
  label: string;
  starts_on: string;
  ends_on: string;
  status: string;
}

interface ClassRow {
  id: number;
  title: string;
}

export function archiveRoot(s: Services): string {
  if (!s.backupDir) throw new AppError('not_found', 'Папка резервных копий не настроена, а архив пишется рядом с ней');
  return join(dirname(s.backupDir), 'archive');
}

export function schoolYears(s: Services): YearRow[] {
  return prep(s.sqlite, 'SELECT id, label, starts_on, ends_on, status FROM school_year ORDER BY starts_on DESC').all() as YearRow[];
}

/** The default: the year closed last (after a rollover), else the open one. */
export function defaultYear(years: readonly YearRow[]): YearRow | null {
  return years.find((y) => y.status === 'archived') ?? years[0] ?? null;
}

function yearClasses(s: Services, yearId: number): ClassRow[] {
  return prep(s.sqlite, "SELECT id, grade || letter AS title FROM class_unit WHERE year_id = ? ORDER BY grade, letter").all(yearId) as ClassRow[];
}

/** Archive folders of a year already in the root: "2026-2027", "2026-2027-2", … */
function previousFolders(root: string, base: string): string[] {
  const re = new RegExp(`^${base.replace(/[-]/g, '\\-')}(-\\d+)?$`);
  try {
    return readdirSync(root).filter((n) => re.test(n));
  } catch {
    return [];
  }
}

/**
 * Refuses an archive that would be a copy of the last one of the year: it is still in its folder
 * and nothing was recorded in the database since (the audit log has not moved). A deleted archive
 * or any change since allows a new one, in a new folder.
 */
function refuseCopy(s: Services, root: string, year: YearRow): void {
  const last = prep(
    s.sqlite,
    "SELECT seq, after FROM audit_event WHERE action = 'archive.create' AND entity = 'school_year' AND entity_id = ? ORDER BY seq DESC LIMIT 1",
  ).get(String(year.id)) as { seq: number; after: string } | undefined;
  if (!last || auditHead(s.sqlite).seq !== last.seq) return;
  const folder = (JSON.parse(last.after) as { folder?: unknown }).folder;
  if (typeof folder !== 'string' || !ARCHIVE_FOLDER.test(folder) || !existsSync(join(root, folder, MANIFEST))) return;
  throw new AppError(
    'conflict',
    `Архив ${year.label} учебного года уже сформирован (папка ${folder}), и с тех пор в базе ничего не менялось: новый архив был бы его копией`,
  );
}

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Starts the archive of a year (default: defaultYear) and returns its job at once. The checks
 * that can refuse (the year, its classes, the key, a running job) run before the answer.
 */
export function startArchive(ctx: Ctx, yearId: number | undefined): Job {
  const root = archiveRoot(ctx);
  const years = schoolYears(ctx);
  const year = yearId === undefined ? defaultYear(years) : years.find((y) => y.id === yearId);
  if (!year) throw new AppError('not_found', yearId === undefined ? 'В базе нет учебного года' : 'Такого учебного года нет');
  const classes = yearClasses(ctx, year.id);
  if (classes.length === 0) throw new AppError('validation', `В ${year.label} учебном году нет классов: архивировать нечего`);
  refuseCopy(ctx, root, year);
  // snapshot + each class + summary + manifest
  const job = newJob(ctx.sqlite, year.label, ctx.now().toISOString(), classes.length + 3);
  let key;
  try {
    key = schoolSigningKey(ctx);
  } catch (e) {
    job.stage = 'failed';
    job.error = (e as Error).message;
    throw e;
  }
  run(ctx, job, root, year, classes, key).catch((e: unknown) => {
    // run() reports its own failures; this is for a fault in that reporting itself.
    job.stage = 'failed';
    job.error = `Архив не сформирован: ${(e as Error).message}`;
  });
  return job;
}

async function run(ctx: Ctx, job: Job, root: string, year: YearRow, classes: ClassRow[], key: ReturnType<typeof schoolSigningKey>) {
  const base = yearFolderBase(year.label);
  const partial = join(root, `.partial-${base}-${job.id.slice(0, 8)}`);
  try {
    await yieldToLoop(); // the start call answers first
    mkdirSync(join(partial, 'classes'), { recursive: true });
    const files: ManifestFile[] = [];
    const put = (path: string, data: Buffer, entry: Omit<ManifestFile, 'path' | 'size' | 'sha256'>) => {
      const file = join(partial, ...path.split('/'));
      writeFileSync(file, data, { mode: 0o444 });
      files.push({ path, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), ...entry });
    };

    // The snapshot and the audit head it ends at, in one synchronous step (writeSnapshot's copy
    // runs before its first await).
    const atSnapshot = auditHead(ctx.sqlite);
    await writeSnapshot(ctx.sqlite, join(partial, 'snapshot.db'));
    const snap = await hashFile(join(partial, 'snapshot.db'));
    files.push({ path: 'snapshot.db', kind: 'snapshot', title: `Копия базы данных на ${dotDate(schoolDate(ctx.now()))} (только чтение)`, sourceSha256: null, classId: null, ...snap });
    job.done = 1;
    job.stage = 'classes';

    const names = uniqueNames(classes.map((c) => c.title));
    for (const [i, c] of classes.entries()) {
      job.current = c.title;
      const pdf = await classYearPdf(ctx, c.id);
      put(`classes/${names[i]}.pdf`, pdf.data, { kind: 'classJournal', title: `Классный журнал ${c.title} класса, ${year.label} учебный год`, sourceSha256: pdf.sha256, classId: c.id });
      job.done = 2 + i;
      await yieldToLoop();
    }
    job.current = null;
    job.stage = 'summary';
    const summary = await schoolSummaryPdf(ctx, year.id);
    put('summary.pdf', summary.data, { kind: 'summary', title: `Сводные ведомости учёта успеваемости, ${year.label} учебный год`, sourceSha256: summary.sha256, classId: null });
    job.done = classes.length + 2;
    job.stage = 'manifest';

    const school = schoolRow(ctx);
    const pub = publicInfo(key);
    const manifest: Manifest = {
      format: FORMAT,
      school: { code: school?.code ?? '', name: school?.name ?? '' },
      year: { id: year.id, label: year.label, startsOn: year.starts_on, endsOn: year.ends_on, status: year.status },
      createdAt: ctx.now().toISOString(),
      createdBy: ctx.actor?.login ?? null,
      appVersion: APP_VERSION,
      key: pub,
      audit: { atSnapshot, atEnd: auditHead(ctx.sqlite) },
      snapshotOmits: SNAPSHOT_OMITS,
      files,
    };
    const bytes = Buffer.from(`${JSON.stringify(Manifest.parse(manifest), null, 2)}\n`, 'utf8');
    writeFileSync(join(partial, MANIFEST), bytes, { mode: 0o444 });
    writeFileSync(join(partial, SIGNATURE), `${signBytes(key, bytes)}\n`, { mode: 0o444 });

    // The final name is chosen and taken in one synchronous step; an existing archive is never
    // replaced (renaming onto an existing folder is not even tried).
    const previous = previousFolders(root, base);
    let folder = base;
    for (let n = 2; existsSync(join(root, folder)); n++) folder = `${base}-${n}`;
    if (!ARCHIVE_FOLDER.test(folder)) throw new Error(`имя папки архива ${folder} недопустимо`);
    renameSync(partial, join(root, folder));
    const manifestSha256 = createHash('sha256').update(bytes).digest('hex');
    mutate(ctx, (rec) =>
      rec.audit({ action: 'archive.create', entity: 'school_year', entityId: year.id, after: { folder, files: files.length, manifestSha256, fingerprint: pub.fingerprint } }),
    );
    const changedDuring = manifest.audit.atEnd.seq !== atSnapshot.seq;
    const result: ArchiveResult = { folder, dir: join(root, folder), yearLabel: year.label, files: files.length, fingerprint: pub.fingerprint, previous, changedDuring };
    job.result = result;
    job.done = job.total;
    job.stage = 'done';
  } catch (e) {
    try {
      rmSync(partial, { recursive: true, force: true });
    } catch {
      // The folder could not be made in the first place (the root is not a folder).
    }
    const message = e instanceof AppError ? e.message : `Архив не сформирован: ${(e as Error).message}`;
    job.stage = 'failed';
    job.error = message;
    try {
      mutate(ctx, (rec) => rec.audit({ action: 'archive.failed', entity: 'school_year', entityId: year.id, after: { message } }));
    } catch {
      // The database may be what failed; the job's error still says it.
    }
  }
}

export interface ArchiveListed {
  folder: string;
  yearLabel: string | null;
  createdAt: string | null;
}

/** The archive folders in the root, newest first by their manifests (an unreadable one is listed too). */
export function listArchives(root: string): ArchiveListed[] {
  let names: string[];
  try {
    names = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && ARCHIVE_FOLDER.test(d.name)).map((d) => d.name);
  } catch {
    return [];
  }
  return names
    .map((folder) => {
      try {
        const m = Manifest.parse(JSON.parse(readFileSync(join(root, folder, MANIFEST), 'utf8')));
        return { folder, yearLabel: m.year.label, createdAt: m.createdAt };
      } catch {
        return { folder, yearLabel: null, createdAt: null };
      }
    })
    .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') * -1);
}
