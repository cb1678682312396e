// Any Report on the screen: title, subtitle, tables, text, SVG charts; a page break is a rule.
// Numbers are written as on paper (the column's digits, a decimal comma).
import { formatCell } from '../../src-shared/reports/format';
import type { Report, ReportBlock, ReportTable } from '../../src-shared/reports/model';
import { Chart } from './Chart';

function TableView({ table }: { table: ReportTable }) {
  const align = (i: number) => ({ textAlign: table.columns[i]?.align ?? 'left' }) as const;
  return (
    <div className="report-table-wrap">
      {table.title && <h3>{table.title}</h3>}
      <table className="report-table" data-testid="report-table">
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} style={align(i)}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, ri) => (
            <tr key={ri}>
              {table.columns.map((c, i) => (
                <td key={i} style={align(i)}>
                  {formatCell(r[i], c.digits)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {table.total && (
          <tfoot>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} style={align(i)}>
                  {formatCell(table.total![i], c.digits)}
                </th>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function Block({ block }: { block: ReportBlock }) {
  switch (block.kind) {
    case 'table':
      return <TableView table={block} />;
    case 'chart':
      return <Chart chart={block} />;
    case 'text':
      if (block.style === 'heading') return <h3 className="report-heading">{block.text}</h3>;
      return <p className={block.style === 'signature' ? 'report-signature' : 'report-text'}>{block.text}</p>;
    case 'break':
      return <hr className="report-break" />;
  }
}

export function ReportView({ report }: { report: Report }) {
  return (
    <article className="report-view" data-testid="report-view">
      <header>
        <h2>{report.title}</h2>
        {report.subtitle.map((s, i) => (
          <p key={i} className="report-subtitle">
            {s}
          </p>
        ))}
      </header>
      {report.blocks.map((b, i) => (
        <Block key={i} block={b} />
      ))}
      <p className="muted small-print" data-testid="report-hash">
        SHA-256: {report.sha256}
      </p>
    </article>
  );
}
