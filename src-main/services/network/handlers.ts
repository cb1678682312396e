// The school host's administration (DESIGN.md §10): serving on/off, pairing codes, devices.
import { AppError } from '../../../src-shared/errors';
import type { NetworkStatus } from '../../../src-shared/rpc/network';
import type { Handlers } from '../../rpc/handlers';
import { createPairingCode, listDevices, revokeDevice } from '../../network/host/devices';
import type { NetworkControl } from '../../network/host/control';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';

const NOT_HERE: NetworkStatus = {
  canServe: false,
  serving: false,
  address: null,
  port: null,
  url: null,
  fingerprint: null,
  mdns: false,
  addresses: [],
};

function control(ctx: Ctx): NetworkControl {
  if (!ctx.network)
    throw new AppError('unavailable', 'Этот компьютер не может быть сервером школы: откройте эти настройки на компьютере, который хранит базу');
  return ctx.network;
}

export const networkHandlers: Pick<
  Handlers,
  'network.status' | 'network.serve' | 'network.createPairingCode' | 'network.devices' | 'network.revokeDevice'
> = {
  'network.status': (ctx) => ctx.network?.status() ?? NOT_HERE,

  'network.serve': async (ctx, input) => {
    const net = control(ctx);
    // From a paired PC this would cut the caller off (and nobody could turn it on again
    // remotely): serving is switched at the host itself.
    if (ctx.deviceId !== undefined)
      throw new AppError('forbidden', 'Сервер школы включают и выключают только на самом сервере (на компьютере, который хранит базу)');
    const before = net.status();
    // The listener starts (or stops) first: a port in use must not leave an audit record that
    // says serving began. The record is its own transaction after the await.
    const after = 'off' in input ? await net.stop() : await net.serve(input.address, input.port);
    mutate(ctx, (rec) =>
      rec.audit({
        action: 'off' in input ? 'network.stop' : 'network.serve',
        entity: 'network',
        before: { serving: before.serving, address: before.address, port: before.port },
        after: { serving: after.serving, address: after.address, port: after.port, fingerprint: after.fingerprint },
      }),
    );
    return after;
  },

  // Synchronous, so the caller's session check and the code's creation share the router's
  // transaction: a code is only useful while serving, when the certificate already exists.
  'network.createPairingCode': (ctx) => {
    const fingerprint = control(ctx).status().fingerprint;
    if (!fingerprint) throw new AppError('conflict', 'Сначала включите сервер школы: код подключения нужен, только когда сервер работает');
    return { ...createPairingCode(ctx, requireActor(ctx).staffId), fingerprint };
  },

  'network.devices': (ctx) => ({ devices: listDevices(ctx) }),

  'network.revokeDevice': (ctx, input) => {
    revokeDevice(ctx, input.deviceId);
    // After the sessions ended: a live event stream of that device stops now, not at its next request.
    ctx.network?.dropDevice(input.deviceId);
    return { ok: true as const };
  },
};
