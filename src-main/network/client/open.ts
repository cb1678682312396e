// Starts this PC as a client of the school host (DESIGN.md §10, NETWORK.md "client"): the
// state folder's pairing, a first pairing when a code is given, and the router every local
// interface (the loopback HTTP host, Electron's IPC) calls instead of a database.
import type { Router } from '../../rpc/router';
import { withDeviceMethods } from './device';
import { withOutbox } from './outbox';
import { normalizeHostUrl, pairWithHost } from './pair';
import { createRemoteRouter, type RemoteOptions, type RemoteRouter } from './remote';
import { clientStateStore } from './state';

export interface OpenClientOptions extends RemoteOptions {
  stateDir: string;
  /** https://ADDRESS:PORT: where to pair (--connect); a paired state keeps its own. */
  hostUrl?: string;
  /** A one-time pairing code: used only while this PC is not paired yet. */
  pairCode?: string;
  /** This PC's name in the administrator's device list. */
  name?: string;
}

export interface ClientHandle {
  router: Router;
  remote: RemoteRouter;
  close(): void;
}

/** Thrown when --pair fails: its message is the Russian reason to print. */
export class PairingFailed extends Error {}

export async function openClient(opts: OpenClientOptions): Promise<ClientHandle> {
  const store = clientStateStore(opts.stateDir);
  if (!store.get() && opts.pairCode) {
    if (!opts.hostUrl) throw new PairingFailed('Для подключения нужен адрес сервера школы (--connect https://АДРЕС:ПОРТ)');
    const r = await pairWithHost({
      hostUrl: opts.hostUrl,
      code: opts.pairCode,
      name: opts.name ?? defaultName(),
      connectTimeoutMs: opts.connectTimeoutMs ?? 4_000,
    });
    if (!r.ok) throw new PairingFailed(r.error.message);
    store.set(r.state);
  }
  followHost(store, opts.hostUrl);
  const remote = createRemoteRouter(store, opts);
  // Journal edits go through this PC's outbox: kept on disk before they are sent, queued while the host is away.
  const outbox = withOutbox(remote, opts.stateDir);
  const router = withDeviceMethods(outbox, {
    store,
    remote,
    hostUrl: opts.hostUrl ?? null,
    ...(opts.connectTimeoutMs ? { connectTimeoutMs: opts.connectTimeoutMs } : {}),
  });
  // Closing the outbox closes the remote router it wraps.
  return { router, remote, close: () => outbox.close() };
}

/**
 * The host is known by its certificate's fingerprint, not its address (DESIGN.md §10): a paired
 * PC started with another address (the host got a new IP) goes there. Safe, since every
 * connection is still checked against the pinned fingerprint before a byte is sent.
 */
function followHost(store: ReturnType<typeof clientStateStore>, hostUrl: string | undefined): void {
  const state = store.get();
  if (!state || !hostUrl) return;
  const url = normalizeHostUrl(hostUrl);
  if (typeof url === 'string' && url !== state.hostUrl) store.set({ ...state, hostUrl: url });
}

function defaultName(): string {
  return process.env.COMPUTERNAME ?? process.env.HOSTNAME ?? 'Рабочее место';
}
