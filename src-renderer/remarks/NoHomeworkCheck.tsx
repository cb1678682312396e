// «Без домашнего задания» in the lesson panel: a lesson where no homework is set on purpose, so
// the monthly check's R2 does not count it. Only while the homework field is empty: the host
// refuses the flag next to homework text, and writing homework takes the flag off.
import { useState } from 'react';
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
  // Shown as clicked while the host saves it; a refusal (already reported) shows the stored value.
  const [saving, setSaving] = useState<boolean | null>(null);
  const checked = saving ?? lesson.noHomework;
  const blocked = !checked && (homeworkDraft.trim() !== '' || lesson.homework !== null);
  const toggle = async (next: boolean) => {
    setSaving(next);
    await saveLesson(col, { noHomework: next });
    setSaving(null);
  };
  return (
    <>
      <label className="jp-check" title={t('remarks.noHomeworkHint')}>
        <input
          id={`${id}-nohw`}
          type="checkbox"
          checked={checked}
          disabled={readOnly || blocked || saving !== null}
          aria-describedby={blocked ? `${id}-nohw-hint` : undefined}
          onChange={(e) => void toggle(e.target.checked)}
          data-testid="no-homework-checkbox"
        />
        {t('remarks.noHomework')}
      </label>
      {/* Only when it cannot be ticked: the panel is tall already; the label's hint explains the rest. */}
      {blocked && (
        <div className="jp-hint" id={`${id}-nohw-hint`}>
          {t('remarks.noHomeworkBlocked')}
        </div>
      )}
    </>
  );
}
