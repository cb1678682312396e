// Term and year marks rules, closing terms and reopening them (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { closingMethods } from '../../../src-shared/rpc/closing';

export const closingHandlers: Pick<Handlers, keyof typeof closingMethods> = {};
