// mDNS announcement of the school host (`_zhurnal._tcp`, TXT: fingerprint, version), so a
// client can offer it without the address being typed. Best effort: networks that block
// multicast are common in schools, and typing the address always works, so any failure is
// logged and never stops serving.
import { Bonjour } from 'bonjour-service';

export interface Announcement {
  stop(): void;
}

export function announce(
  opts: { port: number; fingerprint: string; version: string; name: string },
  log: (message: string, error: unknown) => void,
): Announcement | null {
  try {
    const bonjour = new Bonjour({}, (e: unknown) => log('zhurnal: mDNS announcement failed', e));
    const service = bonjour.publish({
      name: opts.name,
      type: 'zhurnal',
      protocol: 'tcp',
      port: opts.port,
      // TXT values are short strings; the fingerprint without spaces is 64 characters.
      txt: { fingerprint: opts.fingerprint.replace(/ /g, ''), version: opts.version },
    });
    service.on('error', (e: unknown) => log('zhurnal: mDNS announcement failed', e));
    return {
      stop() {
        try {
          bonjour.unpublishAll(() => bonjour.destroy());
        } catch (e) {
          log('zhurnal: mDNS stop failed', e);
        }
      },
    };
  } catch (e) {
    log('zhurnal: mDNS announcement failed', e);
    return null;
  }
}

/** Announcing a loopback address helps nobody on the school network, and tests must stay off the LAN. */
export function shouldAnnounce(address: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.ZHURNAL_MDNS === '0') return false;
  return !(address.startsWith('127.') || address === '::1' || address === 'localhost');
}
