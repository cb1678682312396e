// Class × term: when each term closed for each class; below, the reopenings still open, each
// with «Закрыть снова».
import { termLabel } from '../../journal/closing/labels';
import { dayOf } from '../../journal/closing/reopen';
import { useI18n } from '../../i18n';
import { closedFor, reopeningKind, type Reopening, type Status } from './model';

interface Props {
  status: Status;
  busy: boolean;
  onReclose(r: Reopening): void;
}

export function StatusTable({ status, busy, onReclose }: Props) {
  const { t } = useI18n();
  const terms = status.terms;
  const what = (r: Reopening) => {
    const kind = reopeningKind(r);
    if (kind === 'journal') return t('closing.tab.whatJournal');
    if (kind === 'mark') return t('closing.tab.whatMark', { pupil: r.pupilName ?? '' });
    return t('closing.tab.whatCell', { pupil: r.pupilName ?? '', date: r.lessonDate ? dayOf(r.lessonDate) : '' });
  };
  return (
    <>
      <h3>{t('closing.tab.status')}</h3>
      <table className="grid" data-testid="closing-status">
        <thead>
          <tr>
            <th scope="col">{t('closing.tab.class')}</th>
            {terms.map((x) => (
              <th scope="col" key={x.id}>
                {termLabel(t, x)} <span className="muted">{t('closing.tab.grades', { from: x.gradeFrom, to: x.gradeTo })}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {status.classes.map((c) => (
            <tr key={c.id} data-class={c.name}>
              <th scope="row">{c.name}</th>
              {terms.map((x) => {
                if (c.grade < x.gradeFrom || c.grade > x.gradeTo) return <td key={x.id} />;
                const closed = closedFor(status, c.id, x);
                return (
                  <td key={x.id} data-term={x.id} data-closed={closed ? 'true' : 'false'} title={closed?.by ?? undefined}>
                    {closed ? dayOf(closed.at) : t('closing.tab.notClosed')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('closing.tab.reopenings')}</h3>
      {status.reopenings.length === 0 && <p className="muted">{t('closing.tab.noReopenings')}</p>}
      <ul data-testid="closing-reopenings">
        {status.reopenings.map((r) => (
          <li key={r.id} data-testid="closing-reopening">
            <strong>
              {r.groupName} · {r.subjectName}
            </strong>
            {', '}
            {what(r)} — «{r.reason}»{' '}
            <span className="muted">{t('closing.tab.openedBy', { by: r.openedBy ?? '', date: dayOf(r.openedAt) })}</span>{' '}
            <button type="button" className="btn small" disabled={busy} onClick={() => onReclose(r)} data-testid="closing-reclose">
              {t('closing.tab.reclose')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
