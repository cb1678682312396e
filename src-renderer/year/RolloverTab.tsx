// Placeholder until its part of issue 11 lands.
import type { Role } from '../../src-shared/domain';
import { useI18n } from '../i18n';

export function RolloverTab({ roles }: { roles: readonly Role[] }) {
  const { t } = useI18n();
  void roles;
  return <p className="muted">{t('rollover.title')}</p>;
}
