// The lesson panel's control-work columns: «Добавить колонку» on a lesson; on a column its work
// type and removal; and the question a work-type change over entered marks asks.
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { colKey } from './model';
import { SettleSelect } from './SettleSelect';
import type { ColumnsState } from './useColumns';

interface Props {
  id: string;
  lesson: LessonView;
  workTypes: JournalView['workTypes'];
  readOnly: boolean;
  columns: ColumnsState;
}

export function ColumnTools({ id, lesson, workTypes, readOnly: ro, columns }: Props) {
  const { t } = useI18n();
  const kinds = workTypes.filter((w) => !w.isMakeUp);
  const name = (wid: number | null) => workTypes.find((w) => w.id === wid)?.name ?? '';
  const ask = columns.ask && columns.ask.col === colKey(lesson) ? columns.ask : null;
  return (
    <>
      {lesson.part > 0 && (
        <div className="jp-field">
          <label htmlFor={`${id}-cwt`}>{t('columns.workType')}</label>
          {ro ? (
            <div id={`${id}-cwt`} className="jp-static">
              {name(lesson.workTypeId)}
            </div>
          ) : (
            <SettleSelect
              id={`${id}-cwt`}
              value={String(lesson.workTypeId ?? '')}
              options={kinds.map((w) => ({ value: String(w.id), label: t('columns.addOption', { name: w.name, weight: w.weight }) }))}
              onCommit={(v) => columns.changeType(lesson, Number(v))}
              testId="column-worktype-select"
            />
          )}
          <p className="jp-hint">{t('columns.absenceHint')}</p>
        </div>
      )}
      {lesson.part === 0 && !ro && (
        <div className="jp-field">
          <label htmlFor={`${id}-add`}>{t('columns.add')}</label>
          <select
            id={`${id}-add`}
            value=""
            onChange={(e) => e.target.value && void columns.add(lesson, Number(e.target.value))}
            data-testid="add-column-select"
          >
            <option value="">{t('columns.addPlaceholder')}</option>
            {kinds.map((w) => (
              <option key={w.id} value={String(w.id)}>
                {t('columns.addOption', { name: w.name, weight: w.weight })}
              </option>
            ))}
          </select>
        </div>
      )}
      {ask && (
        <div className="jp-field jp-ask" role="alertdialog" aria-labelledby={`${id}-ask`} data-testid="retype-ask">
          <p id={`${id}-ask`}>
            {t(ask.marks % 10 === 1 && ask.marks % 100 !== 11 ? 'columns.askOne' : 'columns.askMany', {
              name: name(ask.workTypeId ?? kinds[0]?.id ?? null),
              n: ask.marks,
            })}
          </p>
          <p className="jp-hint">{t('columns.askHint')}</p>
          <button type="button" className="btn small primary" onClick={() => void columns.confirm()} data-testid="retype-apply">
            {t('columns.apply')}
          </button>{' '}
          <button type="button" className="btn small" onClick={columns.cancel} data-testid="retype-cancel">
            {t('columns.cancel')}
          </button>
        </div>
      )}
      {lesson.part > 0 && !ro && (
        <button type="button" className="btn small" onClick={() => void columns.remove(lesson)} data-testid="remove-column">
          {t('columns.remove')}
        </button>
      )}
    </>
  );
}
