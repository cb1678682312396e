// The check's report «Справка по итогам проверки…» and per-teacher lists, PDF and XLSX (issue 12).
import { AppError } from '../../../src-shared/errors';
import type { checkReportMethods } from '../../../src-shared/rpc/check-report';
import type { Handlers } from '../../rpc/handlers';

type Methods = typeof checkReportMethods;

// TODO(report helper): replace these stubs.
const todo = (): never => {
  throw new AppError('not_found', 'Справка ещё не готова');
};

export const checkReportHandlers: Pick<Handlers, keyof Methods> = {
  'checkReport.pdf': todo,
  'checkReport.xlsx': todo,
  'checkReport.teacherList': todo,
};
