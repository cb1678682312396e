// The session state machine of the window: boot -> signed out (login / first run) ->
// signed in (forced password change, or the shell) <-> locked. Ended or locked sessions
// reported by any RPC call move it, so no page has to handle them itself.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeviceStatus } from '../../src-shared/rpc/device';
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { useI18n } from '../i18n';
import { afterStatusFailure, needsPairing } from '../network/logic';
import { PairingPage } from '../network/PairingPage';
import { ChangePasswordPage } from '../pages/ChangePasswordPage';
import { LockScreen } from '../pages/LockScreen';
import { LoginPage } from '../pages/LoginPage';
import { getToken, invoke, onRpcError, RpcError, setToken } from '../rpc/client';
import { Shell } from './Shell';
import { useIdleLock } from './useIdleLock';

export type Me = MethodOutput<'auth.me'>;
export type Status = MethodOutput<'auth.status'>;

type State =
  | { phase: 'boot' }
  | { phase: 'bootError'; message: string }
  | { phase: 'pair'; device: DeviceStatus }
  | { phase: 'out'; notice: string | null }
  | { phase: 'in'; me: Me }
  | { phase: 'locked'; me: Me | null };

/** This PC's school network state; null where it cannot be told (then the boot goes on as standalone). */
const deviceStatus = () => invoke('device.status', {}).catch(() => null);

/** Calls whose 'unauthenticated' means "wrong password", not "your session ended". */
const CREDENTIAL_CHECKS = new Set(['auth.login', 'auth.setup', 'auth.status', 'auth.unlock']);

export function App() {
  const { t } = useI18n();
  const [state, setState] = useState<State>({ phase: 'boot' });
  const [status, setStatus] = useState<Status | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  const boot = useCallback(async () => {
    setState({ phase: 'boot' });
    // A client PC (DESIGN.md §10) pairs before anything else can reach the school host.
    const device = await deviceStatus();
    if (device && needsPairing(device)) return setState({ phase: 'pair', device });
    try {
      setStatus(await invoke('auth.status', {}));
    } catch (e) {
      const next = afterStatusFailure(e instanceof RpcError ? e.code : 'internal');
      // A version refusal is read on the login screen, where the teacher would sign in.
      if (next === 'login') return setState({ phase: 'out', notice: (e as Error).message });
      const again = next === 'recheck' ? await deviceStatus() : null;
      if (again && needsPairing(again)) return setState({ phase: 'pair', device: again });
      setState({ phase: 'bootError', message: (e as Error).message });
      return;
    }
    if (!getToken()) return setState({ phase: 'out', notice: null });
    try {
      const me = await invoke('auth.me', {});
      setState({ phase: 'in', me });
    } catch (e) {
      // session_locked and unauthenticated were already handled by the listener below.
      if (!(e instanceof RpcError) || (e.code !== 'session_locked' && e.code !== 'unauthenticated'))
        setState({ phase: 'bootError', message: (e as Error).message });
    }
  }, []);

  useEffect(
    () =>
      onRpcError((e) => {
        const current = stateRef.current;
        // A client PC the school host no longer accepts (revoked) must pair again, not sign in.
        if (e.code === 'unauthenticated')
          void deviceStatus().then((d) => {
            if (d && needsPairing(d)) setState({ phase: 'pair', device: d });
          });
        if (e.code === 'session_locked') {
          const me = current.phase === 'in' || current.phase === 'locked' ? current.me : null;
          setState({ phase: 'locked', me });
        } else if (e.code === 'unauthenticated' && !CREDENTIAL_CHECKS.has(e.method ?? '')) {
          setToken(null);
          setState({ phase: 'out', notice: e.message });
        } else if (e.code === 'locked' && e.method === 'auth.unlock') {
          // Too many wrong passwords on the lock screen: the account is locked, sessions ended.
          setToken(null);
          setState({ phase: 'out', notice: e.message });
        }
      }),
    [],
  );

  useEffect(() => {
    void boot();
  }, [boot]);

  const signedIn = useCallback((token: string, me: Me) => {
    setToken(token);
    setState({ phase: 'in', me });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await invoke('auth.logout', {});
    } catch {
      // Already ended or unreachable: the token is forgotten here either way.
    }
    setToken(null);
    setState({ phase: 'out', notice: null });
    invoke('auth.status', {}).then(setStatus, () => {});
  }, []);

  const lock = useCallback(async () => {
    const current = stateRef.current;
    if (current.phase !== 'in') return;
    // Show the lock screen first: the screen must hide the journal even if the call fails.
    setState({ phase: 'locked', me: current.me });
    try {
      await invoke('auth.lock', {});
    } catch {
      // unauthenticated moves to the login screen via the listener; anything else keeps it locked
    }
  }, []);

  const unlocked = useCallback(async () => {
    try {
      const me = await invoke('auth.me', {});
      setState({ phase: 'in', me });
    } catch {
      // handled by the listener
    }
  }, []);

  const refreshMe = useCallback(async () => {
    try {
      const me = await invoke('auth.me', {});
      setState((s) => (s.phase === 'in' ? { phase: 'in', me } : s));
    } catch {
      // handled by the listener
    }
  }, []);

  useIdleLock(state.phase === 'in' ? state.me.idleLockMinutes : null, () => void lock());

  switch (state.phase) {
    case 'boot':
      return (
        <div className="center-screen" aria-busy="true">
          {t('app.loading')}
        </div>
      );
    case 'bootError':
      return (
        <div className="center-screen">
          <div className="card">
            <p className="form-error" role="alert">
              {state.message}
            </p>
            <button className="btn primary" onClick={() => void boot()}>
              {t('app.retry')}
            </button>
          </div>
        </div>
      );
    case 'pair':
      return <PairingPage device={state.device} onPaired={() => void boot()} />;
    case 'out':
      return (
        <LoginPage
          status={status}
          notice={state.notice}
          onSignedIn={signedIn}
          onStatusChange={setStatus}
        />
      );
    case 'locked':
      return <LockScreen me={state.me} onUnlocked={unlocked} onSignOut={signOut} />;
    case 'in':
      if (state.me.user.mustChangePassword)
        return <ChangePasswordPage me={state.me} onChanged={refreshMe} onSignOut={signOut} />;
      return <Shell me={state.me} schoolName={status?.schoolName ?? ''} demo={status?.demo ?? false} onLock={lock} onSignOut={signOut} />;
  }
}
