// The host certificate: made once (ECDSA P-256, key file 0600), loaded the same afterwards, and
// its fingerprint in the grouped form — checked against openssl's own output where openssl is
// installed, and always against Node's X509Certificate.fingerprint256.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { existingFingerprint, fingerprintOfPem, groupHex, loadOrCreateCert } from '../../src-main/network/host/cert';
import { tempDir } from '../helpers/app';
import { rmSync } from 'node:fs';

const dir = join(tempDir('zhurnal-cert-'), 'host');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openssl(certFile: string): string | null {
  try {
    return execFileSync('openssl', ['x509', '-in', certFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

describe('host certificate', () => {
  it('is made on first use and loaded unchanged later; the key is readable by its owner only', async () => {
    expect(existingFingerprint(dir)).toBeNull();
    const first = await loadOrCreateCert(dir);
    const again = await loadOrCreateCert(dir);
    expect(again).toEqual(first);
    expect(existingFingerprint(dir)).toBe(first.fingerprint);
    if (process.platform !== 'win32') expect(statSync(join(dir, 'host-key.pem')).mode & 0o777).toBe(0o600);
    const x = new X509Certificate(first.cert);
    expect(x.publicKey.asymmetricKeyType).toBe('ec');
    expect(x.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(x.checkPrivateKey((await import('node:crypto')).createPrivateKey(first.key))).toBe(true);
  });

  it('fingerprint: uppercase SHA-256 of the DER in 16 groups of 4, as openssl and Node print it', async () => {
    const { cert, fingerprint } = await loadOrCreateCert(dir);
    expect(fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){15}$/);
    const node = new X509Certificate(cert).fingerprint256; // "AB:12:CD:…"
    expect(fingerprint).toBe(node.split(':').join('').match(/.{4}/g)!.join(' '));
    const out = openssl(join(dir, 'host-cert.pem'));
    if (out) expect(fingerprint).toBe(out.trim().split('=')[1]!.split(':').join('').match(/.{4}/g)!.join(' '));
    expect(fingerprintOfPem(readFileSync(join(dir, 'host-cert.pem'), 'utf8'))).toBe(fingerprint);
  });

  it('groups any spelling of the hex the same way', () => {
    expect(groupHex('ab:12:cd:34:ef')).toBe('AB12 CD34 EF');
    expect(groupHex('AB12CD34')).toBe('AB12 CD34');
  });
});
