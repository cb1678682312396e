// «Итоги успеваемости» and «Посещаемость» (issue 13): a class (or, for the deputy and director,
// the whole school), a term (its marks) or «учебный год» with dates (current marks / lessons in them).
// A teacher is offered the classes they teach in; main narrows the report to their own journals.
import { useState } from 'react';
import { Check, useResource } from '../admin/ui';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useReports } from './context';
import { problemText } from './labels';
import { defaultPick } from './picker';
import { ReportPicker } from './ReportPicker';
import { ReportRunner } from './ReportRunner';
import { classReportRequest, datesProblem } from './results-request';

export function ClassReportPanel({ kind }: { kind: 'results' | 'attendance' }) {
  const { t } = useI18n();
  const { classes, terms, year, today } = useReports();
  const scope = useResource(() => invoke('reports.teachers', {}), 'reports-scope');
  const [value, setValue] = useState(() => defaultPick(classes, terms, year ?? { startsOn: today, endsOn: today }, today));
  const [school, setSchool] = useState(false);
  const wrong = !school && value.classId === null ? 'noClass' : datesProblem(value, year);
  const problem = classes.length === 0 ? t(`reports.${kind}.noClass`) : wrong && problemText(wrong, t);
  return (
    <section className="card" data-testid={`report-${kind}-panel`}>
      <p className="muted">{t(`reports.${kind}.hint`)}</p>
      {scope.data?.school && <Check label={t('reports.wholeSchool')} checked={school} onChange={setSchool} testId="report-school" />}
      <ReportPicker value={value} onChange={setValue} term range={value.termId === null} />
      <ReportRunner request={classReportRequest(kind, value, school)} problem={problem} />
    </section>
  );
}

export function ResultsPanel() {
  return <ClassReportPanel kind="results" />;
}
