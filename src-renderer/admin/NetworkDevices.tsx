// The paired PCs: name, last seen, address, version; «Отключить» after a confirmation (the
// PC's sessions end at once and it needs a new code to come back).
import { useState } from 'react';
import { FormError } from '../components/form';
import { instant } from '../format';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { errorText, isSessionError } from './api';
import { sortDevices, type Device } from './network';
import { Dialog, ResourceState, useResource } from './ui';

export function NetworkDevices() {
  const { t, locale } = useI18n();
  const list = useResource(() => invoke('network.devices', {}), 'network-devices');
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function revoke(d: Device) {
    setError(null);
    try {
      await invoke('network.revokeDevice', { deviceId: d.id });
    } catch (e) {
      if (!isSessionError(e)) setError(errorText(e));
    }
    setRevoking(null);
    await list.reload();
  }

  return (
    <div className="network-devices">
      <h3>{t('network.devices.heading')}</h3>
      <FormError error={error} testId="network-devices-error" />
      {!list.data ? (
        <ResourceState resource={list} />
      ) : list.data.devices.length === 0 ? (
        <p className="muted">{t('network.devices.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="grid" data-testid="network-devices">
            <thead>
              <tr>
                <th scope="col">{t('network.col.name')}</th>
                <th scope="col">{t('network.col.lastSeen')}</th>
                <th scope="col">{t('network.col.address')}</th>
                <th scope="col">{t('network.col.version')}</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sortDevices(list.data.devices).map((d) => (
                <tr key={d.id} className={d.revokedAt ? 'muted' : ''} data-testid={`network-device-${d.id}`}>
                  <td>{d.name}</td>
                  <td>{instant(d.lastSeenAt, locale)}</td>
                  <td>{d.lastAddress ?? '—'}</td>
                  <td>{d.version ?? '—'}</td>
                  <td>
                    {d.revokedAt ? (
                      t('network.revoked', { when: instant(d.revokedAt, locale) })
                    ) : (
                      <button type="button" className="btn small danger" onClick={() => setRevoking(d)} data-testid={`network-revoke-${d.id}`}>
                        {t('network.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <Dialog title={t('network.revoke.title', { name: revoking.name })} onClose={() => setRevoking(null)} testId="network-revoke-dialog">
          <p>{t('network.revoke.text')}</p>
          <div className="form-actions">
            <button type="button" className="btn danger" onClick={() => void revoke(revoking)} data-testid="network-revoke-confirm">
              {t('network.revoke.confirm')}
            </button>
            <button type="button" className="btn" onClick={() => setRevoking(null)} autoFocus>
              {t('admin.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
