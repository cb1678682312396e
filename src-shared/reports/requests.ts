// What the user asks for: one request schema per report kind, joined in ReportRequest. A new
// report adds its schema here (and its builder in src-main/services/reports/registry.ts); the
// RPC methods reports.build / reports.file take any of them.
import { z } from 'zod';
import { dateRange, Id, SchoolDate } from '../domain';
import { AttendanceRequest, ResultsRequest, TeacherRequest } from './class-inputs';

/**
 * A pupil's report card («табель успеваемости»): one pupil, or the whole class (one page each).
 * termId: the study period whose marks are shown, or null for the whole year (every study
 * period, the year, exam and final marks). from–to: the current marks listed, their average and
 * the absences counted (by default the term's dates).
 */
export const CardRequest = z
  .strictObject({
    kind: z.literal('card'),
    classId: Id,
    pupilId: Id.nullable(),
    termId: Id.nullable(),
    from: SchoolDate,
    to: SchoolDate,
  })
  .refine(...dateRange('from', 'to'));
export type CardRequest = z.infer<typeof CardRequest>;

export const ReportRequest = z.discriminatedUnion('kind', [CardRequest, ResultsRequest, AttendanceRequest, TeacherRequest]);
export type ReportRequest = z.infer<typeof ReportRequest>;
export type ReportKind = ReportRequest['kind'];
