// The «Сеть» tab's pure logic (src-renderer/admin/network.ts), with values written out by hand.
import { describe, expect, it } from 'vitest';
import { checkServeForm, codeForReading, countdown, fingerprintLines, secondsLeft, sortDevices, type Device } from '../../src-renderer/admin/network';

describe('network tab logic', () => {
  it('accepts an IP address and a port, and names what is wrong otherwise', () => {
    expect(checkServeForm(' 192.168.1.10 ', '8443')).toEqual({ ok: true, address: '192.168.1.10', port: 8443 });
    expect(checkServeForm('fd00::5', '443')).toEqual({ ok: true, address: 'fd00::5', port: 443 });
    expect(checkServeForm('', '8443')).toEqual({ ok: false, errors: { address: 'address.empty' } });
    expect(checkServeForm('school-pc', '8443')).toEqual({ ok: false, errors: { address: 'address.invalid' } });
    expect(checkServeForm('192.168.1.256', '8443')).toEqual({ ok: false, errors: { address: 'address.invalid' } });
    expect(checkServeForm('10.0.0.1', '0')).toEqual({ ok: false, errors: { port: 'port.invalid' } });
    expect(checkServeForm('10.0.0.1', '65536')).toEqual({ ok: false, errors: { port: 'port.invalid' } });
    expect(checkServeForm('10.0.0.1', '84 43')).toEqual({ ok: false, errors: { port: 'port.invalid' } });
  });

  it("counts down the host's 10 minutes on this PC's clock, whatever the difference between the clocks", () => {
    const code = { createdAt: '2026-11-26T07:00:00.000Z', expiresAt: '2026-11-26T07:10:00.000Z' };
    const here = Date.parse('2026-11-30T12:00:00Z'); // this PC is four days ahead of the host
    expect(secondsLeft(code, here, here)).toBe(600);
    expect(secondsLeft(code, here, here + 1)).toBe(600);
    expect(secondsLeft(code, here, here + 61_000)).toBe(539);
    expect(secondsLeft(code, here, here + 600_000)).toBe(0);
    expect(secondsLeft(code, here, here + 700_000)).toBe(0);
    expect(countdown(599)).toBe('9:59');
    expect(countdown(5)).toBe('0:05');
    expect(countdown(0)).toBe('0:00');
  });

  it('shows the code in two halves and the fingerprint in four lines of four groups', () => {
    expect(codeForReading('042517')).toBe('042 517');
    const fp = '17EA 0A4F C8B6 9AE2 F71C DD77 4B6F A7AA BFA4 3E11 990B 645B A8CF 82BB AD7A 0A04';
    expect(fingerprintLines(fp)).toEqual(['17EA 0A4F C8B6 9AE2', 'F71C DD77 4B6F A7AA', 'BFA4 3E11 990B 645B', 'A8CF 82BB AD7A 0A04']);
  });

  it('lists active PCs first by name, disconnected ones after', () => {
    const d = (id: number, name: string, revokedAt: string | null): Device => ({
      id,
      name,
      pairedAt: '2026-11-26T07:00:00Z',
      lastSeenAt: null,
      lastAddress: null,
      version: null,
      revokedAt,
    });
    const sorted = sortDevices([d(1, 'Кабинет 12', '2026-11-26T08:00:00Z'), d(2, 'Учительская', null), d(3, 'Кабинет 5', null)]);
    expect(sorted.map((x) => x.id)).toEqual([3, 2, 1]);
  });
});
