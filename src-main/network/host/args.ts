// The --host argument of npm run serve (NETWORK.md).
import { isIP } from 'node:net';

/** "192.168.1.10:8443" or "[fd00::5]:8443" → address and port; null when it is neither. */
export function parseHostArg(arg: string): { address: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(arg.trim());
  if (!m) return null;
  const address = (m[1] ?? m[2])!;
  const port = Number(m[3]);
  if (isIP(address) === 0 || port > 65535) return null;
  return { address, port };
}
