// npm run serve -- --db FILE [--port N]: the HTTP host on 127.0.0.1 (DESIGN.md §8).
// Creates the small demo school when FILE does not exist yet.
import { existsSync } from 'node:fs';
import { createDemoDatabase } from '../../db/demo/create';
import { schoolDate } from '../../src-shared/dates';
import { clockFromEnv, openApp } from '../app';
import { startHttpHost } from '../hosts/http/server';
import { ensureRendererBuilt } from './build';
import { migrationsFolder, parseArgs, rendererDist } from './paths';

export async function serve(dbFile: string, port: number | undefined): Promise<void> {
  const now = clockFromEnv() ?? (() => new Date());
  if (!existsSync(dbFile)) {
    console.log(`zhurnal: creating the demo school in ${dbFile}`);
    await createDemoDatabase(dbFile, { big: false, today: schoolDate(now()), now });
  }
  await ensureRendererBuilt();
  const app = openApp({ dbFile, migrationsFolder, now, checkOutput: process.env.NODE_ENV !== 'production' });
  const { url, server } = await startHttpHost({ router: app.router, staticDir: rendererDist, port });
  // Tests and scripts wait for exactly this line.
  console.log(`zhurnal: ${url}`);
  const stop = () => {
    server.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1]?.replace(/\\/g, '/').endsWith('src-main/cli/serve.ts');
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  if (typeof args.db !== 'string') {
    console.error('usage: npm run serve -- --db FILE [--port N]');
    process.exit(2);
  }
  const port = typeof args.port === 'string' ? Number(args.port) : undefined;
  serve(args.db, port).catch((e) => {
    console.error(`zhurnal: ${(e as Error).message}`);
    process.exit(1);
  });
}
