// npm run serve -- --db FILE [--port N] [--backups DIR]: the HTTP host on 127.0.0.1 (DESIGN.md §8).
// Creates the small demo school when FILE does not exist yet; with --backups, a daily backup.
import { existsSync } from 'node:fs';
import { createDemoDatabase } from '../demo/create';
import { schoolDate } from '../../src-shared/dates';
import { clockFromEnv, openApp } from '../app';
import { backupIfDue } from '../services/backup/make';
import { runDue } from '../services/export/schedule';
import { startHttpHost } from '../hosts/http/server';
import { ensureRendererBuilt } from './build';
import { runClientCli } from './serve-client';
import { migrationsFolder, parseArgs, rendererDist, resourcesDir } from './paths';

export async function serve(dbFile: string, port: number | undefined, backupsDir?: string): Promise<void> {
  const now = clockFromEnv() ?? (() => new Date());
  if (!existsSync(dbFile)) {
    console.log(`zhurnal: creating the demo school in ${dbFile}`);
    await createDemoDatabase(dbFile, { big: false, today: schoolDate(now()), now });
  }
  await ensureRendererBuilt();
  const app = openApp({
    dbFile,
    migrationsFolder,
    resourcesDir,
    now,
    checkOutput: process.env.NODE_ENV !== 'production',
    ...(backupsDir ? { backupDir: backupsDir } : {}),
  });
  const { url, server } = await startHttpHost({ router: app.router, staticDir: rendererDist, port });
  // Tests and scripts wait for exactly this line.
  console.log(`zhurnal: ${url}`);
  if (backupsDir) {
    const run = () => backupIfDue(app.services, backupsDir).catch((e: unknown) => console.error('zhurnal: backup failed', e));
    void run();
    setInterval(run, 4 * 3600_000).unref();
  }
  // The same export schedule as the desktop app: a no-op until the administrator configures it.
  let exporting = false;
  setInterval(() => {
    if (exporting) return;
    exporting = true;
    runDue({ ...app.services, actor: null })
      .catch((e: unknown) => console.error('zhurnal: export failed', e))
      .finally(() => (exporting = false));
  }, 60_000).unref();
  const stop = () => {
    server.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1]?.replace(/\\/g, '/').endsWith('src-main/cli/serve.ts');
// --connect: a client of the school host (DESIGN.md §10), with no database of its own.
if (isMain && parseArgs(process.argv.slice(2)).connect !== undefined) runClientCli(parseArgs(process.argv.slice(2)));
else if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.db !== 'string') {
    console.error('usage: npm run serve -- --db FILE [--port N] [--backups DIR]');
    process.exit(2);
  }
  const port = typeof args.port === 'string' ? Number(args.port) : undefined;
  serve(args.db, port, typeof args.backups === 'string' ? args.backups : undefined).catch((e) => {
    console.error(`zhurnal: ${(e as Error).message}`);
    process.exit(1);
  });
}
