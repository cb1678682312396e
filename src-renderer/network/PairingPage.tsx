// The pairing screen of a client PC (DESIGN.md §10): the host's address (typed, or found on
// the network), the administrator's one-time code and this PC's name. After pairing it shows
// the fingerprint that was pinned, to be compared with the sheet on the server room's wall.
// When the host presents another certificate it shows both fingerprints and pairs again,
// accepting the presented one only.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { DeviceStatus } from '../../src-shared/rpc/device';
import { Field, FormError, issuesByField } from '../components/form';
import { useI18n } from '../i18n';
import { invoke, RpcError } from '../rpc/client';
import { Discover, FingerprintRow } from './PairingParts';

interface Props {
  device: DeviceStatus;
  onPaired(): void;
}

export function PairingPage({ device, onPaired }: Props) {
  const { t } = useI18n();
  const mismatch = device.fingerprintMismatch;
  const [hostUrl, setHostUrl] = useState(device.hostUrl ?? '');
  const [code, setCode] = useState('');
  const [name, setName] = useState(device.deviceName ?? '');
  const [busy, setBusy] = useState(false);
  // Why this PC is here again (the host refused it: revoked), in the host's words.
  const [error, setError] = useState<string | null>(device.paired ? null : device.problem);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pinned, setPinned] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const r = await invoke('device.pair', {
        hostUrl,
        code,
        name,
        ...(mismatch ? { acceptFingerprint: mismatch.presented } : {}),
      });
      setPinned(r.fingerprint);
    } catch (err) {
      setError(err instanceof RpcError ? err.message : String(err));
      if (err instanceof RpcError) setFields(issuesByField(err));
    } finally {
      setBusy(false);
    }
  }

  if (pinned)
    return (
      <Screen>
        <div className="card" data-testid="pair-done">
          <h1>{t('pair.done')}</h1>
          <p>{t('pair.compare')}</p>
          <FingerprintRow label={t('pair.fingerprint')} value={pinned} testId="pair-fingerprint" />
          <button className="btn primary wide" onClick={onPaired} data-testid="pair-continue">
            {t('pair.continue')}
          </button>
        </div>
      </Screen>
    );

  return (
    <Screen>
      <form className="card" onSubmit={submit} noValidate data-testid="pair-form">
        <h1>{mismatch ? t('pair.mismatchHeading') : t('pair.heading')}</h1>
        {mismatch ? (
          <div data-testid="pair-mismatch">
            <p>{t('pair.mismatchIntro')}</p>
            <FingerprintRow label={t('pair.pinned')} value={mismatch.pinned} testId="pair-pinned" />
            <FingerprintRow label={t('pair.presented')} value={mismatch.presented} testId="pair-presented" />
          </div>
        ) : (
          <p className="intro">{t('pair.intro')}</p>
        )}
        <FormError error={error} testId="pair-error" />
        <Field
          label={t('pair.address')}
          hint={t('pair.addressHint')}
          value={hostUrl}
          onChange={setHostUrl}
          spellCheck={false}
          autoCapitalize="off"
          data-testid="pair-address"
          error={fields.hostUrl ?? null}
        />
        {!mismatch && <Discover onPick={setHostUrl} />}
        <Field
          label={t('pair.code')}
          hint={t('pair.codeHint')}
          value={code}
          onChange={setCode}
          inputMode="numeric"
          autoComplete="one-time-code"
          data-testid="pair-code"
          error={fields.code ?? null}
        />
        <Field
          label={t('pair.name')}
          hint={t('pair.nameHint')}
          value={name}
          onChange={setName}
          data-testid="pair-name"
          error={fields.name ?? null}
        />
        <button className="btn primary wide" type="submit" disabled={busy} data-testid="pair-submit">
          {busy ? t('pair.busy') : mismatch ? t('pair.repair') : t('pair.submit')}
        </button>
      </form>
    </Screen>
  );
}

function Screen({ children }: { children: ReactNode }) {
  return (
    <div className="login-screen">
      <div className="login-column pair-column">{children}</div>
    </div>
  );
}
