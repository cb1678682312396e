// The check's report «Справка по итогам проверки электронного классного журнала» and the
// per-teacher lists of remarks, as PDF and XLSX files (issue 12).
import { z } from 'zod';
import { Id } from '../domain';
import { method } from './define';

const Pdf = z.strictObject({ name: z.string(), mime: z.literal('application/pdf'), data: z.string() });
const Xlsx = z.strictObject({
  name: z.string(),
  mime: z.literal('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
  data: z.string(),
});

export const checkReportMethods = {
  'checkReport.pdf': method({
    summary: '«Справка по итогам проверки электронного классного журнала» as a PDF (base64)',
    permission: 'check.read',
    input: z.strictObject({ checkId: Id }),
    output: Pdf,
  }),
  'checkReport.xlsx': method({
    summary: 'The same report as an XLSX workbook (base64): the teacher × rule table and the remarks',
    permission: 'check.read',
    input: z.strictObject({ checkId: Id }),
    output: Xlsx,
  }),
  'checkReport.teacherList': method({
    summary: "One teacher's remarks of a check on one page, as a PDF (base64); a teacher may print only their own",
    permission: 'session',
    input: z.strictObject({ checkId: Id, teacherId: Id }),
    output: Pdf,
  }),
};
