// This PC's place on the school network (DESIGN.md §10): standalone, the school host, or a
// client of it. In a client these methods are answered by the client process itself and never
// forwarded: they work while the host is away and before this PC is paired.
import { z } from 'zod';
import { method } from './define';

export const NetworkMode = z.enum(['standalone', 'host', 'client']);
export type NetworkMode = z.infer<typeof NetworkMode>;

/** "AB12 CD34 …": a certificate's SHA-256 in 16 groups of 4 hexadecimal digits. */
export const Fingerprint = z
  .string()
  .trim()
  .transform((s) => s.replace(/[^0-9a-fA-F]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{64}$/, '64 шестнадцатеричные цифры отпечатка сертификата'))
  .transform((hex) => hex.replace(/(.{4})(?=.)/g, '$1 '));

export const DeviceStatus = z.strictObject({
  mode: NetworkMode,
  /** Client: the host it is paired with (or was started for); null elsewhere. */
  hostUrl: z.string().nullable(),
  /** Client: the pinned fingerprint of the host's certificate. */
  fingerprint: z.string().nullable(),
  deviceName: z.string().nullable(),
  paired: z.boolean(),
  /** Client: whether the last call reached the host; null before the first call and elsewhere. */
  reachable: z.boolean().nullable(),
  /** Client: why the host could not be reached the last time (Russian). */
  problem: z.string().nullable(),
  /** Client: the host answered with a certificate other than the pinned one. */
  fingerprintMismatch: z.strictObject({ pinned: z.string(), presented: z.string() }).nullable(),
});
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const DiscoveredHost = z.strictObject({
  name: z.string(),
  url: z.string(),
  fingerprint: z.string().nullable(),
  version: z.string().nullable(),
});

export const deviceMethods = {
  'device.status': method({
    summary: "This PC's school network mode, host and pairing (answered on this PC, never forwarded)",
    permission: 'public',
    input: z.strictObject({}),
    output: DeviceStatus,
  }),
  'device.pair': method({
    summary: 'Pair this PC with the school host using a one-time code from its administrator (client mode)',
    permission: 'public',
    // Not a database mutation: it writes the client's own state file, on this PC.
    input: z.strictObject({
      hostUrl: z.string().trim().min(1).max(300),
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, 'шесть цифр кода подключения'),
      name: z.string().trim().min(1).max(80),
      /** Re-pairing after the host's certificate changed: the new fingerprint the user accepted. */
      acceptFingerprint: Fingerprint.optional(),
    }),
    output: z.strictObject({ hostUrl: z.string(), fingerprint: z.string(), deviceId: z.number().int() }),
  }),
  'device.discover': method({
    summary: 'School hosts announced on the local network (mDNS, where the network allows; may be empty)',
    permission: 'public',
    input: z.strictObject({}),
    output: z.strictObject({ hosts: z.array(DiscoveredHost) }),
  }),
};
