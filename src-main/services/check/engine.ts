// The monthly check's rule engine (issue 12): loads the period's journal data once and runs the
// rules R1–R17 over it (R18, the portal's diary, is asynchronous: export/diary-findings.ts).
// Synchronous and read-only: the check service stores what it returns.
import type { CheckSettings } from '../../../src-shared/domain';
import type { CheckScope, Finding, RuleId } from '../../../src-shared/check/rules';
import type { Services } from '../context';

export interface RuleRun {
  /** The period checked, inclusive. */
  from: string;
  to: string;
  scope: CheckScope;
  /** The day the check is run: "more than N school days after the lesson" counts up to it. */
  today: string;
  settings: CheckSettings;
  /** Narrow to one journal (a remark's re-check at its deadline). */
  journal?: { groupId: number; subjectId: number };
  /** Only these rules (default: R1–R17). */
  rules?: readonly RuleId[];
}

// TODO(rules1 helper): the loader and the rules.
export function runRules(s: Pick<Services, 'sqlite'>, run: RuleRun): Finding[] {
  void s;
  void run;
  return [];
}
