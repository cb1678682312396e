// Start-page overviews: completeness per class and teacher, the director's charts (issue 12).
// Read-only: permission check.read (deputy, supervisor, director), no scope narrower than the school.
import type { overviewMethods } from '../../../src-shared/rpc/overview';
import type { Handlers } from '../../rpc/handlers';
import { completeness } from './completeness';
import { deputyOverview, directorOverview } from './summary';

type Methods = typeof overviewMethods;

export const overviewHandlers: Pick<Handlers, keyof Methods> = {
  'overview.completeness': (ctx, input) => completeness(ctx, input.yearId),
  'overview.deputy': (ctx) => deputyOverview(ctx),
  'overview.director': (ctx) => directorOverview(ctx),
};
