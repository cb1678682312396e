// The teacher's own remarks from the monthly check, on the start page: state, deadline, text,
// a link into the journal, «Прочитано» and «Исправлено» with a reply. Nothing when there are
// none, or for a role without remarks (remarks.mine refused): the start page goes on without it.
import { useCallback, useEffect, useState } from 'react';
import type { RemarkView } from '../../src-shared/rpc/check';
import { FormError } from '../components/form';
import { useI18n } from '../i18n';
import { invoke, RpcError } from '../rpc/client';
import { RemarkRow } from './RemarkRow';
import { replyInput, sortRemarks } from './remarks';

export function MyRemarks({ today }: { today: string }) {
  const { t } = useI18n();
  const [list, setList] = useState<RemarkView[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setList(sortRemarks(await invoke('remarks.mine', {})));
      return true;
    } catch {
      return false;
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  /** One state change; a refused one (stale version, already moved on) reloads the list and says so. */
  const act = async (run: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await run();
      await load();
      return true;
    } catch (e) {
      const stale = e instanceof RpcError && (e.code === 'conflict' || e.code === 'not_found');
      setError(stale ? t('remarks.stale') : (e as Error).message);
      if (stale) await load();
      return false;
    }
  };

  if (list.length === 0) return null;
  return (
    <section aria-labelledby="remarks-heading" data-testid="my-remarks" className="my-remarks">
      <h1 id="remarks-heading">{t('remarks.mine.title')}</h1>
      <p className="muted">{t('remarks.mine.intro')}</p>
      <FormError error={error} testId="remarks-error" />
      <ul className="remark-list">
        {list.map((r) => (
          <RemarkRow
            key={r.id}
            remark={r}
            today={today}
            onAcknowledge={() => act(() => invoke('remarks.acknowledge', { remarkId: r.id, version: r.version }))}
            onFixed={(reply) => act(() => invoke('remarks.markFixed', { remarkId: r.id, version: r.version, ...replyInput(reply) }))}
          />
        ))}
      </ul>
    </section>
  );
}
