// Pure parts of the school network client: the fingerprint's grouped form, the host address a
// user types, and the event-stream reader fed in awkward chunks.
import { describe, expect, it } from 'vitest';
import { normalizeHostUrl } from '../../src-main/network/client/pair';
import { sseParser } from '../../src-main/network/client/sse';
import { groupFingerprint } from '../../src-main/network/client/tls';
import { Fingerprint } from '../../src-shared/rpc/device';

const HEX = 'AB12CD34EF560789'.repeat(4);
const GROUPED = 'AB12 CD34 EF56 0789 AB12 CD34 EF56 0789 AB12 CD34 EF56 0789 AB12 CD34 EF56 0789';

describe('fingerprints', () => {
  it("groups Node's colon form and lower case into 16 groups of 4", () => {
    expect(groupFingerprint(HEX.match(/../g)!.join(':'))).toBe(GROUPED);
    expect(groupFingerprint(HEX.toLowerCase())).toBe(GROUPED);
    expect(Fingerprint.parse(` ${HEX.toLowerCase()} `)).toBe(GROUPED);
    expect(Fingerprint.safeParse('AB12 CD34').success).toBe(false);
  });
});

describe('host address', () => {
  it.each([
    ['192.168.1.10:8443', 'https://192.168.1.10:8443'],
    ['https://192.168.1.10:8443/', 'https://192.168.1.10:8443'],
    [' https://server.school.local:8443 ', 'https://server.school.local:8443'],
  ])('%s → %s', (raw, url) => expect(normalizeHostUrl(raw)).toBe(url));
  it.each(['http://192.168.1.10:8443', 'https://192.168.1.10:8443/rpc', 'https://user@h:1', 'https://[bad'])('refuses %s', (raw) =>
    expect(normalizeHostUrl(raw)).toHaveProperty('error'),
  );
});

describe('server-sent events', () => {
  it('yields each data payload once, whatever the chunking, and skips comments', () => {
    const text = ': ping\n\ndata: {"a":1}\n\ndata: {"b":\ndata: 2}\r\n\r\n: ping\n\ndata:{"c":3}\n\nevent: end\ndata: {"code":"unauthenticated"}\n\n';
    const expected = [
      { event: 'message', data: '{"a":1}' },
      { event: 'message', data: '{"b":\n2}' },
      { event: 'message', data: '{"c":3}' },
      { event: 'end', data: '{"code":"unauthenticated"}' },
    ];
    for (let size = 1; size <= text.length; size++) {
      const p = sseParser();
      const out: unknown[] = [];
      for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
      expect(out, `chunks of ${size}`).toEqual(expected);
    }
  });
});
