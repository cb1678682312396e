// Pieces of the pairing screen: a fingerprint to read aloud and compare, and the hosts found on
// the network (mDNS, where the network lets it through; typing the address always works).
import { useState } from 'react';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';

export function FingerprintRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="fingerprint-row">
      <div className="field-hint">{label}</div>
      <code className="fingerprint" data-testid={testId}>
        {value}
      </code>
    </div>
  );
}

export function Discover({ onPick }: { onPick(url: string): void }) {
  const { t } = useI18n();
  const [hosts, setHosts] = useState<{ name: string; url: string }[] | null>(null);
  const [busy, setBusy] = useState(false);
  async function find() {
    setBusy(true);
    try {
      setHosts((await invoke('device.discover', {})).hosts);
    } catch {
      setHosts([]);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="pair-discover">
      <button type="button" className="btn ghost" onClick={() => void find()} disabled={busy} data-testid="pair-find">
        {busy ? t('pair.finding') : t('pair.find')}
      </button>
      {hosts?.length === 0 && <p className="field-hint">{t('pair.foundNone')}</p>}
      {hosts?.map((h) => (
        <div key={h.url} className="pair-found">
          <span>
            {h.name} — {h.url}
          </span>
          <button type="button" className="btn ghost" onClick={() => onPick(h.url)}>
            {t('pair.use')}
          </button>
        </div>
      ))}
    </div>
  );
}
