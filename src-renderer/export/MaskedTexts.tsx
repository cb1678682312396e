// On the export page (issue 9): how many topics, homework texts and file names the last full
// and the last daily package carried masked, because something in them looked personal.
import type { MethodOutput } from '../../src-shared/rpc/registry';
import { useI18n } from '../i18n';
import { dateTime } from './format';

type Masked = MethodOutput<'export.status'>['masked'];

export function MaskedTexts({ masked }: { masked: Masked }) {
  const { t, locale } = useI18n();
  if (!masked.full && !masked.incremental) return null;
  return (
    <div className="export-masked" data-testid="export-masked">
      <ul>
        {masked.full && (
          <li data-testid="export-masked-full">
            {t('export.masked.full', { at: dateTime(masked.full.createdAt, locale), n: masked.full.texts })}
          </li>
        )}
        {masked.incremental && (
          <li data-testid="export-masked-daily">
            {t('export.masked.daily', { at: dateTime(masked.incremental.createdAt, locale), n: masked.incremental.texts })}
          </li>
        )}
      </ul>
      <p className="export-masked-hint">{t('export.masked.hint')}</p>
    </div>
  );
}
