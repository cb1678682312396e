// One opened journal: the toolbar (pickers, access, saving state), the grid, the lesson panel,
// messages and the history dialog. Here the grid's intents (commit, clear, paste, undo…) meet
// the journal rules (model.ts) and the writes (useJournal.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { absenceAllowsMarks, formatCell } from '../../src-shared/journal/cell';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { HistoryDialog, type HistoryTarget } from './HistoryDialog';
import { JournalGrid, type GridActions } from './JournalGrid';
import { JournalPickers, termShort, useJournalList } from './JournalPicker';
import { LessonPanel, type LessonPanelHandle } from './LessonPanel';
import {
  cellBlock,
  cellKey,
  colKey,
  ddmm,
  EMPTY_CELL,
  initialColumn,
  isEmpty,
  parseClipboard,
  parseTermText,
  parseTyped,
  pupilStats,
  resolveCell,
  type CellBlock,
  type PupilStats,
} from './model';
import { placeFromHash, pupilFromHash, rememberPlace, type JournalRoute } from './route';
import { Toasts, useToasts } from './Toasts';
import { useGridNavigator, type Pos } from './useGridNavigator';
import { useJournal, type CellEdit } from './useJournal';
import { useColumns } from './useColumns';
import { ConflictDialog } from './live/ConflictDialog';
import type { Conflict } from './live/conflicts';
import { useLive } from './live/useLive';
import { OutboxPanel } from './OutboxPanel';
import { useOutbox } from './useOutbox';
import { ClosedBanner } from './closing/ClosedBanner';
import { PeriodMarks } from './closing/PeriodMarks';
import { termMarkReopened } from './closing/reopen';
import { JournalRemarks } from '../remarks/JournalRemarks';
import { lessonRemarks } from '../remarks/remarks';
import { useJournalRemarks } from '../remarks/useJournalRemarks';
import { JournalPrintDialog } from '../print/JournalPrintDialog';

/** journal.setCells takes at most this many edits (src-shared/rpc/journal.ts). */
const MAX_PASTE = 200;

interface Props {
  view: JournalView;
  route: JournalRoute;
  onPainted(): void;
  /** The signed-in staff member: their own changes are not marked as someone else's. */
  me?: number | null;
}

function initialPos(view: JournalView): Pos {
  const place = placeFromHash();
  let col = initialColumn(view.lessons, view.today);
  if (place) {
    const exact = view.lessons.findIndex((l) => l.date === place.date && (place.slot === null || l.slot === place.slot));
    const after = view.lessons.findIndex((l) => l.date >= place.date);
    col = exact >= 0 ? exact : after >= 0 ? after : col;
  }
  // A link from a check's finding names the pupil; their row wins over a row number.
  const pupil = pupilFromHash();
  const pupilRow = pupil ? view.pupils.findIndex((p) => p.id === pupil) : -1;
  const row = pupilRow >= 0 ? pupilRow : place?.row ? Math.min(place.row - 1, Math.max(0, view.pupils.length - 1)) : 0;
  return { row, col };
}

export function JournalScreen({ view, route, onPainted, me = null }: Props) {
  const { t, lang } = useI18n();
  const { toasts, notify, dismiss } = useToasts();
  const outbox = useOutbox(view);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const j = useJournal(view, notify, t('journal.lockedHint'), setConflict, outbox.markQueued);
  const live = useLive(view, j, me);
  const columns = useColumns(view, j, notify);
  const list = useJournalList();
  const L = j.lessons.length;
  const nav = useGridNavigator(
    view.pupils.length,
    L + 1,
    useMemo(() => initialPos(view), [view]),
  );
  // A pupil whose average did not change keeps the same stats object: their row is not redrawn.
  const prevStats = useRef<Map<number, PupilStats>>(new Map());
  const stats = useMemo(() => {
    const next = pupilStats(view.pupils, j.lessons, j.cells, view.roundingThreshold);
    // The year, exam and final: main suggests by the school's rule, not from the lessons shown.
    for (const s of view.suggested ?? []) {
      const st = next.get(s.pupilId);
      if (st) st.suggested = s.value;
    }
    for (const [id, st] of next) {
      const old = prevStats.current.get(id);
      if (old && old.average === st.average && old.suggested === st.suggested) next.set(id, old);
    }
    return (prevStats.current = next);
  }, [view, j.lessons, j.cells]);
  const [teachers, setTeachers] = useState<{ id: number; name: string }[] | null>(null);
  const [history, setHistory] = useState<HistoryTarget | null>(null);
  const [printing, setPrinting] = useState(false);
  const panelRef = useRef<LessonPanelHandle>(null);
  const lastLessonCol = useRef(Math.min(nav.focused.col, Math.max(0, L - 1)));
  if (nav.focused.col < L) lastLessonCol.current = nav.focused.col;

  const liveView = useMemo(() => ({ ...view, terms: j.terms, lessons: j.lessons }), [view, j.terms, j.lessons]);
  const term = j.terms.find((x) => x.id === view.term.id) ?? view.term;
  // A closed term's marks stay writable where the deputy reopened the journal or the pupil's mark.
  const canWriteTermOf = (pupilId: number) => view.access === 'write' && (!term.closed || termMarkReopened(view.reopened, pupilId));

  useEffect(() => {
    if (view.access === 'read') return;
    invoke('journal.teachers', {}).then(
      (r) => setTeachers(r.teachers),
      () => setTeachers(null),
    );
  }, [view.access]);

  // Keep the place in the address (reload returns here), a moment after focus settles.
  const { row, col } = nav.focused;
  useEffect(() => {
    const l = j.lessons[col < L ? col : lastLessonCol.current];
    if (!l) return;
    // replaceState costs tens of milliseconds in Chromium: not on every arrow key.
    const timer = window.setTimeout(() => rememberPlace(route, { date: l.date, slot: l.slot, row: row + 1 }), 1000);
    return () => window.clearTimeout(timer);
  }, [row, col, L, j.lessons, route]);

  const blockText = (block: CellBlock): string => {
    switch (block) {
      case 'readOnly':
        return view.access === 'read' ? t('journal.block.readOnly') : t('journal.block.notYours');
      case 'closed':
        return t('journal.block.closed');
      case 'future':
        return t('journal.block.future');
      case 'notMember':
        return t('journal.block.notMember');
      case 'notHeld':
        return t('journal.block.notHeld');
    }
  };
  const termBlockText = () =>
    term.closed ? t('journal.block.closed') : view.access === 'read' ? t('journal.block.readOnly') : t('journal.block.termNotYours');
  const at = (p: Pos) => ({ pupil: view.pupils[p.row], lesson: p.col < L ? j.lessons[p.col] : undefined });
  const makeUpType = view.workTypes.find((w) => w.isMakeUp);

  /** The cell a typed text becomes, or the reason it cannot (already shown). */
  const buildEdit = (lesson: LessonView, pupilId: number, text: string): CellEdit | string => {
    const parsed = parseTyped(text);
    if (!parsed.ok) return parsed.error;
    const prev = j.cells.get(cellKey(colKey(lesson), pupilId)) ?? EMPTY_CELL;
    return { lesson, pupilId, next: resolveCell(parsed.marks, parsed.absence, prev, lesson, view.workTypes) };
  };

  const actions: GridActions = {
    allowEdit(p) {
      const { pupil, lesson } = at(p);
      if (!pupil) return false;
      if (!lesson) {
        const can = canWriteTermOf(pupil.id);
        if (!can) notify('error', termBlockText());
        return can;
      }
      const block = cellBlock(liveView, lesson, pupil);
      if (block) notify('error', blockText(block));
      return block === null;
    },
    textOf(p) {
      const { pupil, lesson } = at(p);
      if (!pupil) return '';
      if (!lesson) return j.termMarks.get(pupil.id)?.value ?? '';
      return formatCell(j.cells.get(cellKey(colKey(lesson), pupil.id)) ?? EMPTY_CELL);
    },
    commit(p, text) {
      const { pupil, lesson } = at(p);
      if (!pupil) return true;
      if (!lesson) {
        const r = parseTermText(text);
        if (!r.ok) {
          notify('error', t('journal.term.badValue'));
          return false;
        }
        void j.writeTermMark(pupil.id, r.value);
        return true;
      }
      const block = cellBlock(liveView, lesson, pupil);
      if (block) {
        notify('error', blockText(block));
        return true;
      }
      const edit = buildEdit(lesson, pupil.id, text);
      if (typeof edit === 'string') {
        notify('error', edit);
        return false;
      }
      if (edit.next.marks.length && !absenceAllowsMarks(edit.next.absence) && makeUpType)
        notify('info', t('journal.grid.makeUpNote', { type: makeUpType.name }));
      void j.writeCells([edit]);
      return true;
    },
    clear(p) {
      const { pupil, lesson } = at(p);
      if (!pupil) return;
      if (!lesson) {
        if (!j.termMarks.has(pupil.id)) return;
        if (!canWriteTermOf(pupil.id)) return notify('error', termBlockText());
        void j.writeTermMark(pupil.id, null);
        return;
      }
      const cell = j.cells.get(cellKey(colKey(lesson), pupil.id)) ?? EMPTY_CELL;
      if (isEmpty(cell)) return;
      const block = cellBlock(liveView, lesson, pupil);
      if (block) return notify('error', blockText(block));
      void j.writeCells([{ lesson, pupilId: pupil.id, next: EMPTY_CELL }]);
    },
    confirmTerm(p) {
      const { pupil } = at(p);
      if (!pupil || !canWriteTermOf(pupil.id) || j.termMarks.has(pupil.id)) return;
      const suggested = stats.get(pupil.id)?.suggested;
      if (suggested) void j.writeTermMark(pupil.id, suggested);
    },
    undo() {
      void j.undo().then((target) => {
        if (!target) return notify('info', t('journal.undo.empty'));
        const r = view.pupils.findIndex((x) => x.id === target.pupilId);
        const c = 'term' in target ? L : j.lessons.findIndex((l) => colKey(l) === target.col);
        if (r >= 0 && c >= 0) nav.moveTo({ row: r, col: c });
      });
    },
    history(p) {
      const { pupil, lesson } = at(p);
      if (!pupil) return;
      if (!lesson)
        return setHistory({
          termMark: { groupId: view.group.id, subjectId: view.subject.id, termId: term.id, pupilId: pupil.id },
          title: `${t('journal.grid.termEditLabel', { pupil: pupil.name })}, ${termShort(term, t, lang)}`,
        });
      if (lesson.lessonId === null) return notify('info', t('journal.history.none'));
      setHistory({ lessonId: lesson.lessonId, pupilId: pupil.id, title: `${pupil.name}, ${ddmm(lesson.date)}` });
    },
    panel() {
      panelRef.current?.focusTopic();
    },
    paste(p, text) {
      const rows = parseClipboard(text);
      if (!text.trim()) return notify('info', t('journal.paste.empty'));
      if (p.col >= L) return notify('error', t('journal.paste.termColumn'));
      const edits: CellEdit[] = [];
      let clipped = 0;
      for (const [dr, values] of rows.entries()) {
        for (const [dc, raw] of values.entries()) {
          const pupil = view.pupils[p.row + dr];
          const lesson = j.lessons[p.col + dc];
          const value = raw.trim();
          if (!pupil || !lesson) {
            if (value) clipped++;
            continue;
          }
          const block = cellBlock(liveView, lesson, pupil);
          if (block) {
            if (!value) continue; // an empty value over a closed cell asks for nothing
            return notify('error', t('journal.paste.row', { n: dr + 1, pupil: pupil.name, reason: blockText(block) }));
          }
          const edit = buildEdit(lesson, pupil.id, value);
          if (typeof edit === 'string') return notify('error', t('journal.paste.row', { n: dr + 1, pupil: pupil.name, reason: edit }));
          edits.push(edit);
        }
      }
      if (edits.length > MAX_PASTE) return notify('error', t('journal.paste.tooMany', { n: MAX_PASTE }));
      if (edits.length === 0) return notify('info', t('journal.paste.nothing'));
      void j.writeCells(edits).then((ok) => {
        if (ok)
          notify(
            'info',
            clipped ? t('journal.paste.doneClipped', { n: edits.length, clipped }) : t('journal.paste.done', { n: edits.length }),
          );
      });
    },
  };

  const panelLesson = j.lessons[lastLessonCol.current];
  const lessonOps = useMemo(
    () => ({ saveLesson: j.saveLesson, attachFile: j.attachFile, removeFile: j.removeFile, applyRemote: j.applyRemote }),
    [j.saveLesson, j.attachFile, j.removeFile, j.applyRemote],
  );
  // Stable callbacks keep the (memoized) panel still while the focus moves along a column.
  const actionsRef = useRef(actions);
  actionsRef.current = actions;
  const focusRef = useRef(nav.focused);
  focusRef.current = nav.focused;
  const openCellHistory = useCallback(() => {
    const f = focusRef.current;
    actionsRef.current.history({ row: f.row, col: f.col < L ? f.col : lastLessonCol.current });
  }, [L]);
  const openLessonHistory = useCallback(() => {
    if (panelLesson?.lessonId != null)
      setHistory({
        lessonId: panelLesson.lessonId,
        title: `${ddmm(panelLesson.date)}, ${t('journal.grid.slot', { n: panelLesson.slot })}`,
      });
  }, [panelLesson, t]);
  const remarks = useJournalRemarks(view.group.id, view.subject.id, j.lessons);
  const panelRemarks = useMemo(() => lessonRemarks(remarks, panelLesson?.lessonId ?? null), [remarks, panelLesson?.lessonId]);
  const holder = list?.find((x) => x.groupId === view.group.id && x.subjectId === view.subject.id)?.teacherName;
  const s = j.status;
  const statusText =
    s.inflight > 0 ? t('journal.status.saving') : s.lastError ? t('journal.status.failed') : s.savedAt ? t('journal.status.saved') : '';

  return (
    <div className="jscreen" data-testid="journal-screen" data-access={view.access} data-live={live.connected ? 'open' : 'down'}>
      <div className="jbar">
        <a className="jback" href="#/journal" title={t('journal.backHome')}>
          ←
        </a>
        <h1 className="jtitle" data-testid="journal-title">
          {view.group.name} · {view.subject.name}
        </h1>
        {holder && <span className="muted jholder">{holder}</span>}
        <JournalPickers list={list} groupId={view.group.id} subjectId={view.subject.id} term={term} terms={j.terms} />
        {view.access !== 'write' && (
          <span className={`tag ${view.access}`} data-testid="access-tag">
            {view.access === 'read' ? t('journal.readOnlyTag') : t('journal.substituteTag')}
          </span>
        )}
        {term.closed && (
          <span className="tag warn" data-testid="closed-tag">
            {t('journal.term.closedTag')}
          </span>
        )}
        <span className={`jstatus${s.lastError && !s.inflight ? ' failed' : ''}`} role="status" data-testid="save-status">
          {statusText}
        </span>
        <button type="button" className="btn small" onClick={() => setPrinting(true)} data-testid="jprint-open">
          {t('jprint.button')}
        </button>
      </div>
      <ClosedBanner view={view} term={term} pupil={view.pupils[row]} lesson={col < L ? j.lessons[col] : undefined} />
      <JournalRemarks remarks={remarks.waiting} />
      {view.pupils.length === 0 ? (
        <p className="muted">{t('journal.noPupils')}</p>
      ) : (
        <div className="jbody">
          <div className="jmain">
            <JournalGrid
              view={view}
              lessons={j.lessons}
              terms={j.terms}
              cells={j.cells}
              termMarks={j.termMarks}
              stats={stats}
              pending={j.pending}
              flash={j.flash}
              theirs={live.theirs}
              unsaved={outbox.unsaved}
              nav={nav}
              actions={actions}
              termLabel={termShort(term, t, lang)}
              onPainted={onPainted}
              remarks={remarks}
            />
            <p className="jkeys" data-testid="key-help">
              {view.access === 'read' ? t('journal.keys.read') : t('journal.keys.write')}
            </p>
            <p className="jlegend">{t('journal.keys.legend')}</p>
            <PeriodMarks view={view} />
          </div>
          {panelLesson && (
            <LessonPanel
              key={colKey(panelLesson)}
              ref={panelRef}
              view={view}
              terms={j.terms}
              lesson={panelLesson}
              journal={lessonOps}
              columns={columns}
              teachers={teachers}
              holder={holder ?? null}
              notify={notify}
              onBack={nav.focusGrid}
              onCellHistory={openCellHistory}
              onLessonHistory={openLessonHistory}
              remarks={panelRemarks}
            />
          )}
        </div>
      )}
      <OutboxPanel outbox={outbox} />
      <Toasts toasts={toasts} onDismiss={dismiss} />
      {conflict && (
        <ConflictDialog
          key={conflict.message + conflict.kind}
          conflict={conflict}
          view={view}
          teachers={teachers}
          onKeepMine={() => {
            setConflict(null);
            // Sent again on the version the conflict brought: now current.
            if (conflict.kind === 'cells') void j.writeCells(conflict.edits);
            else if (conflict.kind === 'term') void j.writeTermMark(conflict.pupilId, conflict.mine);
            else void j.saveLesson(conflict.col, conflict.patch);
            nav.focusGrid();
          }}
          onTakeCurrent={() => {
            setConflict(null);
            nav.focusGrid();
          }}
        />
      )}
      {printing && (
        <JournalPrintDialog
          groupId={view.group.id}
          subjectId={view.subject.id}
          term={term}
          termLabel={termShort(term, t, lang)}
          onClose={() => {
            setPrinting(false);
            nav.focusGrid();
          }}
        />
      )}
      {history && (
        <HistoryDialog
          target={history}
          view={view}
          teachers={teachers}
          onClose={() => {
            setHistory(null);
            nav.focusGrid();
          }}
        />
      )}
    </div>
  );
}
