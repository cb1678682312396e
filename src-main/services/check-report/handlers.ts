// The check's report «Справка по итогам проверки…» and per-teacher lists, PDF and XLSX (issue 12).
// Read-only: the files are built from journal_check / check_finding / remark as they are now.
import { AppError } from '../../../src-shared/errors';
import { hasPermission } from '../../../src-shared/permissions';
import type { checkReportMethods } from '../../../src-shared/rpc/check-report';
import type { Handlers } from '../../rpc/handlers';
import { requireActor } from '../context';
import { loadReport, loadTeacherList } from './data';
import { reportPdf, teacherListPdf } from './pdf';
import { reportXlsx } from './xlsx';

type Methods = typeof checkReportMethods;

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;
/** «spravka-proverki-2026-11-01_2026-11-30»: ASCII names survive every browser's download dialog. */
const fileBase = (d: { dateFrom: string; dateTo: string }) => `spravka-proverki-${d.dateFrom}_${d.dateTo}`;

export const checkReportHandlers: Pick<Handlers, keyof Methods> = {
  'checkReport.pdf': async (ctx, input) => {
    const d = loadReport(ctx, input.checkId);
    return { name: `${fileBase(d.check)}.pdf`, mime: 'application/pdf', data: (await reportPdf(ctx, d)).toString('base64') };
  },
  'checkReport.xlsx': (ctx, input) => {
    const d = loadReport(ctx, input.checkId);
    return { name: `${fileBase(d.check)}.xlsx`, mime: XLSX_MIME, data: Buffer.from(reportXlsx(d)).toString('base64') };
  },
  'checkReport.teacherList': async (ctx, input) => {
    const actor = requireActor(ctx);
    // Readers of every check print anyone's list (drafts included, to review before issuing);
    // anybody else only their own, and only what was issued to them.
    const readsAll = hasPermission(actor.roles, 'check.read');
    const d = loadTeacherList(ctx, input.checkId, input.teacherId, readsAll);
    if (!readsAll && actor.staffId !== input.teacherId)
      throw new AppError('forbidden', 'Можно распечатать только свои замечания: выберите себя в списке учителей');
    return {
      name: `zamechaniya-${input.teacherId}-${d.check.dateFrom}_${d.check.dateTo}.pdf`,
      mime: 'application/pdf',
      data: (await teacherListPdf(ctx, d)).toString('base64'),
    };
  },
};
