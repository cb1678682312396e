// Ahead of or behind the plan, per journal of the chosen subject × grade (plan.forJournal).
import { useEffect, useState } from 'react';
import type { PlanItem, PlanProgress as Progress } from '../../src-shared/rpc/plan';
import { errorText, isSessionError } from '../admin/api';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { progressKind } from './grid';

type Row = { groupId: number; name: string; progress: Progress | null; error: string | null };

export function PlanProgress({ item, refresh }: { item: PlanItem; refresh: number }) {
  const { t } = useI18n();
  const [rows, setRows] = useState<Row[] | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all(
      item.groups.map(async (g): Promise<Row> => {
        try {
          const r = await invoke('plan.forJournal', { groupId: g.groupId, subjectId: item.subjectId });
          return { groupId: g.groupId, name: g.name, progress: r.progress, error: null };
        } catch (e) {
          return { groupId: g.groupId, name: g.name, progress: null, error: isSessionError(e) ? null : errorText(e) };
        }
      }),
    ).then((r) => live && setRows(r));
    return () => {
      live = false;
    };
  }, [item.groups, item.subjectId, refresh]);

  if (item.groups.length === 0) return null;
  return (
    <section className="card plan-progress" data-testid="plan-progress">
      <h2>{t('plan.progress.heading')}</h2>
      {!rows && <p className="muted">{t('plan.loading')}</p>}
      <ul>
        {rows?.map((r) => {
          const p = r.progress;
          const kind = p ? progressKind(p.delta) : null;
          return (
            <li key={r.groupId} data-testid="plan-progress-row" data-kind={kind ?? 'none'}>
              <strong>{r.name}</strong>:{' '}
              {r.error ??
                (p
                  ? `${t('plan.progress.row', { given: p.given, expected: p.expected, position: p.position, total: p.totalHours })} — `
                  : t('plan.progress.none'))}
              {kind && <span className={`plan-delta ${kind}`}>{kind === 'onTrack' ? t('plan.progress.onTrack') : t(`plan.progress.${kind}`, { n: Math.abs(p!.delta) })}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
