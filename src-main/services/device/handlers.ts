// device.* on the PC that keeps the database (standalone or the school host). A client
// answers these in its own process (src-main/network/client/device.ts); here they only say
// what this PC is, and refuse pairing: a PC with its own database is nobody's client.
import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../../rpc/handlers';

type DeviceHandlers = Pick<Handlers, 'device.status' | 'device.pair' | 'device.discover'>;

export const deviceHandlers: DeviceHandlers = {
  'device.status': (ctx) => ({
    mode: ctx.network?.status().serving ? 'host' : 'standalone',
    hostUrl: null,
    fingerprint: null,
    deviceName: null,
    paired: false,
    reachable: null,
    problem: null,
    fingerprintMismatch: null,
  }),
  'device.pair': () => {
    throw new AppError(
      'forbidden',
      'Этот компьютер сам хранит базу школы и не подключается к серверу. Чтобы сделать его рабочим местом, запустите журнал в режиме «Подключиться к серверу школы».',
    );
  },
  // Browsing is for a client looking for its host; the host has nothing to look for.
  'device.discover': () => ({ hosts: [] }),
};
