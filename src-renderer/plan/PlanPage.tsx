// «КТП»: the teacher picks one subject × grade of their load, edits its plan (or loads it from a
// file) and sees how each of its journals keeps to it.
import { useState } from 'react';
import type { PlanItem } from '../../src-shared/rpc/plan';
import { ResourceState, useResource } from '../admin/ui';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { PlanEditor } from './PlanEditor';
import { PlanProgress } from './PlanProgress';
import '../styles/admin.css';
import './plan.css';

const itemKey = (i: PlanItem) => `${i.teacherId}|${i.subjectId}|${i.grade}`;

export function PlanPage() {
  const { t } = useI18n();
  const list = useResource(() => invoke('plan.list', {}), 'plan.list');
  const [chosen, setChosen] = useState<string | null>(null);
  const [saves, setSaves] = useState(0);
  const items = list.data?.items ?? [];
  const item = items.find((i) => itemKey(i) === chosen) ?? items[0];

  return (
    <div className="admin plan-page" data-testid="plan-page">
      <h1 className="admin-title">{t('plan.title')}</h1>
      <p className="muted">{t('plan.intro')}</p>
      <ResourceState resource={list} testId="plan-load-error" />
      {list.data && items.length === 0 && <p className="muted">{t('plan.none')}</p>}
      {item && (
        <>
          <div className="field plan-pick">
            <label htmlFor="plan-pick">{t('plan.pick')}</label>
            <select id="plan-pick" value={itemKey(item)} onChange={(e) => setChosen(e.target.value)} data-testid="plan-pick">
              {items.map((i) => (
                <option key={itemKey(i)} value={itemKey(i)}>
                  {t('plan.pickOption', { subject: i.subjectName, grade: i.grade, groups: i.groups.map((g) => g.name).join(', ') || i.teacherName })}
                  {i.planId === null ? ` — ${t('plan.noPlanYet')}` : ''}
                </option>
              ))}
            </select>
          </div>
          <PlanEditor
            key={itemKey(item)}
            item={item}
            workTypes={list.data!.workTypes}
            onSaved={() => {
              setSaves((n) => n + 1);
              void list.reload();
            }}
          />
          <PlanProgress item={item} refresh={saves} />
        </>
      )}
    </div>
  );
}
