// The monthly check's rule engine (issue 12): loads the period's journal data once and runs the
// rules R1–R17 over it (R18, the portal's diary, is asynchronous: export/diary-findings.ts).
// Synchronous and read-only: the check service stores what it returns.
import type { CheckSettings } from '../../../src-shared/domain';
import type { CheckScope, Finding, RuleId } from '../../../src-shared/check/rules';
import type { Services } from '../context';
import { loadCheckData } from './data';
import { RULE_FNS } from './rules';

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

export function runRules(s: Pick<Services, 'sqlite'>, run: RuleRun): Finding[] {
  // One read transaction: the loader's queries see one state of the database.
  return s.sqlite.transaction(() => {
    const data = loadCheckData(s.sqlite, run);
    const wanted = run.rules ? new Set<RuleId>(run.rules) : null;
    const teachers = run.scope.teacherIds.length ? new Set(run.scope.teacherIds) : null;
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const { id, fn } of RULE_FNS) {
      if (wanted && !wanted.has(id)) continue;
      for (const f of fn(data)) {
        // teacherIds narrow by who answers for the finding (the class teacher for R16).
        if (teachers && (f.teacherId === null || !teachers.has(f.teacherId))) continue;
        // Keys are unique per check (check_finding_key): a rule never reports one place twice.
        if (seen.has(f.key)) continue;
        seen.add(f.key);
        out.push(f);
      }
    }
    return out;
  })();
}
