// The year rollover wizard: preconditions, decisions, new classes, apply, undo (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { rolloverMethods } from '../../../src-shared/rpc/rollover';

export const rolloverHandlers: Pick<Handlers, keyof typeof rolloverMethods> = {};
