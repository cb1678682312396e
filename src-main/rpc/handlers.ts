// The handler type every capability implements, keyed by the shared registry's method names.
import type { MethodName, MethodOutput, MethodParsedInput } from '../../src-shared/rpc/registry';
import type { Ctx } from '../services/context';

export type Handler<M extends MethodName> = (ctx: Ctx, input: MethodParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };
