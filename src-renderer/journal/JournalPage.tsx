// #/journal/<group>/<subject>[/<term>]: loads the journal and hands it to the screen; says
// plainly when the journal is not the caller's to open. Also the render-time probe the e2e
// suite reads (window.__journalRenderMs): from the answer's arrival to the grid painted.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JournalView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { invoke, RpcError } from '../rpc/client';
import { JournalScreen } from './JournalScreen';
import { termOfDate } from './model';
import { journalHref, placeFromHash, pupilFromHash, type JournalRoute } from './route';
import '../styles/journal.css';

declare global {
  interface Window {
    /** Milliseconds from journal.open's answer to the first painted frame of the grid. */
    __journalRenderMs?: number;
    /** The same from the moment journal.open was sent. */
    __journalOpenMs?: number;
    /** "pupils×lessons" of the journal measured. */
    __journalShape?: string;
  }
}

type Load = { state: 'loading' } | { state: 'error'; code: string; message: string } | { state: 'ready'; view: JournalView; seq: number };

export function JournalPage({ route, me = null }: { route: JournalRoute; me?: number | null }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [reloads, setReloads] = useState(0);
  const times = useRef({ sent: 0, received: 0 });
  const { groupId, subjectId, termId } = route;

  useEffect(() => {
    let live = true;
    setLoad({ state: 'loading' });
    window.__journalRenderMs = undefined;
    times.current.sent = performance.now();
    invoke('journal.open', termId ? { groupId, subjectId, termId } : { groupId, subjectId })
      .then((view) => {
        if (!live) return;
        // A lesson link into another term (next week after the holidays) opens that term.
        const place = placeFromHash();
        const wanted = place && !termId ? termOfDate(view.terms, place.date) : undefined;
        if (wanted && wanted.id !== view.term.id) {
          window.history.replaceState(
            null,
            '',
            journalHref({ groupId, subjectId, termId: wanted.id }, place ? { date: place.date, slot: place.slot, pupil: pupilFromHash() ?? undefined } : undefined),
          );
          window.dispatchEvent(new HashChangeEvent('hashchange'));
          return;
        }
        times.current.received = performance.now();
        performance.mark('journal:received');
        setLoad({ state: 'ready', view, seq: Date.now() });
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof RpcError && (e.code === 'session_locked' || e.code === 'unauthenticated')) return;
        setLoad({ state: 'error', code: e instanceof RpcError ? e.code : 'internal', message: (e as Error).message });
      });
    return () => {
      live = false;
    };
  }, [groupId, subjectId, termId, reloads]);

  const onPainted = useCallback(() => {
    const now = performance.now();
    performance.mark('journal:painted');
    performance.measure('journal:render', 'journal:received', 'journal:painted');
    window.__journalRenderMs = now - times.current.received;
    window.__journalOpenMs = now - times.current.sent;
    if (load.state === 'ready') window.__journalShape = `${load.view.pupils.length}x${load.view.lessons.length}`;
  }, [load]);

  if (load.state === 'loading')
    return (
      <p className="muted" aria-busy="true" data-testid="journal-loading">
        {t('app.loading')}
      </p>
    );
  if (load.state === 'error') {
    const denied = load.code === 'forbidden' || load.code === 'not_found';
    return (
      <div className="card journal-denied" role="alert" data-testid="journal-denied">
        <h1>{denied ? t('journal.deniedTitle') : t('journal.errorTitle')}</h1>
        <p>{load.message}</p>
        <div className="form-actions">
          <a className="btn" href="#/journal">
            {t('journal.backHome')}
          </a>
          {!denied && (
            <button type="button" className="btn" onClick={() => setReloads((n) => n + 1)}>
              {t('app.retry')}
            </button>
          )}
        </div>
      </div>
    );
  }
  return <JournalScreen key={load.seq} view={load.view} route={route} onPainted={onPainted} me={me} />;
}
