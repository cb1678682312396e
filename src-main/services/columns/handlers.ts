// Control-work columns of a lesson and changing the work type of entered marks (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { columnsMethods } from '../../../src-shared/rpc/columns';
import { addColumn, changeWorkType, removeColumn, setColumn } from './columns';

export const columnsHandlers: Pick<Handlers, keyof typeof columnsMethods> = {
  'journal.addColumn': (ctx, input) => addColumn(ctx, input),
  'journal.removeColumn': (ctx, input) => removeColumn(ctx, input),
  'journal.setColumn': (ctx, input) => setColumn(ctx, input),
  'journal.changeWorkType': (ctx, input) => changeWorkType(ctx, input),
};
