// The check's scope: classes, teachers and subjects, each a list of check boxes in a fold.
// Nothing ticked = the whole school; ticks in two lists narrow both (AND), within one list widen (OR).
import { useMemo } from 'react';
import type { CheckScope } from '../../src-shared/check/rules';
import { call } from '../admin/api';
import { ResourceState, useResource } from '../admin/ui';
import { useI18n } from '../i18n';
import { scopeChoices, scopeText, toggle, type Choice } from './scope';

type ListKey = 'classIds' | 'teacherIds' | 'subjectIds';

export function ScopePicker({ scope, onChange }: { scope: CheckScope; onChange(s: CheckScope): void }) {
  const { t } = useI18n();
  const data = useResource(async () => {
    const [structure, staff] = await Promise.all([call('school.structure', {}), call('staff.list', {})]);
    return scopeChoices(structure, staff.staff);
  }, 'scope');
  const choices = data.data;
  const lists = useMemo(
    () =>
      choices
        ? ([
            ['classIds', t('check.scope.classes'), choices.classes],
            ['teacherIds', t('check.scope.teachers'), choices.teachers],
            ['subjectIds', t('check.scope.subjects'), choices.subjects],
          ] as [ListKey, string, Choice[]][])
        : [],
    [choices, t],
  );

  return (
    <fieldset className="control-scope" data-testid="check-scope">
      <legend>
        {t('check.scope')}: <strong data-testid="check-scope-text">{scopeText(scope, choices, t('check.scope.whole'))}</strong>
      </legend>
      {!choices && <ResourceState resource={data} />}
      {lists.map(([key, title, items]) => (
        <details key={key} className="control-scope-list">
          <summary data-testid={`scope-${key}`}>
            {title} {scope[key].length > 0 && `(${scope[key].length})`}
          </summary>
          <div className="control-checks">
            {items.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" checked={scope[key].includes(c.id)} onChange={() => onChange({ ...scope, [key]: toggle(scope[key], c.id) })} />
                <span>{c.name}</span>
              </label>
            ))}
          </div>
        </details>
      ))}
      {(scope.classIds.length > 0 || scope.teacherIds.length > 0 || scope.subjectIds.length > 0) && (
        <button type="button" className="btn small" onClick={() => onChange({ classIds: [], teacherIds: [], subjectIds: [] })}>
          {t('check.scope.clear')}
        </button>
      )}
    </fieldset>
  );
}
