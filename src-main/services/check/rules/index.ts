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

export type Rule = (data: CheckData) => Finding[];

export const RULE_FNS: readonly { id: RuleId; fn: Rule }[] = [
  { id: 'R1', fn: r1 },
  { id: 'R2', fn: r2 },
  { id: 'R3', fn: r3 },
  { id: 'R4', fn: r4 },
  { id: 'R5', fn: r5 },
  { id: 'R6', fn: r6 },
  { id: 'R16', fn: r16 },
  { id: 'R17', fn: r17 },
];
