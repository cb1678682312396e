// The closing tab's pure rules: which classes a term covers, a class's closed state for a term
// (the whole school's closing counts), and what a reopening is.
import type { MethodOutput } from '../../../src-shared/rpc/registry';

export type Status = MethodOutput<'terms.status'>;
export type StatusTerm = Status['terms'][number];
export type Reopening = Status['reopenings'][number];

/** The classes of the term's grades, in the status's order. */
export function classesOfTerm(status: Status, term: StatusTerm): Status['classes'] {
  return status.classes.filter((c) => c.grade >= term.gradeFrom && c.grade <= term.gradeTo);
}

/** When the term closed for the class (its own closure, else the whole school's), or null. */
export function closedFor(status: Status, classId: number, term: StatusTerm): { at: string; by: string | null } | null {
  const own = status.classes.find((c) => c.id === classId)?.closures.find((x) => x.termId === term.id);
  if (own) return { at: own.closedAt, by: own.closedBy };
  return term.closedAt ? { at: term.closedAt, by: null } : null;
}

/** A reopening covers a journal, a cell or a pupil's term mark. */
export function reopeningKind(r: Pick<Reopening, 'lessonId' | 'pupilId'>): 'journal' | 'cell' | 'mark' {
  return r.lessonId !== null ? 'cell' : r.pupilId !== null ? 'mark' : 'journal';
}
