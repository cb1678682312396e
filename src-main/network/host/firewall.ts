// The Windows firewall rule for the school host's port (ISSUE 10 "Operations"): asked for once,
// when serving first starts on a port in the Electron app. Windows blocks inbound connections
// to a new listener by default, and clients would see only "no answer".
import { execFile } from 'node:child_process';

export const RULE_PREFIX = 'Zhurnal school host';

/** netsh's arguments for an inbound TCP allow rule on `port` (private and domain networks only). */
export function firewallRuleArgs(port: number): string[] {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a TCP port: ${port}`);
  return [
    'advfirewall',
    'firewall',
    'add',
    'rule',
    `name=${RULE_PREFIX} ${port}`,
    'dir=in',
    'action=allow',
    'protocol=TCP',
    `localport=${port}`,
    // Not "public": a school LAN is a private or domain network; a café Wi-Fi is not.
    'profile=private,domain',
  ];
}

/**
 * PowerShell's Start-Process -Verb RunAs shows Windows' own elevation prompt for netsh: the
 * app itself never runs elevated. Each argument is single-quoted for PowerShell.
 */
export function elevatedFirewallCommand(port: number): { file: string; args: string[] } {
  const list = firewallRuleArgs(port)
    .map((a) => `'${a.replace(/'/g, "''")}'`)
    .join(',');
  return {
    file: 'powershell.exe',
    args: [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      `Start-Process -FilePath netsh.exe -Verb RunAs -Wait -WindowStyle Hidden -ArgumentList ${list}`,
    ],
  };
}

/** Asks for the rule (Windows only); resolves true when netsh ran. Never rejects. */
export function addFirewallRule(port: number, log: (m: string, e: unknown) => void): Promise<boolean> {
  if (process.platform !== 'win32') return Promise.resolve(false);
  const { file, args } = elevatedFirewallCommand(port);
  return new Promise((resolve) =>
    execFile(file, args, { windowsHide: true, timeout: 120_000 }, (e) => {
      if (e) log('zhurnal: the firewall rule was not added', e);
      resolve(!e);
    }),
  );
}
