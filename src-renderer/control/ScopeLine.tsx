// A check's scope in one line, with the names of the classes, teachers and subjects.
import type { CheckScope } from '../../src-shared/check/rules';
import { call } from '../admin/api';
import { useResource } from '../admin/ui';
import { useI18n } from '../i18n';
import { isWholeSchool, scopeChoices, scopeText } from './scope';

export function ScopeLine({ scope }: { scope: CheckScope }) {
  const { t } = useI18n();
  const whole = isWholeSchool(scope);
  // Names are needed only for a narrowed scope; the whole school needs no call.
  const choices = useResource(
    async () => (whole ? null : scopeChoices(await call('school.structure', {}), (await call('staff.list', {})).staff)),
    whole ? 'whole' : JSON.stringify(scope),
  );
  return (
    <p data-testid="check-scope-line">
      {t('check.scope')}: {scopeText(scope, choices.data, t('check.scope.whole'))}
    </p>
  );
}
