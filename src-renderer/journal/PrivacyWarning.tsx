// Under a lesson field: what in it looks personal (issue 9). A warning, not a refusal — the
// text is saved and the export masks it — so the teacher can rephrase now or leave it.
import type { LessonView, PrivacyFinding } from '../../src-shared/rpc/journal';
import { useI18n } from '../i18n';
import { privacyMessages } from './privacy';

interface Props {
  findings: readonly PrivacyFinding[];
  field: PrivacyFinding['field'];
  files?: LessonView['files'];
}

export function PrivacyWarning({ findings, field, files = [] }: Props) {
  const { t } = useI18n();
  const lines = privacyMessages(findings, field, files, t);
  if (lines.length === 0) return null;
  return (
    <div className="jp-privacy" role="status" data-testid={`privacy-warning-${field}`}>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
      <div className="jp-hint">{t('journal.privacy.hint')}</div>
    </div>
  );
}
