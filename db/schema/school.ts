// School, years, terms, classes, groups, subjects, work types, timetable, teaching load.

import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { staffUser } from './people';

/** Exactly one row (id = 1). settings is JSON validated by SchoolSettings in src-shared. */
export const school = sqliteTable('school', {
  id: integer('id').primaryKey(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  settings: text('settings').notNull().default('{}'),
  /** Key for pseudonyms in exports (HMAC); generated once, never exported. */
  pseudonymSecret: text('pseudonym_secret').notNull(),
  createdAt: text('created_at').notNull(),
});

export const schoolYear = sqliteTable('school_year', {
  id: integer('id').primaryKey(),
  label: text('label').notNull().unique(),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  status: text('status', { enum: ['open', 'archived'] })
    .notNull()
    .default('open'),
  /** The year this one was rolled over from (null: the first year of the database). */
  previousYearId: integer('previous_year_id'),
});

/**
 * Study periods per grade range: quarters (grades 1–9 by default), halves (10–11), or trimesters;
 * one 'year' row per grade range for year marks; 'exam' and 'final' rows (grades 9 and 11) hold
 * the exam and final («итоговая») marks. closed_at: closed for the whole school (every class has
 * a term_closure row too).
 */
export const term = sqliteTable(
  'term',
  {
    id: integer('id').primaryKey(),
    yearId: integer('year_id')
      .notNull()
      .references(() => schoolYear.id),
    kind: text('kind', { enum: ['quarter', 'half', 'trimester', 'year', 'exam', 'final'] }).notNull(),
    number: integer('number').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    gradeFrom: integer('grade_from').notNull(),
    gradeTo: integer('grade_to').notNull(),
    closedAt: text('closed_at'),
    closedBy: integer('closed_by').references(() => staffUser.id),
  },
  (t) => [uniqueIndex('term_year_kind_number').on(t.yearId, t.kind, t.number, t.gradeFrom)],
);

export const classUnit = sqliteTable(
  'class_unit',
  {
    id: integer('id').primaryKey(),
    yearId: integer('year_id')
      .notNull()
      .references(() => schoolYear.id),
    grade: integer('grade').notNull(),
    letter: text('letter').notNull(),
    classTeacherId: integer('class_teacher_id').references(() => staffUser.id),
  },
  (t) => [uniqueIndex('class_year_grade_letter').on(t.yearId, t.grade, t.letter)],
);

/** Every journal belongs to a group: the whole class, or a subgroup (languages, IT). */
export const studyGroup = sqliteTable(
  'study_group',
  {
    id: integer('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => classUnit.id),
    name: text('name').notNull(),
    isWholeClass: integer('is_whole_class', { mode: 'boolean' }).notNull(),
  },
  (t) => [uniqueIndex('group_class_name').on(t.classId, t.name)],
);

export const subject = sqliteTable('subject', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
  shortName: text('short_name').notNull(),
});

/** Kinds of work a mark is for; the school sets the weights. */
export const workType = sqliteTable('work_type', {
  id: integer('id').primaryKey(),
  name: text('name').notNull().unique(),
  weight: real('weight').notNull().default(1),
  isControl: integer('is_control', { mode: 'boolean' }).notNull().default(false),
  /** "отработка": a mark for a pupil marked absent is allowed only with such a type. */
  isMakeUp: integer('is_make_up', { mode: 'boolean' }).notNull().default(false),
});

export const teachingLoad = sqliteTable(
  'teaching_load',
  {
    id: integer('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => studyGroup.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subject.id),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => staffUser.id),
    hoursPerWeek: real('hours_per_week').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    /** Copied by the year rollover for the deputy to review; not yet in force. */
    draft: integer('draft', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('load_teacher').on(t.teacherId), index('load_group_subject').on(t.groupId, t.subjectId)],
);

export const timetableEntry = sqliteTable(
  'timetable_entry',
  {
    id: integer('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => studyGroup.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subject.id),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => staffUser.id),
    weekday: integer('weekday').notNull(),
    slot: integer('slot').notNull(),
    room: text('room'),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    /** Copied by the year rollover for the deputy to review; lessons are not generated from it. */
    draft: integer('draft', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('timetable_teacher').on(t.teacherId, t.weekday), index('timetable_group').on(t.groupId, t.weekday)],
);

/** Legacy КТП of the demo generator (per group); superseded by plan/plan_topic (db/schema/year.ts). */
export const lessonPlan = sqliteTable(
  'lesson_plan',
  {
    id: integer('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => studyGroup.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subject.id),
    position: integer('position').notNull(),
    topic: text('topic').notNull(),
  },
  (t) => [uniqueIndex('plan_group_subject_pos').on(t.groupId, t.subjectId, t.position)],
);
