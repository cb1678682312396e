// The school network UI's decisions (src-renderer/network/logic.ts), from DESIGN.md §10 and
// NETWORK.md: the pairing screen for an unpaired client or a changed certificate; the banner
// up while calls answer unavailable (or queue), down at the next answer from the host.
import { describe, expect, it } from 'vitest';
import { decideMode } from '../../src-main/network/choice';
import { afterStatusFailure, HOST_UP, needsPairing, nextHostState } from '../../src-renderer/network/logic';
import type { DeviceStatus } from '../../src-shared/rpc/device';

const base: DeviceStatus = {
  mode: 'client',
  hostUrl: 'https://10.0.0.5:8443',
  fingerprint: 'AB12',
  deviceName: 'Кабинет 12',
  paired: true,
  reachable: true,
  problem: null,
  fingerprintMismatch: null,
};

describe('pairing screen', () => {
  it.each<[string, DeviceStatus, boolean]>([
    ['standalone', { ...base, mode: 'standalone', paired: false }, false],
    ['host', { ...base, mode: 'host', paired: false }, false],
    ['paired client', base, false],
    ['unpaired client', { ...base, paired: false }, true],
    ['changed certificate', { ...base, fingerprintMismatch: { pinned: 'AB12', presented: 'CD34' } }, true],
  ])('%s → %s', (_name, device, expected) => expect(needsPairing(device)).toBe(expected));

  it('after a failed auth.status: version refusal to the login screen, unavailable rechecks the pin, the rest is an error', () => {
    expect(afterStatusFailure('version_mismatch')).toBe('login');
    expect(afterStatusFailure('unavailable')).toBe('recheck');
    expect(afterStatusFailure('internal')).toBe('error');
    expect(afterStatusFailure('network')).toBe('error');
  });
});

describe('host banner', () => {
  it('goes up on unavailable or queued, stays up on a local network failure, comes down on the next answer from the host', () => {
    const steps: [{ ok: boolean; code?: string; message?: string }, boolean][] = [
      [{ ok: true }, false],
      [{ ok: false, code: 'forbidden' }, false],
      [{ ok: false, code: 'unavailable', message: 'Сервер школы недоступен: …' }, true],
      [{ ok: false, code: 'queued' }, true],
      [{ ok: false, code: 'network' }, true],
      [{ ok: false, code: 'conflict' }, false],
      [{ ok: false, code: 'unavailable' }, true],
      [{ ok: true }, false],
    ];
    let state = HOST_UP;
    for (const [answer, down] of steps) {
      state = nextHostState(state, answer);
      expect(state.down, JSON.stringify(answer)).toBe(down);
    }
  });
});

describe('desktop first-run choice', () => {
  it.each<[string, Parameters<typeof decideMode>, ReturnType<typeof decideMode>]>([
    ['a saved client stays a client', [{ mode: 'client' }, true, false], { mode: 'client' }],
    ['a saved standalone stays', [{ mode: 'standalone' }, false, false], { mode: 'standalone' }],
    ['an existing database is never asked about', [null, true, false], { mode: 'standalone' }],
    ['a demo run keeps its own database', [null, false, true], { mode: 'standalone' }],
    ['a fresh installation asks', [null, false, false], 'ask'],
  ])('%s', (_name, args, expected) => expect(decideMode(...args)).toEqual(expected));
});
