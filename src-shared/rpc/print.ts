// Printed class-wide sheets (issue 13): the summary sheet («сводная ведомость учёта
// успеваемости») of a class or of the whole school, and a class's attendance sheet, as PDF or
// XLSX files (base64). Scope: the deputy and the director any class and the whole school; a
// class teacher their own class; anybody else is refused.
import { z } from 'zod';
import { Id } from '../domain';
import { method } from './define';

export const PDF_MIME = 'application/pdf';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const Format = z.enum(['pdf', 'xlsx']);
const File = z.strictObject({ name: z.string(), mime: z.enum([PDF_MIME, XLSX_MIME]), data: z.string() });

export const SheetClass = z.strictObject({ id: Id, label: z.string() });
export type SheetClass = z.infer<typeof SheetClass>;

export const printSheetMethods = {
  'print.sheetClasses': method({
    summary: 'The year and the classes whose sheets the caller may print; wholeSchool: may print every class at once',
    permission: 'journal.read',
    input: z.strictObject({ yearId: Id.optional() }),
    output: z.strictObject({ yearId: Id, year: z.string(), wholeSchool: z.boolean(), classes: z.array(SheetClass) }),
  }),
  'print.summarySheets': method({
    summary: 'Summary sheets of marks: one class (classId) or every class of a year (yearId, default the current one), PDF or XLSX (base64)',
    permission: 'journal.read',
    input: z.strictObject({ yearId: Id.optional(), classId: Id.optional(), format: Format }),
    output: File,
  }),
  'print.attendanceSheet': method({
    summary: "A class's attendance sheet (pupils × school days per month, lessons missed, excused and unexcused), PDF or XLSX (base64)",
    permission: 'journal.read',
    input: z.strictObject({ classId: Id, format: Format }),
    output: File,
  }),
};
