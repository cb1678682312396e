// The answer to «Полная выгрузка» / «Отправить сейчас»: green only when the portal confirmed
// delivery with a receipt; a refusal or a failure is red with the reason (outcome.ts).
import { useI18n } from '../i18n';
import { dateTime } from './format';
import { sendOutcome, type SendResult } from './outcome';

export function ResultBox({ value }: { value: SendResult }) {
  const { t, locale } = useI18n();
  const o = sendOutcome(value);
  const { sync } = value;
  return (
    <div
      className={o.tone === 'bad' ? 'export-result bad' : o.tone === 'good' ? 'export-result good' : 'export-result info'}
      role={o.tone === 'bad' ? 'alert' : 'status'}
      data-testid="export-result"
      data-tone={o.tone}
    >
      {o.tone === 'bad' && (
        <p data-testid="export-result-error">
          {o.kind === 'failed'
            ? t('export.result.failed', { error: o.error })
            : o.kind === 'refused'
              ? t('export.result.refused', { error: o.error })
              : t('export.result.unreachable', { error: o.error })}
        </p>
      )}
      {o.tone !== 'bad' && <p>{t(`export.result.${o.kind}`)}</p>}
      {sync && (
        <p className="muted">{t('export.result.sent', { sent: sync.sent, done: sync.done.length, refused: sync.refused.length })}</p>
      )}
      {o.kind === 'unreachable' && o.nextAttemptAt && (
        <p className="muted" data-testid="export-result-waiting">
          {t('export.result.waiting', { at: dateTime(o.nextAttemptAt, locale) })}
        </p>
      )}
    </div>
  );
}
