// The lesson plan (КТП): topics per teacher × subject × grade (issue 11).
import { z } from 'zod';
import { Base64, Id, SchoolDate } from '../domain';
import { method } from './define';
import { LessonSlot, LessonView, Version } from './journal';

/** A topic covers this many lessons: whole lessons, at most ten in a row. */
export const PLAN_HOURS_MAX = 10;
export const PLAN_TOPIC_MAX = 500;
/** Far above a year's lessons of one subject (about 210 at six a week). */
export const PLAN_TOPICS_MAX = 400;

export const PlanTopicInput = z.strictObject({
  topic: z.string().trim().min(1, 'тема не может быть пустой').max(PLAN_TOPIC_MAX),
  hours: z.number().int('часы — целое число уроков').min(1, 'не меньше 1 часа').max(PLAN_HOURS_MAX, `не больше ${PLAN_HOURS_MAX} часов`),
  workTypeId: Id.nullable().optional(),
});
export type PlanTopicInput = z.infer<typeof PlanTopicInput>;

export const PlanTopicView = z.strictObject({
  id: Id,
  position: z.number().int().min(1),
  topic: z.string(),
  hours: z.number(),
  workTypeId: Id.nullable(),
});
export type PlanTopicView = z.infer<typeof PlanTopicView>;

/** One teacher × subject × grade of the year: its plan, or a load that has none yet. */
export const PlanItem = z.strictObject({
  planId: Id.nullable(),
  teacherId: Id,
  teacherName: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  grade: z.number().int(),
  /** The groups of this grade the teacher teaches the subject to now, e.g. ["5А", "5Б"]. */
  groups: z.array(z.strictObject({ groupId: Id, name: z.string() })),
  topics: z.number().int(),
  hours: z.number(),
  updatedAt: z.string().nullable(),
  /** The caller's own load (may save) or read only (deputy, director, a former load). */
  access: z.enum(['write', 'read']),
});
export type PlanItem = z.infer<typeof PlanItem>;

export const PlanView = z.strictObject({
  planId: Id.nullable(),
  yearId: Id,
  teacherId: Id,
  teacherName: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  grade: z.number().int(),
  access: z.enum(['write', 'read']),
  updatedAt: z.string().nullable(),
  topics: z.array(PlanTopicView),
});
export type PlanView = z.infer<typeof PlanView>;

const PlanRef = {
  subjectId: Id,
  grade: z.number().int().min(1).max(11),
};

export const PlanImportRow = z.strictObject({
  line: z.number().int(),
  topic: z.string(),
  hours: z.number().nullable(),
  workTypeId: Id.nullable(),
});

export const LessonOffer = z.strictObject({
  date: SchoolDate,
  slot: z.number().int(),
  lessonId: Id.nullable(),
  /** The plan topic offered for (or accepted by) this lesson; null when the plan is used up or the lesson was not held. */
  planTopicId: Id.nullable(),
  topic: z.string().nullable(),
  /** The lesson already carries this plan topic. */
  accepted: z.boolean(),
});
export type LessonOffer = z.infer<typeof LessonOffer>;

export const PlanProgress = z.strictObject({
  today: SchoolDate,
  /** Lessons to date that covered a plan hour (held, or with an accepted topic). */
  given: z.number().int(),
  /** Plan hours covered to date: where the plan stands (accepted topics can jump ahead or back). */
  position: z.number().int(),
  /** Lessons scheduled to date (not cancelled), at most the plan's hours: where it should stand. */
  expected: z.number().int(),
  totalHours: z.number().int(),
  /** position − expected: above 0 ahead of the plan, below 0 behind it. */
  delta: z.number().int(),
});
export type PlanProgress = z.infer<typeof PlanProgress>;

export const planMethods = {
  'plan.list': method({
    summary: "The year's lesson plans: a teacher's own plans and loads without one; all for the deputy and director",
    permission: 'journal.read',
    input: z.strictObject({}),
    output: z.strictObject({
      yearId: Id.nullable(),
      items: z.array(PlanItem),
      /** The work types a topic may name as its control work. */
      workTypes: z.array(z.strictObject({ id: Id, name: z.string(), isControl: z.boolean() })),
    }),
  }),
  'plan.get': method({
    summary: 'One lesson plan (teacher × subject × grade of the current year) with its topics',
    permission: 'journal.read',
    input: z.strictObject({ ...PlanRef, teacherId: Id.optional() }),
    output: PlanView,
  }),
  'plan.save': method({
    summary: "Replace the whole topic list of the caller's plan for a subject and grade they teach",
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({ ...PlanRef, topics: z.array(PlanTopicInput).max(PLAN_TOPICS_MAX) }),
    output: PlanView,
  }),
  'plan.import': method({
    summary: 'Import a plan from CSV or XLSX (№, Тема, Часы, Вид контроля): a preview with per-row errors; applied only without errors',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({
      ...PlanRef,
      fileName: z.string().trim().min(1).max(200),
      data: Base64(10_000_000),
      apply: z.boolean(),
    }),
    output: z.strictObject({
      applied: z.boolean(),
      rows: z.array(PlanImportRow),
      errors: z.array(z.strictObject({ line: z.number().int(), message: z.string() })),
      plan: PlanView.nullable(),
    }),
  }),
  'plan.forJournal': method({
    summary: "The plan of a journal's teacher, subject and grade: the topic offered for each lesson, and ahead/behind to date",
    permission: 'journal.read',
    input: z.strictObject({ groupId: Id, subjectId: Id }),
    output: z.strictObject({
      plan: PlanView.nullable(),
      lessons: z.array(LessonOffer),
      progress: PlanProgress.nullable(),
    }),
  }),
  'plan.acceptTopic': method({
    summary: "Set a lesson's topic from the plan (the plan's text or the teacher's edit of it) and remember the plan topic",
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({
      lesson: LessonSlot,
      planTopicId: Id,
      topic: z.string().trim().min(1).max(PLAN_TOPIC_MAX).optional(),
      version: Version.optional(),
    }),
    output: LessonView,
  }),
};
