// The runtime switch of the school network host: start, stop, restart on another address,
// remember the choice in the host state folder (network.json), announce by mDNS, ask for the
// Windows firewall rule once per port. One change at a time: two administrators pressing
// "serve" together must not leave two listeners.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-file';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import type { NetworkStatus } from '../../../src-shared/rpc/network';
import type { Router } from '../../rpc/router';
import type { Services } from '../../services/context';
import { existingFingerprint, loadOrCreateCert, type HostCert } from './cert';
import type { NetworkControl } from './control';
import { startNetworkHost, type NetworkHost } from './https';
import { announce, shouldAnnounce, type Announcement } from './mdns';

export interface NetworkControlOptions {
  services: Services;
  router: Router;
  /** The host state folder: key, certificate, network.json. */
  stateDir: string;
  version: string;
  log?: (message: string, error: unknown) => void;
  /** Announce by mDNS where the address is not loopback (default true; ZHURNAL_MDNS=0 turns it off). */
  mdns?: boolean;
  /** Called after serving starts on a port for the first time (the Windows firewall rule). */
  onFirstServe?: (port: number) => Promise<unknown>;
}

interface Saved {
  address: string | null;
  port: number | null;
  serving: boolean;
  /** Ports the firewall rule was already asked for. */
  firewallPorts: number[];
}

const EMPTY: Saved = { address: null, port: null, serving: false, firewallPorts: [] };

function readSaved(file: string): Saved {
  if (!existsSync(file)) return { ...EMPTY };
  try {
    const j = JSON.parse(readFileSync(file, 'utf8')) as Partial<Saved>;
    return {
      address: typeof j.address === 'string' ? j.address : null,
      port: typeof j.port === 'number' ? j.port : null,
      serving: j.serving === true,
      firewallPorts: Array.isArray(j.firewallPorts) ? j.firewallPorts.filter((p) => typeof p === 'number') : [],
    };
  } catch {
    return { ...EMPTY };
  }
}

/** Why a listen failed, in words the administrator can act on. */
export function listenError(e: unknown, address: string, port: number): AppError {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') return new AppError('conflict', `Порт ${port} уже занят другой программой. Выберите другой порт`);
  if (code === 'EADDRNOTAVAIL')
    return new AppError(
      'validation',
      `Адрес ${address} не принадлежит этому компьютеру. Выберите адрес из сетевых настроек этого компьютера`,
    );
  if (code === 'EACCES')
    return new AppError('validation', `Порт ${port} требует прав администратора системы. Выберите порт больше 1024, например 8443`);
  return new AppError('unavailable', `Не удалось начать работу сервера школы на ${address}:${port}: ${(e as Error)?.message ?? e}`);
}

/** This PC's addresses on its networks, IPv4 first: loopback and link-local ones reach no other PC. */
export function lanAddresses(): string[] {
  const all = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal && !(i.family === 'IPv6' && i.address.toLowerCase().startsWith('fe80')))
    .map((i) => i!);
  return [...all.filter((i) => i.family === 'IPv4'), ...all.filter((i) => i.family === 'IPv6')].map((i) => i.address);
}

export function createNetworkControl(opts: NetworkControlOptions): NetworkControl & { resume(): Promise<void>; close(): Promise<void> } {
  const log = opts.log ?? ((m: string, e: unknown) => console.error(m, e));
  const file = join(opts.stateDir, 'network.json');
  let saved = readSaved(file);
  let host: NetworkHost | null = null;
  let cert: HostCert | null = null;
  let mdns: Announcement | null = null;
  let chain: Promise<unknown> = Promise.resolve();

  function save(next: Saved): void {
    mkdirSync(opts.stateDir, { recursive: true, mode: 0o700 });
    writeFileAtomic(file, JSON.stringify(next, null, 2));
    saved = next;
  }

  /** Runs changes one after another; a failed one does not block the next. */
  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = chain.then(fn, fn);
    chain = run.catch(() => undefined);
    return run;
  }

  async function getCert(): Promise<HostCert> {
    return (cert ??= await loadOrCreateCert(opts.stateDir));
  }

  function status(): NetworkStatus {
    return {
      canServe: true,
      serving: host !== null,
      address: saved.address,
      port: host?.port ?? saved.port,
      url: host?.url ?? null,
      fingerprint: cert?.fingerprint ?? existingFingerprint(opts.stateDir),
      mdns: mdns !== null,
      addresses: lanAddresses(),
    };
  }

  async function stopNow(): Promise<void> {
    mdns?.stop();
    mdns = null;
    const h = host;
    host = null;
    await h?.close();
  }

  /** `remember` false (resume at start): a failure leaves the saved choice as it was, to try again next start. */
  async function startNow(address: string, port: number, remember = true): Promise<NetworkStatus> {
    await stopNow();
    const c = await getCert();
    try {
      host = await startNetworkHost({
        router: opts.router,
        services: opts.services,
        cert: c,
        address,
        port,
        staticDir: null,
        version: opts.version,
        log,
      });
    } catch (e) {
      if (remember) save({ ...saved, address, port, serving: false });
      throw listenError(e, address, port);
    }
    const firstTime = !saved.firewallPorts.includes(host.port);
    save({
      ...saved,
      address,
      port: host.port,
      serving: true,
      firewallPorts: firstTime ? [...saved.firewallPorts, host.port] : saved.firewallPorts,
    });
    if (opts.mdns !== false && shouldAnnounce(address))
      mdns = announce({ port: host.port, fingerprint: c.fingerprint, version: opts.version, name: `zhurnal ${address}` }, log);
    if (firstTime && opts.onFirstServe) void opts.onFirstServe(host.port).catch((e: unknown) => log('zhurnal: firewall', e));
    return status();
  }

  return {
    status,
    serve: (address, port) => serial(() => startNow(address, port)),
    stop: () =>
      serial(async () => {
        await stopNow();
        save({ ...saved, serving: false });
        return status();
      }),
    fingerprint: async () => (await getCert()).fingerprint,
    dropDevice: (id) => host?.dropDevice(id),
    /** Serves again on the saved address when it was serving when the app last stopped. */
    resume: () =>
      serial(async () => {
        if (!saved.serving || !saved.address || saved.port === null) return;
        await startNow(saved.address, saved.port, false).catch((e: unknown) => log('zhurnal: the school network host did not start', e));
      }),
    close: () => serial(stopNow),
  };
}
