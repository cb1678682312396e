// Term and year marks rules, closing terms and reopening them (issue 11).
import type { Handlers } from '../../rpc/handlers';
import type { closingMethods } from '../../../src-shared/rpc/closing';
import { closeTerm, recloseTerm, reopenTerm } from './close';
import { previewClose } from './preview';
import { termsStatus } from './status';

export const closingHandlers: Pick<Handlers, keyof typeof closingMethods> = {
  'terms.preview': (ctx, input) => previewClose(ctx, input),
  'terms.close': (ctx, input) => closeTerm(ctx, input),
  'terms.reopen': (ctx, input) => reopenTerm(ctx, input),
  'terms.reclose': (ctx, input) => recloseTerm(ctx, input),
  'terms.status': (ctx, input) => termsStatus(ctx, input),
};
