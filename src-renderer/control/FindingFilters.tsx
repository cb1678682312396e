// The findings' filters: rule, severity, teacher, class, live or dismissed; and the grouping.
import { RULES, type RuleId, type Severity } from '../../src-shared/check/rules';
import type { FindingView } from '../../src-shared/check/rules';
import { useI18n } from '../i18n';
import { filterOptions, type FindingFilter, type GroupBy } from './findings';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

interface Props {
  findings: readonly FindingView[];
  filter: FindingFilter;
  onFilter(f: FindingFilter): void;
  groupBy: GroupBy;
  onGroupBy(g: GroupBy): void;
}

const num = (v: string) => (v === '' ? null : Number(v));

export function FindingFilters({ findings, filter, onFilter, groupBy, onGroupBy }: Props) {
  const { t } = useI18n();
  const o = filterOptions(findings);
  const set = (patch: Partial<FindingFilter>) => onFilter({ ...filter, ...patch });
  return (
    <div className="admin-toolbar control-filters" data-testid="finding-filters">
      <label className="inline-field">
        <span>{t('check.filter.rule')}</span>
        <select value={filter.rule ?? ''} onChange={(e) => set({ rule: (e.target.value || null) as RuleId | null })} data-testid="filter-rule">
          <option value="">{t('check.filter.all')}</option>
          {o.rules.map((r) => (
            <option key={r} value={r}>
              {r}. {RULES[r].ru}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('check.filter.severity')}</span>
        <select value={filter.severity ?? ''} onChange={(e) => set({ severity: (e.target.value || null) as Severity | null })} data-testid="filter-severity">
          <option value="">{t('check.filter.all')}</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {t(`check.severity.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('check.filter.teacher')}</span>
        <select value={filter.teacherId ?? ''} onChange={(e) => set({ teacherId: num(e.target.value) })} data-testid="filter-teacher">
          <option value="">{t('check.filter.all')}</option>
          {o.teachers.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('check.filter.group')}</span>
        <select value={filter.groupId ?? ''} onChange={(e) => set({ groupId: num(e.target.value) })} data-testid="filter-group">
          <option value="">{t('check.filter.all')}</option>
          {o.groups.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span>{t('check.groupBy')}</span>
        <select value={groupBy} onChange={(e) => onGroupBy(e.target.value as GroupBy)} data-testid="group-by">
          <option value="rule">{t('check.groupBy.rule')}</option>
          <option value="teacher">{t('check.groupBy.teacher')}</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={filter.dismissed} onChange={(e) => set({ dismissed: e.target.checked })} data-testid="filter-dismissed" />
        <span>{t('check.filter.dismissed')}</span>
      </label>
    </div>
  );
}
