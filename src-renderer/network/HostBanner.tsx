// «Сервер школы недоступен» under the header while calls find nobody at the school host.
import { useI18n } from '../i18n';
import { useHostState } from './useHostState';

export function HostBanner() {
  const { t } = useI18n();
  const host = useHostState();
  if (!host.down) return null;
  return (
    <div className="host-banner" role="status" data-testid="host-unreachable" title={host.message ?? undefined}>
      {t('pair.hostUnreachable')}
    </div>
  );
}
