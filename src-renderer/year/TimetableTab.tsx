// Placeholder until its part of issue 11 lands.
import { useI18n } from '../i18n';

export function TimetableTab() {
  const { t } = useI18n();
  return <p className="muted">{t('timetable.title')}</p>;
}
