// mDNS browse for school hosts (`_zhurnal._tcp`, announced by the host with its fingerprint and
// version in TXT). Best effort: many school networks drop multicast, and typing the address
// always works, so any failure is an empty list, never an error.
import { Bonjour } from 'bonjour-service';

export interface FoundHost {
  name: string;
  url: string;
  fingerprint: string | null;
  version: string | null;
}

function txtString(txt: unknown, key: string): string | null {
  const v = (txt as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('utf8') : null;
}

export function discoverHosts(ms = 2_000): Promise<FoundHost[]> {
  return new Promise((resolve) => {
    const found = new Map<string, FoundHost>();
    let bonjour: Bonjour | null = null;
    const finish = () => {
      try {
        bonjour?.destroy();
      } catch {
        // a socket that never opened cannot be closed either
      }
      bonjour = null;
      resolve([...found.values()]);
    };
    try {
      // Socket errors (no multicast route, port 5353 taken) arrive here, not as exceptions.
      bonjour = new Bonjour({}, () => {});
      bonjour.find({ type: 'zhurnal', protocol: 'tcp' }, (svc) => {
        const v4 = svc.addresses?.find((a) => /^\d+\.\d+\.\d+\.\d+$/.test(a)) ?? svc.referer?.address;
        if (!v4 || !svc.port) return;
        const url = `https://${v4}:${svc.port}`;
        found.set(url, { name: svc.name, url, fingerprint: txtString(svc.txt, 'fingerprint'), version: txtString(svc.txt, 'version') });
      });
    } catch {
      return finish();
    }
    setTimeout(finish, ms).unref();
  });
}
