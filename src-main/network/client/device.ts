// The client's own answers to device.* (DESIGN.md §10): what this PC is paired with, pairing,
// and looking for hosts. These never go to the host: they must work before pairing, while the
// host is away, and when the host presents a certificate we refuse to talk to.
import type { Envelope } from '../../../src-shared/errors';
import { methods } from '../../../src-shared/rpc/registry';
import type { DeviceStatus } from '../../../src-shared/rpc/device';
import type { Router } from '../../rpc/router';
import { discoverHosts, type FoundHost } from './discover';
import { pairWithHost } from './pair';
import type { RemoteRouter } from './remote';
import type { ClientStateStore } from './state';

export interface DeviceContext {
  store: ClientStateStore;
  remote: RemoteRouter;
  /** The address given at start (--connect) before any pairing. */
  hostUrl: string | null;
  discover?: () => Promise<FoundHost[]>;
  connectTimeoutMs?: number;
}

export function clientStatus(ctx: DeviceContext): DeviceStatus {
  const state = ctx.store.get();
  const h = ctx.remote.health();
  return {
    mode: 'client',
    hostUrl: state?.hostUrl ?? ctx.hostUrl,
    fingerprint: state?.fingerprint ?? null,
    deviceName: state?.deviceName ?? null,
    // A PC the host no longer accepts (revoked) is not paired any more: it shows the pairing screen.
    paired: state !== null && h.deviceRefused === null,
    reachable: h.reachable,
    problem: h.deviceRefused ?? h.problem,
    fingerprintMismatch: h.fingerprintMismatch,
  };
}

function validation(e: { issues: { path: PropertyKey[]; message: string }[] }): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'validation',
      message: 'Неверные данные запроса',
      issues: e.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: i.message })),
    },
  };
}

async function deviceCall(ctx: DeviceContext, method: string, rawInput: unknown): Promise<Envelope<unknown>> {
  const spec = methods[method as 'device.status' | 'device.pair' | 'device.discover'];
  const parsed = spec.input.safeParse(rawInput);
  if (!parsed.success) return validation(parsed.error);
  if (method === 'device.status') return { ok: true, value: clientStatus(ctx) };
  if (method === 'device.discover') return { ok: true, value: { hosts: await (ctx.discover ?? discoverHosts)() } };
  const input = methods['device.pair'].input.parse(rawInput);
  const r = await pairWithHost({
    hostUrl: input.hostUrl,
    code: input.code,
    name: input.name,
    acceptFingerprint: input.acceptFingerprint ?? null,
    pinned: ctx.store.get()?.fingerprint ?? null,
    connectTimeoutMs: ctx.connectTimeoutMs ?? 4_000,
  });
  if (!r.ok) return { ok: false, error: r.error };
  ctx.store.set(r.state);
  ctx.remote.reset();
  return { ok: true, value: { hostUrl: r.state.hostUrl, fingerprint: r.state.fingerprint, deviceId: r.state.deviceId } };
}

/** The client's router: device.* here, everything else to `inner` (the remote router, possibly behind the outbox). */
export function withDeviceMethods(inner: Router, ctx: DeviceContext): Router {
  return {
    call(method, input, token, opts) {
      if (method.startsWith('device.') && Object.prototype.hasOwnProperty.call(methods, method)) return deviceCall(ctx, method, input);
      return inner.call(method, input, token, opts);
    },
    describe: () => inner.describe(),
    // Live updates come straight from the host's event stream, whatever wraps the calls.
    subscribe: (token, ref, listener, opts) => inner.subscribe(token, ref, listener, opts),
  };
}
