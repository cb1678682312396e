// npm start: build, then the app on the demo school — in Electron when its binary is here,
// otherwise in the browser through the HTTP host (DESIGN.md §8).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildElectron, ensureRendererBuilt } from './build';
import { parseArgs, repoRoot } from './paths';

/** The demo school and Electron's profile for `npm start`; kept out of the real user profile. */
export const demoDir = join(repoRoot, '.zhurnal-demo');
const DEFAULT_PORT = 5183;

/**
 * Path of the Electron executable, or null when it is not installed. Never `require('electron')`
 * here: from plain Node that starts a download, which hangs and fails on this machine.
 * Mirrors node_modules/electron/index.js without its download fallback.
 */
export function findElectronBinary(root: string = repoRoot): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const bin = join(override, relative || 'electron');
    return existsSync(bin) ? bin : null;
  }
  if (!relative) return null;
  const bin = join(pkg, 'dist', relative);
  return existsSync(bin) ? bin : null;
}

/**
 * better-sqlite3 is compiled for Node's ABI by `npm ci`; Electron needs its own build
 * (electron-rebuild). Asking Electron-as-Node to load it is the cheapest honest check.
 */
export function nativeModuleLoadsIn(electron: string): boolean {
  const r = spawnSync(electron, ['-e', "require('better-sqlite3')"], {
    cwd: repoRoot,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
    timeout: 30_000,
  });
  return r.status === 0;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

async function startHttpFallback(reason: string, port: number): Promise<void> {
  console.log(`zhurnal: ${reason}; starting the HTTP host instead`);
  // Loaded only here: it opens the database with Node's better-sqlite3.
  const { serve } = await import('./serve');
  mkdirSync(demoDir, { recursive: true });
  // A busy default port should not stop a demo; an explicit --port should fail loudly.
  const chosen = port === DEFAULT_PORT && !(await portIsFree(port)) ? 0 : port;
  await serve(join(demoDir, 'demo.db'), chosen);
  console.log('zhurnal: open the address above in a browser; demo logins admin, deputy, director, teacher, teacher2 — password demo');
}

function startElectron(electron: string): void {
  const child = spawn(electron, [repoRoot], {
    stdio: 'inherit',
    env: { ...process.env, ZHURNAL_DEMO: '1', ZHURNAL_USER_DATA: join(demoDir, 'electron') },
  });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

export async function start(port: number): Promise<void> {
  const t0 = Date.now();
  await ensureRendererBuilt();
  await buildElectron();
  console.log(`zhurnal: built in ${Date.now() - t0} ms`);
  const electron = findElectronBinary();
  if (!electron) return startHttpFallback('Electron binary not found (it cannot be downloaded here)', port);
  if (!nativeModuleLoadsIn(electron))
    return startHttpFallback(
      'better-sqlite3 is not built for Electron (run `npx electron-rebuild -f -w better-sqlite3`, and `npm rebuild better-sqlite3` before plain-Node tests)',
      port,
    );
  startElectron(electron);
}

const isMain = process.argv[1]?.replace(/\\/g, '/').endsWith('src-main/cli/start.ts');
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  const port = typeof args.port === 'string' ? Number(args.port) : DEFAULT_PORT;
  start(port).catch((e) => {
    console.error(`zhurnal: ${(e as Error).message}`);
    process.exit(1);
  });
}
