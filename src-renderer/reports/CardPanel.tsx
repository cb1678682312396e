// «Табель успеваемости»: a pupil or the whole class, a term or the year, the current marks' dates.
// Only classes the user leads (or every class for the deputy and director) are offered.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { cardRequest } from './card';
import { useReports } from './context';
import { problemText } from './labels';
import { defaultPick, pickerProblem } from './picker';
import { ReportPicker } from './ReportPicker';
import { ReportRunner } from './ReportRunner';

export function CardPanel() {
  const { t } = useI18n();
  const { classes, terms, year, today } = useReports();
  const whole = classes.filter((c) => c.whole);
  const [value, setValue] = useState(() => defaultPick(whole, terms, year ?? { startsOn: today, endsOn: today }, today));
  const wrong = pickerProblem(value, year);
  const problem = whole.length === 0 ? t('reports.card.noClass') : wrong && problemText(wrong, t);
  return (
    <section className="card" data-testid="report-card-panel">
      <p className="muted">{t('reports.card.hint')}</p>
      <ReportPicker value={value} onChange={setValue} pupil term range classFilter={(c) => c.whole} />
      <ReportRunner request={cardRequest(value)} problem={problem} />
    </section>
  );
}
