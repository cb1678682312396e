// The lesson plan (КТП): topics per teacher × subject × grade (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { planMethods } from '../../../src-shared/rpc/plan';
import { acceptTopic } from './accept';
import { importPlan } from './import';
import { forJournal } from './journal';
import { getPlan, listPlans } from './list';
import { savePlan } from './save';

export const planHandlers: Pick<Handlers, keyof typeof planMethods> = {
  'plan.list': (ctx) => listPlans(ctx),
  'plan.get': (ctx, input) => getPlan(ctx, input),
  'plan.save': (ctx, input) => savePlan(ctx, input),
  'plan.import': (ctx, input) => importPlan(ctx, input),
  'plan.forJournal': (ctx, input) => forJournal(ctx, input),
  'plan.acceptTopic': (ctx, input) => acceptTopic(ctx, input),
};
