// The journal grid: pupils down, lessons across, then the average and the term mark. Rows and
// lesson columns are virtualized (@tanstack/react-virtual); the header row sticks to the top,
// the pupil column to the left, average and term mark to the right. Focus and editing live in
// the navigator above (useGridNavigator); this file draws and turns keys into intents.
import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { NO_MARKS, type RemarkMarks } from '../remarks/remarks';
import { COL_W, HEAD_H, NAME_W, RIGHT_W, ROW_H } from './gridLayout';
import { columnLabel, lessonColOf } from './columns';
import { Editor, GridRow, HeaderCell } from './GridRow';
import { colKey, columnBlock, ddmm, isSubstituted, weekdayShort, type Cell, type CellBlock, type PupilStats, type TermMark } from './model';
import type { GridNavigator, Pos } from './useGridNavigator';

export interface GridActions {
  /** Commit typed text into a cell; false keeps the editor open (the text was not understood). */
  commit(pos: Pos, text: string): boolean;
  clear(pos: Pos): void;
  undo(): void;
  history(pos: Pos): void;
  panel(): void;
  paste(pos: Pos, text: string): void;
  /** Enter on the term-mark cell: confirm the suggestion. */
  confirmTerm(pos: Pos): void;
  /** May this cell be edited? When not, the grid has already been told why (a toast). */
  allowEdit(pos: Pos): boolean;
  /** The text an edit of this cell starts from (F2, double click). */
  textOf(pos: Pos): string;
}

interface Props {
  view: JournalView;
  lessons: LessonView[];
  terms: JournalView['terms'];
  cells: ReadonlyMap<string, Cell>;
  termMarks: ReadonlyMap<number, TermMark>;
  stats: ReadonlyMap<number, PupilStats>;
  pending: ReadonlySet<string>;
  flash: ReadonlyMap<string, number>;
  /** Cells another person just changed: key → their name. */
  theirs: ReadonlyMap<string, string>;
  /** Edits waiting in this PC's outbox for the school host (useOutbox). */
  unsaved?: ReadonlySet<string>;
  nav: GridNavigator;
  actions: GridActions;
  termLabel: string;
  /** Called once, after the first frame with rows on screen has been painted. */
  onPainted?(): void;
  /** Open remarks of the monthly check: markers on lesson headers, cells and pupils. */
  remarks?: RemarkMarks;
}

const NONE: ReadonlySet<string> = new Set();

const BLOCK_CLASS: Record<CellBlock, string> = {
  notMember: 'off',
  readOnly: 'ro',
  closed: 'ro',
  future: 'fut',
  notHeld: 'nh',
};

export function JournalGrid({
  view,
  lessons,
  terms,
  cells,
  termMarks,
  stats,
  pending,
  flash,
  theirs,
  unsaved = NONE,
  nav,
  actions,
  termLabel,
  onPainted,
  remarks = NO_MARKS,
}: Props) {
  const { t, lang } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const pupils = view.pupils;
  const L = lessons.length;
  const termCol = L;
  const totalW = NAME_W + L * COL_W + RIGHT_W;
  const viewForBlocks = terms === view.terms ? view : { ...view, terms };

  // Opening in two steps before the first paint, so the costly first layout of the cells
  // happens once: (1) the empty canvas is laid out (cheap), measured and scrolled to the
  // opening place; (2) the cells are rendered for exactly that place. This effect is declared
  // before the virtualizers so it runs before theirs: they start from the offsets written here.
  const start = useRef(nav.focused);
  const opening = useRef<{ left: number; top: number } | null>(null);
  const [opened, setOpened] = useState(false);
  // The first frame renders only the cells in view; the overscan (cells just outside it, for
  // smooth scrolling) joins once that frame is painted. Measured: the first render's median
  // went from ~90–108 ms to ~71 ms on a 35 × 60 journal (npm run bench -- --only grid).
  const [warm, setWarm] = useState(false);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const left = openingLeft(start.current.col, L, el.clientWidth);
    const top = openingTop(start.current.row, el.clientHeight);
    el.scrollLeft = left;
    el.scrollTop = top;
    opening.current = { left, top };
    el.focus({ preventScroll: true });
    setOpened(true);
    // Once per opened journal: the page remounts the grid for another journal or term.
  }, [L]);

  const rowV = useVirtualizer({
    count: pupils.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    paddingStart: HEAD_H,
    scrollPaddingStart: HEAD_H,
    overscan: warm ? 3 : 0,
    initialOffset: () => opening.current?.top ?? 0,
  });
  const colV = useVirtualizer({
    horizontal: true,
    count: L,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => COL_W,
    paddingStart: NAME_W,
    paddingEnd: RIGHT_W,
    scrollPaddingStart: NAME_W,
    scrollPaddingEnd: RIGHT_W,
    overscan: warm ? 2 : 0,
    initialOffset: () => opening.current?.left ?? 0,
  });

  useLayoutEffect(() => {
    nav.register({
      scrollTo: (p) => {
        rowV.scrollToIndex(p.row);
        if (p.col < L) colV.scrollToIndex(p.col);
      },
      focus: () => scrollRef.current?.focus({ preventScroll: true }),
    });
  });

  const painted = useRef(false);
  useEffect(() => {
    if (!opened || painted.current) return;
    painted.current = true;
    // requestAnimationFrame runs before the frame is painted; the task after it runs after.
    requestAnimationFrame(() =>
      setTimeout(() => {
        onPainted?.();
        setWarm(true);
      }, 0),
    );
  }, [opened, onPainted]);

  const { focused, editing } = nav;
  const types = view.workTypes;
  const typeSets = useMemo(
    () => ({
      makeUp: new Set(types.filter((w) => w.isMakeUp).map((w) => w.id)),
      control: new Set(types.filter((w) => w.isControl).map((w) => w.id)),
      typeById: new Map(types.map((w) => [w.id, w])),
    }),
    [types],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || nav.editingRef.current) return;
    const pos = focused;
    const ctrl = e.ctrlKey || e.metaKey;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEAD_H) / ROW_H) - 1);
    let handled = true;
    switch (e.key) {
      case 'ArrowUp':
        nav.moveBy(-1, 0);
        break;
      case 'ArrowDown':
        nav.moveBy(1, 0);
        break;
      case 'ArrowLeft':
        nav.moveBy(0, -1);
        break;
      case 'ArrowRight':
        nav.moveBy(0, 1);
        break;
      case 'Tab':
        nav.moveBy(0, e.shiftKey ? -1 : 1);
        break;
      case 'Enter':
        if (pos.col === termCol && !e.shiftKey) actions.confirmTerm(pos);
        nav.moveBy(e.shiftKey ? -1 : 1, 0);
        break;
      case 'Home':
        nav.moveTo(ctrl ? { row: 0, col: pos.col } : { row: pos.row, col: 0 });
        break;
      case 'End':
        nav.moveTo(ctrl ? { row: pupils.length - 1, col: pos.col } : { row: pos.row, col: Math.max(0, L - 1) });
        break;
      case 'PageDown':
        nav.moveBy(page, 0);
        break;
      case 'PageUp':
        nav.moveBy(-page, 0);
        break;
      case 'F2':
        tryEdit(pos, actions.textOf(pos));
        break;
      case 'Delete':
      case 'Backspace':
        actions.clear(pos);
        break;
      case 'F6':
        actions.panel();
        break;
      case ' ':
        // Not the page scroll a focused container would do: the grid moves by cells only.
        break;
      default:
        if (ctrl && !e.altKey && e.code === 'KeyZ' && !e.shiftKey) actions.undo();
        else if (e.altKey && !ctrl && e.code === 'KeyH') actions.history(pos);
        else if (e.key.length === 1 && !ctrl && !e.altKey && e.key !== ' ') tryEdit(pos, e.key, actions.textOf(pos));
        else handled = false;
    }
    if (handled) e.preventDefault();
  };

  /** Starts an edit with `text`, unless the cell takes none (the page says why). */
  function tryEdit(pos: Pos, text: string, initial = text) {
    if (actions.allowEdit(pos)) nav.startEdit(text, initial);
  }

  /**
   * Mouse: one handler for the whole grid. A cell's place comes from the ARIA indices it carries
   * anyway (row 1 is the header; columns: 1 pupil, lessons, average, term mark), not from extra
   * attributes on every cell. The pupil's name picks the row; the header row (-1) the column.
   */
  const posOf = (e: MouseEvent): Pos | null => {
    const t = e.target as HTMLElement;
    const rowEl = t.closest<HTMLElement>('[aria-rowindex]');
    const cellEl = t.closest<HTMLElement>('[aria-colindex]');
    if (!rowEl || !cellEl) return null;
    const row = Number(rowEl.getAttribute('aria-rowindex')) - 2;
    const c = Number(cellEl.getAttribute('aria-colindex'));
    if (c === 1) return row < 0 ? null : { row, col: focused.col };
    if (c === L + 2) return null; // the average: nothing to edit
    return { row, col: c === L + 3 ? termCol : c - 2 };
  };
  const onMouseDown = (e: MouseEvent) => {
    const pos = posOf(e);
    if (!pos || (e.target as HTMLElement).tagName === 'INPUT') return;
    if (pos.row < 0) {
      // A header: keep the row, pick the column; the grid keeps focus.
      e.preventDefault();
      scrollRef.current?.focus({ preventScroll: true });
      nav.moveTo({ row: focused.row, col: pos.col });
    } else nav.moveTo(pos);
  };
  const onDoubleClick = (e: MouseEvent) => {
    const pos = posOf(e);
    if (pos && pos.row >= 0 && !nav.editingRef.current) tryEdit(pos, actions.textOf(pos));
  };

  const onPaste = (e: ClipboardEvent<HTMLDivElement>) => {
    // Chromium aims a paste at the node holding the selection, which may be a mark's <span>
    // inside a cell rather than the focused grid: anything in the grid but the editor counts.
    if (nav.editingRef.current || (e.target as HTMLElement).closest('input')) return;
    e.preventDefault();
    actions.paste(focused, e.clipboardData.getData('text/plain'));
  };

  // Per column once, not per cell: the key prefix, what blocks the whole column, its classes.
  const columns = useMemo(
    () =>
      lessons.map((l) => {
        const block = columnBlock(viewForBlocks, l);
        return {
          key: colKey(l),
          date: l.date,
          cls: `jc${block ? ` ${BLOCK_CLASS[block]}` : ''}${l.date === view.today ? ' today' : ''}${l.part ? ' part' : ''}`,
          lessonCol: lessonColOf(l),
        };
      }),
    // viewForBlocks is made of these three: terms change when a term is found closed.
    [lessons, terms, view],
  );
  // Not before the opening place is known: the first read fixes the virtualizers' offsets.
  const vRows = opened ? rowV.getVirtualItems() : [];
  const vCols = opened ? colV.getVirtualItems() : [];
  const leftPad = (vCols[0]?.start ?? NAME_W) - NAME_W;
  const rightPad = NAME_W + L * COL_W - (vCols[vCols.length - 1]?.end ?? NAME_W);
  const activeId = focused.col === termCol ? `jt-${focused.row}` : `jc-${focused.row}-${focused.col}`;
  const editor = (row: number, col: number, label: string): ReactNode =>
    editing && editing.row === row && editing.col === col ? (
      <Editor text={editing.text} onText={nav.setEditText} onKey={onEditKey} onBlur={onEditBlur} label={label} />
    ) : null;

  return (
    <div
      ref={scrollRef}
      className="jg"
      role="grid"
      tabIndex={0}
      aria-label={t('journal.grid.label', { journal: `${view.group.name} · ${view.subject.name}` })}
      aria-rowcount={pupils.length + 1}
      aria-colcount={L + 3}
      aria-activedescendant={activeId}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
      onMouseDown={onMouseDown}
      onDoubleClick={onDoubleClick}
      data-testid="journal-grid"
    >
      <div className="jg-canvas" style={{ width: totalW, height: HEAD_H + pupils.length * ROW_H }}>
        {opened && (
          <>
            <div className="jg-head" role="row" aria-rowindex={1} style={{ width: totalW, height: HEAD_H }}>
              <div className="jg-corner" role="columnheader" aria-colindex={1}>
                <span className="jg-num">№</span>
                {t('journal.grid.pupil')}
              </div>
              <div className="jg-pad" style={{ width: leftPad }} />
              {vCols.map((vc) => {
                const l = lessons[vc.index]!;
                return (
                  <HeaderCell
                    key={colKey(l)}
                    lesson={l}
                    index={vc.index}
                    today={view.today}
                    focused={focused.col === vc.index}
                    weekday={weekdayShort(l.date, lang)}
                    title={headerTitle(l)}
                    label={columnLabel(l, types)}
                    unsaved={unsaved.has(`${colKey(l)}#lesson`) ? t('journal.outbox.unsaved') : undefined}
                    remark={remarks.byCol.get(colKey(l))}
                  />
                );
              })}
              <div className="jg-pad" style={{ width: rightPad }} />
              <div className="jg-avg jg-h" role="columnheader" aria-colindex={L + 2} title={t('journal.grid.averageTitle')}>
                {t('journal.grid.average')}
              </div>
              <div
                className={`jg-term jg-h${focused.col === termCol ? ' fc' : ''}`}
                role="columnheader"
                aria-colindex={L + 3}
                title={t('journal.grid.termTitle')}
              >
                {termLabel}
              </div>
            </div>
            {focused.col < L && (
              // The focused column's tint is one overlay, not a class on every cell of the column:
              // a step left or right then re-renders two rows, not all of them.
              <div className="jg-colmark" style={{ left: NAME_W + focused.col * COL_W, height: HEAD_H + pupils.length * ROW_H }} />
            )}
            {vRows.map((vr) => {
              const p = pupils[vr.index]!;
              const row = vr.index;
              const isFocusRow = focused.row === row;
              const fc = isFocusRow ? focused.col : -1;
              return (
                <GridRow
                  key={p.id}
                  pupil={p}
                  row={row}
                  start={vr.start}
                  width={totalW}
                  leftPad={leftPad}
                  rightPad={rightPad}
                  vCols={vCols}
                  columns={columns}
                  termCol={termCol}
                  cells={cells}
                  pending={pending}
                  flash={flash}
                  theirs={theirs}
                  unsaved={unsaved}
                  unsavedTitle={t('journal.outbox.unsaved')}
                  types={typeSets}
                  stats={stats.get(p.id)}
                  termMark={termMarks.get(p.id)}
                  focusedCol={fc}
                  note={membershipNote(p)}
                  remarks={remarks.byRow.get(p.id)}
                  pupilRemark={remarks.byPupil.get(p.id)}
                  editor={
                    isFocusRow && editing && editing.row === row
                      ? editor(
                          row,
                          editing.col,
                          editing.col === termCol
                            ? t('journal.grid.termEditLabel', { pupil: p.name })
                            : t('journal.grid.editLabel', { pupil: p.name, date: ddmm(lessons[editing.col]!.date) }),
                        )
                      : null
                  }
                  suggestedTitle={t('journal.grid.suggested', { mark: '{mark}' })}
                  noSuggestionTitle={t('journal.grid.noSuggestion')}
                />
              );
            })}
          </>
        )}
      </div>
    </div>
  );

  function onEditKey(e: KeyboardEvent<HTMLInputElement>) {
    e.stopPropagation();
    const ed = nav.editingRef.current;
    if (!ed) return;
    const move = (dr: number, dc: number) => {
      if (!actions.commit({ row: ed.row, col: ed.col }, e.currentTarget.value)) return;
      nav.stopEdit();
      nav.moveBy(dr, dc);
    };
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        move(e.shiftKey ? -1 : 1, 0);
        break;
      case 'Tab':
        e.preventDefault();
        move(0, e.shiftKey ? -1 : 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(-1, 0);
        break;
      case 'ArrowDown':
        e.preventDefault();
        move(1, 0);
        break;
      case 'Escape':
        e.preventDefault();
        nav.stopEdit();
        break;
    }
  }

  /** Leaving the editor (a click elsewhere) commits like Enter, but stays. */
  function onEditBlur() {
    const ed = nav.editingRef.current;
    if (!ed) return;
    if (ed.text !== ed.initial) actions.commit({ row: ed.row, col: ed.col }, ed.text);
    nav.stopEdit();
  }

  function headerTitle(l: LessonView): string {
    const parts = [`${weekdayShort(l.date, lang)} ${ddmm(l.date)}, ${t('journal.grid.slot', { n: l.slot })}`];
    if (l.part) parts.push(t('columns.headTitle', { name: types.find((w) => w.id === l.workTypeId)?.name ?? '' }));
    if (l.topic) parts.push(l.topic);
    if (l.date > view.today) parts.push(t('journal.grid.futureNote'));
    else if (l.lessonId === null) parts.push(t('journal.grid.unfilled'));
    if (!l.held) parts.push(t('journal.grid.notHeld'));
    if (isSubstituted(l))
      parts.push(l.actualTeacherName ? t('journal.grid.substitutedBy', { name: l.actualTeacherName }) : t('journal.grid.substituted'));
    if (!l.editable && view.access !== 'read') parts.push(t('journal.grid.notYours'));
    return parts.join(' · ');
  }

  /** "с 10.11", "до 15.11", or for a pupil who came back "до 10.11, с 20.11": one part per stay. */
  function membershipNote(p: JournalView['pupils'][number]): string | null {
    const parts = p.periods.map((m) => {
      const from = m.from > view.term.startsOn ? t('journal.grid.since', { date: ddmm(m.from) }) : null;
      const to = m.to !== null && m.to < view.term.endsOn ? t('journal.grid.until', { date: ddmm(m.to) }) : null;
      return [from, to].filter(Boolean).join(' ');
    });
    return parts.filter(Boolean).join(', ') || null;
  }
}

/** scrollLeft that centres lesson column `col` between the sticky name and total columns. */
function openingLeft(col: number, count: number, width: number): number {
  if (col >= count) return Math.max(0, NAME_W + count * COL_W + RIGHT_W - width);
  const lessonsArea = width - NAME_W - RIGHT_W;
  // Whole columns: no sliver of a column peeking out from under the pupils' names.
  return Math.max(0, Math.round((col * COL_W + COL_W / 2 - lessonsArea / 2) / COL_W) * COL_W);
}

/** scrollTop that shows row `row`: none while it is on the first screen, else it is centred. */
function openingTop(row: number, height: number): number {
  const rowsArea = height - HEAD_H;
  if ((row + 1) * ROW_H <= rowsArea) return 0;
  return Math.max(0, Math.round((row + 1) * ROW_H - rowsArea / 2));
}
