// The lesson's topic and homework in the lesson panel: drafts that save on Enter or on leaving
// the field, Escape to revert, and under each field what in it looks personal (issue 9).
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { LessonView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { PlanOffer, type PlanOfferProps } from '../plan/PlanOffer';
import { NoHomeworkCheck } from '../remarks/NoHomeworkCheck';
import { PrivacyWarning } from './PrivacyWarning';
import type { JournalState } from './useJournal';

type Field = 'topic' | 'homework';

interface Props {
  id: string;
  col: string;
  lesson: LessonView;
  saveLesson: JournalState['saveLesson'];
  topicRef: RefObject<HTMLInputElement | null>;
  onBack(): void;
  /** Where to look up the lesson plan (КТП) topic offered while the topic is empty. */
  plan?: PlanOfferProps;
}

export function LessonTexts({ id, col, lesson, saveLesson, topicRef, onBack, plan }: Props) {
  const { t } = useI18n();
  const hwRef = useRef<HTMLTextAreaElement>(null);
  // Drafts live in refs as well as state: a blur right after Escape must see the reverted text.
  const [topic, setTopic] = useState(lesson.topic ?? '');
  const [homework, setHomework] = useState(lesson.homework ?? '');
  const drafts = useRef<Record<Field, string>>({ topic, homework });
  const put = (field: Field, value: string) => {
    drafts.current[field] = value;
    (field === 'topic' ? setTopic : setHomework)(value);
  };
  // Another person's change (live update, or the current value after a conflict) replaces a
  // field the teacher is not editing (its draft is still what was shown); an edit in progress stays.
  const shown = useRef<Record<Field, string>>({ topic, homework });
  useEffect(() => {
    for (const field of ['topic', 'homework'] as const) {
      const now = lesson[field] ?? '';
      if (now === shown.current[field]) continue;
      if (drafts.current[field] === shown.current[field]) put(field, now);
      shown.current[field] = now;
    }
  }, [lesson]);

  const saveText = async (field: Field) => {
    const saved = lesson[field] ?? '';
    if (drafts.current[field].trim() === saved.trim()) return;
    const r = await saveLesson(col, { [field]: drafts.current[field] });
    put(field, r ? (r[field] ?? '') : saved);
  };
  const revert = (field: Field) => put(field, lesson[field] ?? '');

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

  return (
    <>
      <div className="jp-field">
        <label htmlFor={`${id}-topic`}>{t('journal.panel.topic')}</label>
        <input
          id={`${id}-topic`}
          ref={topicRef}
          value={topic}
          maxLength={500}
          onChange={(e) => put('topic', e.target.value)}
          onKeyDown={onTopicKey}
          onBlur={() => void saveText('topic')}
          placeholder={t('journal.panel.topicPlaceholder')}
          data-testid="topic-input"
        />
        <PrivacyWarning findings={lesson.privacy} field="topic" />
        {plan && lesson.part === 0 && lesson.topic === null && topic.trim() === '' && <PlanOffer {...plan} col={col} lesson={lesson} />}
      </div>

      <div className="jp-field">
        <label htmlFor={`${id}-hw`}>{t('journal.panel.homework')}</label>
        <textarea
          id={`${id}-hw`}
          ref={hwRef}
          value={homework}
          rows={3}
          maxLength={4000}
          onChange={(e) => put('homework', e.target.value)}
          onKeyDown={onHomeworkKey}
          onBlur={() => void saveText('homework')}
          placeholder={t('journal.panel.homeworkPlaceholder')}
          data-testid="homework-input"
        />
        <div className="jp-hint">{t('journal.panel.homeworkHint')}</div>
        <PrivacyWarning findings={lesson.privacy} field="homework" />
      </div>
      <NoHomeworkCheck id={id} col={col} lesson={lesson} homeworkDraft={homework} saveLesson={saveLesson} />
    </>
  );
}

/** Topic and homework of a lesson the caller only reads: text, not disabled fields. */
export function ReadOnlyTexts({ lesson }: { lesson: LessonView }) {
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
          {lesson.homework ?? <span className="muted">{lesson.noHomework ? t('remarks.noHomework') : t('journal.panel.none')}</span>}
        </div>
      </div>
    </>
  );
}
