// Pure pieces of the school host: the Windows firewall rule's arguments, the version refusal,
// the --host argument. Expected values are written out from netsh's documented syntax and
// NETWORK.md, not computed by the code under test.
import { describe, expect, it } from 'vitest';
import { parseHostArg } from '../../src-main/network/host/args';
import { elevatedFirewallCommand, firewallRuleArgs } from '../../src-main/network/host/firewall';
import { compareVersions, versionRefusal } from '../../src-main/network/host/version';

describe('Windows firewall rule', () => {
  it('is an inbound TCP allow rule for exactly the chosen port, on private and domain networks', () => {
    expect(firewallRuleArgs(8443)).toEqual([
      'advfirewall',
      'firewall',
      'add',
      'rule',
      'name=Zhurnal school host 8443',
      'dir=in',
      'action=allow',
      'protocol=TCP',
      'localport=8443',
      'profile=private,domain',
    ]);
  });

  it('refuses what is not a port, and asks Windows to elevate netsh rather than running elevated', () => {
    expect(() => firewallRuleArgs(0)).toThrow();
    expect(() => firewallRuleArgs(70000)).toThrow();
    expect(() => firewallRuleArgs(84.5)).toThrow();
    const { file, args } = elevatedFirewallCommand(9000);
    expect(file).toBe('powershell.exe');
    expect(args.at(-1)).toBe(
      "Start-Process -FilePath netsh.exe -Verb RunAs -Wait -WindowStyle Hidden -ArgumentList 'advfirewall','firewall','add','rule','name=Zhurnal school host 9000','dir=in','action=allow','protocol=TCP','localport=9000','profile=private,domain'",
    );
  });
});

describe('version refusal', () => {
  it('accepts the same version only', () => {
    expect(versionRefusal('0.1.0', '0.1.0')).toBeNull();
    expect(versionRefusal(undefined, '0.1.0')).toMatch(/0\.1\.0/);
  });

  it('names both versions and the side to update', () => {
    const older = versionRefusal('0.9.0', '0.10.0')!;
    expect(older).toContain('0.9.0');
    expect(older).toContain('0.10.0');
    expect(older).toMatch(/старее[\s\S]*Обновите программу на этом компьютере/);
    const newer = versionRefusal('0.10.0', '0.9.0')!;
    expect(newer).toMatch(/новее[\s\S]*обновить программу на сервере школы/);
  });

  it('compares numerically, not as text', () => {
    expect(compareVersions('0.10.0', '0.9.1')).toBe(1);
    expect(compareVersions('1.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.2.3', '1.3.0')).toBe(-1);
  });
});

describe('--host ADDRESS:PORT', () => {
  it('takes an IPv4 or bracketed IPv6 address and a port', () => {
    expect(parseHostArg('192.168.1.10:8443')).toEqual({ address: '192.168.1.10', port: 8443 });
    expect(parseHostArg('[fd00::5]:8443')).toEqual({ address: 'fd00::5', port: 8443 });
    expect(parseHostArg('127.0.0.1:0')).toEqual({ address: '127.0.0.1', port: 0 });
  });

  it('refuses names, missing ports and ports out of range', () => {
    for (const bad of ['school-host:8443', '192.168.1.10', '192.168.1.10:70000', 'fd00::5:8443', ':8443', '1.2.3.4:'])
      expect(parseHostArg(bad), bad).toBeNull();
  });
});
