// The lesson plan (КТП): topics per teacher × subject × grade (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { planMethods } from '../../../src-shared/rpc/plan';

export const planHandlers: Pick<Handlers, keyof typeof planMethods> = {};
