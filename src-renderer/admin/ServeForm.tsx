// Serving on/off: the address and port (default 8443) are the administrator's choice, never
// "all interfaces" unless typed. Main checks the address again and says why a start failed.
import { useState, type FormEvent } from 'react';
import { Field, FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText, isSessionError } from './api';
import { checkServeForm, DEFAULT_PORT, type NetworkStatus, type ServeFormErrors } from './network';

export function ServeForm({ status, onChanged }: { status: NetworkStatus; onChanged(): void }) {
  const { t } = useI18n();
  const [address, setAddress] = useState(status.address ?? '');
  const [port, setPort] = useState(String(status.port ?? DEFAULT_PORT));
  const [errors, setErrors] = useState<ServeFormErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(input: { address: string; port: number } | { off: true }) {
    setBusy(true);
    setError(null);
    try {
      await invoke('network.serve', input);
      onChanged();
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const checked = checkServeForm(address, port);
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) void run({ address: checked.address, port: checked.port });
  }

  return (
    <form onSubmit={submit} noValidate className="network-serve" data-testid="network-serve-form">
      <FormError error={error} testId="network-serve-error" />
      <Field
        label={t('network.address')}
        hint={t('network.addressHint')}
        value={address}
        onChange={setAddress}
        error={errors.address ? t(`network.error.${errors.address}`) : null}
        inputMode="decimal"
        list="network-addresses"
        data-testid="network-address"
      />
      {status.addresses.length > 0 && (
        <p className="muted" data-testid="network-addresses">
          {t('network.addresses', { list: status.addresses.join(', ') })}
        </p>
      )}
      <datalist id="network-addresses">
        {status.addresses.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <Field
        label={t('network.port')}
        value={port}
        onChange={setPort}
        error={errors.port ? t(`network.error.${errors.port}`) : null}
        inputMode="numeric"
        size={6}
        data-testid="network-port"
      />
      <div className="form-actions">
        <button type="submit" className="btn primary" disabled={busy} data-testid="network-start">
          {status.serving ? t('network.restart') : t('network.start')}
        </button>
        {status.serving && (
          <button type="button" className="btn" disabled={busy} onClick={() => void run({ off: true })} data-testid="network-stop">
            {t('network.stop')}
          </button>
        )}
      </div>
    </form>
  );
}
