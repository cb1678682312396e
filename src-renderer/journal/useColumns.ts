// Adding, changing and removing a lesson's control-work columns, and the question a work-type
// change over entered marks asks («Применить тип к N оценкам?») before anything is applied.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { invoke, RpcError } from '../rpc/client';
import { retypeCount } from './columns';
import { colKey } from './model';
import { errorText, lessonSlot, type JournalState, type Notify } from './useJournal';

/** A work-type change waiting for the teacher's answer. */
export interface RetypeAsk {
  col: string;
  workTypeId: number | null;
  marks: number;
}

/** The host's count of marks a change concerns (its refusal names it), if that is the refusal. */
const askedCount = (e: unknown): number | null => {
  const c = e instanceof RpcError ? (e.current as { marksToRetype?: unknown } | undefined) : undefined;
  return typeof c?.marksToRetype === 'number' ? c.marksToRetype : null;
};

export function useColumns(view: JournalView, j: Pick<JournalState, 'lessons' | 'cells' | 'saveLesson' | 'applyColumn'>, notify: Notify) {
  const { t } = useI18n();
  const [ask, setAsk] = useState<RetypeAsk | null>(null);
  const state = useRef(j);
  state.current = j;
  const fail = useCallback((e: unknown) => notify('error', errorText(e, t('journal.lockedHint'))), [notify, t]);
  const typeName = (id: number | null) => view.workTypes.find((w) => w.id === id)?.name ?? '';

  const add = useCallback(
    async (lesson: LessonView, workTypeId: number) => {
      try {
        const col = await invoke('journal.addColumn', { lesson: lessonSlot(view, lesson), workTypeId });
        state.current.applyColumn({ kind: 'put', lesson: col });
        notify('info', t('columns.added', { name: typeName(workTypeId) }));
      } catch (e) {
        fail(e);
      }
    },
    [view, notify, t, fail],
  );

  const remove = useCallback(
    async (lesson: LessonView) => {
      try {
        await invoke('journal.removeColumn', { lesson: lessonSlot(view, lesson), version: lesson.version });
        state.current.applyColumn({ kind: 'drop', col: colKey(lesson) });
        notify('info', t('columns.removed'));
      } catch (e) {
        fail(e);
      }
    },
    [view, notify, t, fail],
  );

  /** A new type for a lesson or column: asks first when marks of its old type are entered. */
  const changeType = useCallback(
    async (lesson: LessonView, workTypeId: number | null): Promise<unknown> => {
      const { cells } = state.current;
      const n = retypeCount(cells, lesson, view.pupils, view.workTypes, workTypeId);
      const col = colKey(lesson);
      if (n > 0) return setAsk({ col, workTypeId, marks: n });
      if (!lesson.part) return state.current.saveLesson(col, { workTypeId });
      try {
        const saved = await invoke('journal.setColumn', { lesson: lessonSlot(view, lesson), workTypeId: workTypeId ?? undefined });
        state.current.applyColumn({ kind: 'put', lesson: saved });
        return saved;
      } catch (e) {
        const asked = askedCount(e);
        if (asked !== null) setAsk({ col, workTypeId, marks: asked });
        else fail(e);
        return null;
      }
    },
    [view, fail],
  );

  const confirm = useCallback(async () => {
    const a = ask;
    const lesson = a && state.current.lessons.find((l) => colKey(l) === a.col);
    if (!a || !lesson) return setAsk(null);
    try {
      const r = await invoke('journal.changeWorkType', {
        lesson: lessonSlot(view, lesson),
        workTypeId: a.workTypeId,
        applyToMarks: true,
        marks: a.marks,
      });
      state.current.applyColumn({ kind: 'put', lesson: r.lesson, cells: r.cells });
      setAsk(null);
      notify('info', t('columns.applied', { n: r.marks }));
    } catch (e) {
      // Someone entered or removed a mark meanwhile: ask again with the host's number.
      const asked = askedCount(e);
      if (asked !== null) setAsk({ ...a, marks: asked });
      fail(e);
    }
  }, [ask, view, notify, t, fail]);

  const cancel = useCallback(() => setAsk(null), []);
  // One object while nothing changed: the memoized lesson panel is not redrawn for nothing.
  return useMemo(() => ({ ask, add, remove, changeType, confirm, cancel }), [ask, add, remove, changeType, confirm, cancel]);
}

export type ColumnsState = ReturnType<typeof useColumns>;
