// One person's name in one case as printed, with the hand correction (issue 13): the fields
// start from the printed form; «Вернуть по правилам» removes the correction. The gender select
// stores the gender where the name does not tell it (or tells it wrong).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText, isSessionError } from './api';
import { correctionInput, fieldsFor, genderValue, isChanged, type Fields, type FormCase, type NameForms } from './name-form';
import { SelectField } from './ui';

interface Props {
  personId: number;
  gramCase: FormCase;
  label: string;
  testId: string;
  /** May change forms (guardians.manage); a class teacher only sees them. */
  manage: boolean;
}

export function NameFormEditor({ personId, gramCase, label, testId, manage }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [view, setView] = useState<NameForms | null>(null);
  const [fields, setFields] = useState<Fields>({ surname: '', name: '', patronymic: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function show(v: NameForms) {
    setView(v);
    setFields(fieldsFor(v, gramCase));
  }
  useEffect(() => {
    let live = true;
    invoke('names.forms', { personId }).then(
      (v) => live && show(v),
      (e: unknown) => live && !isSessionError(e) && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [personId, gramCase]);

  async function run(fn: () => Promise<NameForms>) {
    setBusy(true);
    setError(null);
    try {
      show(await fn());
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (!view) return <FormError error={error} />;
  const form = view.forms.find((f) => f.case === gramCase)!;
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!busy && isChanged(view, gramCase, fields)) void run(() => invoke('names.setForm', correctionInput(view, gramCase, fields)));
  };
  const guess = view.guessedGender ? t(`forms.names.gender.${view.guessedGender}`) : t('forms.names.gender.unknown');
  const parts = (['surname', 'name', 'patronymic'] as const).filter((k) => k !== 'patronymic' || view.name.patronymic);
  return (
    <form className="name-form step" onSubmit={submit} noValidate data-testid={testId} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{label}</h3>
      <p data-testid={`${testId}-printed`}>
        {t('forms.names.printed', { text: form.printed })}
        {form.corrected && <span className="tag">{t('forms.names.corrected')}</span>}
      </p>
      {form.corrected && (
        <p className="muted small-print">
          {t('forms.names.auto', { text: [form.auto.surname, form.auto.name, form.auto.patronymic].filter(Boolean).join(' ') })}
        </p>
      )}
      {form.stale && (
        <p className="muted small-print">
          {t('forms.names.stale', { text: [form.stale.surname, form.stale.name, form.stale.patronymic].filter(Boolean).join(' ') })}
        </p>
      )}
      {!view.gender && <p className="field-error">{t('forms.names.gender.unknownHint')}</p>}
      <FormError error={error} testId={`${testId}-error`} />
      {manage && (
        <>
          <div className="form-row four">
            {parts.map((k) => (
              <div className="field" key={k}>
                <label htmlFor={`${id}-${k}`}>{t(`forms.names.${k}`)}</label>
                <input
                  id={`${id}-${k}`}
                  value={fields[k]}
                  onChange={(e) => setFields((f) => ({ ...f, [k]: e.target.value }))}
                  data-testid={`${testId}-${k}`}
                />
              </div>
            ))}
            <SelectField
              label={t('forms.names.gender')}
              value={genderValue(view)}
              onChange={(g) => void run(() => invoke('names.setGender', { personId, gender: g === 'male' || g === 'female' ? g : null }))}
              options={[
                { value: '', label: t('forms.names.gender.auto', { guess }) },
                { value: 'male', label: t('forms.names.gender.male') },
                { value: 'female', label: t('forms.names.gender.female') },
              ]}
              disabled={busy}
              data-testid={`${testId}-gender`}
            />
          </div>
          <div className="form-actions">
            <button
              type="submit"
              className="btn primary small"
              disabled={busy || !isChanged(view, gramCase, fields)}
              data-testid={`${testId}-save`}
            >
              {t('forms.names.save')}
            </button>
            {form.corrected && (
              <button
                type="button"
                className="btn small"
                disabled={busy}
                onClick={() => void run(() => invoke('names.setForm', { personId, case: gramCase, form: null }))}
                data-testid={`${testId}-reset`}
              >
                {t('forms.names.reset')}
              </button>
            )}
          </div>
        </>
      )}
    </form>
  );
}
