// Hash routing (#/journal): works the same from file:// under Electron and over HTTP,
// and needs no router dependency for a handful of sections.
import { useEffect, useState } from 'react';

function current(): string {
  return window.location.hash.replace(/^#\/?/, '').split('?')[0] ?? '';
}

export function useHashRoute(): string {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** Replaces the hash without a history entry (redirects to an allowed section). */
export function replaceRoute(route: string): void {
  const url = `${window.location.pathname}${window.location.search}#/${route}`;
  window.history.replaceState(null, '', url);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
