// Terms (quarters, halves, trimesters, the year, exam and final) as stored and as the RPC shows them.
import type { TermKind } from '../../../src-shared/domain';

export interface TermRow {
  id: number;
  kind: TermKind;
  number: number;
  starts_on: string;
  ends_on: string;
  grade_from: number;
  grade_to: number;
  closed_at: string | null;
}

export function termView(t: TermRow) {
  return {
    id: t.id,
    kind: t.kind,
    number: t.number,
    startsOn: t.starts_on,
    endsOn: t.ends_on,
    gradeFrom: t.grade_from,
    gradeTo: t.grade_to,
    closed: t.closed_at !== null,
  };
}
