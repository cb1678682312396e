// Inputs of the class results, attendance and teacher reports (issue 13): a period (a term, or
// dates inside one school year) and a scope (one class, or the whole school: classId null; a
// teacher). The main process checks the caller's rights on the scope; these only check shape.
import { z } from 'zod';
import { Id, SchoolDate } from '../domain';

export const ReportPeriod = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('term'), termId: Id }),
  z
    .strictObject({ kind: z.literal('dates'), from: SchoolDate, to: SchoolDate })
    .refine((p) => p.from <= p.to, { message: 'Начало периода позже его конца: поменяйте даты местами', path: ['to'] }),
]);
export type ReportPeriod = z.infer<typeof ReportPeriod>;

/** «Итоги успеваемости» and «Посещаемость»: one class, or the whole school (a row per class). */
export const ClassReportInput = z.strictObject({ classId: Id.nullable(), period: ReportPeriod });
export type ClassReportInput = z.infer<typeof ClassReportInput>;

/** «Отчёт учителя». */
export const TeacherReportInput = z.strictObject({ teacherId: Id, period: ReportPeriod });
export type TeacherReportInput = z.infer<typeof TeacherReportInput>;
