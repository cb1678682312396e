// Adding a holiday (one day or a span) or a working day with the weekday whose timetable it
// follows, for a range of grades. Main checks everything again and names the field to fix.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n';
import type { WriteOutcome } from './write';

export interface DayInput {
  kind: 'holiday' | 'workday';
  date: string;
  until?: string;
  gradeFrom: number;
  gradeTo: number;
  asWeekday?: number;
  note?: string;
}

const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);
const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;

export function DayForm({ onAdd }: { onAdd(day: DayInput): Promise<WriteOutcome> }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [date, setDate] = useState('');
  const [until, setUntil] = useState('');
  const [gradeFrom, setGradeFrom] = useState(1);
  const [gradeTo, setGradeTo] = useState(11);
  const [asWeekday, setAsWeekday] = useState(1);
  const [note, setNote] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const day: DayInput = { kind, date, gradeFrom, gradeTo };
    if (kind === 'holiday' && until) day.until = until;
    if (kind === 'workday') day.asWeekday = asWeekday;
    if (note.trim()) day.note = note.trim();
    const o = await onAdd(day);
    setFields(o.fields);
    if (o.ok) {
      setDate('');
      setUntil('');
      setNote('');
    }
  }
  const err = (k: string) => fields[k] && <div className="field-error">{fields[k]}</div>;
  const grade = (value: number, set: (n: number) => void, label: string, testId: string) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => set(Number(e.target.value))} data-testid={testId}>
        {GRADES.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form onSubmit={submit} noValidate className="staff-card" data-testid="calendar-day-form">
      <h4>{t('calendar.days.add')}</h4>
      <div className="form-row four">
        <label>
          {t('calendar.days.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as 'holiday' | 'workday')} data-testid="day-kind">
            <option value="holiday">{t('calendar.days.holiday')}</option>
            <option value="workday">{t('calendar.days.workday')}</option>
          </select>
        </label>
        <label>
          {t('calendar.days.date')}{' '}
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required data-testid="day-date" />
          {err('date')}
        </label>
        {kind === 'holiday' ? (
          <label>
            {t('calendar.days.until')}{' '}
            <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="day-until" />
            {err('until')}
          </label>
        ) : (
          <label>
            {t('calendar.days.asWeekday')}{' '}
            <select value={asWeekday} onChange={(e) => setAsWeekday(Number(e.target.value))} data-testid="day-weekday">
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`calendar.weekday.${d}`)}
                </option>
              ))}
            </select>
            {err('asWeekday')}
          </label>
        )}
        <label>
          {t('calendar.days.note')} <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} data-testid="day-note" />
        </label>
      </div>
      <div className="form-row four">
        {grade(gradeFrom, setGradeFrom, t('calendar.days.gradeFrom'), 'day-grade-from')}
        {grade(gradeTo, setGradeTo, t('calendar.days.gradeTo'), 'day-grade-to')}
        {err('gradeTo')}
        <button type="submit" className="btn" data-testid="day-submit">
          {t('calendar.days.submit')}
        </button>
      </div>
    </form>
  );
}
