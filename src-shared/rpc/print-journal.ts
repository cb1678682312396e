// The printed class journal (issue 13): one journal's spreads for a period, and a whole class's
// year (every subject, the sheets and the check's remarks) as a job with progress.
import { z } from 'zod';
import { dateRange, Id, SchoolDate } from '../domain';
import { method } from './define';

const Pdf = z.strictObject({ name: z.string(), mime: z.literal('application/pdf'), data: z.string() });
/** A4: left and right pages one after the other; A3: the spread side by side on one landscape sheet. */
const PaperSize = z.enum(['A4', 'A3']);

export const PrintJob = z.strictObject({
  state: z.enum(['running', 'done', 'failed']),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** The file once done (handed out until the job expires). */
  file: Pdf.nullable(),
  /** Why it failed, in Russian. */
  error: z.string().nullable(),
});
export type PrintJob = z.infer<typeof PrintJob>;

export const printJournalMethods = {
  'print.journal': method({
    summary: "One journal's pages (group × subject) for a term or dates, in the paper journal's layout, as a PDF (base64)",
    permission: 'journal.read',
    input: z
      .strictObject({
        groupId: Id,
        subjectId: Id,
        /** A term of the group's year; or from..to; neither: the whole year. */
        termId: Id.optional(),
        from: SchoolDate.optional(),
        to: SchoolDate.optional(),
        size: PaperSize.default('A4'),
      })
      .refine((v) => v.termId === undefined || (v.from === undefined && v.to === undefined), {
        message: 'Укажите либо учебный период, либо даты, но не то и другое сразу',
      })
      .refine((v) => (v.from === undefined) === (v.to === undefined), { message: 'Укажите обе даты: начало и конец', path: ['to'] })
      .refine(...dateRange('from', 'to')),
    output: Pdf,
  }),
  'print.classes': method({
    summary: "The classes whose whole journal the caller may print: every class of the year (deputy, director) or the class teacher's own",
    permission: 'journal.read',
    input: z.strictObject({}),
    output: z.strictObject({ classes: z.array(z.strictObject({ id: Id, name: z.string(), year: z.string() })) }),
  }),
  'print.classYearStart': method({
    summary: "Starts printing a class's journal for the year (every subject, the sheets, the check's remarks); returns the job",
    permission: 'journal.read',
    input: z.strictObject({ classId: Id, size: PaperSize.default('A4') }),
    output: z.strictObject({ jobId: z.string() }),
  }),
  'print.classYearJob': method({
    summary: 'Progress of a class journal print started by the caller; the PDF (base64) once done',
    permission: 'journal.read',
    input: z.strictObject({ jobId: z.string().regex(/^[0-9a-f]{32}$/) }),
    output: PrintJob,
  }),
};
