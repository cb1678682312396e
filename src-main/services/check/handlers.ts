// The monthly check: checks, findings, remarks, deadlines (issue 12).
import { AppError } from '../../../src-shared/errors';
import type { checkMethods } from '../../../src-shared/rpc/check';
import type { Handlers } from '../../rpc/handlers';

type Methods = typeof checkMethods;

// TODO(checks helper): replace these stubs.
const todo = (): never => {
  throw new AppError('not_found', 'Проверка журнала ещё не готова');
};

export const checkHandlers: Pick<Handlers, keyof Methods> = {
  'checks.list': todo,
  'checks.run': todo,
  'checks.rerun': todo,
  'checks.get': todo,
  'checks.dismiss': todo,
  'checks.restore': todo,
  'checks.setReport': todo,
  'checks.issue': todo,
  'checks.settings': todo,
  'checks.setSettings': todo,
  'remarks.fromFindings': todo,
  'remarks.add': todo,
  'remarks.update': todo,
  'remarks.delete': todo,
  'remarks.list': todo,
  'remarks.mine': todo,
  'remarks.forJournal': todo,
  'remarks.acknowledge': todo,
  'remarks.markFixed': todo,
  'remarks.verify': todo,
  'remarks.reopen': todo,
  'remarks.recheck': todo,
};
