// The teacher's remarks (issue 12), pure: which buttons a remark offers, the order on the start
// page, how many days are left, the link into the journal, and where the journal's markers go.
import type { RemarkState, RemarkView } from '../../src-shared/rpc/check';
import { journalHref } from '../journal/route';
import { colKey } from '../journal/model';

/** States that wait for the teacher: marked in the journal, acknowledged / fixed from the start page. */
const WAITING: ReadonlySet<RemarkState> = new Set(['open', 'acknowledged', 'overdue']);

export const isWaiting = (r: Pick<RemarkView, 'state'>): boolean => WAITING.has(r.state);

/** What the teacher may do with a remark now (the host re-checks it: state and version). */
export function remarkActions(r: Pick<RemarkView, 'state'>): { acknowledge: boolean; fix: boolean } {
  return { acknowledge: r.state === 'open', fix: WAITING.has(r.state) };
}

/** Overdue first, then what still waits by deadline; the fixed ones (waiting for the deputy) last. */
export function sortRemarks<T extends Pick<RemarkView, 'state' | 'deadline' | 'id'>>(list: readonly T[]): T[] {
  const rank = (r: T) => (r.state === 'overdue' ? 0 : WAITING.has(r.state) ? 1 : 2);
  return [...list].sort((a, b) => rank(a) - rank(b) || (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : a.id - b.id));
}

/** Calendar days from today to the deadline: 0 on the day, negative once it has passed. */
export function daysLeft(deadline: string, today: string): number {
  // Both are calendar dates: count by whole days at noon UTC, no time zone or DST drift.
  const ms = Date.parse(`${deadline}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/** The journal address of a remark: at its lesson's column when it has one; null without a journal. */
export function remarkHref(r: Pick<RemarkView, 'groupId' | 'subjectId' | 'lessonDate' | 'lessonSlot' | 'pupilId'>): string | null {
  if (r.groupId === null || r.subjectId === null) return null;
  const route = { groupId: r.groupId, subjectId: r.subjectId };
  // The lesson's column and, for a remark about a pupil, that pupil's row.
  return journalHref(route, {
    ...(r.lessonDate !== null && r.lessonSlot !== null ? { date: r.lessonDate, slot: r.lessonSlot } : {}),
    ...(r.pupilId !== null ? { pupil: r.pupilId } : {}),
  });
}

export interface RemarkMarks {
  /** Column key → the texts of remarks on the lesson itself (no pupil). */
  byCol: ReadonlyMap<string, string>;
  /** Pupil → (column key → the texts of remarks on that cell). One map per pupil: a grid row's own prop. */
  byRow: ReadonlyMap<number, ReadonlyMap<string, string>>;
  /** Pupil → the texts of remarks on the pupil without a lesson (R7, R13…). */
  byPupil: ReadonlyMap<number, string>;
  /** Every waiting remark of the journal, for the list above the grid and the lesson panel. */
  waiting: readonly RemarkView[];
}

export const NO_MARKS: RemarkMarks = { byCol: new Map(), byRow: new Map(), byPupil: new Map(), waiting: [] };

const join = (a: string | undefined, b: string) => (a ? `${a}\n${b}` : b);

/**
 * Where the markers go, computed once per load of the remarks (not per render): a grid row gets
 * its pupil's map (or undefined), so rows without remarks keep their props and their memo.
 * A remark on a lesson outside the columns shown (another term) is only in `waiting`.
 */
export function remarkMarks(
  remarks: readonly RemarkView[],
  lessons: readonly { lessonId: number | null; date: string; slot: number; part: number }[],
): RemarkMarks {
  const waiting = remarks.filter(isWaiting);
  if (waiting.length === 0) return NO_MARKS;
  const colOf = new Map<number, string>();
  for (const l of lessons) if (l.lessonId !== null) colOf.set(l.lessonId, colKey(l));
  const byCol = new Map<string, string>();
  const byRow = new Map<number, Map<string, string>>();
  const byPupil = new Map<number, string>();
  for (const r of waiting) {
    const col = r.lessonId === null ? undefined : colOf.get(r.lessonId);
    if (r.lessonId !== null && col === undefined) continue;
    if (col !== undefined && r.pupilId !== null) {
      const row = byRow.get(r.pupilId) ?? new Map<string, string>();
      row.set(col, join(row.get(col), r.text));
      byRow.set(r.pupilId, row);
    } else if (col !== undefined) byCol.set(col, join(byCol.get(col), r.text));
    else if (r.pupilId !== null) byPupil.set(r.pupilId, join(byPupil.get(r.pupilId), r.text));
  }
  return { byCol, byRow, byPupil, waiting };
}

/** The remarks shown in the lesson panel: the lesson's own and its cells'. */
export function lessonRemarks(marks: RemarkMarks, lessonId: number | null): RemarkView[] {
  return lessonId === null ? [] : marks.waiting.filter((r) => r.lessonId === lessonId);
}

/** The default reply field's text is empty: the host stores no reply for an empty one. */
export const replyInput = (reply: string): { reply?: string } => (reply.trim() ? { reply: reply.trim() } : {});
