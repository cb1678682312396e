// The «Сеть» tab's pure logic: the serve form's checks, the pairing code's countdown, the
// fingerprint laid out for reading aloud and for the printed sheet. Unit-tested
// (tests/unit/network-ui.test.ts); the components only show what these return.
import type { MethodOutput } from '../../src-shared/rpc/registry';

export type NetworkStatus = MethodOutput<'network.status'>;
export type Device = MethodOutput<'network.devices'>['devices'][number];
export type PairingCode = MethodOutput<'network.createPairingCode'>;

export const DEFAULT_PORT = 8443;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export interface ServeFormErrors {
  address?: 'address.empty' | 'address.invalid';
  port?: 'port.invalid';
}

/** The form's own checks (main checks again): an IPv4/IPv6 address and a port 1–65535. */
export function checkServeForm(address: string, port: string): { ok: true; address: string; port: number } | { ok: false; errors: ServeFormErrors } {
  const errors: ServeFormErrors = {};
  const a = address.trim();
  if (!a) errors.address = 'address.empty';
  else if (!IPV4.test(a) && !(a.includes(':') && /^[0-9a-fA-F:.]+$/.test(a))) errors.address = 'address.invalid';
  const p = Number(port.trim());
  if (!/^\d{1,5}$/.test(port.trim()) || p < 1 || p > 65535) errors.port = 'port.invalid';
  if (errors.address || errors.port) return { ok: false, errors };
  return { ok: true, address: a, port: p };
}

/**
 * Whole seconds the code is still valid, never below 0. Counted on this PC's clock from when
 * the code arrived, for the span the host gave it (createdAt → expiresAt): the two clocks may
 * differ by minutes or days, the span does not.
 */
export function secondsLeft(code: Pick<PairingCode, 'createdAt' | 'expiresAt'>, receivedAtMs: number, nowMs: number): number {
  const spanMs = Date.parse(code.expiresAt) - Date.parse(code.createdAt);
  return Math.max(0, Math.ceil((spanMs - (nowMs - receivedAtMs)) / 1000));
}

/** 599 → "9:59"; 5 → "0:05". */
export function countdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "123456" → "123 456": six digits are read and typed in two halves. */
export function codeForReading(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code;
}

/** The 16 groups of the fingerprint in lines of four: short enough to compare by eye. */
export function fingerprintLines(fingerprint: string, perLine = 4): string[] {
  const groups = fingerprint.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += perLine) lines.push(groups.slice(i, i + perLine).join(' '));
  return lines;
}

/** Active devices first (by name), revoked ones after. */
export function sortDevices(devices: readonly Device[]): Device[] {
  return [...devices].sort(
    (a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || a.name.localeCompare(b.name, 'ru') || a.id - b.id,
  );
}
