// The rules the engine runs, in report order. A rule is a pure function of the loaded data.
// rules2 adds R7–R15 here (its own files); R18 is asynchronous (export/diary-findings.ts).
import type { Finding, RuleId } from '../../../../src-shared/check/rules';
import type { CheckData } from '../data';
import { r1, r2 } from './entries';
import { r3 } from './late';
import { r4 } from './silent';
import { r5 } from './held';
import { r6 } from './plan';
import { r16 } from './absence-reason';
import { r17 } from './closed-edits';
import { r10, r11, r12, r13, r14, r15, r7, r8, r9 } from './terms-index';

export type Rule = (data: CheckData) => Finding[];

export const RULE_FNS: readonly { id: RuleId; fn: Rule }[] = [
  { id: 'R1', fn: r1 },
  { id: 'R2', fn: r2 },
  { id: 'R3', fn: r3 },
  { id: 'R4', fn: r4 },
  { id: 'R5', fn: r5 },
  { id: 'R6', fn: r6 },
  { id: 'R7', fn: r7 },
  { id: 'R8', fn: r8 },
  { id: 'R9', fn: r9 },
  { id: 'R10', fn: r10 },
  { id: 'R11', fn: r11 },
  { id: 'R12', fn: r12 },
  { id: 'R13', fn: r13 },
  { id: 'R14', fn: r14 },
  { id: 'R15', fn: r15 },
  { id: 'R16', fn: r16 },
  { id: 'R17', fn: r17 },
];
