// What the file readers hand to the column mapper: rows of cells with their row numbers.

/** A number cell of a spreadsheet (not date-formatted): its value and its text as stored. */
export interface NumberCell {
  num: number;
  text: string;
}

export type Cell = string | NumberCell;

export interface TableRow {
  /** Row number as the user sees it: the spreadsheet row, or the CSV record (header = 1). */
  line: number;
  cells: Cell[];
}

/** Non-empty rows only, in file order. */
export interface Table {
  rows: TableRow[];
}

export function cellText(c: Cell | undefined): string {
  if (c === undefined) return '';
  return typeof c === 'string' ? c : c.text;
}
