// The monthly check: checks, findings, remarks, deadlines (issue 12).
import type { checkMethods } from '../../../src-shared/rpc/check';
import type { Handlers } from '../../rpc/handlers';

type Methods = typeof checkMethods;

export const checkHandlers: Pick<Handlers, keyof Methods> = {};
