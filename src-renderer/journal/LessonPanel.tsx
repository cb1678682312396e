// Details of the focused lesson beside the grid: held flag, topic, homework text and files, the
// teacher who taught it (another one = a substitution) and the column's default work type.
// The parts live in LessonTexts, LessonFiles and LessonSettings; this file holds the frame,
// the keyboard (Escape / F6 back to the grid) and the focus the grid asks for.
import { memo, useId, useImperativeHandle, useRef, type Ref } from 'react';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { dayHeading } from '../format';
import { useI18n } from '../i18n';
import type { RemarkView } from '../../src-shared/rpc/check';
import { LessonRemarks } from '../remarks/JournalRemarks';
import { LessonFiles } from './LessonFiles';
import { LessonSettings } from './LessonSettings';
import { LessonTexts, ReadOnlyTexts } from './LessonTexts';
import { colKey, isSubstituted, lessonBlock } from './model';
import { ColumnTools } from './ColumnTools';
import type { ColumnsState } from './useColumns';
import type { JournalState, Notify } from './useJournal';

export interface LessonPanelHandle {
  focusTopic(): void;
}

interface Props {
  view: JournalView;
  terms: JournalView['terms'];
  lesson: LessonView;
  journal: Pick<JournalState, 'saveLesson' | 'attachFile' | 'removeFile' | 'applyRemote'>;
  columns: ColumnsState;
  teachers: { id: number; name: string }[] | null;
  /** Who holds the load (journal.list): the timetabled teacher, for readers without the staff list. */
  holder: string | null;
  notify: Notify;
  onBack(): void;
  onLessonHistory(): void;
  onCellHistory(): void;
  /** Open remarks of the monthly check on this lesson and its cells. */
  remarks?: readonly RemarkView[];
  ref?: Ref<LessonPanelHandle>;
}

/** Memoized: moving along a column keeps the same lesson, and the panel need not redraw. */
export const LessonPanel = memo(function LessonPanel(props: Props) {
  const { view, terms, lesson, journal, columns, teachers, holder, notify, onBack, onLessonHistory, onCellHistory, remarks, ref } = props;
  const { t, locale } = useI18n();
  const id = useId();
  const col = colKey(lesson);
  const block = lessonBlock({ ...view, terms }, lesson);
  const ro = block !== null;
  const future = lesson.date > view.today;
  const topicRef = useRef<HTMLInputElement>(null);
  const asideRef = useRef<HTMLElement>(null);

  // From the grid (F6) the topic comes selected: typing replaces it, arrows keep it. A lesson
  // the caller only reads has no fields: the panel itself takes focus (and Escape returns).
  useImperativeHandle(
    ref,
    () => ({
      focusTopic: () => {
        if (topicRef.current) {
          topicRef.current.focus();
          topicRef.current.select();
        } else asideRef.current?.focus();
      },
    }),
    [],
  );

  const sub = isSubstituted(lesson);

  return (
    <aside
      ref={asideRef}
      tabIndex={-1}
      className="jp"
      aria-labelledby={`${id}-h`}
      data-testid="lesson-panel"
      onKeyDown={(e) => {
        // Escape or F6 goes back to the grid (Escape in a text field has reverted it first).
        if (e.key === 'F6' || (e.key === 'Escape' && !e.defaultPrevented)) {
          e.preventDefault();
          onBack();
        }
      }}
    >
      <div className="jp-head">
        <h2 id={`${id}-h`}>{dayHeading(lesson.date, locale)}</h2>
        <div className="jp-sub">
          {t('journal.grid.slot', { n: lesson.slot })}
          {lesson.date === view.today && <span className="tag today">{t('journal.panel.today')}</span>}
          {lesson.lessonId === null && <span className="tag">{t('journal.panel.planned')}</span>}
          {!lesson.held && <span className="tag warn">{t('journal.grid.notHeld')}</span>}
          {sub && (
            <span className="tag sub" data-testid="substitution-tag">
              {lesson.actualTeacherName
                ? t('journal.grid.substitutedBy', { name: lesson.actualTeacherName })
                : t('journal.grid.substituted')}
            </span>
          )}
          {block === 'readOnly' && <span className="tag">{t('journal.panel.readOnly')}</span>}
          {block === 'closed' && <span className="tag warn">{t('journal.panel.closed')}</span>}
        </div>
      </div>

      <LessonRemarks remarks={remarks ?? []} />
      {lesson.part > 0 ? (
        <h3 className="jp-col" data-testid="column-heading">
          {t('columns.heading', { name: view.workTypes.find((w) => w.id === lesson.workTypeId)?.name ?? '' })}
        </h3>
      ) : (
        <>
          <label className="jp-check">
            <input
              type="checkbox"
              checked={lesson.held}
              disabled={ro || future}
              onChange={(e) => void journal.saveLesson(col, { held: e.target.checked })}
              data-testid="held-checkbox"
            />
            {t('journal.panel.held')}
          </label>
          {future && !ro && <p className="jp-hint">{t('journal.panel.futureHint')}</p>}

          {ro ? (
            <ReadOnlyTexts lesson={lesson} />
          ) : (
            <LessonTexts
              id={id}
              col={col}
              lesson={lesson}
              saveLesson={journal.saveLesson}
              topicRef={topicRef}
              onBack={onBack}
              plan={{ groupId: view.group.id, subjectId: view.subject.id, applyRemote: journal.applyRemote }}
            />
          )}
          <LessonFiles id={id} col={col} lesson={lesson} maxFileBytes={view.maxFileBytes} readOnly={ro} journal={journal} notify={notify} />
          <LessonSettings
            id={id}
            col={col}
            lesson={lesson}
            workTypes={view.workTypes}
            readOnly={ro}
            teachers={teachers}
            holder={holder}
            saveLesson={journal.saveLesson}
            changeType={columns.changeType}
          />
        </>
      )}
      <ColumnTools id={id} lesson={lesson} workTypes={view.workTypes} readOnly={ro} columns={columns} />

      <div className="jp-actions">
        <button type="button" className="btn small" onClick={onCellHistory} data-testid="cell-history-button">
          {t('journal.panel.cellHistory')}
        </button>
        <button type="button" className="btn small" onClick={onLessonHistory} disabled={lesson.lessonId === null}>
          {t('journal.panel.lessonHistory')}
        </button>
      </div>
    </aside>
  );
});
