// Сеть: this PC as the school host — serving on/off on an address and port, the certificate
// fingerprint (and its printed sheet for the server room), pairing codes, paired PCs.
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import '../styles/network.css';
import { NetworkDevices } from './NetworkDevices';
import { PairingCodePanel } from './PairingCodePanel';
import { ServeForm } from './ServeForm';
import { fingerprintLines } from './network';
import { ResourceState, useResource } from './ui';

export function NetworkTab({ schoolName }: { schoolName: string }) {
  const { t } = useI18n();
  const status = useResource(() => invoke('network.status', {}), 'network-status');
  if (!status.data) return <ResourceState resource={status} />;
  const st = status.data;
  return (
    <section aria-labelledby="network-heading" data-testid="network-tab">
      <div className="section-head">
        <h2 id="network-heading">{t('network.heading')}</h2>
        <span className="muted">{t('network.intro')}</span>
      </div>
      {!st.canServe ? (
        <p className="muted">{t('network.notHere')}</p>
      ) : (
        <>
          <p role="status" data-testid="network-state">
            {st.serving && st.url ? t('network.serving', { url: st.url }) : t('network.off')}
          </p>
          <ServeForm status={st} onChanged={() => void status.reload()} />
          {st.fingerprint && (
            <div className="network-fingerprint">
              <h3>{t('network.fingerprint')}</h3>
              <p className="muted">{t('network.fingerprintHint')}</p>
              <Fingerprint value={st.fingerprint} testId="network-fingerprint" />
              <button type="button" className="btn" onClick={() => window.print()} data-testid="network-print">
                {t('network.print')}
              </button>
            </div>
          )}
          {st.serving && <PairingCodePanel />}
          <NetworkDevices />
          {st.fingerprint && st.url && <PrintSheet schoolName={schoolName} url={st.url} fingerprint={st.fingerprint} />}
        </>
      )}
    </section>
  );
}

function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  return (
    <div className="fingerprint" data-testid={testId} aria-label={value}>
      {fingerprintLines(value).map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}

/** Shown only on paper (styles/network.css): the sheet for the wall of the server room. */
function PrintSheet({ schoolName, url, fingerprint }: { schoolName: string; url: string; fingerprint: string }) {
  const { t } = useI18n();
  return (
    <div className="network-print-sheet" data-testid="network-print-sheet">
      <h1>{schoolName}</h1>
      <h2>{t('network.printTitle')}</h2>
      <p className="print-address">{t('network.printAddress', { url })}</p>
      <h3>{t('network.fingerprint')}</h3>
      <Fingerprint value={fingerprint} />
      <p>{t('network.printCheck')}</p>
    </div>
  );
}
