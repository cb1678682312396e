// The diary's own lines of given lessons (POST /api/lessons, issue 12's R18): when a lesson's
// digest differs, the school asks the portal what its diary shows for that lesson, so the
// check can name the pupil and both values instead of only «отличается». Strict on both ends.
import { z } from 'zod';
import { SchoolDate } from '../domain';
import { Pseudonym } from './package';

const Int = z.number().int().nonnegative();

/** Lesson ids the digests found different or extra; bounded so one request stays small. */
export const LessonLinesRequest = z.strictObject({ lessonIds: z.array(Int).max(5000) });
export type LessonLinesRequest = z.infer<typeof LessonLinesRequest>;

/** What the diary shows of one lesson: the digest's fields, and its non-empty cells. */
export const LessonLines = z.strictObject({
  id: Int,
  groupId: Int,
  subjectId: Int,
  date: SchoolDate,
  slot: Int,
  held: z.boolean(),
  topic: z.string().nullable(),
  homework: z.string().nullable(),
  cells: z.array(
    z.strictObject({
      pupil: Pseudonym,
      marks: z.array(z.strictObject({ value: z.string(), workType: z.string() })),
      absence: z.string().nullable(),
    }),
  ),
});
export type LessonLines = z.infer<typeof LessonLines>;

/** The answer: the lessons the portal has, in the order asked (unknown ids are left out). */
export const LessonLinesResponse = z.strictObject({ lessons: z.array(LessonLines) });
