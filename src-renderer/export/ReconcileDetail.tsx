// One journal's differences in «Проверка дневника»: the lesson, then inside it who or what
// differs with the journal's value and the diary's (issue 12, instead of only «отличается»).
import { Fragment } from 'react';
import { numericDate } from '../admin/api';
import { useI18n } from '../i18n';
import { detailRows, fieldKey, lessonLabel, type CellDiff, type LessonDiff } from './reconcile-detail';

export function ReconcileDetail({ lessons, cells, cellsTotal }: { lessons: LessonDiff[]; cells: CellDiff[]; cellsTotal: number }) {
  const { t } = useI18n();
  const value = (v: string | null) => (v === null ? <span className="muted">{t('recon.emptyValue')}</span> : v);
  return (
    <>
      <table className="grid compact recon-lessons" data-testid="recon-lessons">
        <thead>
          <tr>
            <th scope="col">{t('recon.lessonDate')}</th>
            <th scope="col">{t('recon.problem')}</th>
            <th scope="col">{t('recon.who')}</th>
            <th scope="col">{t('recon.ours')}</th>
            <th scope="col">{t('recon.theirs')}</th>
          </tr>
        </thead>
        <tbody>
          {detailRows({ lessons, cells }).map(({ lesson: l, cells: diffs }) => (
            <Fragment key={l.lessonId}>
              <tr data-testid="recon-lesson" data-problem={l.problem} data-lesson={l.lessonId}>
                <td>{lessonLabel(l, numericDate)}</td>
                <td className={`recon-problem ${l.problem}`}>{t(`recon.problem.${l.problem}`)}</td>
                <td colSpan={3} />
              </tr>
              {diffs.map((c) => {
                const key = fieldKey(c);
                return (
                  <tr
                    key={`${c.field}:${c.pupilId ?? ''}:${c.pupilName ?? ''}`}
                    className="recon-cell"
                    data-testid="recon-cell"
                    data-field={c.field}
                    data-pupil={c.pupilId ?? ''}
                  >
                    <td />
                    <td />
                    <td data-testid="recon-cell-who">{key ? t(key) : (c.pupilName ?? t('recon.unknownPupil'))}</td>
                    <td data-testid="recon-cell-ours">{value(c.ours)}</td>
                    <td data-testid="recon-cell-theirs">{value(c.theirs)}</td>
                  </tr>
                );
              })}
            </Fragment>
          ))}
        </tbody>
      </table>
      {cellsTotal > cells.length && (
        <p className="muted" data-testid="recon-cells-more">
          {t('recon.cellsMore', { shown: cells.length, total: cellsTotal })}
        </p>
      )}
    </>
  );
}
