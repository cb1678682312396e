// The journal's open remarks above the grid (all of them, also those on the journal as a whole
// or on a lesson of another term), and the focused lesson's remarks in the lesson panel.
import type { RemarkView } from '../../src-shared/rpc/check';
import { longDate } from '../format';
import { useI18n } from '../i18n';

export function JournalRemarks({ remarks }: { remarks: readonly RemarkView[] }) {
  const { t, locale } = useI18n();
  if (remarks.length === 0) return null;
  return (
    <details className="journal-remarks" data-testid="journal-remarks">
      <summary>{t('remarks.journal.title', { n: remarks.length })}</summary>
      <ul>
        {remarks.map((r) => (
          <li key={r.id}>
            {r.text} <span className="muted">({t('remarks.deadline', { date: longDate(r.deadline, locale) })})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function LessonRemarks({ remarks }: { remarks: readonly RemarkView[] }) {
  const { t } = useI18n();
  if (remarks.length === 0) return null;
  return (
    <div className="jp-field jp-remarks" role="note" data-testid="lesson-remarks">
      <span className="jp-label">{t('remarks.panel.title')}</span>
      <ul>
        {remarks.map((r) => (
          <li key={r.id}>
            {r.pupilName ? `${r.pupilName}: ` : ''}
            {r.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
