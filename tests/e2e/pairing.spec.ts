// A client PC in the browser (issue 10, DESIGN.md §10): the page served by `serve --connect`
// shows the pairing screen until the PC is paired; a code made by the administrator on the
// host pairs it and the pinned fingerprint shown is the one the host printed; then the login
// screen and the journal come from the host. When the host stops, the header says the school
// server is unreachable; when it is back, the next answer clears it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, SIGN_IN_TIMEOUT, test } from './fixtures';
import { E2E_NOW, repoRoot } from './server';

test.describe.configure({ mode: 'serial' });

const LOOPBACK = /^zhurnal: (http:\/\/127\.0\.0\.1:\d+\/)\s*$/m;
const NETWORK = /^zhurnal host: (https:\/\/127\.0\.0\.1:(\d+))\/ sha256 ((?:[0-9A-F]{4} ){15}[0-9A-F]{4})\s*$/m;

interface Proc {
  child: ChildProcess;
  out: () => string;
}

/** `npm run serve -- …` as its own process group; resolves once every pattern matched its output. */
async function serve(args: string[], ready: RegExp[]): Promise<Proc & { matches: RegExpExecArray[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/serve.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ZHURNAL_NOW: E2E_NOW, NODE_ENV: 'test', ZHURNAL_MDNS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const matches = await new Promise<RegExpExecArray[]>((resolve, reject) => {
    const check = () => {
      const m = ready.map((r) => r.exec(output));
      if (m.every(Boolean)) resolve(m as RegExpExecArray[]);
    };
    child.stdout!.on('data', (c: Buffer) => ((output += c.toString()), check()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => reject(new Error(`serve ${args.join(' ')} exited (${code})\n${output}`)));
  });
  child.removeAllListeners('exit');
  return { child, out: () => output, matches };
}

async function stop(p: Proc | null): Promise<void> {
  const child = p?.child;
  if (!child || child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  // `node --import tsx serve.ts` is one process: signal it, then wait until it is gone.
  child.kill('SIGTERM');
  await exited;
}

let dir: string;
let dbFile: string;
let host: (Proc & { loopback: string; url: string; port: string; fingerprint: string }) | null = null;
let client: (Proc & { url: string }) | null = null;

async function startHost(port: string): Promise<void> {
  const p = await serve(['--db', dbFile, '--port', '0', '--host', `127.0.0.1:${port}`], [LOOPBACK, NETWORK]);
  const [loop, net] = p.matches;
  host = { ...p, loopback: loop![1]!, url: net![1]!, port: net![2]!, fingerprint: net![3]! };
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhurnal-e2e-pair-'));
  dbFile = join(dir, 'school.db');
  await startHost('0');
  const p = await serve(['--connect', host!.url, '--state', join(dir, 'client'), '--port', '0'], [LOOPBACK]);
  client = { ...p, url: p.matches[0]![1]! };
});

test.afterAll(async () => {
  await stop(client);
  await stop(host);
  rmSync(dir, { recursive: true, force: true });
});

test('an unpaired client PC pairs with the administrator’s code and shows the fingerprint the host printed', async ({ page, request }) => {
  await page.goto(client!.url);
  await expect(page.getByTestId('pair-form')).toBeVisible();
  await expect(page.getByTestId('pair-address')).toHaveValue(host!.url);

  // The administrator makes a code on the host (its own loopback interface).
  const login = await (await request.post(`${host!.loopback}rpc/auth.login`, { data: { login: 'admin', password: 'demo' } })).json();
  const made = await (
    await request.post(`${host!.loopback}rpc/network.createPairingCode`, { data: {}, headers: { Authorization: `Bearer ${login.value.token}` } })
  ).json();
  expect(made.ok).toBe(true);

  // A wrong code first: refused in Russian, still on the pairing screen.
  await page.getByTestId('pair-code').fill(made.value.code === '000000' ? '000001' : '000000');
  await page.getByTestId('pair-name').fill('Кабинет 12');
  await page.getByTestId('pair-submit').click();
  await expect(page.getByTestId('pair-error')).toContainText(/код/i);

  await page.getByTestId('pair-code').fill(made.value.code);
  await page.getByTestId('pair-submit').click();
  await expect(page.getByTestId('pair-fingerprint')).toHaveText(host!.fingerprint);
  await page.getByTestId('pair-continue').click();
  await expect(page.getByTestId('login-form')).toBeVisible();
});

test('the header says the school server is unreachable while it is away, and clears at its next answer', async ({ page }) => {
  // Signed in on the client's own page (signIn() would go to the shared demo server).
  await page.goto(client!.url);
  await page.getByTestId('login-input').fill('teacher');
  await page.getByTestId('password-input').fill('demo');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeVisible({ timeout: SIGN_IN_TIMEOUT });
  await expect(page.getByTestId('host-unreachable')).toHaveCount(0);

  await stop(host);
  // Any call now finds nobody at the host: the journal's own sections make them.
  await page.getByTestId('nav-control').click();
  await expect(page.getByTestId('host-unreachable')).toBeVisible();
  await expect(page.getByTestId('host-unreachable')).toHaveText('Сервер школы недоступен');

  await startHost(host!.port);
  await page.getByTestId('nav-journal').click();
  await expect(page.getByTestId('host-unreachable')).toHaveCount(0);
  await expect(page.getByTestId('user-name')).toBeVisible();
});
