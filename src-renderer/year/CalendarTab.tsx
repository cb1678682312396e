// Placeholder until its part of issue 11 lands.
import { useI18n } from '../i18n';

export function CalendarTab() {
  const { t } = useI18n();
  return <p className="muted">{t('calendar.title')}</p>;
}
