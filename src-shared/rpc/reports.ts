// Reports (issue 13): any report kind is built in main as the shared Report model; the screen
// shows it (reports.build) and the PDF/XLSX are renderings of the same model (reports.file).
import { z } from 'zod';
import { Id } from '../domain';
import { Report, ReportFormat } from '../reports/model';
import { ReportRequest } from '../reports/requests';
import { method } from './define';

export const REPORT_MIME = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const ReportClass = z.strictObject({
  id: Id,
  /** «5А» */
  label: z.string(),
  grade: z.number().int(),
  /** The caller may report on the whole class (deputy, director, its class teacher). */
  whole: z.boolean(),
  pupils: z.array(z.strictObject({ id: Id, name: z.string() })),
});
export type ReportClass = z.infer<typeof ReportClass>;

export const reportsMethods = {
  'reports.classes': method({
    summary: "The current year's classes the caller may report on, with their pupils (the scope picker's lists)",
    permission: 'journal.read',
    input: z.strictObject({}),
    output: z.strictObject({ classes: z.array(ReportClass) }),
  }),
  'reports.build': method({
    summary: 'A report (card, …) as the shared Report model, for the screen; scope checked per kind',
    permission: 'journal.read',
    input: z.strictObject({ request: ReportRequest }),
    output: Report,
  }),
  'reports.file': method({
    summary: 'The same report as a PDF or an XLSX file (base64)',
    permission: 'journal.read',
    input: z.strictObject({ request: ReportRequest, format: ReportFormat }),
    output: z.strictObject({ name: z.string(), mime: z.enum([REPORT_MIME.pdf, REPORT_MIME.xlsx]), data: z.string() }),
  }),
};
