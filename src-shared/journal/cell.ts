// What a journal cell holds and how a typed cell text is read: "5/4", "н", "б", "оп 5", "зач".
// Shared so the grid parses exactly what main validates.
import { ABSENCE_REASONS, MARK_VALUES, type AbsenceReason, type MarkValue } from '../domain';

export interface CellMark {
  value: MarkValue;
  workTypeId: number;
}

export interface CellState {
  marks: CellMark[];
  absence: AbsenceReason | null;
}

export const MAX_MARKS_PER_CELL = 4;

export type ParsedCell = { ok: true; marks: MarkValue[]; absence: AbsenceReason | null } | { ok: false; error: string };

const ALIASES: Record<string, MarkValue> = { зачет: 'зач', незачет: 'незач', 'осв.': 'осв', нз: 'незач' }; // keys after ё→е

/**
 * Reads what a teacher typed. Marks are separated by "/" (or spaces), an absence code may stand
 * before or after them. Letters are case-insensitive and "ё" reads as "е".
 */
export function parseCellText(text: string): ParsedCell {
  const tokens = text
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[\s/,;]+/)
    .filter(Boolean);
  const marks: MarkValue[] = [];
  let absence: AbsenceReason | null = null;
  for (const raw of tokens) {
    const t = ALIASES[raw] ?? raw;
    if ((ABSENCE_REASONS as readonly string[]).includes(t)) {
      if (absence) return { ok: false, error: 'В клетке может быть только одна отметка о пропуске' };
      absence = t as AbsenceReason;
    } else if ((MARK_VALUES as readonly string[]).includes(t)) {
      marks.push(t as MarkValue);
    } else {
      return { ok: false, error: `Непонятное значение «${raw}»: отметки 1–5, зач, незач, осв; пропуски н, б, у, п, оп` };
    }
  }
  if (marks.length > MAX_MARKS_PER_CELL) return { ok: false, error: `Не больше ${MAX_MARKS_PER_CELL} отметок за урок` };
  return { ok: true, marks, absence };
}

/** The text a cell shows: "5/4", "н", "оп 5". */
export function formatCell(cell: { marks: { value: string }[]; absence: string | null }): string {
  const marks = cell.marks.map((m) => m.value).join('/');
  return [cell.absence, marks].filter(Boolean).join(' ');
}

/** Late arrival is a presence: marks are fine. Other absences need a make-up work type. */
export function absenceAllowsMarks(reason: AbsenceReason | null): boolean {
  return reason === null || reason === 'оп';
}
