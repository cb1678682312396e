// The second backup folder (another disk or a USB drive). Main checks the folder (exists,
// writable, not the primary one) and answers in Russian what to fix.
import { useId, useState, type FormEvent } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText, isSessionError } from './api';

export function MirrorForm({ current, onSaved }: { current: string; onSaved(): void }) {
  const { t } = useI18n();
  const [dir, setDir] = useState(current);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    try {
      await invoke('backup.setMirror', { dir });
      onSaved();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    }
  }
  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="mirror-form">
      <h3 id={`${id}-h`}>{t('backup.mirror.heading')}</h3>
      <p className="muted">{t('backup.mirror.intro')}</p>
      <p data-testid="mirror-current">{current ? t('backup.mirror.saved', { dir: current }) : t('backup.mirror.off')}</p>
      <FormError error={error} testId="mirror-error" />
      <div className="field inline">
        <label htmlFor={id}>{t('backup.mirror.label')}</label>
        <input id={id} value={dir} onChange={(e) => setDir(e.target.value)} size={50} data-testid="mirror-input" />
        <button type="submit" className="btn">
          {t('backup.mirror.save')}
        </button>
      </div>
    </form>
  );
}
