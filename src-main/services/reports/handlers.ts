// reports.*: the scope picker's lists, any report for the screen, and its PDF / XLSX file.
import { REPORT_MIME, type reportsMethods } from '../../../src-shared/rpc/reports';
import type { Handlers } from '../../rpc/handlers';
import { requireActor } from '../context';
import { reportClasses } from './classes';
import { reportPdf } from './pdf';
import { buildReport } from './registry';
import { reportXlsx } from './xlsx';

type Methods = typeof reportsMethods;

export const reportsHandlers: Pick<Handlers, keyof Methods> = {
  'reports.classes': (ctx) => ({ classes: reportClasses(ctx, requireActor(ctx)) }),
  'reports.build': (ctx, input) => buildReport(ctx, requireActor(ctx), input.request),
  'reports.file': async (ctx, input) => {
    // The model is built (synchronously, one read) before the first await of the rendering.
    const report = buildReport(ctx, requireActor(ctx), input.request);
    if (input.format === 'xlsx')
      return { name: `${report.fileBase}.xlsx`, mime: REPORT_MIME.xlsx, data: Buffer.from(reportXlsx(report)).toString('base64') };
    return { name: `${report.fileBase}.pdf`, mime: REPORT_MIME.pdf, data: (await reportPdf(ctx, report)).toString('base64') };
  },
};
