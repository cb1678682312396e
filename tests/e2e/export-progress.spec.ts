// «Полная выгрузка» as a long, cancellable build, watched in the browser (issue 5). The shared
// demo school builds its full package in milliseconds, too fast to see, so this file starts a
// host of its own on the big reference school (1500 pupils, the whole year to 31 May), where
// the build takes seconds. admin configures the portal double, starts a full upload, sees the
// progress bar, cancels and is told no package was made; the second upload runs to the end
// and is delivered, while the director, opening the page mid-build, sees the bar without a
// cancel button.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page, TestInfo } from '@playwright/test';
import { startPortal, type Portal } from '../portal/server';
import { expect, pageToken, rpcOk, signIn, test } from './fixtures';
import { repoRoot } from './server';

test.describe.configure({ mode: 'serial' });

const PORTAL_KEY = 'e2e-progress-key-2027';
// The last school day of the demo year: every lesson is in the package (as in tests/bench).
const TODAY = '2027-05-31';
const NOW = `${TODAY}T07:00:00Z`;
const READY = /^zhurnal: (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m;

let dir: string;
let host: { url: string; child: ChildProcess } | null = null;
let portal: Portal | null = null;
let admin: Page;
let director: Page;

const shot = (page: Page, testInfo: TestInfo, name: string) =>
  page.screenshot({ path: testInfo.outputPath(`export-progress-${name}.png`), fullPage: true });

/** Node with tsx in-process, like tests/e2e/server.ts: one process (group) to stop. */
const tsxArgs = (script: string, ...args: string[]) => ['--import', 'tsx', script, ...args];

async function startHost(dbFile: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, tsxArgs('src-main/cli/serve.ts', '--db', dbFile, '--port', '0'), {
    cwd: repoRoot,
    env: { ...process.env, ZHURNAL_NOW: NOW, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      const m = READY.exec(output);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code, signal) => reject(new Error(`host exited (${signal ?? code}) before it was ready\n${output}`)));
  });
  // Keep draining: a chatty host must never block on a full pipe.
  child.stdout!.removeAllListeners('data').on('data', () => {});
  child.stderr!.removeAllListeners('data').on('data', (c: Buffer) => process.stderr.write(`[big host] ${c.toString()}`));
  child.removeAllListeners('exit');
  return { url, child };
}

async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s); // the group this spec started for its host
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  // SIGTERM closes the database cleanly; a host that hangs gets SIGKILL.
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

test.beforeAll(async ({ browser }, workerInfo) => {
  // The big school takes 5–10 s to generate on an idle machine; a loaded one is slower.
  test.setTimeout(120_000);
  dir = mkdtempSync(join(tmpdir(), 'zhurnal-progress-e2e-'));
  const dbFile = join(dir, 'big.db');
  // A child process, so this worker stays responsive while the school is generated.
  await promisify(execFile)(process.execPath, tsxArgs('src-main/cli/demo.ts', '--db', dbFile, '--big', '--today', TODAY), {
    cwd: repoRoot,
    env: { ...process.env, ZHURNAL_NOW: NOW },
  });
  [host, portal] = await Promise.all([startHost(dbFile), startPortal({ dbFile: join(dir, 'portal.db'), token: PORTAL_KEY })]);
  const { locale, timezoneId, viewport } = workerInfo.project.use;
  const open = () => browser.newPage({ baseURL: host!.url, locale, timezoneId, viewport });
  [admin, director] = await Promise.all([open(), open()]);
  await Promise.all([signIn(admin, 'admin'), signIn(director, 'director')]);
});

test.afterAll(async () => {
  await admin?.close();
  await director?.close();
  await portal?.close();
  if (host) await stopHost(host.child);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('admin cancels a full upload of the big school: nothing is queued', async ({}, testInfo) => {
  await admin.getByTestId('nav-export').click();
  await expect(admin.getByTestId('export-page')).toBeVisible();
  await admin.getByTestId('export-url').fill(portal!.url);
  await admin.getByTestId('export-token').fill(PORTAL_KEY);
  await admin.getByTestId('export-save').click();
  await expect(admin.getByTestId('export-saved')).toBeVisible();
  await expect(admin.getByTestId('export-not-configured')).toHaveCount(0);

  // The build lasts a few seconds, and the bar with its cancel shows as soon as it is asked for.
  await admin.getByTestId('export-run-full').click();
  const progress = admin.getByTestId('export-build-progress');
  await expect(progress).toBeVisible();
  await admin.getByTestId('export-build-cancel').click();
  await expect(admin.getByTestId('export-build-cancelled')).toContainText('отменена');
  await expect(progress).toHaveCount(0);
  await expect(admin.getByTestId('export-call-error')).toHaveCount(0);
  await expect(admin.getByTestId('export-result')).toHaveCount(0);
  await expect(admin.getByTestId('export-run-full')).toBeEnabled();
  await shot(admin, testInfo, 'cancelled');

  const status = await rpcOk(admin.request, 'export.status', {}, await pageToken(admin));
  expect(status.build).toBeNull();
  expect(status.queue.filter((p) => p.kind === 'full')).toEqual([]);
});

test('the next full upload runs to the end; the director sees it building, without a cancel', async ({}, testInfo) => {
  // Delivering the ~13 MB package to the portal double (started in this worker) takes 25 s on
  // an idle machine, over a minute beside the other e2e files.
  test.setTimeout(240_000);
  // The host's own schedule (a minute after its start) may have begun the first full export
  // meanwhile: wait until no build runs, so the click below starts one.
  const token = await pageToken(admin);
  await expect.poll(async () => (await rpcOk(admin.request, 'export.status', {}, token)).build, { timeout: 60_000 }).toBeNull();
  await director.getByTestId('nav-export').click();
  await expect(director.getByTestId('export-page')).toBeVisible();
  await expect(director.getByTestId('export-build-progress')).toHaveCount(0);

  await admin.getByTestId('export-run-full').click();
  // The build lasts a few seconds: both pages are watched at once, not one after the other.
  await Promise.all([
    (async () => {
      await expect(admin.getByTestId('export-build-progress')).toBeVisible();
      await expect(admin.getByTestId('export-build-cancel')).toHaveText('Отменить');
      await expect(admin.getByTestId('export-build-percent')).toHaveText(/^\d{1,3} %$/);
      await expect(admin.getByTestId('export-run-full')).toBeDisabled();
    })(),
    // A page opened (here: refreshed) while a build runs finds it in the status and follows it.
    expect(async () => {
      await director.getByTestId('export-refresh').click();
      await expect(director.getByTestId('export-build-progress')).toBeVisible({ timeout: 400 });
      await expect(director.getByTestId('export-build-cancel')).toHaveCount(0);
    }).toPass({ timeout: 15_000 }),
  ]);
  await Promise.all([shot(admin, testInfo, 'building'), shot(director, testInfo, 'director-building')]);
  await expect(admin.getByTestId('export-build-cancelled')).toHaveCount(0);

  await expect(admin.getByTestId('export-build-progress')).toHaveCount(0, { timeout: 30_000 });
  // The bar is gone once the package is built; sending ~13 MB to the portal double follows.
  await expect(admin.getByTestId('export-result')).toContainText('доставлен', { timeout: 180_000 });
  await expect(admin.getByTestId('export-build-progress')).toHaveCount(0);
  // Newest first; a scheduled full export before this one would be an older row.
  const full = admin.locator('[data-testid="export-row"][data-kind="full"]').first();
  await expect(full).toHaveAttribute('data-state', 'done');
  // The director's page stops following once the build is over; the delivery comes later.
  await expect(director.getByTestId('export-build-progress')).toHaveCount(0);
  await director.getByTestId('export-refresh').click();
  await expect(director.locator('[data-testid="export-row"][data-kind="full"]').first()).toHaveAttribute('data-state', 'done');
  await shot(admin, testInfo, 'done');

  const status = await rpcOk(admin.request, 'export.status', {}, token);
  expect(status.build).toBeNull();
  expect(status.queue.find((p) => p.kind === 'full')?.state).toBe('done');
});
