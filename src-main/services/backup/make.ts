// Backups with SQLite's own copy machinery, each verified before it counts (verify.ts), then
// copied to the second folder when one is set (mirror.ts). Marks are legal records; a broken
// disk or a deleted file must not lose a term's work.
//  - daily: the online backup API, a consistent copy while the app keeps working;
//  - now (manual, before a restore): VACUUM INTO, synchronous, so nothing can be written
//    between the copy and what the caller does next;
//  - before a migration: the same, from db/client.ts's hook, before any schema change.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Sqlite } from '../../../db/client';
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import type { Ctx, Services } from '../context';
import { mutate } from '../mutate';
import { loadSettings } from '../school/settings';
import { dailyName, parseBackupName, specialName } from './files';
import { copyToMirror, type MirrorResult } from './mirror';
import { BackupVerifyError, verifyBackupFile, type Verified } from './verify';

export interface BackupResult {
  file: string | null;
  kept: string[];
  mirror?: MirrorResult['state'];
}

/** A fault-injection seam for tests: runs on the written copy before it is verified. */
export interface MakeOptions {
  beforeVerify?: (partialFile: string) => void;
}

function exists(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}

/** One self-contained file: the online backup of a WAL database is itself in WAL mode. */
function makeSelfContained(file: string): void {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Verifies the written copy and gives it its name; a copy that fails is deleted and the
 * error thrown. The name appears only after verification, so a listed backup is a checked one.
 */
function settle(partial: string, target: string, source: Sqlite, opts: MakeOptions): Verified {
  try {
    makeSelfContained(partial);
    opts.beforeVerify?.(partial);
    const verified = verifyBackupFile(partial, source);
    renameSync(partial, target);
    return verified;
  } catch (e) {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) rmSync(f, { force: true });
    throw e;
  }
}

function record(s: Services, actor: Ctx['actor'], action: string, name: string, after: Record<string, unknown>): void {
  mutate({ ...s, actor }, (rec) => rec.audit({ action, entity: 'backup', entityId: name, after }));
}

/** After a verified copy: the second folder, and the audit records the administrator sees. */
function finish(s: Services, actor: Ctx['actor'], file: string, name: string, v: Verified): MirrorResult {
  const mirror = copyToMirror(file, name, loadSettings(s).backupMirrorDir);
  record(s, actor, 'backup.create', name, { auditSeq: v.head.seq, mirror: mirror.state });
  if (mirror.state === 'failed') record(s, actor, 'backup.mirror_failed', name, { message: mirror.message });
  return mirror;
}

function failed(s: Services, actor: Ctx['actor'], name: string, e: unknown): never {
  const message = e instanceof BackupVerifyError ? `Копия не прошла проверку и удалена: ${e.message}` : `Копия не сделана: ${(e as Error).message}`;
  // Recorded even though the backup is gone: the administrator must learn that it failed.
  try {
    record(s, actor, 'backup.failed', name, { message });
  } catch {
    // The database itself may be what is failing; the thrown error still says it.
  }
  throw new AppError('conflict', message);
}

/** The daily backup running now, per database: a second caller joins it. */
const running = new WeakMap<Services['sqlite'], Promise<BackupResult>>();

/**
 * Makes today's backup unless it exists, then removes all but the newest `keep` daily ones.
 * One at a time per database: the "exists?" check is read before the copy is awaited, so two
 * overlapping runs (a timer and the start-up catch-up) would both write the same .partial file.
 */
export function backupIfDue(s: Services, dir: string, keep = 14, opts: MakeOptions = {}): Promise<BackupResult> {
  const current = running.get(s.sqlite);
  if (current) return current;
  const mine = dailyBackup(s, dir, keep, opts);
  running.set(s.sqlite, mine);
  const clear = () => {
    if (running.get(s.sqlite) === mine) running.delete(s.sqlite);
  };
  mine.then(clear, clear);
  return mine;
}

async function dailyBackup(s: Services, dir: string, keep: number, opts: MakeOptions): Promise<BackupResult> {
  mkdirSync(dir, { recursive: true });
  const name = dailyName(schoolDate(s.now()));
  const target = join(dir, name);
  let made: string | null = null;
  let mirror: MirrorResult['state'] | undefined;
  if (!exists(target)) {
    const partial = `${target}.partial`;
    rmSync(partial, { force: true });
    let v: Verified;
    try {
      await s.sqlite.backup(partial);
      v = settle(partial, target, s.sqlite, opts);
    } catch (e) {
      // settle() cleans up after itself; a copy that broke off half-written is removed here.
      rmSync(partial, { force: true });
      failed(s, null, name, e);
    }
    made = target;
    mirror = finish(s, null, target, name, v).state;
  }
  const kept = prune(dir, keep);
  const mirrorDir = loadSettings(s).backupMirrorDir;
  if (mirrorDir && mirror === 'ok') prune(mirrorDir, keep);
  return { file: made, kept, ...(mirror ? { mirror } : {}) };
}

/** Keeps the newest `keep` daily copies and the newest 10 of each other kind. */
function prune(dir: string, keep: number): string[] {
  const byKind = new Map<string, string[]>();
  for (const f of readdirSync(dir)) {
    const p = parseBackupName(f);
    if (p) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), f]);
  }
  for (const [kind, files] of byKind) {
    files.sort().reverse();
    for (const old of files.slice(kind === 'daily' ? keep : 10)) for (const f of [old, `${old}-wal`, `${old}-shm`]) rmSync(join(dir, f), { force: true });
  }
  return (byKind.get('daily') ?? []).slice(0, keep);
}

/** A synchronous, verified copy of the live database (VACUUM INTO): nothing runs in between. */
function snapshot(sqlite: Sqlite, dir: string, name: string, opts: MakeOptions = {}): { file: string; verified: Verified } {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  if (exists(file)) throw new Error(`файл ${name} уже есть`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  sqlite.prepare('VACUUM INTO ?').run(partial);
  return { file, verified: settle(partial, file, sqlite, opts) };
}

/** A backup now, by the administrator or before a restore; audited, mirrored. */
export function backupNow(
  ctx: Ctx,
  dir: string,
  kind: 'manual' | 'before-restore',
  opts: MakeOptions = {},
): { name: string; file: string; mirror: MirrorResult['state'] } {
  const name = specialName(kind, ctx.now());
  let made: { file: string; verified: Verified };
  try {
    made = snapshot(ctx.sqlite, dir, name, opts);
  } catch (e) {
    failed(ctx, ctx.actor, name, e);
  }
  return { name, file: made.file, mirror: finish(ctx, ctx.actor, made.file, name, made.verified).state };
}

/**
 * db/client.ts's hook: a verified copy before the schema changes. Not audited (the schema
 * the audit record needs may be the one about to be migrated); the file name says it all.
 */
export function backupBeforeMigration(sqlite: Sqlite, dir: string, now: Date, toVersion: number): string {
  const name = specialName('before-migration', now, toVersion);
  const { file } = snapshot(sqlite, dir, name);
  // The second folder too, read from the settings as stored (the schema may be old; a
  // missing drive is no reason to stop the start, as for every backup).
  const mirror = mirrorDirOf(sqlite);
  if (mirror) {
    const r = copyToMirror(file, name, mirror);
    if (r.state === 'failed') console.warn(`zhurnal: ${r.message}`);
  }
  return file;
}

function mirrorDirOf(sqlite: Sqlite): string {
  try {
    const raw = sqlite.prepare('SELECT settings FROM school WHERE id = 1').pluck().get();
    const dir = typeof raw === 'string' ? (JSON.parse(raw) as { backupMirrorDir?: unknown }).backupMirrorDir : undefined;
    return typeof dir === 'string' ? dir : '';
  } catch {
    return '';
  }
}
