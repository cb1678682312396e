// Five or six school days a week, per grade.
import { useI18n } from '../../i18n';

export function WeekPanel({
  weeks,
  readOnly,
  onSet,
}: {
  weeks: readonly { grade: number; daysPerWeek: 5 | 6 }[];
  readOnly: boolean;
  onSet(grade: number, daysPerWeek: 5 | 6): void;
}) {
  const { t } = useI18n();
  return (
    <div className="form-row four" data-testid="calendar-weeks">
      {weeks.map((w) => (
        <label key={w.grade}>
          {t('calendar.week.grade', { n: w.grade })}{' '}
          <select
            value={w.daysPerWeek}
            disabled={readOnly}
            onChange={(e) => onSet(w.grade, Number(e.target.value) === 6 ? 6 : 5)}
            data-testid={`week-${w.grade}`}
          >
            <option value={5}>{t('calendar.week.five')}</option>
            <option value={6}>{t('calendar.week.six')}</option>
          </select>
        </label>
      ))}
    </div>
  );
}
