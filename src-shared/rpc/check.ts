// The monthly check: checks, findings, remarks, deadlines (issue 12).
// The deputy runs a check over a period and a scope, reviews the findings (dismisses false ones
// with a reason), turns findings into remarks or writes her own, and issues the list; teachers
// acknowledge and fix their remarks; the rule is re-run at the deadline; the deputy verifies.
import { z } from 'zod';
import { CheckSettings, dateRange, Id, SchoolDate } from '../domain';
import { CheckScope, FindingView, RuleId, Severity } from '../check/rules';
import { method } from './define';
import { Version } from './journal';

export const RemarkState = z.enum(['draft', 'open', 'acknowledged', 'fixed', 'verified', 'overdue']);
export type RemarkState = z.infer<typeof RemarkState>;

const Reason = z.string().trim().min(3, 'Напишите причину (не короче 3 символов)').max(1000);
const RemarkText = z.string().trim().min(3, 'Напишите текст замечания (не короче 3 символов)').max(2000);

export const RemarkView = z.strictObject({
  id: Id,
  checkId: Id,
  findingId: Id.nullable(),
  rule: RuleId.nullable(),
  teacherId: Id,
  teacherName: z.string(),
  groupId: Id.nullable(),
  groupName: z.string().nullable(),
  subjectId: Id.nullable(),
  subjectName: z.string().nullable(),
  lessonId: Id.nullable(),
  /** The lesson's date and slot, for the link into the journal. */
  lessonDate: SchoolDate.nullable(),
  lessonSlot: z.number().int().nullable(),
  pupilId: Id.nullable(),
  pupilName: z.string().nullable(),
  text: z.string(),
  deadline: SchoolDate,
  state: RemarkState,
  fixedBy: z.enum(['teacher', 'recheck']).nullable(),
  reply: z.string().nullable(),
  createdAt: z.string(),
  stateAt: z.string(),
  version: Version,
});
export type RemarkView = z.infer<typeof RemarkView>;

export const CheckSummary = z.strictObject({
  id: Id,
  from: SchoolDate,
  to: SchoolDate,
  scope: CheckScope,
  status: z.enum(['draft', 'issued']),
  createdBy: z.string(),
  createdAt: z.string(),
  ranAt: z.string(),
  issuedAt: z.string().nullable(),
  /** Undismissed findings by severity. */
  findings: z.strictObject({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  dismissed: z.number().int(),
  /** Remarks by state. */
  remarks: z.record(RemarkState, z.number().int()),
});
export type CheckSummary = z.infer<typeof CheckSummary>;

const RemarkPlace = {
  groupId: Id.optional(),
  subjectId: Id.optional(),
  lessonId: Id.optional(),
  pupilId: Id.optional(),
};

export const checkMethods = {
  'checks.list': method({
    summary: 'The checks of the open year (or a given one), newest first, with findings and remarks counted',
    permission: 'check.read',
    input: z.strictObject({ yearId: Id.optional() }),
    output: z.array(CheckSummary),
  }),
  'checks.run': method({
    summary: 'Run every rule over a period and a scope: a new draft check with its findings',
    permission: 'journal.check',
    mutation: true,
    input: z
      .strictObject({ from: SchoolDate, to: SchoolDate, scope: CheckScope.prefault({}) })
      .refine(...dateRange('from', 'to')),
    output: z.strictObject({ checkId: Id }),
  }),
  'checks.rerun': method({
    summary: 'Run the rules of a draft check again: new findings replace the old, dismissals are kept by key',
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ checkId: Id }),
    output: z.strictObject({ checkId: Id }),
  }),
  'checks.get': method({
    summary: 'A check with its findings (filtered) and remarks',
    permission: 'check.read',
    input: z.strictObject({
      checkId: Id,
      rule: RuleId.optional(),
      severity: Severity.optional(),
      teacherId: Id.optional(),
      groupId: Id.optional(),
      /** Dismissed findings too (default: only the live ones). */
      dismissed: z.boolean().optional(),
    }),
    output: z.strictObject({
      check: CheckSummary.extend({ conclusions: z.string(), recheckOn: SchoolDate.nullable(), portalNote: z.string().nullable(), version: Version }),
      findings: z.array(FindingView),
      remarks: z.array(RemarkView),
    }),
  }),
  'checks.dismiss': method({
    summary: 'Dismiss a false finding with a reason (audited); undone with checks.restore',
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ findingId: Id, reason: Reason }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'checks.restore': method({
    summary: 'Bring a dismissed finding back',
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ findingId: Id }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'checks.setReport': method({
    summary: "The report's editable parts: conclusions and the re-check date",
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ checkId: Id, conclusions: z.string().max(20_000), recheckOn: SchoolDate.nullable(), version: Version }),
    output: z.strictObject({ version: Version }),
  }),
  'checks.issue': method({
    summary: "Issue the check: its draft remarks become open and reach the teachers",
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ checkId: Id }),
    output: z.strictObject({ issued: z.number().int() }),
  }),
  'checks.settings': method({
    summary: "The check's thresholds (school settings)",
    permission: 'check.read',
    input: z.strictObject({}),
    output: CheckSettings,
  }),
  'checks.setSettings': method({
    summary: "Change the check's thresholds (audited)",
    permission: 'journal.check',
    mutation: true,
    input: CheckSettings,
    output: CheckSettings,
  }),
  'remarks.fromFindings': method({
    summary: "Make remarks (drafts until the check is issued; open after) from findings, one per finding, to the finding's teacher",
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ findingIds: z.array(Id).min(1).max(5000), deadline: SchoolDate.optional() }),
    output: z.strictObject({ remarkIds: z.array(Id) }),
  }),
  'remarks.add': method({
    summary: "The deputy's own remark to a teacher, linked to a journal, lesson or pupil",
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ checkId: Id, teacherId: Id, text: RemarkText, deadline: SchoolDate.optional(), ...RemarkPlace }),
    output: z.strictObject({ remarkId: Id }),
  }),
  'remarks.update': method({
    summary: "Change a remark's text or deadline",
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ remarkId: Id, text: RemarkText.optional(), deadline: SchoolDate.optional(), version: Version }),
    output: z.strictObject({ version: Version }),
  }),
  'remarks.delete': method({
    summary: 'Delete a draft remark (an issued one is kept: verify it or leave it)',
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ remarkId: Id }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'remarks.list': method({
    summary: 'Remarks of any teacher, filtered (deputy, director, supervisor)',
    permission: 'check.read',
    input: z.strictObject({ checkId: Id.optional(), teacherId: Id.optional(), state: RemarkState.optional() }),
    output: z.array(RemarkView),
  }),
  'remarks.mine': method({
    summary: "The signed-in teacher's own remarks that are not verified yet",
    permission: 'journal.write',
    input: z.strictObject({}),
    output: z.array(RemarkView),
  }),
  'remarks.forJournal': method({
    summary: "Markers for one journal: open remarks on its lessons and cells (a teacher sees only their own)",
    permission: 'journal.read',
    input: z.strictObject({ groupId: Id, subjectId: Id }),
    output: z.array(RemarkView),
  }),
  'remarks.acknowledge': method({
    summary: 'The teacher has read the remark (open → acknowledged)',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({ remarkId: Id, version: Version }),
    output: z.strictObject({ version: Version }),
  }),
  'remarks.markFixed': method({
    summary: 'The teacher says the remark is fixed, with an optional answer (→ fixed)',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({ remarkId: Id, reply: z.string().trim().max(2000).optional(), version: Version }),
    output: z.strictObject({ version: Version }),
  }),
  'remarks.verify': method({
    summary: 'The deputy confirms a fixed remark (→ verified)',
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ remarkId: Id, version: Version }),
    output: z.strictObject({ version: Version }),
  }),
  'remarks.reopen': method({
    summary: 'The deputy returns a fixed or overdue remark to the teacher with a reason and a new deadline',
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ remarkId: Id, reason: Reason, deadline: SchoolDate, version: Version }),
    output: z.strictObject({ version: Version }),
  }),
  'remarks.recheck': method({
    summary: "Re-run the rules of a check's unverified remarks now: gone → fixed, still there after the deadline → overdue",
    permission: 'journal.check',
    mutation: true,
    input: z.strictObject({ checkId: Id }),
    output: z.strictObject({ fixed: z.number().int(), overdue: z.number().int(), unchanged: z.number().int() }),
  }),
};
