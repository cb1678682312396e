// Школа: the school's names on documents (issue 13) — the short name, the full official name
// and its genitive, which the administrator types (organisation names do not decline reliably
// by rule). While the genitive is empty, the form shows what documents print instead.
import { useId, useState, type FormEvent } from 'react';
import { genitiveFallback } from '../../src-shared/school-name';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText, isSessionError } from './api';

interface Props {
  name: string;
  fullName: string;
  fullNameGenitive: string;
  onSaved(): void;
}

export function SchoolTab(props: Props) {
  const { t } = useI18n();
  const [name, setName] = useState(props.name);
  const [fullName, setFullName] = useState(props.fullName);
  const [genitive, setGenitive] = useState(props.fullNameGenitive);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await invoke('school.updateSettings', { name, settings: { fullName, fullNameGenitive: genitive } });
      setSaved(true);
      props.onSaved();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const shownGenitive = genitive.trim() || genitiveFallback(fullName.trim() || name.trim());
  return (
    <form className="card school-names" onSubmit={submit} noValidate aria-labelledby={`${id}-h`} data-testid="school-names">
      <h2 id={`${id}-h`}>{t('forms.school.heading')}</h2>
      <p className="muted">{t('forms.school.intro')}</p>
      <FormError error={error} testId="school-names-error" />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('forms.school.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={300} data-testid="school-name" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-full`}>{t('forms.school.fullName')}</label>
        <textarea
          id={`${id}-full`}
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          rows={2}
          cols={80}
          maxLength={500}
          aria-describedby={`${id}-full-hint`}
          data-testid="school-full-name"
        />
        <div className="field-hint" id={`${id}-full-hint`}>
          {t('forms.school.fullNameHint')}
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-gen`}>{t('forms.school.fullNameGenitive')}</label>
        <textarea
          id={`${id}-gen`}
          value={genitive}
          onChange={(e) => setGenitive(e.target.value)}
          rows={2}
          cols={80}
          maxLength={500}
          aria-describedby={`${id}-gen-hint ${id}-preview`}
          data-testid="school-full-name-genitive"
        />
        <div className="field-hint" id={`${id}-gen-hint`}>
          {t('forms.school.fullNameGenitiveHint')}
        </div>
      </div>
      <p className={genitive.trim() ? 'muted' : 'strong'} id={`${id}-preview`} data-testid="school-genitive-preview">
        {t(genitive.trim() ? 'forms.school.preview' : 'forms.school.fallback', { text: shownGenitive })}
      </p>
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="school-names-save">
          {t('forms.school.save')}
        </button>
        {saved && (
          <span role="status" className="muted" data-testid="school-names-saved">
            {t('forms.school.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
