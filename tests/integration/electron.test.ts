// The Electron shell. The bundle checks run everywhere; launching the app needs the Electron
// binary, which cannot be downloaded on the build machines, so that part skips out loud.
import { builtinModules, createRequire } from 'node:module';
import Module from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildElectron } from '../../src-main/cli/build';
import { findElectronBinary } from '../../src-main/cli/start';
import { startPortal } from '../portal/server';

const root = fileURLToPath(new URL('../../', import.meta.url));
const out = join(root, 'dist/electron');
const electron = findElectronBinary(root);

/** Every module a CommonJS bundle loads at run time. */
function requires(code: string): string[] {
  return [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
}

describe('electron bundle', () => {
  let main = '';
  let preload = '';
  beforeAll(async () => {
    await buildElectron();
    main = readFileSync(join(out, 'main.cjs'), 'utf8');
    preload = readFileSync(join(out, 'preload.cjs'), 'utf8');
  }, 120_000);

  it('writes main, preload and the migrations beside them', () => {
    expect(existsSync(join(out, 'main.cjs'))).toBe(true);
    expect(existsSync(join(out, 'preload.cjs'))).toBe(true);
    expect(existsSync(join(out, 'migrations/meta/_journal.json'))).toBe(true);
  });

  it('preload exposes the bridge and loads nothing but electron (sandboxed preloads cannot)', () => {
    expect(preload).toContain('contextBridge');
    expect(new Set(requires(preload))).toEqual(new Set(['electron']));
  });

  it('leaves the demo generator out of main: it is a bundle of its own, excluded from the installer', () => {
    const demo = readFileSync(join(out, 'demo.cjs'), 'utf8');
    // Markers of the generator: its entry point and its name maker (src-main/demo/names.ts).
    const markers = ['function createDemoDatabase(', 'function surnameFor('];
    for (const m of markers) {
      expect(demo).toContain(m); // so the marker is real and the next line can fail
      expect(main).not.toContain(m);
    }
    const builder = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    expect(builder).toMatch(/^\s+- "!dist\/electron\/demo\.cjs"$/m);
  });

  it('main keeps better-sqlite3 and pdfkit external and bundles everything else of ours', () => {
    expect(requires(main)).toContain('better-sqlite3');
    expect(main).not.toContain('Misspelled option "readOnly"'); // a line of better-sqlite3's own source
    // pdfkit reads its own data files at run time, so it ships as a module (a dependency).
    const allowed = new Set(['electron', 'better-sqlite3', 'pdfkit', ...builtinModules]);
    const strays = requires(main).filter((m) => !allowed.has(m.replace(/^node:/, '')));
    expect(strays).toEqual([]);
  });
});

/**
 * A stand-in for the 'electron' module that records what main.cjs registers, so the real bundle
 * runs in plain Node: its protocol handler, IPC handler, window options and fences get exercised
 * here, on every machine, not only where the Electron binary exists.
 */
function fakeElectron(userData: string, backend: string, isPackaged: boolean, answer = 0) {
  const rec = {
    /** The first-run questions asked (school network mode), with the button picked: `answer`. */
    questions: [] as { buttons: string[] }[],
    schemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    protocol: new Map<string, (r: Request) => Promise<Response>>(),
    ipc: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    ipcOn: new Map<string, (event: unknown, ...args: unknown[]) => void>(),
    appEvents: new Map<string, (...args: unknown[]) => void>(),
    windows: [] as { options: { webPreferences: Record<string, unknown> }; url?: string }[],
    errors: [] as string[],
    exitCode: undefined as number | undefined,
    permissionRequest: undefined as undefined | ((...a: unknown[]) => void),
    permissionCheck: undefined as undefined | ((...a: unknown[]) => boolean),
  };
  const paths: Record<string, string> = { userData };
  const electron = {
    app: {
      isPackaged,
      enableSandbox() {},
      setPath: (k: string, v: string) => void (paths[k] = v),
      getPath: (k: string) => paths[k],
      requestSingleInstanceLock: () => true,
      on: (event: string, fn: (...args: unknown[]) => void) => void rec.appEvents.set(event, fn),
      whenReady: () => Promise.resolve(),
      quit() {},
      exit: (code: number) => void (rec.exitCode = code),
    },
    BrowserWindow: class {
      constructor(public options: { webPreferences: Record<string, unknown> }) {
        rec.windows.push(this);
      }
      url?: string;
      once() {}
      on() {}
      loadURL(url: string) {
        this.url = url;
        return Promise.resolve();
      }
    },
    dialog: {
      showErrorBox: (_title: string, message: string) => void rec.errors.push(message),
      showMessageBox: (options: { buttons: string[] }) => {
        rec.questions.push(options);
        return Promise.resolve({ response: answer, checkboxChecked: false });
      },
    },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => void rec.ipc.set(channel, fn),
      // Live journal updates (one-way messages): 'live:open', 'live:close'.
      on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => void rec.ipcOn.set(channel, fn),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: typeof rec.schemes) => void rec.schemes.push(...s),
      handle: (scheme: string, fn: (r: Request) => Promise<Response>) => void rec.protocol.set(scheme, fn),
    },
    // Sealing that is visibly not the plain text, and opens only what it sealed.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => backend,
      encryptString: (plain: string) => Buffer.concat([Buffer.from('SEALED'), Buffer.from(plain, 'utf8').reverse()]),
      decryptString: (sealed: Buffer) => {
        if (!sealed.subarray(0, 6).equals(Buffer.from('SEALED'))) throw new Error('cannot decrypt');
        return Buffer.from(sealed.subarray(6)).reverse().toString('utf8');
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: (...a: unknown[]) => void) => void (rec.permissionRequest = fn),
        setPermissionCheckHandler: (fn: (...a: unknown[]) => boolean) => void (rec.permissionCheck = fn),
      },
    },
  };
  return { electron, rec };
}

type Resolver = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };

/** Loads dist/electron/main.cjs afresh with the fake electron and waits until it settled. */
async function loadMain(
  userData: string,
  env: Record<string, string> = {},
  secretBackend = 'gnome_libsecret',
  opts: { packaged?: boolean; argv?: string[]; profile?: string; answer?: number } = {},
) {
  // profile: the folder Electron itself would choose; ZHURNAL_USER_DATA points elsewhere.
  const { electron, rec } = fakeElectron(opts.profile ?? userData, secretBackend, opts.packaged ?? false, opts.answer);
  const fakePath = join(userData, 'fake-electron.cjs');
  const fakeModule = new Module(fakePath);
  fakeModule.exports = electron;
  fakeModule.loaded = true;
  moduleInternals._cache[fakePath] = fakeModule;
  const original = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (request, ...rest) {
    return request === 'electron' ? fakePath : original.call(this, request, ...rest);
  };
  const mainPath = join(out, 'main.cjs');
  const vars = { ZHURNAL_USER_DATA: userData, ZHURNAL_DEMO: '', ...env };
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  const argvBefore = [...process.argv];
  process.argv.push(...(opts.argv ?? []));
  // An installed app finds its fonts under process.resourcesPath, which plain Node lacks.
  const resources = process as { resourcesPath?: string };
  const resourcesBefore = resources.resourcesPath;
  if (opts.packaged) resources.resourcesPath = join(root, 'resources-packaged-stand-in');
  try {
    delete moduleInternals._cache[mainPath];
    createRequire(import.meta.url)(mainPath);
    // main.ts opens the school asynchronously after whenReady(); settled = a window or an exit.
    const deadline = Date.now() + 60_000;
    while (rec.windows.length === 0 && rec.exitCode === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  } finally {
    moduleInternals._resolveFilename = original;
    process.argv.splice(0, process.argv.length, ...argvBefore);
    resources.resourcesPath = resourcesBefore;
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  return rec;
}

describe('electron adapter (real bundle, fake electron module)', () => {
  const dirs: string[] = [];
  let quit: (() => void) | undefined;
  const tempUserData = () => {
    const d = mkdtempSync(join(tmpdir(), 'zhurnal-shell-'));
    dirs.push(d);
    return d;
  };
  beforeAll(() => buildElectron(), 120_000);
  afterEach(() => {
    quit?.();
    quit = undefined;
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('opens an empty school, then the window with the locked-down preferences', async () => {
    const rec = await loadMain(tempUserData());
    quit = rec.appEvents.get('will-quit');
    expect(rec.errors).toEqual([]);
    expect(rec.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(rec.windows).toHaveLength(1);
    const win = rec.windows[0]!;
    expect(win.url).toBe('app://zhurnal/');
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(existsSync(win.options.webPreferences.preload as string)).toBe(true);
  });

  it('opens live journal streams only for our own top frame, and refuses one without a session', async () => {
    const rec = await loadMain(tempUserData());
    quit = rec.appEvents.get('will-quit');
    const open = rec.ipcOn.get('live:open')!;
    const sent: unknown[][] = [];
    const sender = { send: (...args: unknown[]) => sent.push(args), isDestroyed: () => false, once() {}, on() {} };
    open({ senderFrame: { url: 'https://evil.example/', parent: null }, sender }, 1, 1, 1, null);
    open({ senderFrame: { url: 'app://zhurnal/', parent: null }, sender }, 2, 1, 1, null);
    const deadline = Date.now() + 5000;
    while (sent.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(sent).toEqual([['live', 2, { kind: 'end', error: expect.objectContaining({ code: 'unauthenticated' }) }]]);
  });

  it('answers IPC only from our own top frame', async () => {
    const rec = await loadMain(tempUserData());
    quit = rec.appEvents.get('will-quit');
    const rpc = rec.ipc.get('rpc')!;
    const ours = { senderFrame: { url: 'app://zhurnal/journal', parent: null } };
    expect(await rpc(ours, 'auth.status', {}, null)).toMatchObject({ ok: true, value: { demo: false, needsSetup: true } });
    expect(await rpc(ours, 'no.suchMethod', {}, null)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const senderFrame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'app://zhurnal/', parent: {} },
      { url: 'app://other/', parent: null },
      null,
    ])
      expect(await rpc({ senderFrame }, 'auth.status', {}, null)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // Hostile arguments from our own frame: an envelope with a known code, never a rejection.
    for (const method of [42, null, undefined, {}, ['auth.status'], { toString: () => 'auth.status' }])
      expect(await rpc(ours, method, {}, null), String(method)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const token of [42, {}, ['t']])
      expect(await rpc(ours, 'auth.me', {}, token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const input of [
      10n,
      new Map([['login', 'x']]),
      new Date(0),
      Symbol('x'),
      { login: 10n, password: 'x' },
      { __proto__: { login: 'admin' } },
    ])
      expect(await rpc(ours, 'auth.login', input, null)).toMatchObject({ ok: false, error: { code: 'validation' } });
    for (const method of ['__proto__', 'constructor', 'toString', 'auth.status '.repeat(10_000)])
      expect(await rpc(ours, method, {}, null)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('serves the renderer with the CSP and never a file outside it', async () => {
    const rec = await loadMain(tempUserData());
    quit = rec.appEvents.get('will-quit');
    const serve = rec.protocol.get('app')!;
    const index = await serve(new Request('app://zhurnal/'));
    // 200 once the renderer is built; 404 with a hint before that. Either way, the CSP is ours.
    if (index.status === 200) expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    else expect(await index.text()).toContain('npm run build');
    expect((await serve(new Request('app://zhurnal/..%2F..%2Fpackage.json'))).status).toBe(403);
    expect((await serve(new Request('app://evil/'))).status).toBe(404);
  });

  it('fences every web contents: no navigation away, no popups, no webviews, no permissions', async () => {
    const rec = await loadMain(tempUserData());
    quit = rec.appEvents.get('will-quit');
    const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    rec.appEvents.get('web-contents-created')!(
      {},
      {
        on: (name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => listeners.set(name, fn),
        setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
      },
    );
    const prevented = (name: string, url?: string) => {
      let hit = false;
      listeners.get(name)!({ preventDefault: () => (hit = true) }, url);
      return hit;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(prevented('will-navigate', 'app://zhurnal/journal')).toBe(false);
    expect(prevented('will-redirect', 'https://evil.example/')).toBe(true);
    expect(prevented('will-attach-webview')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    rec.permissionRequest!({}, 'media', (ok: boolean) => (granted = ok));
    expect(granted).toBe(false);
    expect(rec.permissionCheck!({}, 'clipboard-read', '', {})).toBe(false);
  });

  it('creates the demo school with ZHURNAL_DEMO=1, from inside the bundle', async () => {
    // The bundle is CommonJS, where import.meta is empty: anything that finds its files through
    // import.meta.url (the demo generator's default migrations path) breaks only here.
    const rec = await loadMain(tempUserData(), { ZHURNAL_DEMO: '1', ZHURNAL_NOW: '2026-11-26T07:00:00Z' });
    quit = rec.appEvents.get('will-quit');
    expect(rec.errors).toEqual([]);
    const ours = { senderFrame: { url: 'app://zhurnal/', parent: null } };
    expect(await rec.ipc.get('rpc')!(ours, 'auth.status', {}, null)).toMatchObject({ ok: true, value: { demo: true, needsSetup: false } });
  }, 120_000);

  it('seals the portal key with safeStorage (stored as is where Linux has no secret store) and delivers a full package', async () => {
    for (const [backend, sealed] of [
      ['gnome_libsecret', true],
      // Only Linux has that fallback; elsewhere safeStorage always has the system's protection.
      ['basic_text', process.platform !== 'linux'],
    ] as const) {
      const userData = tempUserData();
      const rec = await loadMain(userData, { ZHURNAL_DEMO: '1', ZHURNAL_NOW: '2026-11-26T07:00:00Z' }, backend);
      quit = rec.appEvents.get('will-quit');
      const rpc = (method: string, input: unknown, token: string | null) =>
        rec.ipc.get('rpc')!({ senderFrame: { url: 'app://zhurnal/', parent: null } }, method, input, token) as Promise<any>;
      const login = await rpc('auth.login', { login: 'admin', password: 'demo' }, null);
      const token = login.value.token as string;
      const portal = await startPortal({ dbFile: join(userData, 'portal.db'), token: 'portal-key-2026' });
      try {
        expect(await rpc('export.configure', { url: portal.url, token: 'portal-key-2026' }, token)).toMatchObject({ ok: true });
        const status = await rpc('export.status', {}, token);
        expect(status.value.settings).toMatchObject({ tokenSet: true, tokenSealed: sealed });
        // The bundle builds a full package (its gzip thread included), opens the key and delivers.
        expect(await rpc('export.runFull', {}, token)).toMatchObject({ ok: true, value: { package: { kind: 'full', state: 'done' } } });
      } finally {
        await portal.close();
      }
      quit?.();
      quit = undefined;
      const db = new Database(join(userData, 'zhurnal.db'), { readonly: true });
      const stored = db.prepare("SELECT value FROM secret WHERE key = 'portal_token'").pluck().get() as string;
      db.close();
      if (sealed) {
        expect(stored.startsWith('sealed:')).toBe(true);
        expect(Buffer.from(stored.slice(7), 'base64').toString('latin1')).not.toContain('portal-key-2026');
      } else expect(stored).toBe('plain:portal-key-2026');
    }
  }, 120_000);

  it('ignores every test switch when packaged: user-data override, --demo, ZHURNAL_DEMO, ZHURNAL_NOW', async () => {
    const profile = tempUserData();
    const override = tempUserData();
    const switches = { ZHURNAL_USER_DATA: override, ZHURNAL_DEMO: '1', ZHURNAL_NOW: '2020-01-01T07:00:00Z' };
    const rec = await loadMain(override, switches, 'gnome_libsecret', { packaged: true, argv: ['--demo'], profile });
    quit = rec.appEvents.get('will-quit');
    expect(rec.errors).toEqual([]);
    const ours = { senderFrame: { url: 'app://zhurnal/', parent: null } };
    // No demo school: the first-run screen of a real one.
    expect(await rec.ipc.get('rpc')!(ours, 'auth.status', {}, null)).toMatchObject({ ok: true, value: { demo: false, needsSetup: true } });
    expect(rec.windows[0]!.options.webPreferences.devTools).toBe(false);
    quit?.();
    quit = undefined;
    // The database went to Electron's own profile, not the override.
    expect(existsSync(join(override, 'zhurnal.db'))).toBe(false);
    const db = new Database(join(profile, 'zhurnal.db'), { readonly: true });
    const created = db.prepare('SELECT created_at FROM school WHERE id = 1').pluck().get() as string;
    db.close();
    // The real clock, not the frozen 2020 one.
    expect(Math.abs(Date.parse(created) - Date.now())).toBeLessThan(10 * 60_000);
  }, 120_000);

  it('honours the same switches in a development run (so the test above can fail)', async () => {
    const profile = tempUserData();
    const override = tempUserData();
    const switches = { ZHURNAL_USER_DATA: override, ZHURNAL_NOW: '2020-01-01T07:00:00Z' };
    const rec = await loadMain(override, switches, 'gnome_libsecret', { packaged: false, argv: ['--demo'], profile });
    quit = rec.appEvents.get('will-quit');
    expect(rec.errors).toEqual([]);
    const ours = { senderFrame: { url: 'app://zhurnal/', parent: null } };
    expect(await rec.ipc.get('rpc')!(ours, 'auth.status', {}, null)).toMatchObject({ ok: true, value: { demo: true } });
    quit?.();
    quit = undefined;
    expect(existsSync(join(profile, 'zhurnal.db'))).toBe(false);
    const db = new Database(join(override, 'zhurnal.db'), { readonly: true });
    expect(db.prepare('SELECT created_at FROM school WHERE id = 1').pluck().get()).toMatch(/^2020-01-01/);
    db.close();
  }, 120_000);

  it('asks a fresh installation once which role it plays; "keeps the database" opens the school as before', async () => {
    const userData = tempUserData();
    const rec = await loadMain(userData);
    quit = rec.appEvents.get('will-quit');
    expect(rec.questions.map((q) => q.buttons)).toEqual([['Этот компьютер хранит базу школы', 'Подключиться к серверу школы']]);
    expect(JSON.parse(readFileSync(join(userData, 'network.json'), 'utf8'))).toEqual({ mode: 'standalone' });
    const ours = { senderFrame: { url: 'app://zhurnal/', parent: null } };
    expect(await rec.ipc.get('rpc')!(ours, 'device.status', {}, null)).toMatchObject({ ok: true, value: { mode: 'standalone' } });
    quit?.();
    quit = undefined;
    const again = await loadMain(userData, {}, 'gnome_libsecret', { answer: 1 });
    quit = again.appEvents.get('will-quit');
    expect(again.questions).toEqual([]);
    expect(await again.ipc.get('rpc')!(ours, 'auth.status', {}, null)).toMatchObject({ ok: true, value: { needsSetup: true } });
  });

  it('"connect to the school server": no database here, the pairing and every call go to the host over pinned TLS', async () => {
    const { createTestApp } = await import('../helpers/app');
    const { startHostDouble } = await import('../helpers/host-double');
    const school = createTestApp();
    const host = await startHostDouble(school.router);
    try {
      const userData = tempUserData();
      const rec = await loadMain(userData, {}, 'gnome_libsecret', { answer: 1 });
      quit = rec.appEvents.get('will-quit');
      expect(rec.errors).toEqual([]);
      expect(JSON.parse(readFileSync(join(userData, 'network.json'), 'utf8'))).toEqual({ mode: 'client' });
      const rpc = (method: string, input: unknown) =>
        rec.ipc.get('rpc')!({ senderFrame: { url: 'app://zhurnal/', parent: null } }, method, input, null) as Promise<any>;
      expect(await rpc('device.status', {})).toMatchObject({ ok: true, value: { mode: 'client', paired: false } });
      expect(await rpc('auth.status', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      const paired = await rpc('device.pair', { hostUrl: host.url, code: host.code, name: 'Кабинет 4' });
      expect(paired).toMatchObject({ ok: true, value: { fingerprint: host.cert.fingerprint } });
      // The host's school answers (its name from the host's database), through the IPC channel.
      school.services.sqlite.prepare("UPDATE school SET name = 'Школа на сервере'").run();
      expect(await rpc('auth.status', {})).toMatchObject({ ok: true, value: { schoolName: 'Школа на сервере' } });
      expect(host.requests.map((r) => r.path)).toEqual(['/pair', '/rpc/auth.status']);
      expect(existsSync(join(userData, 'zhurnal.db'))).toBe(false);
      expect(existsSync(join(userData, 'client', 'client.json'))).toBe(true);
    } finally {
      quit?.();
      quit = undefined;
      await host.close();
      school.dispose();
    }
  });

  it('refuses a database from a newer version with its Russian message, before any window', async () => {
    const userData = tempUserData();
    const sqlite = new Database(join(userData, 'zhurnal.db'));
    sqlite.pragma('user_version = 9999');
    sqlite.close();
    const rec = await loadMain(userData);
    expect(rec.exitCode).toBe(1);
    expect(rec.windows).toEqual([]);
    expect(rec.errors[0]).toMatch(/более новой версией программы/);
  });
});

const reason = 'skipped: Electron binary not installed on this machine, and it cannot be downloaded here';
describe.skipIf(!electron)(`electron shell${electron ? '' : ` (${reason})`}`, () => {
  const userData = mkdtempSync(join(tmpdir(), 'zhurnal-electron-'));
  afterAll(() => rmSync(userData, { recursive: true, force: true }));

  it('opens the window on app:// and answers auth.status over IPC', async () => {
    await buildElectron();
    // playwright-core is the library half of @playwright/test; loaded only when Electron exists.
    const { _electron } = await import('playwright-core');
    const app = await _electron.launch({
      executablePath: electron!,
      args: [root],
      env: { ...process.env, ZHURNAL_DEMO: '1', ZHURNAL_USER_DATA: userData },
      timeout: 60_000,
    });
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      expect(page.url()).toMatch(/^app:\/\/zhurnal\//);
      const exposed = await page.evaluate(() => ({
        node: typeof (globalThis as { require?: unknown }).require,
        keys: Object.keys(window.zhurnal ?? {}),
      }));
      expect(exposed).toEqual({ node: 'undefined', keys: ['invoke'] });
      const status = await page.evaluate(() => window.zhurnal!.invoke('auth.status', {}, null));
      expect(status).toMatchObject({ ok: true, value: { demo: true } });
      const bad = await page.evaluate(() => window.zhurnal!.invoke('../etc', {}, null));
      expect(bad).toMatchObject({ ok: false });
    } finally {
      await app.close();
    }
  }, 120_000);
});
