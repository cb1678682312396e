// «Пороги проверки»: every threshold the rules use, a school setting (defaults from the issue).
// Read-only for the director and the supervisor.
import { useEffect, useState, type FormEvent } from 'react';
import { errorText, isSessionError } from '../admin/api';
import { ResourceState, useResource } from '../admin/ui';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useControl } from './context';
import { FIELDS, formFromSettings, settingsFromForm, type SettingKey, type SettingsForm } from './settings';

export function SettingsTab() {
  const { t } = useI18n();
  const { canWrite } = useControl();
  const settings = useResource(() => invoke('checks.settings', {}), 'check-settings');
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<Partial<Record<SettingKey, string>>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (settings.data) setForm(formFromSettings(settings.data));
  }, [settings.data]);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (!form || busy) return;
    const parsed = settingsFromForm(form);
    setSaved(false);
    if (!parsed.ok) return setErrors(parsed.errors);
    setErrors({});
    setBusy(true);
    setError(null);
    try {
      setForm(formFromSettings(await invoke('checks.setSettings', parsed.value)));
      setSaved(true);
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (!form) return <ResourceState resource={settings} />;
  return (
    <form className="card control-settings" onSubmit={submit} noValidate data-testid="check-settings">
      <h2>{t('check.settings')}</h2>
      <FormError error={error} testId="settings-error" />
      {FIELDS.map((f) => (
        <label key={f.key} className="field control-setting">
          <span>{t(`check.setting.${f.key}`)}</span>
          <input
            type="number"
            inputMode="decimal"
            min={f.min}
            max={f.max}
            value={form[f.key]}
            readOnly={!canWrite}
            aria-invalid={errors[f.key] ? true : undefined}
            onChange={(e) => setForm({ ...form, [f.key]: e.target.value })}
            data-testid={`setting-${f.key}`}
          />
          {errors[f.key] && <span className="field-error">{errors[f.key]}</span>}
        </label>
      ))}
      {canWrite && (
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={busy} data-testid="settings-save">
            {t('check.saveSettings')}
          </button>
          {saved && <span role="status" data-testid="settings-saved">{t('check.settingsSaved')}</span>}
        </div>
      )}
    </form>
  );
}
