// The outbox of this PC for the open journal: keys of edits waiting for the school host (the
// grid's «не сохранено на сервере» marker) and the edits it refused (OutboxPanel). Reads
// outbox.list on open and every few seconds while anything waits; an edit answered `queued`
// is marked at once, before the next read.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { JournalView } from '../../src-shared/rpc/journal';
import type { OutboxEntry } from '../../src-shared/rpc/outbox';
import { invoke } from '../rpc/client';
import { shouldPoll, unsavedKeys } from './outbox';

const POLL_MS = 3000;

export function useOutbox(view: JournalView) {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  /** Marked by a `queued` answer, until a read of the list says what still waits. */
  const [queuedHere, setQueuedHere] = useState<ReadonlySet<string>>(new Set());
  const [tick, setTick] = useState(0);
  const alive = useRef(true);

  const queuedRef = useRef(queuedHere);
  queuedRef.current = queuedHere;

  const refresh = useCallback(async () => {
    // Only marks made before the read are answered by it: a later `queued` keeps its mark.
    const asked = queuedRef.current;
    try {
      const r = await invoke('outbox.list', {});
      if (!alive.current) return;
      setEntries(r.entries);
      setQueuedHere((s) => new Set([...s].filter((k) => !asked.has(k))));
    } catch {
      // No list (signed out, an old main): markers stay as they are until the next read.
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    void refresh();
    return () => {
      alive.current = false;
    };
  }, [refresh]);

  const polling = shouldPoll(entries, queuedHere.size);
  useEffect(() => {
    if (!polling) return;
    const timer = window.setTimeout(() => void refresh().then(() => setTick((n) => n + 1)), POLL_MS);
    return () => window.clearTimeout(timer);
  }, [polling, tick, refresh]);

  const markQueued = useCallback((keys: string[]) => setQueuedHere((s) => new Set([...s, ...keys])), []);
  const dismiss = useCallback(
    async (key: string) => {
      try {
        await invoke('outbox.dismiss', { key });
      } finally {
        await refresh();
      }
    },
    [refresh],
  );

  const unsaved = useMemo(() => new Set([...unsavedKeys(entries, view), ...queuedHere]), [entries, view, queuedHere]);
  return { entries, unsaved, markQueued, dismiss };
}

export type OutboxState = ReturnType<typeof useOutbox>;
