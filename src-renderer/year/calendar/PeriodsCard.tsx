// One grade range's study periods: the kind (quarters, halves, trimesters) and the dates of
// each period, saved together; closed periods and periods with marks are marked. The rows
// that only hold marks (year, exam, final) are listed under it.
import { useEffect, useState } from 'react';
import type { CalendarTerm, StudyKind } from '../../../src-shared/rpc/calendar';
import { STUDY_PERIOD_KINDS } from '../../../src-shared/rpc/calendar';
import { useI18n } from '../../i18n';
import { defaultPeriods, dmy, markTerms, rangePeriods, type PeriodDraft } from './model';
import { TermName } from './TermName';
import type { WriteOutcome } from './write';

interface Props {
  year: { startsOn: string; endsOn: string };
  range: { gradeFrom: number; gradeTo: number; kind: StudyKind };
  terms: readonly CalendarTerm[];
  readOnly: boolean;
  onSave(kind: StudyKind, periods: PeriodDraft[]): Promise<WriteOutcome>;
}

export function PeriodsCard({ year, range, terms, readOnly, onSave }: Props) {
  const { t } = useI18n();
  const current = rangePeriods(terms, range);
  const [kind, setKind] = useState<StudyKind>(range.kind);
  const [rows, setRows] = useState<PeriodDraft[]>(() => defaultPeriods(range.kind, year, current));
  const [fields, setFields] = useState<Record<string, string>>({});
  const key = current.map((c) => `${c.id}:${c.startsOn}:${c.endsOn}`).join('|');
  useEffect(() => {
    setKind(range.kind);
    setRows(defaultPeriods(range.kind, year, current));
    // Reset when the stored periods change (after a save or a reload), not on every render.
  }, [key, range.kind]);
  const label =
    range.gradeFrom === range.gradeTo
      ? t('calendar.periods.rangeOne', { n: range.gradeFrom })
      : t('calendar.periods.range', { from: range.gradeFrom, to: range.gradeTo });
  const testId = `periods-${range.gradeFrom}-${range.gradeTo}`;
  const set = (i: number, field: keyof PeriodDraft, value: string) =>
    setRows((r) => r.map((p, j) => (j === i ? { ...p, [field]: value } : p)));
  const changeKind = (k: StudyKind) => {
    setKind(k);
    setRows(defaultPeriods(k, year, current));
  };

  return (
    <section className="staff-card" aria-label={label} data-testid={testId}>
      <h4>{label}</h4>
      <div className="field inline">
        <label htmlFor={`${testId}-kind`}>{t('calendar.periods.kind')}</label>
        <select id={`${testId}-kind`} value={kind} disabled={readOnly} onChange={(e) => changeKind(e.target.value as StudyKind)}>
          {STUDY_PERIOD_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`calendar.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <table className="grid">
        <thead>
          <tr>
            <th />
            <th>{t('calendar.periods.start')}</th>
            <th>{t('calendar.periods.end')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => {
            const stored = kind === range.kind ? current[i] : undefined;
            return (
              <tr key={i}>
                <th scope="row">
                  <TermName kind={kind} number={i + 1} />
                </th>
                {(['startsOn', 'endsOn'] as const).map((f) => (
                  <td key={f}>
                    <input
                      type="date"
                      value={p[f]}
                      min={year.startsOn}
                      max={year.endsOn}
                      disabled={readOnly || stored?.closed}
                      aria-invalid={fields[`periods.${i}.${f}`] ? true : undefined}
                      title={fields[`periods.${i}.${f}`]}
                      onChange={(e) => set(i, f, e.target.value)}
                      data-testid={`${testId}-${i + 1}-${f}`}
                    />
                    {fields[`periods.${i}.${f}`] && <div className="field-error">{fields[`periods.${i}.${f}`]}</div>}
                  </td>
                ))}
                <td className="muted">
                  {stored?.closed ? t('calendar.periods.closed') : ''}{' '}
                  {stored?.marks ? t('calendar.periods.marks', { n: stored.marks }) : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {fields.periods && <div className="field-error">{fields.periods}</div>}
      {!readOnly && (
        <button
          type="button"
          className="btn small"
          onClick={() => void onSave(kind, rows).then((o) => setFields(o.fields))}
          data-testid={`${testId}-save`}
        >
          {t('calendar.periods.save')}
        </button>
      )}
      <p className="muted small-print">
        {markTerms(terms, range).map((m) => (
          <span key={m.id}>
            <TermName kind={m.kind} number={m.number} /> {m.gradeFrom === m.gradeTo ? `(${m.gradeFrom})` : ''} {dmy(m.startsOn)}–
            {dmy(m.endsOn)}
            {'; '}
          </span>
        ))}
      </p>
    </section>
  );
}
