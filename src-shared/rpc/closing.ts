// Term and year marks rules, closing terms and reopening them (issue 11).
import { z } from 'zod';
import { Id, SchoolDate, TermKind } from '../domain';
import { method } from './define';

const TermRef = z.strictObject({ id: Id, kind: TermKind, number: z.number().int(), startsOn: SchoolDate, endsOn: SchoolDate });
const LessonRef = z.strictObject({ lessonId: Id, date: SchoolDate, slot: z.number().int() });

/** One journal (group × subject) of the term with what is missing before it closes. */
export const PreviewJournal = z.strictObject({
  groupId: Id,
  groupName: z.string(),
  classId: Id,
  className: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  teacherName: z.string().nullable(),
  /** Pupils of the group in the term with no term mark (a mark or «н/а» both count as set). */
  pupilsWithoutMark: z.array(z.strictObject({ id: Id, name: z.string() })),
  /** Held lessons up to today with no topic. */
  lessonsWithoutTopic: z.array(LessonRef),
  /** Held lessons up to today with neither a mark nor an absence. */
  lessonsEmpty: z.array(LessonRef),
});

export const ReopenView = z.strictObject({
  id: Id,
  termId: Id,
  groupId: Id,
  groupName: z.string(),
  className: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  /** Both null: the whole journal; both set: one cell; only the pupil: their term mark. */
  lessonId: Id.nullable(),
  lessonDate: SchoolDate.nullable(),
  pupilId: Id.nullable(),
  pupilName: z.string().nullable(),
  reason: z.string(),
  openedAt: z.string(),
  openedBy: z.string().nullable(),
});

export const closingMethods = {
  'terms.preview': method({
    summary: 'What is missing before a term closes, per journal: term marks, topics, empty lessons',
    permission: 'terms.close',
    input: z.strictObject({ termId: Id, classId: Id.optional() }),
    output: z.strictObject({
      term: TermRef,
      /** The classes the close would cover, and whether each is closed already. */
      classes: z.array(z.strictObject({ id: Id, name: z.string(), closed: z.boolean() })),
      journals: z.number().int(),
      /** Only the journals with something missing. */
      missing: z.array(PreviewJournal),
    }),
  }),
  'terms.close': method({
    summary: 'Close a term for one class, or for the whole school (every class of its grades)',
    permission: 'terms.close',
    mutation: true,
    input: z.strictObject({ termId: Id, classId: Id.optional() }),
    output: z.strictObject({ closedAt: z.string(), classes: z.number().int() }),
  }),
  'terms.reopen': method({
    summary: "Reopen a closed term for one journal, one cell or one pupil's term mark, with a written reason",
    permission: 'terms.close',
    mutation: true,
    input: z.strictObject({
      termId: Id,
      groupId: Id,
      subjectId: Id,
      lessonId: Id.optional(),
      pupilId: Id.optional(),
      reason: z.string().trim().min(5, 'Напишите причину (не короче 5 символов)').max(1000),
    }),
    output: z.strictObject({ id: Id }),
  }),
  'terms.reclose': method({
    summary: 'Close a reopening again',
    permission: 'terms.close',
    mutation: true,
    input: z.strictObject({ reopenId: Id }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'terms.status': method({
    summary: 'Per class and term: closed when and by whom; the open reopenings',
    permission: 'terms.close',
    input: z.strictObject({ yearId: Id.optional() }),
    output: z.strictObject({
      year: z.strictObject({ id: Id, label: z.string(), archived: z.boolean() }).nullable(),
      terms: z.array(TermRef.extend({ gradeFrom: z.number().int(), gradeTo: z.number().int(), closedAt: z.string().nullable() })),
      classes: z.array(
        z.strictObject({
          id: Id,
          name: z.string(),
          grade: z.number().int(),
          closures: z.array(z.strictObject({ termId: Id, closedAt: z.string(), closedBy: z.string().nullable() })),
        }),
      ),
      reopenings: z.array(ReopenView),
    }),
  }),
};
