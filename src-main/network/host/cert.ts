// The school host's own key pair and self-signed certificate (DESIGN.md §10). Made once, on the
// first serve, in the host state folder; clients pin its SHA-256 fingerprint at pairing. It is
// deliberately not in the database: a backup restored on another PC makes a new certificate,
// so a copied database never impersonates the old host (clients re-pair).
import { X509Certificate, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-file';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface HostCert {
  /** PEM of the private key (ECDSA P-256). */
  key: string;
  /** PEM of the self-signed certificate. */
  cert: string;
  /** SHA-256 of the certificate DER, grouped: "AB12 CD34 …" (16 groups of 4). */
  fingerprint: string;
}

const KEY_FILE = 'host-key.pem';
const CERT_FILE = 'host-cert.pem';
/** Ten years: the certificate is pinned, not checked against a CA, so expiry only forces a re-pair. */
const DAYS = 3650;

/** Uppercase hex of SHA-256 over the DER, in groups of four separated by one space. */
export function fingerprintOfDer(der: Buffer): string {
  const hex = createHash('sha256').update(der).digest('hex').toUpperCase();
  return groupHex(hex);
}

/** "AB:12:CD…" or "ab12cd…" → "AB12 CD34 …"; used for Node's fingerprint256 and user input alike. */
export function groupHex(hex: string): string {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return clean.match(/.{1,4}/g)?.join(' ') ?? '';
}

export function fingerprintOfPem(pem: string): string {
  return fingerprintOfDer(new X509Certificate(pem).raw);
}

/**
 * Loads the host's certificate from `dir`, making it on first use. `commonName` is only a
 * label (clients check the fingerprint, never the name).
 */
export async function loadOrCreateCert(dir: string, commonName = 'zhurnal school host', now = new Date()): Promise<HostCert> {
  const keyFile = join(dir, KEY_FILE);
  const certFile = join(dir, CERT_FILE);
  if (existsSync(keyFile) && existsSync(certFile)) {
    const key = readFileSync(keyFile, 'utf8');
    const cert = readFileSync(certFile, 'utf8');
    return { key, cert, fingerprint: fingerprintOfPem(cert) };
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const notAfter = new Date(now.getTime() + DAYS * 86_400_000);
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 86_400_000), // a client clock a little behind still accepts it
    notAfterDate: notAfter,
  });
  // The key first: a certificate without its key would be loaded next time and fail in TLS.
  writeFileAtomic(keyFile, pems.private, 0o600);
  writeFileAtomic(certFile, pems.cert, 0o644);
  return { key: pems.private, cert: pems.cert, fingerprint: fingerprintOfPem(pems.cert) };
}

/** The fingerprint of a certificate already made in `dir`, or null (nothing is created). */
export function existingFingerprint(dir: string): string | null {
  const certFile = join(dir, CERT_FILE);
  if (!existsSync(certFile) || !existsSync(join(dir, KEY_FILE))) return null;
  return fingerprintOfPem(readFileSync(certFile, 'utf8'));
}
