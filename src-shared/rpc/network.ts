// The school host (DESIGN.md §10): serving the school network, pairing codes, paired devices.
// All of it is the administrator's ("manages … the school's settings"): school.manage.
import { z } from 'zod';
import { method } from './define';

/** An IP address of this PC (IPv4 or IPv6); 0.0.0.0 / :: only when the administrator types it. */
export const ServeAddress = z.union([z.ipv4(), z.ipv6()], { error: 'IP-адрес этого компьютера, например 192.168.1.10' });

export const DEFAULT_NETWORK_PORT = 8443;

export const NetworkStatus = z.strictObject({
  /** This process can serve the school network (the Electron app, npm run serve); false in a client. */
  canServe: z.boolean(),
  serving: z.boolean(),
  address: z.string().nullable(),
  port: z.number().int().nullable(),
  url: z.string().nullable(),
  /** SHA-256 of the host certificate, "AB12 CD34 …"; null until the first serve makes it. */
  fingerprint: z.string().nullable(),
  mdns: z.boolean(),
  /** This PC's own addresses (IPv4 first, no loopback or link-local): what the administrator may pick. */
  addresses: z.array(z.string()),
});
export type NetworkStatus = z.infer<typeof NetworkStatus>;

export const DeviceView = z.strictObject({
  id: z.number().int(),
  name: z.string(),
  pairedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  lastAddress: z.string().nullable(),
  version: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

export const networkMethods = {
  'network.status': method({
    summary: 'Whether this PC serves the school network, on which address, and its certificate fingerprint (administrator)',
    permission: 'school.manage',
    input: z.strictObject({}),
    output: NetworkStatus,
  }),
  'network.serve': method({
    summary: 'Start serving the school network on an address and port of this PC, or stop (administrator)',
    permission: 'school.manage',
    mutation: true,
    input: z.union([
      z.strictObject({ address: ServeAddress, port: z.number().int().min(1).max(65535) }),
      z.strictObject({ off: z.literal(true) }),
    ]),
    output: NetworkStatus,
  }),
  'network.createPairingCode': method({
    summary: 'A one-time 6-digit code (10 minutes) for connecting a PC to this host; voids older codes (administrator)',
    permission: 'school.manage',
    mutation: true,
    input: z.strictObject({}),
    output: z.strictObject({
      code: z.string().regex(/^\d{6}$/),
      /** The host's clock: a client's clock may differ, so a countdown runs from createdAt to expiresAt. */
      createdAt: z.string(),
      expiresAt: z.string(),
      fingerprint: z.string(),
    }),
  }),
  'network.devices': method({
    summary: 'PCs paired with this host: name, last seen, address, version (administrator)',
    permission: 'school.manage',
    input: z.strictObject({}),
    output: z.strictObject({ devices: z.array(DeviceView) }),
  }),
  'network.revokeDevice': method({
    summary: 'Disconnect a paired PC: its requests are refused and its sessions end (administrator)',
    permission: 'school.manage',
    mutation: true,
    input: z.strictObject({ deviceId: z.number().int().positive() }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
};
