// «Создать код подключения»: the 6-digit code is shown once, with a countdown to its expiry
// (10 minutes). The code lives only in this component's state; main keeps its hash.
import { useEffect, useState } from 'react';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText, isSessionError } from './api';
import { codeForReading, countdown, secondsLeft, type PairingCode } from './network';

export function PairingCodePanel() {
  const { t } = useI18n();
  const [code, setCode] = useState<(PairingCode & { receivedAt: number }) | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const left = code ? secondsLeft(code, code.receivedAt, now) : 0;

  useEffect(() => {
    if (!code) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [code]);

  async function create() {
    setBusy(true);
    setError(null);
    try {
      const made = await invoke('network.createPairingCode', {});
      const receivedAt = Date.now();
      setCode({ ...made, receivedAt });
      setNow(receivedAt);
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="network-code" data-testid="network-code-panel">
      <h3>{t('network.code.heading')}</h3>
      <p className="muted">{t('network.code.intro')}</p>
      <FormError error={error} testId="network-code-error" />
      {code && left > 0 && (
        <div role="status">
          <div className="pairing-code" aria-label={t('network.code.value')} data-testid="network-code">
            {codeForReading(code.code)}
          </div>
          <p data-testid="network-code-expires">{t('network.code.expires', { time: countdown(left) })}</p>
        </div>
      )}
      {code && left === 0 && <p role="status">{t('network.code.expired')}</p>}
      <button type="button" className="btn primary" onClick={() => void create()} disabled={busy} data-testid="network-code-create">
        {t('network.code.create')}
      </button>
    </div>
  );
}
