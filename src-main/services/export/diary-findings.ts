// The check's rule R18 (issue 12): the journal against the portal's diary, as findings naming
// the pupil, the lesson and both values. Asynchronous (the portal); the check runs it when the
// export is configured and records why not otherwise.
import type { CheckScope, Finding } from '../../../src-shared/check/rules';
import type { Ctx } from '../context';

// TODO(r18 helper): compare with the portal.
export async function diaryFindings(
  ctx: Ctx,
  run: { from: string; to: string; scope: CheckScope },
): Promise<{ findings: Finding[]; note: string | null }> {
  void ctx;
  void run;
  return { findings: [], note: 'Сверка с дневником не выполнялась' };
}
