// Start-page overviews: completeness per class and teacher, the director's charts (issue 12).
import type { overviewMethods } from '../../../src-shared/rpc/overview';
import type { Handlers } from '../../rpc/handlers';

type Methods = typeof overviewMethods;

export const overviewHandlers: Pick<Handlers, keyof Methods> = {};
