// npm run serve -- --db FILE [--port N] [--backups DIR] [--host ADDRESS:PORT [--state DIR]]:
// the HTTP host on 127.0.0.1 (DESIGN.md §8) and, with --host, the school network host over
// HTTPS (§10). Creates the small demo school when FILE does not exist yet; with --backups, a
// daily backup.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createDemoDatabase } from '../demo/create';
import { schoolDate } from '../../src-shared/dates';
import { clockFromEnv, openApp } from '../app';
import { backupIfDue } from '../services/backup/make';
import { runDue } from '../services/export/schedule';
import { startDeadlineTimer } from '../services/check/deadlines';
import { startHttpHost } from '../hosts/http/server';
import { createNetworkControl } from '../network/host/control-impl';
import { parseHostArg } from '../network/host/args';
import { APP_VERSION } from '../version';
import { ensureRendererBuilt } from './build';
import { runClientCli } from './serve-client';
import { migrationsFolder, parseArgs, rendererDist, resourcesDir } from './paths';

export interface NetworkArgs {
  address: string;
  port: number;
  /** Host state (key, certificate, network.json); default: host/ beside the database. */
  stateDir?: string;
}

export async function serve(dbFile: string, port: number | undefined, backupsDir?: string, network?: NetworkArgs): Promise<void> {
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
  // The network switch exists in every host process, so the administrator can also turn serving
  // on from «Сеть»; --host turns it on now.
  const schoolHost = createNetworkControl({
    services: app.services,
    router: app.router,
    stateDir: network?.stateDir ?? join(dirname(dbFile), 'host'),
    version: APP_VERSION,
  });
  app.services.network = schoolHost;
  if (network) {
    const st = await schoolHost.serve(network.address, network.port);
    // Tests and scripts wait for exactly this line too.
    console.log(`zhurnal host: ${st.url} sha256 ${st.fingerprint}`);
  }
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
  // Remarks past their deadline: the rule re-run at start, then every 10 minutes (as the desktop app).
  const stopDeadlines = startDeadlineTimer(app.services, { log: (m, e) => console.error(`zhurnal: ${m}`, e) });
  const stop = () => {
    stopDeadlines();
    void schoolHost.close();
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
    console.error('usage: npm run serve -- --db FILE [--port N] [--backups DIR] [--host ADDRESS:PORT [--state DIR]]');
    process.exit(2);
  }
  const port = typeof args.port === 'string' ? Number(args.port) : undefined;
  let network: NetworkArgs | undefined;
  if (args.host !== undefined) {
    const parsed = typeof args.host === 'string' ? parseHostArg(args.host) : null;
    if (!parsed) {
      console.error('zhurnal: --host ждёт IP-адрес и порт этого компьютера, например --host 192.168.1.10:8443');
      process.exit(2);
    }
    network = { ...parsed, ...(typeof args.state === 'string' ? { stateDir: args.state } : {}) };
  }
  serve(args.db, port, typeof args.backups === 'string' ? args.backups : undefined, network).catch((e) => {
    console.error(`zhurnal: ${(e as Error).message}`);
    process.exit(1);
  });
}
