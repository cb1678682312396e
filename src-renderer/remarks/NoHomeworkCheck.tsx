// «Без домашнего задания» in the lesson panel: a lesson where no homework is set on purpose, so
// the monthly check's R2 does not count it. Only while the homework field is empty: the host
// refuses the flag next to homework text, and writing homework takes the flag off.
import type { LessonView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import type { JournalState } from '../journal/useJournal';

interface Props {
  id: string;
  col: string;
  lesson: LessonView;
  /** The homework field's text as typed (not yet saved): a draft blocks the flag too. */
  homeworkDraft: string;
  readOnly?: boolean;
  saveLesson: JournalState['saveLesson'];
}

export function NoHomeworkCheck({ id, col, lesson, homeworkDraft, readOnly = false, saveLesson }: Props) {
  const { t } = useI18n();
  const blocked = !lesson.noHomework && (homeworkDraft.trim() !== '' || lesson.homework !== null);
  return (
    <div className="jp-field">
      <label className="jp-check" title={t('remarks.noHomeworkHint')}>
        <input
          id={`${id}-nohw`}
          type="checkbox"
          checked={lesson.noHomework}
          disabled={readOnly || blocked}
          aria-describedby={`${id}-nohw-hint`}
          onChange={(e) => void saveLesson(col, { noHomework: e.target.checked })}
          data-testid="no-homework-checkbox"
        />
        {t('remarks.noHomework')}
      </label>
      <div className="jp-hint" id={`${id}-nohw-hint`}>
        {blocked ? t('remarks.noHomeworkBlocked') : t('remarks.noHomeworkHint')}
      </div>
    </div>
  );
}
