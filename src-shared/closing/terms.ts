// How a study period, the year, the exam and the final mark are named in messages and the UI.
import type { TermKind } from '../domain';

const NAME: Record<TermKind, string> = {
  quarter: 'четверть',
  half: 'полугодие',
  trimester: 'триместр',
  year: 'Год',
  exam: 'Экзамен',
  final: 'Итоговая отметка',
};
const CLOSED: Record<TermKind, string> = {
  quarter: 'закрыта',
  half: 'закрыто',
  trimester: 'закрыт',
  year: 'закрыт',
  exam: 'закрыт',
  final: 'закрыта',
};

/** «1 четверть», «2 полугодие», «Год», «Экзамен». */
export function termName(t: { kind: TermKind; number: number }): string {
  return t.kind === 'quarter' || t.kind === 'half' || t.kind === 'trimester' ? `${t.number} ${NAME[t.kind]}` : NAME[t.kind];
}

/** «1 четверть закрыта», «Год закрыт». */
export function termClosedText(t: { kind: TermKind; number: number }): string {
  return `${termName(t)} ${CLOSED[t.kind]}`;
}

/** Study periods are the terms lessons fall into; the year, exam and final hold only marks. */
export const STUDY_PERIOD_KINDS: readonly TermKind[] = ['quarter', 'half', 'trimester'];
