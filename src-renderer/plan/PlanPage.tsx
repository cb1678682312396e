// Placeholder until the lesson plan (КТП) of issue 11 lands.
import { useI18n } from '../i18n';

export function PlanPage() {
  const { t } = useI18n();
  return <p className="muted">{t('plan.title')}</p>;
}
