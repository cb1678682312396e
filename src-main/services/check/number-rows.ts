// Rows of numbers packed by SQLite's group_concat ("a,b,c;a,b,c"): the check reads a month of
// marks and a year of plan topics as one string per lesson or plan, since building a JS row per
// mark or topic (and collecting the garbage) costs the check more than its rules.

/**
 * Calls `row` with each row's fields (a reused buffer of `width` numbers). Fields are
 * non-negative decimals as SQLite prints INTEGER and REAL values ("12", "1.5", "2.0"), read digit
 * by digit: the digits after the point are an integer over a power of ten, one division, which
 * rounds as Number() does while the digits are exact (15 or fewer, as SQLite prints a REAL).
 * Anything else in a row (a sign, an exponent, more digits) falls back to Number() on its pieces. A row with fewer fields leaves the rest 0.
 */
export function readNumberRows(text: string, width: number, row: (fields: Float64Array) => void): void {
  if (!text) return;
  const f = new Float64Array(width);
  let field = 0;
  let n = 0;
  let digits = 0;
  let scale = 0;
  let rowStart = 0;
  let odd = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 59;
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      if (++digits > 15) odd = true;
      if (scale) scale *= 10;
    } else if (c === 46 && !scale) scale = 1;
    else if (c === 44 || c === 59) {
      if (field < width) f[field] = scale > 1 ? n / scale : n;
      field++;
      n = 0;
      digits = 0;
      scale = 0;
      if (c === 59) {
        if (odd) fallback(text.slice(rowStart, i), f);
        else for (let k = field; k < width; k++) f[k] = 0;
        row(f);
        field = 0;
        odd = false;
        rowStart = i + 1;
      }
    } else odd = true;
  }
}

function fallback(text: string, f: Float64Array): void {
  const parts = text.split(',');
  for (let k = 0; k < f.length; k++) f[k] = k < parts.length ? Number(parts[k]) : 0;
}

/** How many rows readNumberRows finds in the text. */
export function rowCount(text: string): number {
  if (!text) return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 59) n++;
  return n;
}
