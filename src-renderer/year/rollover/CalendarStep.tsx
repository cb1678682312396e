// Step 4: the new year's calendar from the template, and the load and timetable copied as drafts.
import type { RolloverPlan } from '../../../src-shared/rpc/rollover';
import { ResourceState } from '../../admin/ui';
import { longDate } from '../../format';
import { useI18n } from '../../i18n';
import { usePreview } from './usePreview';

export function CalendarStep({ plan }: { plan: RolloverPlan }) {
  const { t, locale } = useI18n();
  const preview = usePreview(plan);
  if (!preview.data) return <ResourceState resource={preview} />;
  const { newYear, classes } = preview.data;
  const sum = (f: (c: (typeof classes)[number]) => number) => classes.reduce((n, c) => n + f(c), 0);
  return (
    <div data-testid="rollover-calendar">
      <p>
        {t('rollover.calendar.text', {
          label: newYear.label,
          from: longDate(newYear.startsOn, locale),
          to: longDate(newYear.endsOn, locale),
          terms: newYear.terms,
        })}
      </p>
      <p className="muted">{t('rollover.calendar.drafts', { loads: sum((c) => c.loads), timetable: sum((c) => c.timetableEntries) })}</p>
    </div>
  );
}
