// The year's holidays and working days, consecutive days of one holiday on one line, each
// line with its grades and a remove button.
import type { CalendarDay } from '../../../src-shared/rpc/calendar';
import { useI18n } from '../../i18n';
import { dmy, groupDays } from './model';

export function DaysList({ days, readOnly, onRemove }: { days: readonly CalendarDay[]; readOnly: boolean; onRemove(ids: number[]): void }) {
  const { t } = useI18n();
  const spans = groupDays(days);
  if (!spans.length) return <p className="empty-note">{t('calendar.days.empty')}</p>;
  return (
    <div className="table-scroll tall">
      <table className="grid" data-testid="calendar-days">
        <thead>
          <tr>
            <th>{t('calendar.days.dates')}</th>
            <th>{t('calendar.days.kind')}</th>
            <th>{t('calendar.days.grades')}</th>
            <th>{t('calendar.days.note')}</th>
            {!readOnly && <th />}
          </tr>
        </thead>
        <tbody>
          {spans.map((s) => {
            const dates = s.from === s.to ? dmy(s.from) : `${dmy(s.from)}–${dmy(s.to)}`;
            const kind =
              s.kind === 'holiday'
                ? t('calendar.days.holiday')
                : `${t('calendar.days.workday')}, ${t('calendar.days.follows', { day: s.asWeekday ? t(`calendar.weekday.${s.asWeekday as 1 | 2 | 3 | 4 | 5 | 6}`) : '—' })}`;
            const grades = s.gradeFrom === s.gradeTo ? String(s.gradeFrom) : `${s.gradeFrom}–${s.gradeTo}`;
            return (
              <tr key={s.ids[0]} data-testid="calendar-day">
                <td className="nowrap">{dates}</td>
                <td>{kind}</td>
                <td>{grades}</td>
                <td>{s.note ?? ''}</td>
                {!readOnly && (
                  <td className="actions">
                    <button
                      type="button"
                      className="btn small danger-outline"
                      aria-label={t('calendar.days.removeLabel', { what: `${dates} ${s.note ?? ''}`.trim() })}
                      onClick={() => onRemove(s.ids)}
                    >
                      {t('calendar.days.remove')}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
