// The grid's drawing parts: a pupil's row, its cells, the term-mark cell, the lesson headers
// and the one input of the active cell. All memoized: a focus move redraws two rows, an edit
// the cells whose props changed. Sizes are in gridLayout.ts; behaviour is in JournalGrid.tsx.
import { memo, type KeyboardEvent, type ReactNode } from 'react';
import { formatAverage } from '../../src-shared/journal/average';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { ROW_H } from './gridLayout';
import { cellKey, ddmm, EMPTY_CELL, isMemberOn, isSubstituted, type Cell, type PupilStats, type TermMark, type WorkType } from './model';

/** The average's colour: weak (below 2.5) red, strong (4.5 and up) green. */
function avgClass(avg: number | null): string {
  if (avg === null) return '';
  if (avg < 2.5) return 'low';
  if (avg >= 4.5) return 'high';
  return '';
}

export interface TypeSets {
  makeUp: ReadonlySet<number>;
  control: ReadonlySet<number>;
  typeById: ReadonlyMap<number, WorkType>;
}

interface GridRowProps {
  pupil: JournalView['pupils'][number];
  row: number;
  start: number;
  width: number;
  leftPad: number;
  rightPad: number;
  vCols: readonly { index: number }[];
  /** lessonCol: a control-work column's lesson, whose absence its cells show greyed. */
  columns: readonly { key: string; date: string; cls: string; lessonCol: string | null }[];
  termCol: number;
  cells: ReadonlyMap<string, Cell>;
  pending: ReadonlySet<string>;
  flash: ReadonlyMap<string, number>;
  /** Cells another person just changed: key → their name (live updates). */
  theirs: ReadonlyMap<string, string>;
  /** Keys whose edit waits in this PC's outbox: «не сохранено на сервере». */
  unsaved: ReadonlySet<string>;
  types: TypeSets;
  stats: PupilStats | undefined;
  termMark: TermMark | undefined;
  focusedCol: number;
  note: string | null;
  editor: ReactNode;
  suggestedTitle: string;
  noSuggestionTitle: string;
  /** The hint on a cell whose edit waits in the outbox. */
  unsavedTitle?: string;
  /** Open remarks on this pupil's cells (column key → text); one stable map per pupil, or none. */
  remarks?: ReadonlyMap<string, string> | undefined;
  /** An open remark on the pupil as a whole (marks too few, term mark…). */
  pupilRemark?: string | undefined;
}

/**
 * The journal's maps (cells, pending, flash) are new objects after every edit; a row is redrawn
 * only when an entry it shows changed, so typing a mark redraws one row, not the screen.
 */
function sameRow(a: GridRowProps, b: GridRowProps): boolean {
  for (const k of Object.keys(b) as (keyof GridRowProps)[])
    if (k !== 'cells' && k !== 'pending' && k !== 'flash' && k !== 'theirs' && k !== 'unsaved' && a[k] !== b[k]) return false;
  const termKey = `term#${b.pupil.id}`;
  if (a.pending.has(termKey) !== b.pending.has(termKey) || a.flash.get(termKey) !== b.flash.get(termKey)) return false;
  if (a.theirs.get(termKey) !== b.theirs.get(termKey)) return false;
  if (a.unsaved.has(termKey) !== b.unsaved.has(termKey)) return false;
  for (const vc of b.vCols) {
    const c = b.columns[vc.index]!;
    const key = cellKey(c.key, b.pupil.id);
    if (c.lessonCol !== null && a.cells.get(cellKey(c.lessonCol, b.pupil.id)) !== b.cells.get(cellKey(c.lessonCol, b.pupil.id)))
      return false;
    if (
      a.cells.get(key) !== b.cells.get(key) ||
      a.pending.has(key) !== b.pending.has(key) ||
      a.flash.get(key) !== b.flash.get(key) ||
      a.unsaved.has(key) !== b.unsaved.has(key)
    )
      return false;
    if (a.theirs.get(key) !== b.theirs.get(key)) return false;
  }
  return true;
}

/**
 * One pupil's row. Memoized: moving the focus re-renders the row it leaves and the row it
 * enters; the others keep their props (the column tint is an overlay, see the grid).
 */
function GridRowView({
  pupil: p,
  row,
  start,
  width,
  leftPad,
  rightPad,
  vCols,
  columns,
  termCol,
  cells,
  pending,
  flash,
  theirs,
  unsaved,
  types,
  stats: st,
  termMark: tm,
  focusedCol,
  note,
  editor,
  suggestedTitle,
  noSuggestionTitle,
  unsavedTitle = '',
  remarks,
  pupilRemark,
}: GridRowProps) {
  const termKey = `term#${p.id}`;
  return (
    <div
      className={focusedCol >= 0 ? 'jg-row fr' : 'jg-row'}
      role="row"
      aria-rowindex={row + 2}
      style={{ width, height: ROW_H, transform: `translateY(${start}px)` }}
      data-testid="journal-row"
      data-pupil={p.name}
    >
      <div className="jg-name" role="rowheader" aria-colindex={1} title={note ? `${p.name} (${note})` : p.name}>
        <span className="jg-num">{row + 1}</span>
        <span className="jg-pname">{p.name}</span>
        {note && <span className="jg-note">{note}</span>}
        {pupilRemark && <RemarkMarker text={pupilRemark} />}
      </div>
      <div className="jg-pad" style={{ width: leftPad }} />
      {vCols.map((vc) => {
        const c = columns[vc.index]!;
        const col = vc.index;
        const key = cellKey(c.key, p.id);
        const isFocus = focusedCol === col;
        let cls = isMemberOn(p, c.date) ? c.cls : 'jc off';
        if (isFocus) cls += ' focus';
        if (pending.has(key)) cls += ' saving';
        if (unsaved.has(key)) cls += ' unsaved';
        return (
          <GridCell
            key={key}
            id={`jc-${row}-${col}`}
            colIndex={col + 2}
            className={cls}
            cell={cells.get(key) ?? EMPTY_CELL}
            lessonAbsence={c.lessonCol === null ? null : (cells.get(cellKey(c.lessonCol, p.id))?.absence ?? null)}
            flashN={flash.get(key) ?? 0}
            by={theirs.get(key) ?? null}
            note={unsaved.has(key) ? unsavedTitle : ''}
            remark={remarks?.get(c.key) ?? null}
            types={types}
            editor={isFocus ? editor : null}
          />
        );
      })}
      <div className="jg-pad" style={{ width: rightPad }} />
      <div className={`jg-avg ${avgClass(st?.average ?? null)}`} role="gridcell" aria-colindex={termCol + 2} data-testid="avg">
        {formatAverage(st?.average ?? null)}
      </div>
      <TermCell
        id={`jt-${row}`}
        colIndex={termCol + 3}
        value={tm?.value ?? null}
        suggested={st?.suggested ?? null}
        focus={focusedCol === termCol}
        saving={pending.has(termKey)}
        unsaved={unsaved.has(termKey)}
        flashN={flash.get(termKey) ?? 0}
        by={theirs.get(termKey) ?? null}
        title={`${unsaved.has(termKey) ? `${unsavedTitle}\n` : ''}${st?.suggested ? suggestedTitle.replace('{mark}', st.suggested) : noSuggestionTitle}`}
        editor={focusedCol === termCol ? editor : null}
      />
    </div>
  );
}

export const GridRow = memo(GridRowView, sameRow);

export const HeaderCell = memo(function HeaderCell({
  lesson,
  index,
  today,
  focused,
  weekday,
  title,
  unsaved,
  label,
  remark,
}: {
  lesson: LessonView;
  index: number;
  today: string;
  focused: boolean;
  weekday: string;
  title: string;
  /** The outbox hint when an edit of this lesson waits for the school host. */
  unsaved?: string | undefined;
  /** A control-work column's work type, short («К/р»); null for the lesson itself. */
  label?: string | null;
  /** Open remarks of the monthly check on this lesson (their text). */
  remark?: string | undefined;
}) {
  let cls = label ? 'jg-h jh part' : 'jg-h jh';
  if (lesson.date === today) cls += ' today';
  else if (lesson.date > today) cls += ' fut';
  if (lesson.lessonId === null) cls += ' planned';
  if (!lesson.held) cls += ' nh';
  if (!lesson.editable) cls += ' ro';
  if (focused) cls += ' fc';
  const sub = isSubstituted(lesson);
  if (sub) cls += ' sub';
  if (unsaved) cls += ' unsaved';
  return (
    <div
      className={cls}
      role="columnheader"
      aria-colindex={index + 2}
      title={[unsaved, remark && `⚑ ${remark}`, title].filter(Boolean).join('\n')}
      data-testid="lesson-head"
      data-date={lesson.date}
      data-slot={lesson.slot}
      data-substituted={sub || undefined}
    >
      <span className="jh-date">{ddmm(lesson.date)}</span>
      {remark && <RemarkMarker text={remark} />}
      {label ? (
        <span className="jh-sub jh-kind" data-testid="column-kind">
          {label}
        </span>
      ) : (
        <span className="jh-sub">
          {weekday}
          <span className="jh-slot">{lesson.slot}</span>
          {sub ? (
            <span className="jh-badge" aria-hidden="true">
              з
            </span>
          ) : (
            lesson.topic && <span className="jh-dot" aria-hidden="true" />
          )}
        </span>
      )}
    </div>
  );
});

export function Editor({
  text,
  onText,
  onKey,
  onBlur,
  label,
}: {
  text: string;
  onText(text: string): void;
  onKey(e: KeyboardEvent<HTMLInputElement>): void;
  onBlur(): void;
  label: string;
}) {
  return (
    <input
      className="jc-input"
      value={text}
      autoFocus
      spellCheck={false}
      autoComplete="off"
      aria-label={label}
      onChange={(e) => onText(e.target.value)}
      onKeyDown={onKey}
      onBlur={onBlur}
      onFocus={(e) => {
        // Typing started the edit with one character: the caret goes after it, not before.
        const n = e.currentTarget.value.length;
        e.currentTarget.setSelectionRange(n, n);
      }}
      data-testid="cell-input"
    />
  );
}

const GridCell = memo(function GridCell({
  id,
  colIndex,
  className,
  cell,
  lessonAbsence,
  flashN,
  by,
  note,
  remark,
  types: { makeUp, control, typeById },
  editor,
}: {
  id: string;
  colIndex: number;
  className: string;
  cell: Cell;
  /** In a control-work column: the pupil's absence at the lesson, shown greyed. */
  lessonAbsence: string | null;
  flashN: number;
  by: string | null;
  /** Shown before the marks in the hint (the outbox's «не сохранено на сервере»). */
  note: string;
  /** An open remark of the monthly check on this cell: a corner mark and the text in the hint. */
  remark: string | null;
  types: TypeSets;
  editor: ReactNode;
}) {
  let cls = flashN ? `${className} refused r${flashN % 2}` : className;
  if (cell.marks.some((m) => makeUp.has(m.workTypeId))) cls += ' mk';
  let title = [note, remark && `⚑ ${remark}`, ...cell.marks.map((m) => `${m.value} — ${typeById.get(m.workTypeId)?.name ?? ''}`)]
    .filter(Boolean)
    .join('\n');
  if (remark) cls += ' rmk';
  if (by) {
    cls += ' theirs';
    title = title ? `${by}\n${title}` : by;
  }
  // Most cells hold one thing: it is styled on the cell itself and drawn as bare text, since
  // the first layout of a journal is paid per DOM node. Mixed cells ("б 4", "5/4") get spans.
  let content: ReactNode = editor;
  if (!content) {
    const single = cell.marks.length + (cell.absence ? 1 : 0) === 1;
    if (single && cell.absence) {
      cls += cell.absence === 'оп' ? ' ab late' : ' ab';
      content = cell.absence;
    } else if (single) {
      const m = cell.marks[0]!;
      cls += markClass(m.value, control.has(m.workTypeId));
      content = m.value;
    } else if (lessonAbsence && cell.marks.length === 0) {
      cls += ' ab lab';
      content = lessonAbsence;
    } else if (cell.marks.length || cell.absence)
      content = (
        <>
          {cell.absence && <span className={cell.absence === 'оп' ? 'ab late' : 'ab'}>{cell.absence}</span>}
          {cell.marks.map((m, i) => (
            <span key={i} className={`m${markClass(m.value, control.has(m.workTypeId))}`}>
              {i > 0 && <span className="sep">/</span>}
              {m.value}
            </span>
          ))}
        </>
      );
  }
  return (
    <div
      id={id}
      className={cls}
      role="gridcell"
      aria-colindex={colIndex}
      title={title || undefined}
      data-by={by ?? undefined}
      data-testid={remark ? 'remark-marker' : undefined}
    >
      {content}
    </div>
  );
});

/** " low" for 1, 2 and незачёт, " ctl" for control work: appended to a cell's or a span's class. */
function markClass(value: string, isControl: boolean): string {
  let c = '';
  if (value === '1' || value === '2' || value === 'незач') c += ' low';
  if (isControl) c += ' ctl';
  return c;
}

const TermCell = memo(function TermCell({
  id,
  colIndex,
  value,
  suggested,
  focus,
  saving,
  unsaved,
  flashN,
  by,
  title,
  editor,
}: {
  id: string;
  colIndex: number;
  value: string | null;
  suggested: string | null;
  focus: boolean;
  saving: boolean;
  unsaved: boolean;
  flashN: number;
  by: string | null;
  title: string;
  editor: ReactNode;
}) {
  let cls = 'jg-term jt';
  if (by) cls += ' theirs';
  if (focus) cls += ' focus';
  if (saving) cls += ' saving';
  if (unsaved) cls += ' unsaved';
  if (flashN) cls += ` refused r${flashN % 2}`;
  const differs = value !== null && suggested !== null && value !== suggested;
  return (
    <div
      id={id}
      className={cls}
      role="gridcell"
      aria-colindex={colIndex}
      title={by ? `${by}\n${title}` : title}
      data-testid="term-cell"
      data-by={by ?? undefined}
    >
      {editor ??
        (value !== null ? (
          <span className={value === '2' || value === '1' ? 'tv low' : 'tv'} data-confirmed="true">
            {value}
            {differs && (
              <span className="tdiff" aria-hidden="true">
                *
              </span>
            )}
          </span>
        ) : suggested !== null ? (
          <span className="ts" data-suggested="true">
            {suggested}
          </span>
        ) : null)}
    </div>
  );
});

/** The monthly check's marker: a small flag whose hint is the remark (the panel lists it too). */
function RemarkMarker({ text }: { text: string }) {
  return (
    <span className="remark-marker" title={text} data-testid="remark-marker">
      ⚑
    </span>
  );
}
