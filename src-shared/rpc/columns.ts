// Control-work columns of a lesson and changing the work type of entered marks (issue 11).
import { z } from 'zod';
import { Id } from '../domain';
import { method } from './define';
import { CellView, LessonSlot, LessonView, Version } from './journal';

/** A column's own weight for its marks (null: its work type's). */
const Weight = z.number().min(0.1).max(10).nullable();

export const columnsMethods = {
  'journal.addColumn': method({
    summary: 'Add a control-work column (part 1, 2…) to a lesson, with its work type and optional own weight',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({ lesson: LessonSlot, workTypeId: Id, weight: Weight.optional() }),
    output: LessonView,
  }),
  'journal.removeColumn': method({
    summary: 'Remove an empty control-work column of a lesson',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({ lesson: LessonSlot, version: Version.optional() }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'journal.setColumn': method({
    summary: "Change a column's work type or weight (refused over entered marks: use journal.changeWorkType)",
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({ lesson: LessonSlot, workTypeId: Id.optional(), weight: Weight.optional(), version: Version.optional() }),
    output: LessonView,
  }),
  'journal.changeWorkType': method({
    summary: 'Change the work type (and weight) of a lesson or column and apply it to the N marks entered with its old type, each audited',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({
      lesson: LessonSlot,
      /** null: the school's default type (a lesson only; a column always names one). */
      workTypeId: Id.nullable(),
      weight: Weight.optional(),
      /** The teacher confirmed: the marks of the old type get the new one. */
      applyToMarks: z.literal(true),
      /** How many marks the teacher was asked about; another number is refused (`conflict`). */
      marks: z.number().int().min(0).max(10_000),
    }),
    /** cells: the rewritten cells with their new versions. */
    output: z.strictObject({ lesson: LessonView, marks: z.number().int(), cells: z.array(CellView) }),
  }),
};
