// Composition root shared by both hosts: open the database, make sure the school exists,
// build the router. Nothing here knows whether it runs under Electron or plain Node.
import { dirname, join } from 'node:path';
import { openDatabase } from '../db/client';
import { backupBeforeMigration } from './services/backup/make';
import type { Services } from './services/context';
import type { SecretBox } from './services/secrets';
import { createRouter, type Router, type RouterOptions } from './rpc/router';
import { ensureSchool } from './services/school/settings';
import { checkAuditChain } from './services/export/witness';
import { schoolNameIndex } from './services/privacy/school';

export interface AppOptions extends RouterOptions {
  dbFile: string;
  migrationsFolder: string;
  /** Frozen clock for tests and demos; defaults to the system clock. */
  now?: () => Date;
  resourcesDir: string;
  /** Seals secrets at rest (Electron's safeStorage); without it they are stored as is. */
  secrets?: SecretBox;
  /** Backups (daily, before a migration, before a restore); default: "backups" beside the database. */
  backupDir?: string;
}

export interface App {
  services: Services;
  router: Router;
  close(): void;
}

export function openApp(opts: AppOptions): App {
  const now = opts.now ?? (() => new Date());
  const backupDir = opts.backupDir ?? join(dirname(opts.dbFile), 'backups');
  const { db, sqlite } = openDatabase(opts.dbFile, {
    migrationsFolder: opts.migrationsFolder,
    beforeMigrate: (raw, _from, to) => void backupBeforeMigration(raw, backupDir, now(), to),
  });
  const services: Services = {
    db,
    sqlite,
    now,
    resourcesDir: opts.resourcesDir,
    backupDir,
    migrationsFolder: opts.migrationsFolder,
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
  };
  // A real school starts empty; the first-run form then creates the administrator.
  ensureSchool(services, { code: '000000', name: 'Школа', demo: false });
  // Tamper evidence (issue 9): the whole chain is recomputed at start and daily with the
  // export schedule, in pages between which requests are served (a year's ~500 000 records
  // take seconds); a break is shown on the «Выгрузка» page.
  checkAuditChain(services).then(
    (c) => c.brokenAt !== null && console.error(`zhurnal: audit chain broken at seq ${c.brokenAt}`),
    (e: unknown) => console.error('zhurnal: audit chain check failed', e),
  );
  // The privacy scanner's name index is cached only when first built outside a transaction
  // (privacy/school.ts); every topic save runs inside the router's one. Built here, a host whose
  // first requests are saves (PCs reconnecting with their outboxes) does not rebuild it per save.
  schoolNameIndex(sqlite);
  const router = createRouter(services, opts);
  return {
    services,
    router,
    close: () => sqlite.close(),
  };
}

/** ZHURNAL_NOW=2026-11-27T09:00:00Z freezes the clock (demos, e2e tests). */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): (() => Date) | undefined {
  const fixed = env.ZHURNAL_NOW;
  if (!fixed) return undefined;
  const t = Date.parse(fixed);
  if (Number.isNaN(t)) throw new Error(`ZHURNAL_NOW is not an ISO instant: ${fixed}`);
  // The clock still runs from the frozen start, so session idle time and expiry behave.
  const offset = t - Date.now();
  return () => new Date(Date.now() + offset);
}
