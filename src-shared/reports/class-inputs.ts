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

/** «Итоги успеваемости»: one class, or the whole school (classId null: a row per class). */
export const ResultsRequest = z.strictObject({ kind: z.literal('results'), classId: Id.nullable(), period: ReportPeriod });
export type ResultsRequest = z.infer<typeof ResultsRequest>;

/** «Посещаемость»: one class, or the whole school (classId null: a row per class). */
export const AttendanceRequest = z.strictObject({ kind: z.literal('attendance'), classId: Id.nullable(), period: ReportPeriod });
export type AttendanceRequest = z.infer<typeof AttendanceRequest>;

/** What the two class reports share. */
export type ClassReportInput = Pick<ResultsRequest, 'classId' | 'period'>;

/** «Отчёт учителя». */
export const TeacherRequest = z.strictObject({ kind: z.literal('teacher'), teacherId: Id, period: ReportPeriod });
export type TeacherRequest = z.infer<typeof TeacherRequest>;
