// Secrets at rest: sealed with the host's box where there is one, readable only through it,
// and a sealed key that cannot be opened here is a clear error, not a silent "no key".
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { Services } from '../../src-main/services/context';
import { hasSecret, readSecret, secretSealed, storeSecret, type SecretBox } from '../../src-main/services/secrets';

function services(secrets?: SecretBox): Services {
  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE secret (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)');
  return { sqlite, db: null as never, now: () => new Date(), ...(secrets ? { secrets } : {}) };
}
// A box with a key of its own: what one box sealed, another cannot open.
const box = (k: number): SecretBox => ({
  seal: (plain) => Buffer.concat([Buffer.from([k]), Buffer.from(plain, 'utf8').map((b) => b ^ k)]),
  open: (sealed) => {
    if (sealed[0] !== k) throw new Error('wrong key');
    return Buffer.from(sealed.subarray(1).map((b) => b ^ k)).toString('utf8');
  },
});

describe('secrets', () => {
  it('seals with the box: the stored value does not contain the secret, and reads back', () => {
    const s = services(box(7));
    expect(hasSecret(s, 'portal_token')).toBe(false);
    expect(readSecret(s, 'portal_token')).toBeNull();
    storeSecret(s, 'portal_token', 'ключ-портала-2026');
    const stored = s.sqlite.prepare('SELECT value FROM secret').pluck().get() as string;
    expect(stored.startsWith('sealed:')).toBe(true);
    expect(Buffer.from(stored.slice(7), 'base64').toString('utf8')).not.toContain('ключ');
    expect(secretSealed(s, 'portal_token')).toBe(true);
    expect(readSecret(s, 'portal_token')).toBe('ключ-портала-2026');
    storeSecret(s, 'portal_token', 'другой-ключ');
    expect(readSecret(s, 'portal_token')).toBe('другой-ключ');
  });

  it('without a box stores it as is, and reads keys stored before sealing existed', () => {
    const s = services();
    storeSecret(s, 'portal_token', 'plain-key-123');
    expect(secretSealed(s, 'portal_token')).toBe(false);
    expect(readSecret(s, 'portal_token')).toBe('plain-key-123');
    s.sqlite.prepare("UPDATE secret SET value = 'legacy-key-456'").run();
    expect(readSecret(s, 'portal_token')).toBe('legacy-key-456');
  });

  it('a sealed key on a host that cannot open it asks for the key again', () => {
    const sealedHere = services(box(7));
    storeSecret(sealedHere, 'portal_token', 'ключ');
    const value = sealedHere.sqlite.prepare('SELECT value FROM secret').pluck().get() as string;
    for (const other of [services(), services(box(9))]) {
      other.sqlite.prepare('INSERT INTO secret (key, value) VALUES (?, ?)').run('portal_token', value);
      expect(hasSecret(other, 'portal_token')).toBe(true);
      expect(() => readSecret(other, 'portal_token')).toThrow(/задайте ключ заново/);
    }
  });
});
