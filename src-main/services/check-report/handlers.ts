// The check's report «Справка по итогам проверки…» and per-teacher lists, PDF and XLSX (issue 12).
import type { checkReportMethods } from '../../../src-shared/rpc/check-report';
import type { Handlers } from '../../rpc/handlers';

type Methods = typeof checkReportMethods;

export const checkReportHandlers: Pick<Handlers, keyof Methods> = {};
