// «Отчёт учителя» (issue 13): a teacher (the deputy and director choose anyone; a teacher sees
// only themself), a term or «учебный год» with dates.
import { useState } from 'react';
import { ResourceState, SelectField, useResource } from '../admin/ui';
import { Field } from '../components/form';
import { useI18n } from '../i18n';
import { invoke } from '../rpc/client';
import { useReports } from './context';
import { problemText, termLabel } from './labels';
import { currentTerm, rangeOf } from './picker';
import { ReportRunner } from './ReportRunner';
import { allStudyTerms, datesProblem, teacherRequest } from './results-request';

export function TeacherPanel() {
  const { t } = useI18n();
  const { terms, year, today } = useReports();
  const res = useResource(() => invoke('reports.teachers', {}), 'reports-teachers');
  const own = allStudyTerms(terms);
  const yr = year ?? { startsOn: today, endsOn: today };
  const [period, setPeriod] = useState(() => {
    const term = currentTerm(own, today);
    return { termId: term?.id ?? null, ...rangeOf(term, yr, today) };
  });
  const [picked, setPicked] = useState<number | null>(null);
  const teachers = res.data?.teachers ?? [];
  const teacherId = picked ?? teachers[0]?.id ?? null;
  const pickTerm = (id: string) => {
    const term = own.find((x) => String(x.id) === id) ?? null;
    setPeriod({ termId: term?.id ?? null, ...rangeOf(term, yr, today) });
  };
  const wrong = datesProblem(period, year);
  const problem = res.data && teachers.length === 0 ? t('reports.teacher.noTeacher') : wrong && problemText(wrong, t);
  return (
    <section className="card" data-testid="report-teacher-panel">
      <p className="muted">{t('reports.teacher.hint')}</p>
      {!res.data && <ResourceState resource={res} />}
      <div className="report-picker">
        <SelectField
          label={t('reports.teacher')}
          value={teacherId === null ? '' : String(teacherId)}
          onChange={(id) => setPicked(Number(id))}
          options={teachers.map((x) => ({ value: String(x.id), label: x.name }))}
          data-testid="report-teacher"
        />
        <SelectField
          label={t('reports.term')}
          value={period.termId === null ? '' : String(period.termId)}
          onChange={pickTerm}
          options={[{ value: '', label: t('reports.wholeYear') }, ...own.map((x) => ({ value: String(x.id), label: termLabel(x, t) }))]}
          data-testid="report-term"
        />
        {period.termId === null && (
          <>
            <Field label={t('reports.teacher.from')} type="date" value={period.from} onChange={(from) => setPeriod({ ...period, from })} data-testid="report-from" />
            <Field label={t('reports.to')} type="date" value={period.to} onChange={(to) => setPeriod({ ...period, to })} data-testid="report-to" />
          </>
        )}
      </div>
      <ReportRunner request={teacherRequest(teacherId, period)} problem={problem} />
    </section>
  );
}
