// Details of the focused lesson beside the grid: held flag, topic, homework text and files, the
// teacher who taught it (another one = a substitution) and the column's default work type.
// Text saves on Enter or on leaving the field; selects save as SettleSelect says.
import { memo, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { dayHeading } from '../format';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { downloadBase64, fileSize, mimeOf, readBase64 } from './files';
import { colKey, isSubstituted, lessonBlock } from './model';
import { SettleSelect } from './SettleSelect';
import type { JournalState, Notify } from './useJournal';

export interface LessonPanelHandle {
  focusTopic(): void;
}

interface Props {
  view: JournalView;
  terms: JournalView['terms'];
  lesson: LessonView;
  journal: Pick<JournalState, 'saveLesson' | 'attachFile' | 'removeFile'>;
  teachers: { id: number; name: string }[] | null;
  /** Who holds the load (journal.list): the timetabled teacher, for readers without the staff list. */
  holder: string | null;
  notify: Notify;
  onBack(): void;
  onLessonHistory(): void;
  onCellHistory(): void;
  ref?: Ref<LessonPanelHandle>;
}

/** Memoized: moving along a column keeps the same lesson, and the panel need not redraw. */
export const LessonPanel = memo(function LessonPanel({
  view,
  terms,
  lesson,
  journal,
  teachers,
  holder,
  notify,
  onBack,
  onLessonHistory,
  onCellHistory,
  ref,
}: Props) {
  const { t, locale } = useI18n();
  const id = useId();
  const col = colKey(lesson);
  const block = lessonBlock({ ...view, terms }, lesson);
  const ro = block !== null;
  const future = lesson.date > view.today;
  const topicRef = useRef<HTMLInputElement>(null);
  const hwRef = useRef<HTMLTextAreaElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
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

  // Drafts live in refs as well as state: a blur right after Escape must see the reverted text.
  const [topic, setTopic] = useState(lesson.topic ?? '');
  const [homework, setHomework] = useState(lesson.homework ?? '');
  const topicDraft = useRef(topic);
  const hwDraft = useRef(homework);
  const [busyFiles, setBusyFiles] = useState(false);

  const saveText = async (field: 'topic' | 'homework') => {
    const draft = (field === 'topic' ? topicDraft : hwDraft).current;
    const saved = lesson[field] ?? '';
    if (draft.trim() === saved.trim()) return;
    const r = await journal.saveLesson(col, { [field]: draft });
    const value = r ? (r[field] ?? '') : saved;
    (field === 'topic' ? topicDraft : hwDraft).current = value;
    (field === 'topic' ? setTopic : setHomework)(value);
  };
  const revert = (field: 'topic' | 'homework') => {
    const saved = lesson[field] ?? '';
    (field === 'topic' ? topicDraft : hwDraft).current = saved;
    (field === 'topic' ? setTopic : setHomework)(saved);
  };

  const onTopicKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const hw = hwRef.current;
      hw?.focus(); // the blur saves the topic
      hw?.setSelectionRange(hw.value.length, hw.value.length);
    } else if (e.key === 'Escape') revert('topic');
  };
  const onHomeworkKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void saveText('homework');
      onBack();
    } else if (e.key === 'Escape') revert('homework');
  };

  const onFiles = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusyFiles(true);
    try {
      for (const f of Array.from(files)) {
        if (f.size > view.maxFileBytes) {
          notify('error', t('journal.panel.fileTooBig', { name: f.name, mb: Math.round(view.maxFileBytes / 1024 / 1024) }));
          continue;
        }
        if (f.size === 0) {
          notify('error', t('journal.panel.fileEmpty', { name: f.name }));
          continue;
        }
        const data = await readBase64(f);
        await journal.attachFile(col, { name: f.name, mime: mimeOf(f), data });
      }
    } finally {
      setBusyFiles(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  const download = async (fileId: number) => {
    try {
      const f = await invoke('journal.getFile', { fileId });
      downloadBase64(f.name, f.mime, f.data);
    } catch (e) {
      notify('error', (e as Error).message);
    }
  };

  const teacherName = (tid: number | null) => teachers?.find((x) => x.id === tid)?.name ?? null;
  const sub = isSubstituted(lesson);
  const makeUpFree = view.workTypes.filter((w) => !w.isMakeUp);
  const schoolDefault = makeUpFree[0]?.name ?? '';

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
        <ReadOnlyFields lesson={lesson} />
      ) : (
        <>
          <div className="jp-field">
            <label htmlFor={`${id}-topic`}>{t('journal.panel.topic')}</label>
            <input
              id={`${id}-topic`}
              ref={topicRef}
              value={topic}
              maxLength={500}
              readOnly={ro}
              onChange={(e) => {
                topicDraft.current = e.target.value;
                setTopic(e.target.value);
              }}
              onKeyDown={onTopicKey}
              onBlur={() => void saveText('topic')}
              placeholder={ro ? '' : t('journal.panel.topicPlaceholder')}
              data-testid="topic-input"
            />
          </div>

          <div className="jp-field">
            <label htmlFor={`${id}-hw`}>{t('journal.panel.homework')}</label>
            <textarea
              id={`${id}-hw`}
              ref={hwRef}
              value={homework}
              rows={3}
              maxLength={4000}
              readOnly={ro}
              onChange={(e) => {
                hwDraft.current = e.target.value;
                setHomework(e.target.value);
              }}
              onKeyDown={onHomeworkKey}
              onBlur={() => void saveText('homework')}
              placeholder={ro ? '' : t('journal.panel.homeworkPlaceholder')}
              data-testid="homework-input"
            />
            <div className="jp-hint">{t('journal.panel.homeworkHint')}</div>
          </div>
        </>
      )}

      <div className="jp-field">
        <span className="jp-label" id={`${id}-files`}>
          {t('journal.panel.files')}
        </span>
        {lesson.files.length > 0 ? (
          <ul className="jp-files" aria-labelledby={`${id}-files`} data-testid="file-list">
            {lesson.files.map((f) => (
              <li key={f.id} data-testid="file-item">
                <button type="button" className="link" onClick={() => void download(f.id)} title={t('journal.panel.download')}>
                  {f.name}
                </button>
                <span className="muted"> {fileSize(f.size, locale)}</span>
                {!ro && (
                  <button
                    type="button"
                    className="jp-x"
                    aria-label={t('journal.panel.removeFile', { name: f.name })}
                    title={t('journal.panel.removeFile', { name: f.name })}
                    onClick={() => void journal.removeFile(col, f.id)}
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        ) : (
          <div className="muted jp-none">{t('journal.panel.noFiles')}</div>
        )}
        {!ro && (
          <>
            {/* The browser's own file button speaks the browser's language, not the school's. */}
            <input
              ref={fileRef}
              type="file"
              multiple
              className="visually-hidden"
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => void onFiles(e.target.files)}
              data-testid="file-input"
            />
            <button
              type="button"
              className="btn small"
              disabled={busyFiles}
              onClick={() => fileRef.current?.click()}
              data-testid="attach-button"
            >
              {busyFiles ? t('journal.panel.attaching') : t('journal.panel.attach')}
            </button>
            <div className="jp-hint">{t('journal.panel.fileLimits', { mb: Math.round(view.maxFileBytes / 1024 / 1024) })}</div>
          </>
        )}
      </div>

      <div className="jp-field">
        <label htmlFor={`${id}-teacher`}>{t('journal.panel.teacher')}</label>
        {teachers && !ro ? (
          <SettleSelect
            id={`${id}-teacher`}
            value={String(lesson.actualTeacherId ?? '')}
            options={teachers.map((x) => ({ value: String(x.id), label: x.name }))}
            onCommit={(v) => journal.saveLesson(col, { actualTeacherId: Number(v) })}
            testId="teacher-select"
          />
        ) : (
          <div id={`${id}-teacher`} className="jp-static" data-testid="teacher-static">
            {teacherName(lesson.actualTeacherId) ??
              (sub ? (lesson.actualTeacherName ?? t('journal.panel.anotherTeacher')) : (holder ?? t('journal.panel.byTimetable')))}
          </div>
        )}
        {sub && (
          <div className="jp-hint" data-testid="planned-teacher">
            {t('journal.panel.plannedTeacher', { name: teacherName(lesson.plannedTeacherId) ?? holder ?? '—' })}
          </div>
        )}
      </div>

      <div className="jp-field">
        <label htmlFor={`${id}-wt`}>{t('journal.panel.workType')}</label>
        {ro ? (
          <div id={`${id}-wt`} className="jp-static">
            {view.workTypes.find((w) => w.id === lesson.workTypeId)?.name ?? t('journal.panel.workTypeDefault', { name: schoolDefault })}
          </div>
        ) : (
          <SettleSelect
            id={`${id}-wt`}
            value={String(lesson.workTypeId ?? '')}
            disabled={ro}
            options={[
              { value: '', label: t('journal.panel.workTypeDefault', { name: schoolDefault }) },
              ...makeUpFree.map((w) => ({
                value: String(w.id),
                label: t('journal.panel.workTypeOption', { name: w.name, weight: w.weight }),
              })),
            ]}
            onCommit={(v) => journal.saveLesson(col, { workTypeId: v === '' ? null : Number(v) })}
            testId="worktype-select"
          />
        )}
      </div>

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

/** Topic and homework of a lesson the caller only reads: text, not disabled fields. */
function ReadOnlyFields({ lesson }: { lesson: LessonView }) {
  const { t } = useI18n();
  return (
    <>
      <div className="jp-field">
        <span className="jp-label">{t('journal.panel.topic')}</span>
        <div className="jp-static" data-testid="topic-text">
          {lesson.topic ?? <span className="muted">{t('journal.panel.none')}</span>}
        </div>
      </div>
      <div className="jp-field">
        <span className="jp-label">{t('journal.panel.homework')}</span>
        <div className="jp-static" data-testid="homework-text">
          {lesson.homework ?? <span className="muted">{t('journal.panel.none')}</span>}
        </div>
      </div>
    </>
  );
}
