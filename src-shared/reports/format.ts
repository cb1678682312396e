// How a report's numbers are written on the screen, in the PDF and in the XLSX's text: the
// column's decimal places and the Russian decimal comma («4,25»), one function for all three so
// they cannot disagree. The XLSX keeps numbers numeric (rounded by `roundTo`), never as text.
import type { ReportCell } from './model';

/** The number rounded half away from zero to `digits` places (4.245 → 4.25, not 4.24 from binary 4.2449…). */
export function roundTo(n: number, digits = 0): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  // Rounding through the decimal string avoids 1.005 * 100 = 100.49999…
  const r = Math.round(Math.abs(Number(`${Math.abs(n)}e${digits}`))) / f;
  const out = n < 0 ? -r : r;
  return Object.is(out, -0) ? 0 : out;
}

/** «4,25», «−1,5», «12»; not-a-number (a share of nobody) is «—». */
export function formatNumber(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return '—';
  const r = roundTo(n, digits);
  const s = Math.abs(r).toFixed(digits).replace('.', ',');
  return r < 0 ? `−${s}` : s;
}

/** A cell as text: numbers by the column's digits, empty for null. */
export function formatCell(v: ReportCell | undefined, digits = 0): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'number' ? formatNumber(v, digits) : v;
}
