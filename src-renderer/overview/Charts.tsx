// The director's charts as inline SVG: completeness by week (lines), marks by class (stacked
// bars of 100 %), absences by reason (bars). Geometry comes from chart-model.ts.
import type { CompletenessView, DirectorOverview, Metric } from '../../src-shared/rpc/overview';
import { shortDate } from '../format';
import { useI18n } from '../i18n';
import type { MessageKey } from '../i18n';
import { pointsAttr, scaleBars, stack, weekLine } from './chart-model';

const W = 640;
const H = 160;
const LINES: Metric[] = ['topic', 'homework', 'attendance', 'onTime'];

export function WeeksChart({ weeks }: { weeks: CompletenessView['weeks'] }) {
  const { t, locale } = useI18n();
  return (
    <figure className="chart" data-testid="chart-weeks">
      <figcaption>{t('overview.weeks')}</figcaption>
      <svg viewBox={`-30 -10 ${W + 40} ${H + 30}`} role="img" aria-label={t('overview.weeks')}>
        {[0, 0.5, 1].map((y) => (
          <g key={y}>
            <line x1={0} x2={W} y1={H - y * H} y2={H - y * H} className="axis" />
            <text x={-4} y={H - y * H + 4} textAnchor="end" className="tick">{`${y * 100}%`}</text>
          </g>
        ))}
        {LINES.map((m) => (
          <polyline key={m} points={pointsAttr(weekLine(weeks, m, W, H))} className={`line line-${m}`} data-testid={`line-${m}`} />
        ))}
        {weeks.length > 0 && (
          <>
            <text x={0} y={H + 18} className="tick">{shortDate(weeks[0]!.week, locale)}</text>
            <text x={W} y={H + 18} textAnchor="end" className="tick">{shortDate(weeks.at(-1)!.week, locale)}</text>
          </>
        )}
      </svg>
      <ul className="legend">
        {LINES.map((m) => (
          <li key={m} className={`legend-${m}`}>{t(`overview.metric.${m}`)}</li>
        ))}
      </ul>
    </figure>
  );
}

export function MarksChart({ classes }: { classes: DirectorOverview['marksByClass'] }) {
  const { t } = useI18n();
  const rowH = 16;
  return (
    <figure className="chart" data-testid="chart-marks">
      <figcaption>{t('overview.marksByClass')}</figcaption>
      {classes.length === 0 ? (
        <p className="muted">{t('overview.noMarks')}</p>
      ) : (
        <svg viewBox={`-40 0 ${W + 40} ${classes.length * rowH}`} role="img" aria-label={t('overview.marksByClass')}>
          {classes.map((c, i) => (
            <g key={c.classId} data-testid="marks-bar" data-class={c.className}>
              <text x={-4} y={i * rowH + 12} textAnchor="end" className="tick">{c.className}</text>
              {stack(c.counts).map((s) => (
                <rect key={s.value} x={s.offset * W} y={i * rowH + 2} width={s.share * W} height={rowH - 4} className={`mark-${/^[1-5]$/.test(s.value) ? s.value : 'other'}`}>
                  <title>{`${c.className}: «${s.value}» — ${s.count} (${Math.round(s.share * 100)} %)`}</title>
                </rect>
              ))}
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}

export function AbsencesChart({ reasons }: { reasons: DirectorOverview['absencesByReason'] }) {
  const { t } = useI18n();
  const lengths = scaleBars(reasons.map((r) => r.count));
  const label = (reason: string) => (['н', 'б', 'у', 'п', 'оп'].includes(reason) ? t(`overview.reason.${reason}` as MessageKey & `overview.reason.${string}`) : reason);
  return (
    <figure className="chart" data-testid="chart-absences">
      <figcaption>{t('overview.absences')}</figcaption>
      {reasons.length === 0 ? (
        <p className="muted">{t('overview.noAbsences')}</p>
      ) : (
        <table className="bars">
          <tbody>
            {reasons.map((r, i) => (
              <tr key={r.reason} data-testid="absence-bar" data-reason={r.reason}>
                <th scope="row">{label(r.reason)}</th>
                <td className="bar-cell">
                  <span className="bar" style={{ width: `${lengths[i]! * 100}%` }} />
                </td>
                <td className="num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </figure>
  );
}
