// The marks and terms rules (R7–R15) as the engine runs them: each is a function of the
// check's data; they share one term view of it (data-terms.ts), built on the first call.
import type { Finding } from '../../../../src-shared/check/rules';
import type { CheckData } from '../data';
import { termData } from '../data-terms';
import { r10MarkAndAbsence, r11FailAfterAbsence, r12FailNotFollowed, r9ControlWorkUnmarked } from './cells';
import { r7TooFewMarks, r8Unassessed } from './marks';
import { r13UnfoundedTermMark, r14TermMarkMissing, r15ManyAbsences } from './terms';

export const r7 = (data: CheckData): Finding[] => r7TooFewMarks(termData(data));
export const r8 = (data: CheckData): Finding[] => r8Unassessed(termData(data));
export const r9 = (data: CheckData): Finding[] => r9ControlWorkUnmarked(termData(data));
export const r10 = (data: CheckData): Finding[] => r10MarkAndAbsence(termData(data));
export const r11 = (data: CheckData): Finding[] => r11FailAfterAbsence(termData(data));
export const r12 = (data: CheckData): Finding[] => r12FailNotFollowed(termData(data));
export const r13 = (data: CheckData): Finding[] => r13UnfoundedTermMark(termData(data));
export const r14 = (data: CheckData): Finding[] => r14TermMarkMissing(termData(data));
export const r15 = (data: CheckData): Finding[] => r15ManyAbsences(termData(data));
