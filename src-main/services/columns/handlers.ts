// Control-work columns of a lesson and changing the work type of entered marks (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { columnsMethods } from '../../../src-shared/rpc/columns';

export const columnsHandlers: Pick<Handlers, keyof typeof columnsMethods> = {};
