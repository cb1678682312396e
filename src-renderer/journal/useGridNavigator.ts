// Focus and editing state of the grid, held ABOVE the virtualizer (STYLE.md "Grids"): cells
// unmount as they scroll away, so nothing about the active cell may live inside one. The grid's
// scroll container keeps DOM focus (aria-activedescendant names the active cell); only the
// active cell renders an input, and only while editing. Moving scrolls the target into view
// first, so the cell exists before it becomes active.
import { useCallback, useMemo, useRef, useState } from 'react';

export interface Pos {
  row: number;
  col: number;
}

export interface Editing extends Pos {
  text: string;
  /** The text the edit started from: committing it unchanged sends nothing. */
  initial: string;
}

export interface GridNavigator {
  focused: Pos;
  editing: Editing | null;
  rows: number;
  cols: number;
  moveTo(pos: Pos): void;
  moveBy(dRow: number, dCol: number): void;
  startEdit(text: string, initial: string): void;
  setEditText(text: string): void;
  stopEdit(): void;
  /** Returns DOM focus to the grid (after editing, from the lesson panel or a dialog). */
  focusGrid(): void;
  /** The grid registers how to scroll a cell into view and how to take focus. */
  register(handlers: { scrollTo(pos: Pos): void; focus(): void }): void;
  editingRef: { readonly current: Editing | null };
}

export function useGridNavigator(rows: number, cols: number, initial: Pos): GridNavigator {
  const [focused, setFocused] = useState<Pos>(initial);
  const [editing, setEditing] = useState<Editing | null>(null);
  const focusedRef = useRef(focused);
  focusedRef.current = focused;
  const editingRef = useRef<Editing | null>(null);
  const handlers = useRef<{ scrollTo(pos: Pos): void; focus(): void } | null>(null);

  const clamp = useCallback(
    (p: Pos): Pos => ({ row: Math.max(0, Math.min(rows - 1, p.row)), col: Math.max(0, Math.min(cols - 1, p.col)) }),
    [rows, cols],
  );

  const moveTo = useCallback(
    (p: Pos) => {
      const target = clamp(p);
      // Scroll first: the target cell must be rendered before it is named active.
      handlers.current?.scrollTo(target);
      focusedRef.current = target;
      setFocused(target);
    },
    [clamp],
  );

  const moveBy = useCallback(
    (dRow: number, dCol: number) => moveTo({ row: focusedRef.current.row + dRow, col: focusedRef.current.col + dCol }),
    [moveTo],
  );

  const startEdit = useCallback((text: string, initialText: string) => {
    const e = { ...focusedRef.current, text, initial: initialText };
    editingRef.current = e;
    setEditing(e);
  }, []);

  const setEditText = useCallback((text: string) => {
    setEditing((e) => {
      const next = e ? { ...e, text } : e;
      editingRef.current = next;
      return next;
    });
  }, []);

  const focusGrid = useCallback(() => handlers.current?.focus(), []);

  const stopEdit = useCallback(() => {
    editingRef.current = null;
    setEditing(null);
    // The input is about to unmount: give focus back to the grid, or it falls to <body>.
    handlers.current?.focus();
  }, []);

  const register = useCallback((h: { scrollTo(pos: Pos): void; focus(): void }) => {
    handlers.current = h;
  }, []);

  return useMemo(
    () => ({ focused, editing, rows, cols, moveTo, moveBy, startEdit, setEditText, stopEdit, focusGrid, register, editingRef }),
    [focused, editing, rows, cols, moveTo, moveBy, startEdit, setEditText, stopEdit, focusGrid, register],
  );
}
