// While a journal is open: its live stream applied to the grid. Another person's change is
// marked as theirs for a moment (key → their name); this page's own writes are not re-flashed.
// Each time the stream opens the journal is re-read and whatever changed meanwhile is applied:
// after a reconnect, and also the first time (a change between the page's journal.open and the
// stream's start would otherwise be missed).
import { useEffect, useRef, useState } from 'react';
import type { JournalView } from '../../../src-shared/rpc/journal';
import { getToken, invoke } from '../../rpc/client';
import { changesFromView, toChange, type RemoteChange } from './changes';
import { openLive } from './stream';

/** How long another person's change stays marked. */
export const THEIRS_MS = 3000;

export interface LiveTarget {
  /** Applies a change when it is news to the page; true when it was applied. */
  applyRemote(c: RemoteChange): boolean;
  colOfLesson(lessonId: number): string | undefined;
  shownTermMarks(): Iterable<number>;
  versionOf(key: string): number;
}

export interface LiveState {
  /** Cells another person just changed: key → their name. */
  theirs: ReadonlyMap<string, string>;
  /** The stream is open (changes arrive as they are made). */
  connected: boolean;
}

export function useLive(view: JournalView, target: LiveTarget, me: number | null): LiveState {
  const [theirs, setTheirs] = useState<ReadonlyMap<string, string>>(new Map());
  const [connected, setConnected] = useState(false);
  const targetRef = useRef(target);
  targetRef.current = target;

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const mark = (key: string, name: string) => {
      setTheirs((m) => new Map(m).set(key, name));
      const t = setTimeout(() => {
        timers.delete(t);
        setTheirs((m) => {
          if (m.get(key) !== name) return m;
          const next = new Map(m);
          next.delete(key);
          return next;
        });
      }, THEIRS_MS);
      timers.add(t);
    };
    const apply = (c: RemoteChange) => {
      if (targetRef.current.applyRemote(c) && c.by && c.by.staffId !== me) mark(c.key, c.by.name);
    };
    const ref = { groupId: view.group.id, subjectId: view.subject.id };
    let live = true;
    const stop = openLive(ref, getToken, {
      onEvent(e) {
        const t = targetRef.current;
        const c = toChange(e, { termId: view.term.id, colOf: (id) => t.colOfLesson(id) });
        if (c) apply(c);
      },
      onDown: () => setConnected(false),
      onOpen() {
        setConnected(true);
        invoke('journal.open', { ...ref, termId: view.term.id }).then(
          (fresh) => {
            const t = targetRef.current;
            if (live) for (const c of changesFromView(fresh, t.shownTermMarks(), (k) => t.versionOf(k))) apply(c);
          },
          () => {}, // the page's own calls report a lost host or session
        );
      },
    });
    return () => {
      live = false;
      setConnected(false);
      stop();
      timers.forEach(clearTimeout);
    };
  }, [view, me]);

  return { theirs, connected };
}
