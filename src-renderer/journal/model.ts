// The journal grid's pure model: keys, which cell may be edited and why not, how typed text
// becomes marks with work types, pasted text, averages. No React here, so the rules read in one
// place and match what main checks (src-main/services/journal/edit.ts).
import type { AbsenceReason, MarkValue } from '../../src-shared/domain';
import { absenceAllowsMarks, parseCellText } from '../../src-shared/journal/cell';
import { suggestTermMark, weightedAverage } from '../../src-shared/journal/average';
import type { JournalView, LessonView } from '../../src-shared/rpc/journal';
import { isStudyKind } from '../../src-shared/rpc/calendar';
import { cellReopened, journalReopened } from './closing/reopen';

export type Pupil = JournalView['pupils'][number];
export type WorkType = JournalView['workTypes'][number];
export type Term = JournalView['terms'][number];
export type TermMark = JournalView['termMarks'][number];

export interface CellMark {
  value: MarkValue;
  workTypeId: number;
  weight: number;
}
export interface Cell {
  marks: CellMark[];
  absence: AbsenceReason | null;
}
export const EMPTY_CELL: Cell = { marks: [], absence: null };

/** A lesson column is addressed by its slot: planned columns have no lesson id yet. */
export const colKey = (l: { date: string; slot: number }) => `${l.date}.${l.slot}`;
export const cellKey = (col: string, pupilId: number) => `${col}#${pupilId}`;

export const isEmpty = (c: Cell) => c.marks.length === 0 && c.absence === null;

export function sameCell(a: Cell, b: Cell): boolean {
  return (
    a.absence === b.absence &&
    a.marks.length === b.marks.length &&
    a.marks.every((m, i) => m.value === b.marks[i]!.value && m.workTypeId === b.marks[i]!.workTypeId)
  );
}

/** In the group that day: inside one of the pupil's periods (a gap between stays is outside). */
export function isMemberOn(p: Pupil, date: string): boolean {
  return p.periods.some((m) => m.from <= date && (m.to === null || m.to >= date));
}

/** The quarter or half holding a date (a year view spans several, each may be closed). */
export function termOfDate(terms: readonly Term[], date: string): Term | undefined {
  return terms.find((t) => isStudyKind(t.kind) && t.startsOn <= date && date <= t.endsOn);
}

/** Why a cell cannot take marks or absences; null when it can. Mirrors main's checks. */
export type CellBlock = 'readOnly' | 'closed' | 'future' | 'notMember' | 'notHeld';

export function cellBlock(view: JournalView, lesson: LessonView, pupil: Pupil): CellBlock | null {
  return isMemberOn(pupil, lesson.date) ? columnBlock(view, lesson, pupil.id) : 'notMember';
}

/** What blocks a lesson column for marks (a closed term: unless this pupil's cell is reopened). */
export function columnBlock(view: JournalView, lesson: LessonView, pupilId?: number): Exclude<CellBlock, 'notMember'> | null {
  if (!lesson.editable) return 'readOnly';
  if (termOfDate(view.terms, lesson.date)?.closed && !cellReopened(view.reopened, lesson.lessonId, pupilId)) return 'closed';
  if (lesson.date > view.today) return 'future';
  if (!lesson.held) return 'notHeld';
  return null;
}

/** Lesson fields (topic, homework…) may be entered ahead of time, but not in a closed term. */
export function lessonBlock(view: JournalView, lesson: LessonView): 'readOnly' | 'closed' | null {
  if (!lesson.editable) return 'readOnly';
  if (termOfDate(view.terms, lesson.date)?.closed && !journalReopened(view.reopened)) return 'closed';
  return null;
}

/** Another teacher taught the lesson than the one timetabled. */
export const isSubstituted = (l: LessonView) =>
  l.plannedTeacherId !== null && l.actualTeacherId !== null && l.plannedTeacherId !== l.actualTeacherId;

/** The work type a new mark in this column gets: the column's default or the school's first. */
export function defaultWorkType(lesson: LessonView, types: readonly WorkType[]): WorkType | undefined {
  return types.find((w) => w.id === lesson.workTypeId) ?? types.find((w) => !w.isMakeUp);
}

/**
 * Turns typed values into marks with work types: a mark already in that position keeps its type
 * (retyping "4" as "5" does not change what the work was); a new one gets the column's default;
 * and for a pupil absent (not just late) every mark becomes make-up work, as main requires.
 */
export function resolveCell(
  marks: readonly MarkValue[],
  absence: AbsenceReason | null,
  prev: Cell,
  lesson: LessonView,
  types: readonly WorkType[],
): Cell {
  const byId = new Map(types.map((w) => [w.id, w]));
  const base = defaultWorkType(lesson, types);
  const makeUp = types.find((w) => w.isMakeUp);
  const needMakeUp = !absenceAllowsMarks(absence);
  return {
    absence,
    marks: marks.map((value, i) => {
      let type = byId.get(prev.marks[i]?.workTypeId ?? -1) ?? base;
      if (needMakeUp && makeUp && !type?.isMakeUp) type = makeUp;
      return { value, workTypeId: type?.id ?? 0, weight: type?.weight ?? 1 };
    }),
  };
}

/** QWERTY keys a teacher hits with the wrong layout, read as the ЙЦУКЕН letters they sit under. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  y: 'н',
  ',': 'б',
  e: 'у',
  g: 'п',
  j: 'о',
  p: 'з',
  f: 'а',
  x: 'ч',
  t: 'е',
  c: 'с',
  d: 'в',
};

export function fromLatinLayout(text: string): string {
  return text.toLowerCase().replace(/[a-z,]/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch);
}

export type ParsedText = { ok: true; marks: MarkValue[]; absence: AbsenceReason | null } | { ok: false; error: string };

/** parseCellText, with a second chance for text typed in the Latin layout ("y" → "н"). */
export function parseTyped(text: string): ParsedText {
  const first = parseCellText(text);
  if (first.ok || !/[a-z]/i.test(text)) return first;
  const again = parseCellText(fromLatinLayout(text));
  return again.ok ? again : first;
}

/** Term and year marks main accepts. */
export const TERM_VALUES = ['1', '2', '3', '4', '5', 'зач', 'незач', 'осв', 'н/а'] as const;
export type TermValue = (typeof TERM_VALUES)[number];
const TERM_ALIASES: Record<string, TermValue> = {
  зачет: 'зач',
  незачет: 'незач',
  нз: 'незач',
  'осв.': 'осв',
  на: 'н/а',
  'н.а': 'н/а',
  'н/а.': 'н/а',
};

export function parseTermText(text: string): { ok: true; value: TermValue | null } | { ok: false } {
  const t = text.trim().toLowerCase().replace(/ё/g, 'е');
  if (t === '') return { ok: true, value: null };
  const v = TERM_ALIASES[t] ?? t;
  return (TERM_VALUES as readonly string[]).includes(v) ? { ok: true, value: v as TermValue } : { ok: false };
}

/** Spreadsheet clipboard text: rows by newline, cells by tab; the trailing newline is not a row. */
export function parseClipboard(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.split('\t'));
}

export interface PupilStats {
  average: number | null;
  suggested: string | null;
}

/** Every pupil's weighted average and suggested term mark over the lessons shown. */
export function pupilStats(
  pupils: readonly Pupil[],
  lessons: readonly LessonView[],
  cells: ReadonlyMap<string, Cell>,
  threshold: number,
): Map<number, PupilStats> {
  const out = new Map<number, PupilStats>();
  const cols = lessons.map(colKey);
  for (const p of pupils) {
    const marks: { value: string; weight: number }[] = [];
    for (const col of cols) {
      const c = cells.get(cellKey(col, p.id));
      if (c) for (const m of c.marks) marks.push(m);
    }
    out.set(p.id, { average: weightedAverage(marks), suggested: suggestTermMark(marks, threshold) });
  }
  return out;
}

/** The column to open at: today's lesson, else the next one, else the last one held. */
export function initialColumn(lessons: readonly LessonView[], today: string): number {
  if (lessons.length === 0) return 0;
  const i = lessons.findIndex((l) => l.date >= today);
  return i >= 0 ? i : lessons.length - 1;
}

/** Russian short weekday for a column header ("чт"). */
const WEEKDAYS_RU = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];
const WEEKDAYS_EN = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];
export function weekdayShort(date: string, lang: 'ru' | 'en'): string {
  const d = new Date(`${date}T12:00:00Z`).getUTCDay();
  return (lang === 'ru' ? WEEKDAYS_RU : WEEKDAYS_EN)[d]!;
}

/** "26.11" without Intl: the header is built for every column on every render. */
export const ddmm = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
