// What is missing before a term closes, journal by journal (terms.preview).
import type { MethodOutput } from '../../../src-shared/rpc/registry';
import { useI18n } from '../../i18n';

export type Preview = MethodOutput<'terms.preview'>;

const ddmm = (d: string) => `${d.slice(8, 10)}.${d.slice(5, 7)}`;

export function PreviewList({ preview }: { preview: Preview }) {
  const { t } = useI18n();
  return (
    <div data-testid="closing-preview">
      <p>{t('closing.tab.journals', { n: preview.journals, m: preview.missing.length })}</p>
      {preview.missing.length === 0 && <p data-testid="closing-all-filled">{t('closing.tab.allFilled')}</p>}
      <ul className="closing-missing">
        {preview.missing.map((j) => (
          <li key={`${j.groupId}:${j.subjectId}`} data-testid="closing-missing">
            <strong>
              {j.groupName} · {j.subjectName}
            </strong>
            {j.teacherName && <span className="muted"> ({j.teacherName})</span>}
            {j.pupilsWithoutMark.length > 0 && (
              <div>{t('closing.tab.noMark', { names: j.pupilsWithoutMark.map((p) => p.name).join(', ') })}</div>
            )}
            {j.lessonsWithoutTopic.length > 0 && (
              <div>{t('closing.tab.noTopic', { dates: j.lessonsWithoutTopic.map((l) => ddmm(l.date)).join(', ') })}</div>
            )}
            {j.lessonsEmpty.length > 0 && (
              <div>{t('closing.tab.empty', { dates: j.lessonsEmpty.map((l) => ddmm(l.date)).join(', ') })}</div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
