// The school's archive signing key: an Ed25519 pair made once per school. The private half is
// a secret like the portal key (secrets.ts: sealed by the operating system where the host can,
// never returned by RPC, never audited, stripped from the archive's own snapshot); the public
// half and its fingerprint go into every manifest and are shown to the administrator, so a
// verifier elsewhere can pin the key instead of trusting whatever a manifest carries.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { Ctx, Services } from '../context';
import { mutate } from '../mutate';
import { hasSecret, readSecret, storeSecret } from '../secrets';
import { groupHex } from './names';

export const ARCHIVE_KEY = 'archive.signing_key';

export interface PublicKeyInfo {
  algorithm: 'Ed25519';
  /** The raw 32-byte key, base64. */
  publicKey: string;
  /** sha256 of the raw key, hex in groups of 4. */
  fingerprint: string;
}

function rawPublic(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export function fingerprintOf(rawBase64: string): string {
  return groupHex(createHash('sha256').update(Buffer.from(rawBase64, 'base64')).digest('hex'));
}

export function publicInfo(key: KeyObject): PublicKeyInfo {
  const publicKey = rawPublic(key.type === 'private' ? createPublicKey(key) : key).toString('base64');
  return { algorithm: 'Ed25519', publicKey, fingerprint: fingerprintOf(publicKey) };
}

/** A raw base64 public key as a key object; null when it is not a 32-byte key. */
export function importPublic(rawBase64: string): KeyObject | null {
  const raw = Buffer.from(rawBase64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== rawBase64) return null;
  try {
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return null;
  }
}

export function signBytes(key: KeyObject, data: Buffer): string {
  return sign(null, data, key).toString('base64');
}

export function verifyBytes(key: KeyObject, data: Buffer, signatureBase64: string): boolean {
  try {
    return verify(null, data, key, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}

function readKey(s: Services): KeyObject | null {
  let pem: string | null;
  try {
    pem = readSecret(s, ARCHIVE_KEY);
  } catch {
    // readSecret's message names the portal key; this is the archive's.
    throw new AppError(
      'conflict',
      'Ключ подписи архивов защищён средствами системы другого компьютера или пользователя и здесь недоступен: сформируйте архив на компьютере, где он был создан',
    );
  }
  return pem === null ? null : createPrivateKey(pem);
}

/** The public half, for the screen; null until the first archive makes the key. */
export function schoolPublicKey(s: Services): PublicKeyInfo | null {
  if (!hasSecret(s, ARCHIVE_KEY)) return null;
  const key = readKey(s);
  return key && publicInfo(key);
}

/**
 * The school's private key, made (and its making audited with the fingerprint) on first use.
 * The check and the insert run in one transaction, so two first archives cannot make two keys.
 */
export function schoolSigningKey(ctx: Ctx): KeyObject {
  const existing = readKey(ctx);
  if (existing) return existing;
  return mutate(ctx, (rec) => {
    const again = readKey(ctx);
    if (again) return again;
    const { privateKey } = generateKeyPairSync('ed25519');
    storeSecret(ctx, ARCHIVE_KEY, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    rec.audit({ action: 'archive.key_create', entity: 'school', entityId: 1, after: { fingerprint: publicInfo(privateKey).fingerprint } });
    return privateKey;
  });
}
