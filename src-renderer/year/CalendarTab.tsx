// Учебный год → Календарь: the study periods of each grade range, holidays and working days,
// the week length per grade. Every change is one call; main validates, audits and answers
// how many journal lessons now fall on days that are not school days.
import { useState } from 'react';
import type { StudyKind } from '../../src-shared/rpc/calendar';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { ResourceState, useResource } from '../admin/ui';
import { DayForm, type DayInput } from './calendar/DayForm';
import { DaysList } from './calendar/DaysList';
import { defaultPeriods, dmy, type PeriodDraft } from './calendar/model';
import { OtherRangeForm } from './calendar/OtherRangeForm';
import { PeriodsCard } from './calendar/PeriodsCard';
import { WeekPanel } from './calendar/WeekPanel';
import { runWrite } from './calendar/write';

export function CalendarTab() {
  const { t } = useI18n();
  const cal = useResource(() => invoke('calendar.get', {}), 'calendar');
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const data = cal.data;
  if (!data) return <ResourceState resource={cal} testId="calendar-load-error" />;
  const yearId = data.year.id;
  const readOnly = data.year.archived;
  const write = (call: () => Promise<{ lessonsOffCalendar: number }>) =>
    runWrite(call, { notice: setNotice, error: setError, reload: () => cal.reload(), t });
  const savePeriods = (range: { gradeFrom: number; gradeTo: number }, kind: StudyKind, periods: PeriodDraft[]) =>
    write(() => invoke('calendar.setPeriods', { yearId, ...range, kind, periods }));

  return (
    <div data-testid="calendar-tab">
      <p>{t('calendar.year', { label: data.year.label, from: dmy(data.year.startsOn), to: dmy(data.year.endsOn) })}</p>
      {readOnly && <p className="hint-box">{t('calendar.archived')}</p>}
      {notice && (
        <p className="ok-note" role="status" data-testid="calendar-notice">
          {notice}
        </p>
      )}
      <FormError error={error} testId="calendar-error" />

      <h3>{t('calendar.periods.heading')}</h3>
      {data.ranges.map((r) => (
        <PeriodsCard
          key={`${r.gradeFrom}-${r.gradeTo}`}
          year={data.year}
          range={r}
          terms={data.terms}
          readOnly={readOnly}
          onSave={(kind, periods) => savePeriods(r, kind, periods)}
        />
      ))}
      {!readOnly && <OtherRangeForm onCreate={(range, kind) => void savePeriods(range, kind, defaultPeriods(kind, data.year, []))} />}

      <h3>{t('calendar.days.heading')}</h3>
      {!readOnly && <DayForm onAdd={(day: DayInput) => write(() => invoke('calendar.setDay', { yearId, ...day }))} />}
      <DaysList days={data.days} readOnly={readOnly} onRemove={(ids) => void write(() => invoke('calendar.removeDay', { ids }))} />

      <h3>{t('calendar.week.heading')}</h3>
      <WeekPanel
        weeks={data.weeks}
        readOnly={readOnly}
        onSet={(grade, daysPerWeek) => void write(() => invoke('calendar.setWeek', { yearId, grade, daysPerWeek }))}
      />
    </div>
  );
}
