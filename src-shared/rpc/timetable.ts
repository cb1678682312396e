// The timetable, bell times, lesson generation, one-off changes and substitutions (issue 11).
import { z } from 'zod';
import { Base64, dateRange, Id, SchoolDate, SchoolTime } from '../domain';
import { method } from './define';
import { LessonSlot } from './journal';

const Weekday = z.number().int().min(1).max(7);
const Slot = z.number().int().min(0).max(12);
const Room = z.string().trim().max(40);

export const TimetableEntryView = z.strictObject({
  id: Id,
  groupId: Id,
  groupName: z.string(),
  className: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  teacherId: Id,
  teacherName: z.string(),
  weekday: Weekday,
  slot: z.number().int(),
  room: z.string().nullable(),
  validFrom: SchoolDate,
  validTo: SchoolDate.nullable(),
  draft: z.boolean(),
});
export type TimetableEntryView = z.infer<typeof TimetableEntryView>;

/** Teachers who may be timetabled or substitute (active staff with a teaching role). */
const TeacherItem = z.strictObject({ id: Id, name: z.string() });

export const BellView = z.strictObject({ slot: Slot, startsAt: SchoolTime, endsAt: SchoolTime });

export const Conflict = z.strictObject({
  lessonId: Id,
  groupId: Id,
  subjectId: Id,
  date: SchoolDate,
  slot: z.number().int(),
  /** Why the row was kept, in Russian, for the person resolving it. */
  reason: z.string(),
});

export const SubstitutionView = z.strictObject({
  lessonId: Id.nullable(),
  groupId: Id,
  groupName: z.string(),
  className: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  date: SchoolDate,
  slot: z.number().int(),
  plannedTeacherId: Id.nullable(),
  plannedTeacherName: z.string().nullable(),
  actualTeacherId: Id.nullable(),
  actualTeacherName: z.string().nullable(),
  /** The study period holding the date (the journal opens at it). */
  termId: Id.nullable(),
});
export type SubstitutionView = z.infer<typeof SubstitutionView>;

const ImportRow = z.strictObject({
  line: z.number().int(),
  className: z.string(),
  groupName: z.string(),
  weekday: Weekday,
  slot: z.number().int(),
  subjectName: z.string(),
  teacherName: z.string(),
  room: z.string().nullable(),
  from: SchoolDate,
});

export const timetableMethods = {
  'timetable.get': method({
    summary: 'The timetable in force on a date for a class, a group or a teacher, with the bell times',
    permission: 'journal.read',
    input: z.strictObject({
      date: SchoolDate,
      classId: Id.optional(),
      groupId: Id.optional(),
      teacherId: Id.optional(),
      /** Also the rollover's drafts (not in force) of the date's year. */
      drafts: z.boolean().optional(),
    }),
    output: z.strictObject({
      yearId: Id.nullable(),
      entries: z.array(TimetableEntryView),
      bells: z.array(BellView),
      teachers: z.array(TeacherItem),
    }),
  }),
  'timetable.setEntry': method({
    summary: 'Put a lesson into a weekly slot of a group from a date (the previous entry ends the day before)',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({
      groupId: Id,
      weekday: Weekday,
      slot: Slot,
      subjectId: Id,
      teacherId: Id,
      room: Room.nullable().optional(),
      from: SchoolDate,
    }),
    output: z.strictObject({ id: Id }),
  }),
  'timetable.removeEntry': method({
    summary: 'Empty a weekly slot of a group from a date (the entry ends the day before)',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({ groupId: Id, weekday: Weekday, slot: Slot, from: SchoolDate }),
    output: z.strictObject({ removed: z.number().int() }),
  }),
  'timetable.setBells': method({
    summary: 'Replace the bell times (start and end of every slot) of a school year',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({
      yearId: Id,
      bells: z
        .array(z.strictObject({ slot: Slot, startsAt: SchoolTime, endsAt: SchoolTime }))
        .max(13),
    }),
    output: z.strictObject({ bells: z.array(BellView) }),
  }),
  'timetable.import': method({
    summary: 'Import the timetable from CSV or XLSX: preview with per-row errors; any error imports nothing',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({
      fileName: z.string().trim().min(1).max(200),
      data: Base64(30_000_000),
      dryRun: z.boolean(),
    }),
    output: z.strictObject({
      dryRun: z.boolean(),
      imported: z.boolean(),
      total: z.number().int(),
      errors: z.array(z.strictObject({ line: z.number().int(), message: z.string() })),
      preview: z.array(ImportRow),
    }),
  }),
  'timetable.generate': method({
    summary: 'Generate (or regenerate) the lessons of a year from the timetable; rows holding data are kept and listed',
    permission: 'calendar.manage',
    mutation: true,
    input: z
      .strictObject({ yearId: Id, groupId: Id.optional(), from: SchoolDate.optional(), to: SchoolDate.optional() })
      .refine(...dateRange('from', 'to')),
    output: z.strictObject({
      created: z.number().int(),
      updated: z.number().int(),
      deleted: z.number().int(),
      conflicts: z.array(Conflict),
    }),
  }),
  'timetable.addLesson': method({
    summary: 'An extra one-off lesson of a group and subject on a date and slot',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({ lesson: LessonSlot, teacherId: Id }),
    output: z.strictObject({ lessonId: Id }),
  }),
  'timetable.cancelLesson': method({
    summary: 'Cancel one lesson (refused when it holds data); regeneration does not bring it back',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({ lesson: LessonSlot }),
    output: z.strictObject({ lessonId: Id }),
  }),
  'timetable.moveLesson': method({
    summary: 'Move one lesson with its data to another date and slot',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({ lesson: LessonSlot, to: z.strictObject({ date: SchoolDate, slot: Slot }) }),
    output: z.strictObject({ lessonId: Id }),
  }),
  'timetable.publishDrafts': method({
    summary: "Put a year's draft teaching load and timetable in force and generate its lessons",
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({ yearId: Id }),
    output: z.strictObject({ loads: z.number().int(), entries: z.number().int(), created: z.number().int() }),
  }),
  'substitution.list': method({
    summary: "The day's lessons with who teaches them; substituted ones marked",
    permission: 'calendar.manage',
    input: z.strictObject({ date: SchoolDate }),
    output: z.strictObject({ date: SchoolDate, lessons: z.array(SubstitutionView), teachers: z.array(TeacherItem) }),
  }),
  'substitution.set': method({
    summary: 'Record who replaces the timetabled teacher in one lesson',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({ lesson: LessonSlot, substituteId: Id }),
    output: SubstitutionView,
  }),
  'substitution.remove': method({
    summary: 'Undo a substitution: the timetabled teacher teaches the lesson again',
    permission: 'calendar.manage',
    mutation: true,
    input: z.strictObject({ lesson: LessonSlot }),
    output: SubstitutionView,
  }),
  'substitution.mine': method({
    summary: "The signed-in teacher's substitutions of recent and coming days, each with its term",
    permission: 'journal.read',
    input: z.strictObject({}),
    output: z.strictObject({ lessons: z.array(SubstitutionView) }),
  }),
};
