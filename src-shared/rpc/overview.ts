// Start-page overviews (issue 12): completeness per class and teacher month by month, the
// deputy's check and remarks, the director's charts and the export's state.
import { z } from 'zod';
import { Id, SchoolDate, SchoolMonth } from '../domain';
import { RemarkState } from './check';
import { method } from './define';

/** A share as its two counts: the UI shows num / den, and sums stay exact across rows. */
export const Share = z.strictObject({ num: z.number().min(0), den: z.number().min(0) });
export type Share = z.infer<typeof Share>;

export const METRICS = ['topic', 'homework', 'attendance', 'marks', 'onTime'] as const;
export const Metric = z.enum(METRICS);
export type Metric = z.infer<typeof Metric>;

/**
 * One cell of the completeness table (a class or a teacher in one month, or one week):
 * topic — held lessons with a topic of at least topicMinChars characters;
 * homework — held lessons with homework or marked «без домашнего задания»;
 * attendance — held lessons with at least one entry in the pupils' cells (a mark or an absence);
 * marks — marks given against the R7 norm prorated to the month's school days (capped per journal);
 * onTime — held lessons whose first entry (audit log) came within entryDays school days
 *   (lessons with data but no audit trail — imported or generated — are not judged).
 */
export const Completeness = z.strictObject({
  held: z.number().int().min(0),
  topic: Share,
  homework: Share,
  attendance: Share,
  marks: Share,
  onTime: Share,
});
export type Completeness = z.infer<typeof Completeness>;

export const CompletenessRow = z.strictObject({
  id: Id,
  name: z.string(),
  /** Aligned with `months`. */
  months: z.array(Completeness),
});
export type CompletenessRow = z.infer<typeof CompletenessRow>;

export const CompletenessView = z.strictObject({
  yearId: Id.nullable(),
  today: SchoolDate,
  /** The year's months up to today, ascending ('2026-09' …). */
  months: z.array(SchoolMonth),
  /** Rows with their worst cell first (the lowest share of any metric in any month). */
  byClass: z.array(CompletenessRow),
  byTeacher: z.array(CompletenessRow),
  /** The whole school, month by month. */
  school: z.array(Completeness),
  /** The whole school by week (Monday), for the director's chart. */
  weeks: z.array(z.strictObject({ week: SchoolDate, value: Completeness })),
  /** The thresholds the shares were measured with (the footnote names them). */
  topicMinChars: z.number().int(),
  entryDays: z.number().int(),
});
export type CompletenessView = z.infer<typeof CompletenessView>;

const SeverityCounts = z.strictObject({ error: z.number().int(), warning: z.number().int(), info: z.number().int() });

export const DeputyOverview = z.strictObject({
  month: SchoolMonth,
  /** The latest check whose period starts in this month (null: none run yet). */
  check: z
    .strictObject({
      id: Id,
      from: SchoolDate,
      to: SchoolDate,
      status: z.enum(['draft', 'issued']),
      ranAt: z.string(),
      issuedAt: z.string().nullable(),
      findings: SeverityCounts,
      dismissed: z.number().int(),
    })
    .nullable(),
  /** Remarks of the open year's checks by state. */
  remarks: z.record(RemarkState, z.number().int()),
});
export type DeputyOverview = z.infer<typeof DeputyOverview>;

export const DirectorOverview = z.strictObject({
  /** The period the distributions cover: the year's start up to today. */
  from: SchoolDate.nullable(),
  to: SchoolDate,
  /** Marks by value per class (values as entered: 5, 4, 3, 2, 1, зачёт…). */
  marksByClass: z.array(z.strictObject({ classId: Id, className: z.string(), counts: z.record(z.string(), z.number().int()) })),
  /** Absences by reason (н, б, у, п, оп). */
  absencesByReason: z.array(z.strictObject({ reason: z.string(), count: z.number().int() })),
  export: z.strictObject({
    configured: z.boolean(),
    lastDailyDone: z.string().nullable(),
    lastFullDone: z.string().nullable(),
    dailyLate: z.boolean(),
    queued: z.number().int(),
    refused: z.number().int(),
    problem: z.string().nullable(),
  }),
});
export type DirectorOverview = z.infer<typeof DirectorOverview>;

export const overviewMethods = {
  'overview.completeness': method({
    summary: 'Completeness of the journal per class, per teacher and for the school, month by month and by week, worst first',
    permission: 'check.read',
    input: z.strictObject({ yearId: Id.optional() }),
    output: CompletenessView,
  }),
  'overview.deputy': method({
    summary: "The deputy's start page: this month's check and the remarks by state",
    permission: 'check.read',
    input: z.strictObject({}),
    output: DeputyOverview,
  }),
  'overview.director': method({
    summary: "The director's start page: marks by class, absences by reason, and the export's state",
    permission: 'check.read',
    input: z.strictObject({}),
    output: DirectorOverview,
  }),
};
