// One opened journal's live state: lessons, cells and term marks as the teacher sees them, with
// every write sent at once (one RPC per edit), shown before the answer (optimistic) and rolled
// back visibly when main refuses. Also the undo stack: undo re-sends the previous state.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CellView, JournalView, LessonSlot, LessonView } from '../../src-shared/rpc/journal';
import type { MethodInput } from '../../src-shared/rpc/registry';
import { invoke, RpcError } from '../rpc/client';
import { cellKey, colKey, EMPTY_CELL, sameCell, type Cell, type Term, type TermMark } from './model';
import { isQueued } from './outbox';
import type { RemoteChange } from './live/changes';
import { conflictIndex, type Conflict } from './live/conflicts';
import { KeyedQueue } from './live/queue';
import { lessonKey, VersionBook } from './live/versions';
import { isStudyKind } from '../../src-shared/rpc/calendar';

export type Notify = (kind: 'error' | 'info', text: string) => void;

export interface CellEdit {
  lesson: LessonView;
  pupilId: number;
  next: Cell;
}

type UndoEntry =
  { kind: 'cells'; items: { col: string; pupilId: number; before: Cell }[] } | { kind: 'term'; pupilId: number; before: string | null };

/** Where an undone edit was, so the grid can move there. */
export type UndoTarget = { col: string; pupilId: number } | { term: true; pupilId: number };

export interface SaveStatus {
  inflight: number;
  savedAt: number | null;
  lastError: string | null;
}

const UNDO_DEPTH = 100;

export const lessonSlot = (view: JournalView, l: { date: string; slot: number }): LessonSlot => ({
  groupId: view.group.id,
  subjectId: view.subject.id,
  date: l.date,
  slot: l.slot,
});

function initialCells(view: JournalView): Map<string, Cell> {
  const colOf = new Map<number, string>();
  for (const l of view.lessons) if (l.lessonId !== null) colOf.set(l.lessonId, colKey(l));
  const cells = new Map<string, Cell>();
  for (const c of view.cells) {
    const col = colOf.get(c.lessonId);
    if (col) cells.set(cellKey(col, c.pupilId), { marks: c.marks, absence: c.absence });
  }
  return cells;
}

/** The server's Russian message; a closed term says what to do about it. */
export function errorText(e: unknown, lockedHint: string): string {
  if (e instanceof RpcError) return e.code === 'locked' ? `${e.message}. ${lockedHint}` : e.message;
  return (e as Error)?.message ?? String(e);
}

/** A stale edit's refusal (versions, DESIGN.md §10): the current value and which edit of a batch. */
function conflictOf(e: unknown): { message: string; current: unknown; index: number } | null {
  if (!(e instanceof RpcError) || e.code !== 'conflict' || e.current === undefined) return null;
  return { message: e.message, current: e.current, index: conflictIndex(e.issues) };
}

/** onQueued: the school host was away and these edits wait in this PC's outbox (useOutbox marks them). */
export function useJournal(
  view: JournalView,
  notify: Notify,
  lockedHint: string,
  onConflict?: (c: Conflict) => void,
  onQueued?: (keys: string[]) => void,
) {
  const [lessons, setLessons] = useState<LessonView[]>(view.lessons);
  const [terms, setTerms] = useState<Term[]>(view.terms);
  const [cells, setCells] = useState<Map<string, Cell>>(() => initialCells(view));
  const [termMarks, setTermMarks] = useState<Map<number, TermMark>>(() => new Map(view.termMarks.map((t) => [t.pupilId, t])));
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  /** Keys of refused edits, with a counter so a second refusal restarts the flash. */
  const [flash, setFlash] = useState<ReadonlyMap<string, number>>(new Map());
  const [status, setStatus] = useState<SaveStatus>({ inflight: 0, savedAt: null, lastError: null });

  // Async answers must see the latest state, not the one their call was made from.
  const cellsRef = useRef(cells);
  cellsRef.current = cells;
  const lessonsRef = useRef(lessons);
  lessonsRef.current = lessons;
  const termMarksRef = useRef(termMarks);
  termMarksRef.current = termMarks;
  /** Per key, the number of the latest edit: an older answer must not overwrite a newer edit. */
  const versions = useRef(new Map<string, number>());
  const undoStack = useRef<UndoEntry[]>([]);
  /** The versions edits are made on; answers and live changes only move them forward. */
  const book = useRef<VersionBook | null>(null);
  book.current ??= VersionBook.fromView(view);
  /** One write at a time per key: the next names the version the previous one brought. */
  const queue = useRef(new KeyedQueue());
  /** Lesson ids learned from live changes before the lessons state catches up. */
  const learnedCols = useRef(new Map<number, string>());
  const conflictRef = useRef(onConflict);
  conflictRef.current = onConflict;
  const queuedRef = useRef(onQueued);
  queuedRef.current = onQueued;
  const flashSeq = useRef(0);

  const bump = (key: string) => {
    const v = (versions.current.get(key) ?? 0) + 1;
    versions.current.set(key, v);
    return v;
  };
  const begin = () => setStatus((s) => ({ ...s, inflight: s.inflight + 1 }));
  const end = (error: string | null) =>
    setStatus((s) => ({ inflight: s.inflight - 1, savedAt: error ? s.savedAt : Date.now(), lastError: error }));
  /** Queued in the outbox: the value stays, neither saved nor refused (the marker says so). */
  const queued = (keys: string[]) => {
    setStatus((s) => ({ ...s, inflight: s.inflight - 1 }));
    queuedRef.current?.(keys);
  };
  const setPendingKeys = (keys: string[], on: boolean) =>
    setPending((p) => {
      const next = new Set(p);
      for (const k of keys)
        if (on) next.add(k);
        else next.delete(k);
      return next;
    });
  const flashKeys = (keys: string[]) =>
    setFlash((f) => {
      const next = new Map(f);
      for (const k of keys) next.set(k, ++flashSeq.current);
      return next;
    });
  const pushUndo = (e: UndoEntry) => {
    undoStack.current.push(e);
    if (undoStack.current.length > UNDO_DEPTH) undoStack.current.shift();
  };
  const refused = (e: unknown, keys: string[]) => {
    const text = errorText(e, lockedHint);
    if (e instanceof RpcError && e.code === 'locked') lockTermsOf(keys);
    flashKeys(keys);
    notify('error', text);
    return text;
  };
  /** A refusal with 'locked' means the deputy closed the term meanwhile: show it closed. */
  const lockTermsOf = (keys: string[]) => {
    const dates = new Set(keys.map((k) => k.split('.')[0]!));
    setTerms((ts) =>
      ts.map((t) => ([...dates].some((d) => isStudyKind(t.kind) && t.startsOn <= d && d <= t.endsOn) ? { ...t, closed: true } : t)),
    );
  };

  /** Lessons created by a first edit get their id; the column stays where it was. */
  const learnLessonIds = (created: { col: string; lessonId: number }[]) => {
    if (!created.length) return;
    const ids = new Map(created.map((c) => [c.col, c.lessonId]));
    setLessons((ls) => ls.map((l) => (l.lessonId === null && ids.has(colKey(l)) ? { ...l, lessonId: ids.get(colKey(l))! } : l)));
  };

  const writeCells = useCallback(
    async (edits: CellEdit[], opts: { undo?: boolean } = {}): Promise<boolean> => {
      const items = edits
        .map((e) => {
          const col = colKey(e.lesson);
          const key = cellKey(col, e.pupilId);
          return { ...e, col, key, before: cellsRef.current.get(key) ?? EMPTY_CELL };
        })
        .filter((i) => !sameCell(i.before, i.next));
      if (items.length === 0) return true;
      const stamps = items.map((i) => bump(i.key));
      const keys = items.map((i) => i.key);
      setCells((m) => {
        const next = new Map(m);
        for (const i of items) next.set(i.key, i.next);
        return next;
      });
      setPendingKeys(keys, true);
      begin();
      const edit = (i: (typeof items)[number]) => ({
        lesson: lessonSlot(view, i.lesson),
        pupilId: i.pupilId,
        marks: i.next.marks.map((m) => ({ value: m.value, workTypeId: m.workTypeId })),
        absence: i.next.absence,
        version: book.current!.get(i.key),
      });
      try {
        const results = await queue.current.run(keys, async () =>
          items.length === 1
            ? [await invoke('journal.setCell', edit(items[0]!))]
            : (await invoke('journal.setCells', { edits: items.map(edit) })).cells,
        );
        setCells((m) => {
          const next = new Map(m);
          results.forEach((r, n) => {
            const i = items[n]!;
            if (versions.current.get(i.key) === stamps[n] && book.current!.accept(i.key, r.cell.version))
              next.set(i.key, { marks: r.cell.marks, absence: r.cell.absence });
          });
          return next;
        });
        learnLessonIds(results.map((r, n) => ({ col: items[n]!.col, lessonId: r.lessonId })));
        if (!opts.undo) pushUndo({ kind: 'cells', items: items.map((i) => ({ col: i.col, pupilId: i.pupilId, before: i.before })) });
        end(null);
        return true;
      } catch (e) {
        if (isQueued(e)) {
          if (!opts.undo) pushUndo({ kind: 'cells', items: items.map((i) => ({ col: i.col, pupilId: i.pupilId, before: i.before })) });
          queued(keys);
          return true;
        }
        // A stale cell shows what is there now; the teacher chooses in the conflict dialog.
        const c = conflictRef.current ? conflictOf(e) : null;
        const hit = c ? items[c.index] : undefined;
        const current = c?.current as CellView | undefined;
        setCells((m) => {
          const next = new Map(m);
          items.forEach((i, n) => {
            if (versions.current.get(i.key) !== stamps[n]) return;
            next.set(i.key, i === hit && current ? { marks: current.marks, absence: current.absence } : i.before);
          });
          return next;
        });
        if (!c || !hit || !current) {
          end(refused(e, keys));
          return false;
        }
        book.current!.accept(hit.key, current.version);
        learnLessonIds([{ col: hit.col, lessonId: current.lessonId }]);
        end(c.message);
        const edits = items.map((i) => ({ lesson: i.lesson, pupilId: i.pupilId, next: i.next }));
        conflictRef.current!({
          kind: 'cells',
          message: c.message,
          edits,
          mine: hit.next,
          current: { marks: current.marks, absence: current.absence },
        });
        return false;
      } finally {
        setPendingKeys(keys, false);
      }
    },
    // Only refs and stable setters besides the view, so the writers below live as long as the
    // journal and memoized children keep them.
    [view],
  );

  const writeTermMark = useCallback(
    async (pupilId: number, value: string | null, opts: { undo?: boolean } = {}): Promise<boolean> => {
      const before = termMarksRef.current.get(pupilId);
      if ((before?.value ?? null) === value) return true;
      const key = `term#${pupilId}`;
      const stamp = bump(key);
      const put = (tm: TermMark | undefined) =>
        setTermMarks((m) => {
          const next = new Map(m);
          if (tm) next.set(pupilId, tm);
          else next.delete(pupilId);
          return next;
        });
      put(
        value === null
          ? undefined
          : { pupilId, value, suggested: before?.suggested ?? null, confirmedAt: null, version: before?.version ?? 0 },
      );
      setPendingKeys([key], true);
      begin();
      try {
        const r = await queue.current.run([key], () =>
          invoke('journal.setTermMark', {
            groupId: view.group.id,
            subjectId: view.subject.id,
            termId: view.term.id,
            pupilId,
            value: value as MethodInput<'journal.setTermMark'>['value'],
            // A removed mark has no version: its edits name 0.
            version: book.current!.editVersion(key),
          }),
        );
        if (book.current!.accept(key, r.version)) {
          book.current!.setEditVersion(key, r.termMark?.version ?? 0);
          if (versions.current.get(key) === stamp) put(r.termMark ?? undefined);
        }
        if (!opts.undo) pushUndo({ kind: 'term', pupilId, before: before?.value ?? null });
        end(null);
        return true;
      } catch (e) {
        if (isQueued(e)) {
          if (!opts.undo) pushUndo({ kind: 'term', pupilId, before: before?.value ?? null });
          queued([key]);
          return true;
        }
        const c = conflictRef.current ? conflictOf(e) : null;
        const current = c?.current as TermMark | null | undefined;
        if (versions.current.get(key) === stamp) put(c ? (current ?? undefined) : before);
        if (!c) {
          end(refused(e, [key]));
          return false;
        }
        if (current) book.current!.accept(key, current.version);
        book.current!.setEditVersion(key, current?.version ?? 0);
        end(c.message);
        conflictRef.current!({ kind: 'term', message: c.message, pupilId, mine: value, current: current?.value ?? null });
        return false;
      } finally {
        setPendingKeys([key], false);
      }
    },
    [view],
  );

  /** Undoes the last successful edit by sending the state before it; null when nothing to undo. */
  const undo = useCallback(async (): Promise<UndoTarget | null> => {
    const entry = undoStack.current.pop();
    if (!entry) return null;
    if (entry.kind === 'term') {
      await writeTermMark(entry.pupilId, entry.before, { undo: true });
      return { term: true, pupilId: entry.pupilId };
    }
    const byCol = new Map(lessonsRef.current.map((l) => [colKey(l), l]));
    const edits = entry.items.flatMap((i) => {
      const lesson = byCol.get(i.col);
      return lesson ? [{ lesson, pupilId: i.pupilId, next: i.before }] : [];
    });
    await writeCells(edits, { undo: true });
    const first = entry.items[0]!;
    return { col: first.col, pupilId: first.pupilId };
  }, [writeCells, writeTermMark]);

  /** Lesson details: resolves to the saved lesson, or null when refused (already reported). */
  const saveLesson = useCallback(
    async (col: string, patch: Omit<MethodInput<'journal.setLesson'>, 'lesson'>): Promise<LessonView | null> => {
      const lesson = lessonsRef.current.find((l) => colKey(l) === col);
      if (!lesson) return null;
      begin();
      try {
        const k = lessonKey(col);
        const saved = await queue.current.run([k], () =>
          invoke('journal.setLesson', { lesson: lessonSlot(view, lesson), ...patch, version: book.current!.get(k) }),
        );
        if (book.current!.accept(lessonKey(col), saved.version)) setLessons((ls) => ls.map((l) => (colKey(l) === col ? saved : l)));
        end(null);
        return saved;
      } catch (e) {
        if (isQueued(e)) {
          // Shown as typed until the host takes it (the outbox applies it in order).
          const kept = { ...lesson, ...patch } as LessonView;
          setLessons((ls) => ls.map((l) => (colKey(l) === col ? kept : l)));
          queued([`${col}#lesson`]);
          return kept;
        }
        const c = conflictRef.current ? conflictOf(e) : null;
        if (!c) {
          end(refused(e, [`${col}#lesson`]));
          return null;
        }
        const current = c.current as LessonView;
        if (book.current!.accept(lessonKey(col), current.version)) setLessons((ls) => ls.map((l) => (colKey(l) === col ? current : l)));
        end(c.message);
        conflictRef.current!({ kind: 'lesson', message: c.message, col, patch, current });
        return null;
      }
    },
    [view],
  );

  const attachFile = useCallback(
    async (col: string, file: { name: string; mime: string; data: string }): Promise<boolean> => {
      const lesson = lessonsRef.current.find((l) => colKey(l) === col);
      if (!lesson) return false;
      begin();
      try {
        const r = await invoke('journal.attachFile', { lesson: lessonSlot(view, lesson), ...file });
        setLessons((ls) =>
          ls.map((l) =>
            colKey(l) === col
              ? {
                  ...l,
                  lessonId: r.lessonId,
                  // The live echo of this attachment may have brought it already.
                  files: [...l.files.filter((f) => f.id !== r.id), { id: r.id, name: r.name, mime: r.mime, size: r.size }],
                  privacy: [...l.privacy.filter((f) => f.fileId !== r.id), ...r.privacy],
                }
              : l,
          ),
        );
        end(null);
        return true;
      } catch (e) {
        end(refused(e, [`${col}#lesson`]));
        return false;
      }
    },
    [view],
  );

  const removeFile = useCallback(async (col: string, fileId: number): Promise<boolean> => {
    begin();
    try {
      await invoke('journal.removeFile', { fileId });
      setLessons((ls) =>
        ls.map((l) =>
          colKey(l) === col
            ? { ...l, files: l.files.filter((f) => f.id !== fileId), privacy: l.privacy.filter((f) => f.fileId !== fileId) }
            : l,
        ),
      );
      end(null);
      return true;
    } catch (e) {
      end(refused(e, [`${col}#lesson`]));
      return false;
    }
  }, []);

  /** Another page's committed change (live stream or re-read): applied when it is news to this page. */
  const applyRemote = useCallback((c: RemoteChange): boolean => {
    const b = book.current!;
    switch (c.kind) {
      case 'lesson':
        // Files do not bump a lesson's version: an announced equal one may still bring them
        // (a re-read's equal one brings nothing new).
        if (!lessonsRef.current.some((l) => colKey(l) === c.col) || !(c.by ? b.accept(c.key, c.version) : b.newer(c.key, c.version)))
          return false;
        if (c.lesson.lessonId !== null) learnedCols.current.set(c.lesson.lessonId, c.col);
        setLessons((ls) => ls.map((l) => (colKey(l) === c.col ? { ...c.lesson, editable: l.editable } : l)));
        return true;
      case 'cell':
        if (!b.newer(c.key, c.version)) return false;
        setCells((m) => new Map(m).set(c.key, c.cell));
        return true;
      case 'term':
        if (!b.newer(c.key, c.version)) return false;
        b.setEditVersion(c.key, c.termMark?.version ?? 0);
        setTermMarks((m) => {
          const next = new Map(m);
          if (c.termMark) next.set(c.pupilId, c.termMark);
          else next.delete(c.pupilId);
          return next;
        });
        return true;
    }
  }, []);
  const colOfLesson = useCallback((lessonId: number): string | undefined => {
    const l = learnedCols.current.get(lessonId) ?? lessonsRef.current.find((x) => x.lessonId === lessonId);
    return typeof l === 'string' ? l : l && colKey(l);
  }, []);
  const shownTermMarks = useCallback(() => termMarksRef.current.keys(), []);
  const versionOf = useCallback((key: string) => book.current!.get(key), []);

  return useMemo(
    () => ({
      lessons,
      terms,
      cells,
      termMarks,
      pending,
      flash,
      status,
      writeCells,
      writeTermMark,
      undo,
      saveLesson,
      attachFile,
      removeFile,
      applyRemote,
      colOfLesson,
      shownTermMarks,
      versionOf,
    }),
    [
      lessons,
      terms,
      cells,
      termMarks,
      pending,
      flash,
      status,
      writeCells,
      writeTermMark,
      undo,
      saveLesson,
      attachFile,
      removeFile,
      applyRemote,
      colOfLesson,
      shownTermMarks,
      versionOf,
    ],
  );
}

export type JournalState = ReturnType<typeof useJournal>;
