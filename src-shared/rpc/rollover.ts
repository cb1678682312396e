// The year rollover wizard: preconditions, decisions, new classes, apply, undo (issue 11).
import { z } from 'zod';
import { Id, SchoolDate } from '../domain';
import { method } from './define';

export const Decision = z.enum(['promoted', 'conditional', 'repeats', 'graduates', 'leaves']);
export type Decision = z.infer<typeof Decision>;

/** A class of the new year, named by its key (grade + letter, e.g. "6А"). */
export const NewClass = z.strictObject({
  grade: z.number().int().min(1).max(11),
  letter: z
    .string()
    .trim()
    .min(1)
    .max(3)
    .regex(/^[А-ЯЁA-Z0-9]+$/, 'буква класса: заглавные буквы или цифры'),
  classTeacherId: Id.nullable(),
  /** The old year's class whose groups, teaching load and timetable are copied (as drafts). */
  copyFromClassId: Id.nullable(),
});
export type NewClass = z.infer<typeof NewClass>;

export const DebtPlan = z.strictObject({ subjectId: Id, deadline: SchoolDate });

export const PupilPlan = z.strictObject({
  pupilId: Id,
  decision: Decision,
  /** Key of the new class ("6А"); null for graduates and leavers. */
  toClass: z.string().max(6).nullable(),
  debts: z.array(DebtPlan).max(30),
});
export type PupilPlan = z.infer<typeof PupilPlan>;

export const RolloverPlan = z.strictObject({
  classes: z.array(NewClass).max(200),
  pupils: z.array(PupilPlan).max(5000),
});
export type RolloverPlan = z.infer<typeof RolloverPlan>;

export const Precondition = z.strictObject({
  key: z.enum(['termsClosed', 'yearMarks', 'exportDelivered', 'freshBackup']),
  ok: z.boolean(),
  /** How many things are missing (0 when ok). */
  count: z.number().int(),
  examples: z.array(z.string()),
});

const YearMarkView = z.strictObject({ subjectId: Id, subjectName: z.string(), value: z.string().nullable() });

export const DraftPupil = PupilPlan.extend({
  name: z.string(),
  fromClassId: Id,
  fromClass: z.string(),
  yearMarks: z.array(YearMarkView),
});

export const PreviewClass = z.strictObject({
  key: z.string(),
  classTeacher: z.string().nullable(),
  pupils: z.number().int(),
  groups: z.number().int(),
  loads: z.number().int(),
  timetableEntries: z.number().int(),
});

export const PreviewResult = z.strictObject({
  errors: z.array(z.string()),
  counts: z.record(Decision, z.number().int()),
  debts: z.number().int(),
  classes: z.array(PreviewClass),
  newYear: z.strictObject({ label: z.string(), startsOn: SchoolDate, endsOn: SchoolDate, terms: z.number().int() }),
});

const Council = { councilNumber: z.string().trim().min(1).max(40), councilDate: SchoolDate };

const RolloverState = z.strictObject({
  id: Id,
  fromYear: z.string(),
  toYear: z.string(),
  appliedAt: z.string(),
  backupFile: z.string(),
  /** Undo is possible: no journal entry in the new year since the rollover. */
  undoable: z.boolean(),
});

export const DebtView = z.strictObject({
  id: Id,
  year: z.string(),
  pupil: z.string(),
  className: z.string(),
  subject: z.string(),
  deadline: SchoolDate,
  outcome: z.enum(['cleared', 'not_cleared']).nullable(),
  mark: z.string().nullable(),
});

export const rolloverMethods = {
  'rollover.check': method({
    summary: 'Preconditions of the year rollover: terms closed, year marks set, export delivered, a fresh backup',
    permission: 'year.rollover',
    input: z.strictObject({}),
    output: z.strictObject({
      year: z.strictObject({ id: Id, label: z.string() }).nullable(),
      ok: z.boolean(),
      preconditions: z.array(Precondition),
      last: RolloverState.nullable(),
    }),
  }),
  'rollover.backup': method({
    summary: 'Make the fresh backup the rollover asks for (deputy, administrator)',
    permission: 'year.rollover',
    mutation: true,
    ownTransaction: true,
    input: z.strictObject({}),
    output: z.strictObject({ name: z.string() }),
  }),
  'rollover.draft': method({
    summary: 'Default decisions per pupil (from the year marks) and the new classes',
    permission: 'year.rollover',
    input: z.strictObject({}),
    output: z.strictObject({
      fromYear: z.strictObject({ id: Id, label: z.string() }),
      newYear: z.strictObject({ label: z.string(), startsOn: SchoolDate, endsOn: SchoolDate }),
      oldClasses: z.array(z.strictObject({ id: Id, name: z.string(), grade: z.number().int() })),
      teachers: z.array(z.strictObject({ id: Id, name: z.string() })),
      subjects: z.array(z.strictObject({ id: Id, name: z.string() })),
      classes: z.array(NewClass),
      pupils: z.array(DraftPupil),
    }),
  }),
  'rollover.preview': method({
    summary: 'What the rollover would do with this plan (no writes)',
    permission: 'year.rollover',
    input: z.strictObject({ plan: RolloverPlan }),
    output: PreviewResult,
  }),
  'rollover.apply': method({
    summary: 'Apply the rollover after an automatic backup, in one transaction; queues a full export of the new year',
    permission: 'year.rollover',
    mutation: true,
    ownTransaction: true,
    input: z.strictObject({ plan: RolloverPlan, ...Council }),
    output: z.strictObject({
      rolloverId: Id,
      newYearId: Id,
      backupFile: z.string(),
      exportPackage: z.string().nullable(),
      exportError: z.string().nullable(),
    }),
  }),
  'rollover.undo': method({
    summary: 'Restore the pre-rollover backup, while no journal entry of the new year has been made',
    permission: 'year.rollover',
    mutation: true,
    ownTransaction: true,
    input: z.strictObject({ rolloverId: Id, confirm: z.literal(true) }),
    output: z.strictObject({ restoredFrom: z.string() }),
  }),
  'rollover.debts': method({
    summary: 'Academic debts of archived years with their outcomes',
    permission: 'year.rollover',
    input: z.strictObject({}),
    output: z.strictObject({ debts: z.array(DebtView) }),
  }),
  'rollover.setDebtOutcome': method({
    summary: "Record an academic debt's outcome (the only write into an archived year; audited)",
    permission: 'year.rollover',
    mutation: true,
    input: z
      .strictObject({
        debtId: Id,
        outcome: z.enum(['cleared', 'not_cleared']).nullable(),
        mark: z.enum(['3', '4', '5', 'зач']).optional(),
      })
      .refine((v) => (v.outcome === 'cleared') === (v.mark !== undefined), {
        message: 'отметка нужна, когда задолженность ликвидирована, и только тогда',
        path: ['mark'],
      }),
    output: DebtView,
  }),
};
