// Starts the real HTTP host (`npm run serve`) on a temp database and waits for its ready line.
// Used by the global setup (the demo school) and by specs that need a database of their own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Thursday 26 November 2026, 10:00 in Moscow: "today" has lessons. */
export const E2E_NOW = process.env.ZHURNAL_NOW ?? '2026-11-26T07:00:00Z';
export const E2E_TODAY = '2026-11-26';

export interface RunningServer {
  url: string;
  dbFile: string;
  stop(): Promise<void>;
}

const READY = /^zhurnal: (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m;
const START_TIMEOUT_MS = 180_000;

/**
 * kind 'demo': a new file, which serve turns into the small demo school.
 * kind 'empty': an existing empty file, which serve opens as a real school on its first run.
 */
export async function startServer(
  kind: 'demo' | 'empty' = 'demo',
  /** now: another clock (ZHURNAL_NOW); dbFile: an existing database of the caller's, kept on stop. */
  opts: { now?: string; dbFile?: string } = {},
): Promise<RunningServer> {
  const dir = opts.dbFile ? null : mkdtempSync(join(tmpdir(), 'zhurnal-e2e-'));
  const dbFile = opts.dbFile ?? join(dir!, 'school.db');
  if (kind === 'empty' && dir) writeFileSync(dbFile, '');
  // node --import tsx runs serve.ts in this one process (npx tsx would add two wrappers
  // between us and the server), and its own process group lets stop() end all of it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/serve.ts', '--db', dbFile, '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, ZHURNAL_NOW: opts.now ?? E2E_NOW, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // If the runner dies without its teardown (Ctrl-C twice, a crash), the server goes too.
  const onExit = () => kill(child, 'SIGKILL');
  process.once('exit', onExit);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`server did not print its ready line in ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    function fail(e: Error) {
      clearTimeout(timer);
      kill(child);
      reject(new Error(`${e.message}\n--- server output ---\n${output}`));
    }
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = READY.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`server exited (${signal ?? code}) before it was ready`)));
  });
  // Keep draining the pipes so a chatty server never blocks on a full buffer;
  // errors it logs later still reach the test log.
  child.stdout!.removeAllListeners('data').on('data', () => {});
  child.stderr!.removeAllListeners('data').on('data', (c: Buffer) => process.stderr.write(`[server] ${c.toString()}`));
  child.removeAllListeners('exit');

  return {
    url,
    dbFile,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        kill(child);
        // SIGTERM closes the database cleanly; a server that hangs gets SIGKILL.
        const timer = setTimeout(() => kill(child, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      process.off('exit', onExit);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the whole group started for this server
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}
