// Giving part of the grades another division of the year (trimesters for 5–9, quarters for
// 10–11 …): the grades chosen get the usual dates of that kind, editable afterwards in their card.
import { useState } from 'react';
import { STUDY_PERIOD_KINDS, type StudyKind } from '../../../src-shared/rpc/calendar';
import { useI18n } from '../../i18n';

const GRADES = Array.from({ length: 11 }, (_, i) => i + 1);

export function OtherRangeForm({ onCreate }: { onCreate(range: { gradeFrom: number; gradeTo: number }, kind: StudyKind): void }) {
  const { t } = useI18n();
  const [gradeFrom, setGradeFrom] = useState(5);
  const [gradeTo, setGradeTo] = useState(9);
  const [kind, setKind] = useState<StudyKind>('trimester');
  const grade = (value: number, set: (n: number) => void, label: string) => (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {GRADES.map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <details className="staff-card" data-testid="calendar-other-range">
      <summary>{t('calendar.periods.other')}</summary>
      <p className="muted">{t('calendar.periods.otherHint')}</p>
      <div className="form-row four">
        {grade(gradeFrom, setGradeFrom, t('calendar.days.gradeFrom'))}
        {grade(gradeTo, setGradeTo, t('calendar.days.gradeTo'))}
        <label>
          {t('calendar.periods.kind')}{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as StudyKind)}>
            {STUDY_PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`calendar.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn small" onClick={() => onCreate({ gradeFrom, gradeTo }, kind)}>
          {t('calendar.periods.create')}
        </button>
      </div>
    </details>
  );
}
