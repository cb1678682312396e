// The Electron host: one window, one database, the same router as the HTTP host.
// Everything here is about the shell and its security; the domain lives in services.
// Bundled by src-main/cli/build.ts into dist/electron/main.cjs (CommonJS, so __dirname is
// the bundle's folder, inside app.asar once packaged).
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, type WebFrameMain } from 'electron';
import { registerLiveIpc } from './live';
import { DbVersionFromFutureError } from '../../../db/client';
import { schoolDate } from '../../../src-shared/dates';
import type { Envelope } from '../../../src-shared/errors';
import { openApp, type App } from '../../app';
import { decideMode, readNetworkChoice, writeNetworkChoice, type NetworkChoice } from '../../network/choice';
import { openClient, type ClientHandle } from '../../network/client/open';
import type { Router } from '../../rpc/router';
import { createNetworkControl } from '../../network/host/control-impl';
import { addFirewallRule } from '../../network/host/firewall';
import { APP_VERSION } from '../../version';
import { backupIfDue } from '../../services/backup/make';
import { runDue } from '../../services/export/schedule';
import { startDeadlineTimer } from '../../services/check/deadlines';
import type { SecretBox } from '../../services/secrets';
import { CSP } from '../csp';
import { readSwitches } from './switches';

const SCHEME = 'app';
const HOST = 'zhurnal';
const ORIGIN = `${SCHEME}://${HOST}`;
const rendererDir = resolve(__dirname, '..', 'renderer');
const DEMO_BUNDLE = 'demo.cjs';

// Registered before `ready` or Chromium treats app:// as an opaque origin: 'self' in the CSP,
// fetch and sessionStorage only work for a standard, secure scheme.
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

// Test and demo switches: none of them in an installed app (switches.ts says why).
const switches = readSwitches(app.isPackaged, process.argv, process.env);
// Tests and `npm start` keep their data out of the real profile. Must precede the
// single-instance lock, which is keyed on the userData folder.
if (switches.userData) app.setPath('userData', switches.userData);
let zhurnal: App | null = null;
/** Client mode (DESIGN.md §10): the school host's router instead of a database of our own. */
let client: ClientHandle | null = null;
let win: BrowserWindow | null = null;

/**
 * This PC's role on the school network, asked once on a fresh installation: the same window's
 * RPC then goes either to our own database or, over the pinned TLS connection, to the school
 * host. The renderer is the same either way; a client shows its pairing screen first.
 */
async function networkMode(): Promise<NetworkChoice> {
  const dir = app.getPath('userData');
  const decided = decideMode(readNetworkChoice(dir), existsSync(join(dir, 'zhurnal.db')), switches.demo);
  if (decided !== 'ask') return decided;
  const answer = await dialog.showMessageBox({
    type: 'question',
    title: 'Журнал',
    message: 'Как будет работать этот компьютер?',
    detail:
      'Базу школы хранит один компьютер (сервер школы); остальные подключаются к нему по сети школы. ' +
      'Если в школе журнал ещё не установлен ни на одном компьютере, выберите первый вариант.',
    buttons: ['Этот компьютер хранит базу школы', 'Подключиться к серверу школы'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  const choice: NetworkChoice = { mode: answer.response === 1 ? 'client' : 'standalone' };
  writeNetworkChoice(dir, choice);
  return choice;
}

/** A new data folder gets an empty school (first-run screen asks for the admin password) or the demo one. */
async function openSchool(): Promise<App> {
  const dbFile = join(app.getPath('userData'), 'zhurnal.db');
  mkdirSync(dirname(dbFile), { recursive: true });
  // Beside the bundle, not import.meta (empty in a CommonJS bundle): build.ts copies them here.
  const migrationsFolder = join(__dirname, 'migrations');
  const now = switches.now ?? (() => new Date());
  if (switches.demo && !existsSync(dbFile)) {
    // The demo generator is a separate bundle beside this one (build.ts), left out of the
    // installer (electron-builder.yml): a computed specifier, so esbuild cannot inline it here.
    const { createDemoDatabase } = (await import(join(__dirname, DEMO_BUNDLE))) as typeof import('../../demo/create');
    await createDemoDatabase(dbFile, { big: false, today: schoolDate(now()), now, migrationsFolder });
  }
  // Fonts for printed forms: shipped as extraResources when packaged, the source tree otherwise.
  const resourcesDir = app.isPackaged ? join(process.resourcesPath, 'resources') : join(__dirname, '../../resources');
  const secrets = osSecretBox();
  return openApp({ dbFile, migrationsFolder, resourcesDir, now, checkOutput: !app.isPackaged, ...(secrets ? { secrets } : {}) });
}

/**
 * The portal key is sealed with safeStorage where it really protects: not on a Linux desktop
 * without a secret store, where Electron falls back to a hard-coded password ('basic_text').
 * Called after `ready`, as safeStorage requires.
 */
function osSecretBox(): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && ['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())) return undefined;
  return { seal: (plain) => safeStorage.encryptString(plain), open: (sealed) => safeStorage.decryptString(sealed) };
}

/** The backup and export timers: stopped before the database closes. */
const timers: NodeJS.Timeout[] = [];

let schoolHost: ReturnType<typeof createNetworkControl> | null = null;

/**
 * The school network switch (DESIGN.md §10): off until the administrator turns it on in
 * «Сеть»; then it serves again at every start on the saved address. The first serve on a
 * port asks Windows for the firewall rule.
 */
function startSchoolHost(a: App): void {
  schoolHost = createNetworkControl({
    services: a.services,
    router: a.router,
    stateDir: join(app.getPath('userData'), 'host'),
    version: APP_VERSION,
    onFirstServe: (port) => addFirewallRule(port, (m, e) => console.error(m, e)),
  });
  a.services.network = schoolHost;
  void schoolHost.resume();
}

/** A daily backup into the data folder: at start (after the window is up), then every few hours. */
function scheduleBackups(a: App): void {
  // The same folder the administrator's list and restore use (openApp: beside the database).
  const dir = a.services.backupDir ?? join(app.getPath('userData'), 'backups');
  const run = () => backupIfDue(a.services, dir).catch((e: unknown) => console.error('backup failed', e));
  timers.push(setTimeout(run, 30_000), setInterval(run, 4 * 3600_000).unref());
}

/** Export runs in main while the app is open: due packages are built and the outbox drained. */
function scheduleExport(a: App): void {
  let running = false;
  const tick = async () => {
    if (running) return; // a long upload must not overlap the next tick
    running = true;
    try {
      await runDue({ ...a.services, actor: null });
    } catch (e) {
      console.error('export failed', e);
    } finally {
      running = false;
    }
  };
  timers.push(
    setTimeout(() => void tick(), 10_000),
    setInterval(() => void tick(), 60_000).unref(),
  );
}

/** Remarks whose deadline has passed get their rule re-run: at start, then every 10 minutes. */
let stopDeadlines: (() => void) | null = null;
function scheduleRemarkDeadlines(a: App): void {
  stopDeadlines = startDeadlineTimer(a.services, { everyMs: 10 * 60_000, log: (m, e) => console.error(m, e) });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** Serves dist/renderer like the HTTP host does: same CSP, index.html for client-side routes. */
async function serveRenderer(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== HOST) return new Response('not found', { status: 404 });
  let file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
  // normalize() resolves "..": anything that lands outside the renderer folder is refused.
  if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return new Response('forbidden', { status: 403 });
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(rendererDir, 'index.html');
  if (!existsSync(file)) return new Response('Интерфейс не собран: выполните npm run build', { status: 404 });
  return new Response(new Uint8Array(await readFile(file)), {
    headers: {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** Only our own page may call the router: not a frame that navigated elsewhere, not a devtools extension. */
function fromOurApp(frame: WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    // WHATWG URL gives custom schemes an opaque "null" origin, so compare the parts.
    return url.protocol === `${SCHEME}:` && url.host === HOST;
  } catch {
    return false;
  }
}

function refuse(message: string): Envelope<never> {
  return { ok: false, error: { code: 'forbidden', message } };
}

function createWindow(): void {
  win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    title: 'Журнал',
    show: false, // shown on ready-to-show: no white flash before the first paint
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      // Rights are enforced in main anyway; devtools on a shared school PC only invite tinkering.
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  void win.loadURL(`${ORIGIN}/`);
}

// Every webContents (the window and anything it might try to spawn) gets the same fences:
// the renderer shows school data and is never a browser.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite file would each think they own the session table and backups.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app
    .whenReady()
    .then(async () => {
      // The database opens (and migrates) before any window or IPC handler exists: a window
      // must never show over a half-migrated or refused database.
      let router: Router;
      try {
        if ((await networkMode()).mode === 'client') {
          client = await openClient({ stateDir: join(app.getPath('userData'), 'client') });
          router = client.router;
        } else {
          zhurnal = await openSchool();
          router = zhurnal.router;
        }
      } catch (e) {
        const message =
          e instanceof DbVersionFromFutureError ? e.message : `Не удалось открыть базу данных.\n\n${(e as Error).stack ?? String(e)}`;
        dialog.showErrorBox('Журнал', message);
        app.exit(1);
        return;
      }

      session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);
      protocol.handle(SCHEME, serveRenderer);

      ipcMain.handle('rpc', async (event, method: unknown, input: unknown, token: unknown): Promise<Envelope<unknown>> => {
        if (!fromOurApp(event.senderFrame)) return refuse('Запрос не из окна журнала');
        if (typeof method !== 'string' || (token !== null && typeof token !== 'string')) return refuse('Неверный вызов');
        try {
          const envelope = await router.call(method, input, token);
          // A JSON round trip makes IPC answers byte-for-byte what the HTTP host sends
          // (Dates as strings, undefined dropped), so the renderer sees one contract.
          return JSON.parse(JSON.stringify(envelope)) as Envelope<unknown>;
        } catch (e) {
          // Last resort, like the HTTP host's guard: a value JSON cannot carry (a BigInt, a
          // cycle) must reach the window as an envelope, not as a rejected invoke.
          console.error(`rpc ${method} failed`, e);
          return { ok: false, error: { code: 'internal', message: 'Внутренняя ошибка программы' } };
        }
      });

      registerLiveIpc(ipcMain, router, fromOurApp);
      createWindow();
      // Backups, the export and the school network host belong to the PC with the database,
      // never to a client.
      if (zhurnal) {
        scheduleBackups(zhurnal);
        scheduleExport(zhurnal);
        scheduleRemarkDeadlines(zhurnal);
        startSchoolHost(zhurnal);
      }
    })
    .catch((e: unknown) => {
      dialog.showErrorBox('Журнал', String((e as Error).stack ?? e));
      app.exit(1);
    });

  // Also on macOS: a journal left running without a window would keep the database open.
  app.on('window-all-closed', () => app.quit());
  // WAL checkpoint and file handles: close the database on the way out.
  app.on('will-quit', () => {
    timers.splice(0).forEach(clearTimeout);
    stopDeadlines?.();
    stopDeadlines = null;
    void schoolHost?.close();
    zhurnal?.close();
    zhurnal = null;
    client?.close();
    client = null;
  });
}
