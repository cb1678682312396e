// The monthly check: checks, findings, remarks, deadlines (issue 12).
// Rights: the router checks the method's permission; ownership (a teacher acts only on their
// own remarks) and the year's state are checked by the services inside their transactions.
import { hasPermission } from '../../../src-shared/permissions';
import type { checkMethods } from '../../../src-shared/rpc/check';
import type { Handlers } from '../../rpc/handlers';
import { requireActor } from '../context';
import { recheckNow } from './deadlines';
import { acknowledge, addRemark, deleteRemark, forJournal, fromFindings, listRemarks, markFixed, mine, reopen, updateRemark, verify } from './remarks';
import { checkSettings, dismissFinding, getCheck, issueCheck, listChecks, restoreFinding, setCheckSettings, setReport } from './review';
import { rerunCheck, runCheck } from './run';

type Methods = typeof checkMethods;

export const checkHandlers: Pick<Handlers, keyof Methods> = {
  'checks.list': (ctx, input) => listChecks(ctx, input),
  'checks.run': (ctx, input) => runCheck(ctx, input),
  'checks.rerun': (ctx, input) => rerunCheck(ctx, input),
  'checks.get': (ctx, input) => getCheck(ctx, input),
  'checks.dismiss': (ctx, input) => dismissFinding(ctx, input),
  'checks.restore': (ctx, input) => restoreFinding(ctx, input),
  'checks.setReport': (ctx, input) => setReport(ctx, input),
  'checks.issue': (ctx, input) => issueCheck(ctx, input),
  'checks.settings': (ctx) => checkSettings(ctx),
  'checks.setSettings': (ctx, input) => setCheckSettings(ctx, input),
  'remarks.fromFindings': (ctx, input) => fromFindings(ctx, input),
  'remarks.add': (ctx, input) => addRemark(ctx, input),
  'remarks.update': (ctx, input) => updateRemark(ctx, input),
  'remarks.delete': (ctx, input) => deleteRemark(ctx, input),
  'remarks.list': (ctx, input) => listRemarks(ctx, input),
  'remarks.mine': (ctx) => mine(ctx),
  // Readers of every check (deputy, director) see all the journal's remarks; a teacher only their own.
  'remarks.forJournal': (ctx, input) => forJournal(ctx, input, hasPermission(requireActor(ctx).roles, 'check.read')),
  'remarks.acknowledge': (ctx, input) => acknowledge(ctx, input),
  'remarks.markFixed': (ctx, input) => markFixed(ctx, input),
  'remarks.verify': (ctx, input) => verify(ctx, input),
  'remarks.reopen': (ctx, input) => reopen(ctx, input),
  'remarks.recheck': (ctx, input) => recheckNow(ctx, input),
};
