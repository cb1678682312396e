// Idle lock: after `minutes` with no keyboard, mouse or touch activity the session locks.
// The server keeps its own idle clock from the last call it saw, so while the user is
// active but not causing calls (reading a page, typing a long topic) a light heartbeat
// keeps the server's clock from locking a session the user is plainly using.
import { useEffect, useRef } from 'react';
import { invoke } from '../rpc/client';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'pointerdown'] as const;
const CHECK_EVERY_MS = 5_000;

export function useIdleLock(minutes: number | null, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;

  useEffect(() => {
    if (minutes === null || minutes <= 0) return;
    const idleMs = minutes * 60_000;
    // A third of the idle time, so the server sees activity well before its own limit.
    const heartbeatMs = Math.min(60_000, idleMs / 3);
    let lastActivity = Date.now();
    let lastHeartbeat = Date.now();
    let fired = false;

    const activity = () => {
      lastActivity = Date.now();
      if (lastActivity - lastHeartbeat >= heartbeatMs) {
        lastHeartbeat = lastActivity;
        // Errors (locked, ended) reach the shell through the client's error listener.
        invoke('auth.me', {}).catch(() => {});
      }
    };
    const check = () => {
      if (!fired && Date.now() - lastActivity >= idleMs) {
        fired = true;
        onIdleRef.current();
      }
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, activity, { passive: true, capture: true });
    // A hidden window's timers are throttled: check again as soon as it is shown.
    document.addEventListener('visibilitychange', check);
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, activity, { capture: true });
      document.removeEventListener('visibilitychange', check);
      window.clearInterval(timer);
    };
  }, [minutes]);
}
