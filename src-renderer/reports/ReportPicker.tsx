// The scope and period picker every report tab uses: a class (only those `classFilter` keeps),
// optionally a pupil («весь класс» or one), a term («учебный год» or one study period) and a
// date range the term fills in. Controlled: the tab keeps the value.
import { useI18n } from '../i18n';
import { SelectField } from '../admin/ui';
import { Field } from '../components/form';
import type { ReportClass } from '../../src-shared/rpc/reports';
import { useReports } from './context';
import { rangeOf, studyTerms, withClass, type PickerValue } from './picker';
import { termLabel } from './labels';

export interface ReportPickerProps {
  value: PickerValue;
  onChange(v: PickerValue): void;
  /** Show the pupil list («весь класс» first). */
  pupil?: boolean;
  /** Show the term list («учебный год» first). */
  term?: boolean;
  /** Show the date range (from, to). */
  range?: boolean;
  /** Which classes to offer (default: all the user may report on). */
  classFilter?(c: ReportClass): boolean;
}

export function ReportPicker({ value, onChange, pupil = false, term = false, range = true, classFilter }: ReportPickerProps) {
  const { t } = useI18n();
  const { classes, terms, year, today } = useReports();
  const offered = classFilter ? classes.filter(classFilter) : classes;
  const cls = offered.find((c) => c.id === value.classId) ?? null;
  const own = studyTerms(terms, cls?.grade ?? null);
  const pickClass = (id: string) => year && onChange(withClass(value, offered.find((c) => String(c.id) === id) ?? null, terms, year, today));
  const pickTerm = (id: string) => {
    const chosen = own.find((x) => String(x.id) === id) ?? null;
    if (year) onChange({ ...value, termId: chosen?.id ?? null, ...rangeOf(chosen, year, today) });
  };
  return (
    <div className="report-picker" data-testid="report-picker">
      <SelectField
        label={t('reports.class')}
        value={value.classId === null ? '' : String(value.classId)}
        onChange={pickClass}
        options={[...(cls ? [] : [{ value: '', label: '—' }]), ...offered.map((c) => ({ value: String(c.id), label: c.label }))]}
        data-testid="report-class"
      />
      {pupil && (
        <SelectField
          label={t('reports.pupil')}
          value={value.pupilId === null ? '' : String(value.pupilId)}
          onChange={(id) => onChange({ ...value, pupilId: id ? Number(id) : null })}
          options={[{ value: '', label: t('reports.wholeClass') }, ...(cls?.pupils ?? []).map((p) => ({ value: String(p.id), label: p.name }))]}
          data-testid="report-pupil"
        />
      )}
      {term && (
        <SelectField
          label={t('reports.term')}
          value={value.termId === null ? '' : String(value.termId)}
          onChange={pickTerm}
          options={[{ value: '', label: t('reports.wholeYear') }, ...own.map((x) => ({ value: String(x.id), label: termLabel(x, t) }))]}
          data-testid="report-term"
        />
      )}
      {range && (
        <>
          <Field label={t('reports.from')} type="date" value={value.from} onChange={(from) => onChange({ ...value, from })} data-testid="report-from" />
          <Field label={t('reports.to')} type="date" value={value.to} onChange={(to) => onChange({ ...value, to })} data-testid="report-to" />
        </>
      )}
    </div>
  );
}
