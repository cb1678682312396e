// One group of findings (a rule or a teacher) in a fold: its counts, «выбрать все», and the
// rows — the first PAGE of them, more on request, so a school-wide group of thousands of
// «info» findings never renders at once. A folded group renders no rows at all (a closed
// <details> still holds its children in the DOM): a whole-school month has ~3,000 findings.
import { useState } from 'react';
import type { FindingView } from '../../src-shared/check/rules';
import { useI18n } from '../i18n';
import { canRemark, findingHref, type FindingGroup } from './findings';

const PAGE = 100;
/** Groups this small start unfolded. */
const OPEN_UP_TO = 30;

interface Props {
  group: FindingGroup;
  selected: ReadonlySet<number>;
  onSelect(ids: number[], on: boolean): void;
  canWrite: boolean;
  onDismiss(f: FindingView): void;
  onRestore(f: FindingView): void;
}

export function FindingGroupList({ group, selected, onSelect, canWrite, onDismiss, onRestore }: Props) {
  const { t } = useI18n();
  const [shown, setShown] = useState(PAGE);
  const [open, setOpen] = useState(group.findings.length <= OPEN_UP_TO);
  const selectable = group.findings.filter(canRemark).map((f) => f.id);
  const allOn = selectable.length > 0 && selectable.every((id) => selected.has(id));
  const c = group.counts;
  return (
    <details
      className="control-group"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid={`finding-group-${group.key}`}
    >
      <summary>
        <strong>{group.title}</strong>{' '}
        <span className="muted">
          {t('check.groupCounts', { n: group.findings.length, error: c.error, warning: c.warning, info: c.info })}
        </span>
      </summary>
      {open && canWrite && selectable.length > 0 && (
        <label className="check">
          <input
            type="checkbox"
            checked={allOn}
            onChange={(e) => onSelect(selectable, e.target.checked)}
            data-testid="finding-group-select"
          />
          <span>{t('check.selectAll')}</span>
        </label>
      )}
      {open && (
        <ul className="control-findings">
          {group.findings.slice(0, shown).map((f) => {
            const href = findingHref(f);
            return (
              <li
                key={f.id}
                className={`sev-${f.severity}`}
                data-testid={`finding-${f.id}`}
                data-rule={f.rule}
                data-teacher={f.teacherId ?? ''}
              >
                {canWrite && canRemark(f) && (
                  <input
                    type="checkbox"
                    aria-label={t('check.select')}
                    checked={selected.has(f.id)}
                    onChange={(e) => onSelect([f.id], e.target.checked)}
                    data-testid="finding-select"
                  />
                )}
                <span className={`badge sev sev-${f.severity}`}>{f.rule}</span>
                {href ? (
                  <a href={href} data-testid="finding-link">
                    {f.text}
                  </a>
                ) : (
                  <span>{f.text}</span>
                )}
                {f.teacherName && <span className="muted"> — {f.teacherName}</span>}
                {f.remarkId !== null && <span className="badge">{t('check.hasRemark')}</span>}
                {f.dismissedReason !== null && (
                  <span className="muted"> ({t('check.dismissedBecause', { reason: f.dismissedReason })})</span>
                )}
                {canWrite && f.dismissedReason === null && f.remarkId === null && (
                  <button type="button" className="btn small ghost" onClick={() => onDismiss(f)} data-testid="finding-dismiss">
                    {t('check.dismiss')}
                  </button>
                )}
                {canWrite && f.dismissedReason !== null && (
                  <button type="button" className="btn small ghost" onClick={() => onRestore(f)} data-testid="finding-restore">
                    {t('check.restore')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {open && group.findings.length > shown && (
        <button type="button" className="btn small" onClick={() => setShown(shown + PAGE)}>
          {t('check.showMore', { n: Math.min(PAGE, group.findings.length - shown) })}
        </button>
      )}
    </details>
  );
}
