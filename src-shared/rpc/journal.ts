// The teacher's view of their own work: load and lessons.
import { z } from 'zod';
import { Id, SchoolDate } from '../domain';
import { method } from './define';

export const LoadItem = z.strictObject({
  groupId: Id,
  groupName: z.string(),
  classId: Id,
  className: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  hoursPerWeek: z.number(),
  pupils: z.number().int(),
  /** Own teaching load (write) or only own class as class teacher (read). */
  access: z.enum(['write', 'read']),
});

export const DayLesson = z.strictObject({
  date: SchoolDate,
  slot: z.number().int(),
  groupId: Id,
  groupName: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  room: z.string().nullable(),
  lessonId: Id.nullable(),
  held: z.boolean(),
  topic: z.string().nullable(),
});

export const journalMethods = {
  'journal.myWork': method({
    summary: "The signed-in teacher's classes and subjects, and their lessons of one week",
    permission: 'journal.read',
    input: z.strictObject({ date: SchoolDate.optional() }),
    output: z.strictObject({
      today: SchoolDate,
      weekStart: SchoolDate,
      load: z.array(LoadItem),
      week: z.array(DayLesson),
    }),
  }),
};
