// Class, teacher and subject filters above the readers' journal list (issue 12): the logic is
// in journal-filter.ts; each select offers only what the other two leave.
import { useI18n } from '../i18n';
import type { JournalList } from './JournalPicker';
import { filterChoices, NO_FILTER, type JournalFilter } from './journal-filter';

const FIELDS = [
  ['className', 'journal.picker.filterClass', 'class'],
  ['teacherName', 'journal.picker.filterTeacher', 'teacher'],
  ['subjectName', 'journal.picker.filterSubject', 'subject'],
] as const;

export function JournalFilters({
  list,
  value,
  onChange,
  testPrefix = 'open-journal',
}: {
  list: JournalList;
  value: JournalFilter;
  onChange: (f: JournalFilter) => void;
  /** The start page's filters are open-journal-*, the journal screen's journal-filter-*. */
  testPrefix?: string;
}) {
  const { t } = useI18n();
  const choices = filterChoices(list, value);
  const any = value.className || value.teacherName || value.subjectName;
  return (
    <div className="journal-filters" role="group" aria-label={t('journal.picker.filters')} data-testid={`${testPrefix}-filters`}>
      {FIELDS.map(([field, label, name]) => (
        <select
          key={field}
          aria-label={t(label)}
          value={value[field]}
          onChange={(e) => onChange({ ...value, [field]: e.target.value })}
          data-testid={`${testPrefix}-${name}`}
        >
          <option value="">
            {t(label)}: {t('journal.picker.filterAll')}
          </option>
          {choices[field].map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      ))}
      {any && (
        <button type="button" className="btn small" onClick={() => onChange(NO_FILTER)} data-testid={`${testPrefix}-reset`}>
          {t('journal.picker.filterReset')}
        </button>
      )}
    </div>
  );
}
