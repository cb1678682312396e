// Who taught the lesson (another teacher = a substitution) and the column's default work type,
// in the lesson panel. Selects save as SettleSelect says.
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { isSubstituted } from './model';
import { SettleSelect } from './SettleSelect';
import type { JournalState } from './useJournal';

interface Props {
  id: string;
  col: string;
  lesson: LessonView;
  workTypes: JournalView['workTypes'];
  readOnly: boolean;
  teachers: { id: number; name: string }[] | null;
  /** Who holds the load (journal.list): the timetabled teacher, for readers without the staff list. */
  holder: string | null;
  saveLesson: JournalState['saveLesson'];
  /** A new work type goes through the columns' question when marks of the old one are entered. */
  changeType(lesson: LessonView, workTypeId: number | null): Promise<unknown>;
}

export function LessonSettings({ id, col, lesson, workTypes, readOnly: ro, teachers, holder, saveLesson, changeType }: Props) {
  const { t } = useI18n();
  const teacherName = (tid: number | null) => teachers?.find((x) => x.id === tid)?.name ?? null;
  const sub = isSubstituted(lesson);
  const makeUpFree = workTypes.filter((w) => !w.isMakeUp);
  const schoolDefault = makeUpFree[0]?.name ?? '';
  return (
    <>
      <div className="jp-field">
        <label htmlFor={`${id}-teacher`}>{t('journal.panel.teacher')}</label>
        {teachers && !ro ? (
          <SettleSelect
            id={`${id}-teacher`}
            value={String(lesson.actualTeacherId ?? '')}
            options={teachers.map((x) => ({ value: String(x.id), label: x.name }))}
            onCommit={(v) => saveLesson(col, { actualTeacherId: Number(v) })}
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
            {workTypes.find((w) => w.id === lesson.workTypeId)?.name ?? t('journal.panel.workTypeDefault', { name: schoolDefault })}
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
            onCommit={(v) => changeType(lesson, v === '' ? null : Number(v))}
            testId="worktype-select"
          />
        )}
      </div>
    </>
  );
}
