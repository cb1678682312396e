// A report's chart as hand-written SVG: the geometry is src-shared/reports/chart.ts, the same
// the PDF draws, so screen and paper agree; a charting library would lay it out differently
// (and weigh more than the 60 lines here). Scales to the container's width via the viewBox.
import { labelStride, layoutChart, seriesColour } from '../../src-shared/reports/chart';
import { formatNumber } from '../../src-shared/reports/format';
import type { ReportChart } from '../../src-shared/reports/model';

const W = 640;
const H = 240;

export function Chart({ chart }: { chart: ReportChart }) {
  const L = layoutChart(chart, { x: 0, y: 8, w: W - 8, h: H - 8 }, { axis: 30, bottom: 20 });
  const { plot } = L;
  const stride = labelStride(L.labels.length, Math.floor(plot.w / 38));
  const step = L.ticks.length > 1 ? L.ticks[1]!.value - L.ticks[0]!.value : 1;
  return (
    <figure className="report-chart" data-testid="report-chart" data-chart={chart.chart}>
      <figcaption>{chart.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={chart.title}>
        {L.ticks.map((tk) => (
          <g key={tk.value}>
            <line x1={plot.x} x2={plot.x + plot.w} y1={tk.y} y2={tk.y} className="report-chart-grid" />
            <text x={plot.x - 4} y={tk.y + 4} textAnchor="end" className="report-chart-label">
              {formatNumber(tk.value, Number.isInteger(step) ? 0 : 1)}
            </text>
          </g>
        ))}
        <polyline points={`${plot.x},${plot.y} ${plot.x},${plot.y + plot.h} ${plot.x + plot.w},${plot.y + plot.h}`} className="report-chart-axis" />
        {L.bars.map((b) => (
          <rect key={`${b.series}-${b.category}`} x={b.x} y={b.y} width={b.w} height={b.h} fill={seriesColour(b.series)} data-testid="chart-bar">
            <title>{`${chart.categories[b.category]}: ${chart.series[b.series]!.name} — ${formatNumber(b.value, Number.isInteger(b.value) ? 0 : 2)}`}</title>
          </rect>
        ))}
        {L.lines.map((runs, si) =>
          runs.map((run, ri) => (
            <g key={`${si}-${ri}`} stroke={seriesColour(si)} fill={seriesColour(si)}>
              <polyline points={run.map((p) => `${p.x},${p.y}`).join(' ')} fill="none" strokeWidth={2} data-testid="chart-line" />
              {run.map((p) => (
                <circle key={p.category} cx={p.x} cy={p.y} r={3}>
                  <title>{`${chart.categories[p.category]}: ${formatNumber(p.value, 2)}`}</title>
                </circle>
              ))}
            </g>
          )),
        )}
        {L.labels.map((l, i) =>
          i % stride === 0 ? (
            <text key={i} x={l.x} y={plot.y + plot.h + 14} textAnchor="middle" className="report-chart-label">
              {l.text}
            </text>
          ) : null,
        )}
      </svg>
      <ul className="report-chart-legend">
        {chart.series.map((s, i) => (
          <li key={s.name}>
            <span className="swatch" style={{ background: seriesColour(i) }} />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}
