// «Проверка журнала»: the checks of the year (newest first), a new one, and the open check.
// With no check chosen in the address the newest one opens.
import { useState } from 'react';
import { ResourceState, useResource } from '../admin/ui';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { CheckView } from './CheckView';
import { useControl } from './context';
import { NewCheckForm } from './NewCheckForm';
import { periodText } from './period';

export function CheckTab({ checkId, onSelect }: { checkId: number | null; onSelect(id: number): void }) {
  const { t } = useI18n();
  const { canWrite } = useControl();
  const checks = useResource(() => invoke('checks.list', {}), 'checks');
  const [creating, setCreating] = useState(false);
  const list = checks.data ?? [];
  // A check just created may not be in the list yet: the address's id wins.
  const currentId = checkId ?? list[0]?.id ?? null;

  return (
    <section data-testid="check-tab">
      <div className="admin-toolbar">
        {list.length > 0 && (
          <label className="inline-field">
            <span>{t('check.pick')}</span>
            <select value={currentId ?? ''} onChange={(e) => onSelect(Number(e.target.value))} data-testid="check-select">
              {list.map((c) => (
                <option key={c.id} value={c.id}>
                  {periodText(c)} · {t(`check.status.${c.status}`)} · {c.createdBy}
                </option>
              ))}
            </select>
          </label>
        )}
        {canWrite && !creating && (
          <button type="button" className="btn primary" onClick={() => setCreating(true)} data-testid="new-check">
            {t('check.new')}
          </button>
        )}
      </div>
      {creating && (
        <NewCheckForm
          onCancel={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void checks.reload();
            onSelect(id);
          }}
        />
      )}
      {!checks.data && <ResourceState resource={checks} />}
      {checks.data && list.length === 0 && !creating && <p className="muted">{t('check.none')}</p>}
      {currentId !== null && <CheckView key={currentId} checkId={currentId} onChanged={() => void checks.reload()} />}
    </section>
  );
}
