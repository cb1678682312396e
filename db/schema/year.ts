// The school year's calendar (holidays, working days, week length), bell times, closing terms,
// the lesson plan (КТП) and the year rollover (decisions per pupil, academic debts).
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { person, staffUser } from './people';
import { classUnit, schoolYear, studyGroup, subject, term, workType } from './school';
import { lesson } from './journal';

/**
 * A day that breaks the weekly rule for grades grade_from..grade_to: a holiday or non-school day
 * inside a term ('holiday'), or a weekend day made a school day ('workday', with the weekday
 * whose timetable it follows).
 */
export const calendarDay = sqliteTable(
  'calendar_day',
  {
    id: integer('id').primaryKey(),
    yearId: integer('year_id')
      .notNull()
      .references(() => schoolYear.id),
    date: text('date').notNull(),
    kind: text('kind', { enum: ['holiday', 'workday'] }).notNull(),
    gradeFrom: integer('grade_from').notNull().default(1),
    gradeTo: integer('grade_to').notNull().default(11),
    /** For a workday: the weekday (1 Monday … 7 Sunday) whose timetable is followed. */
    asWeekday: integer('as_weekday'),
    note: text('note'),
  },
  (t) => [index('calendar_day_year_date').on(t.yearId, t.date)],
);

/** Per grade and year: a five- or six-day week (no row: five). */
export const yearGrade = sqliteTable(
  'year_grade',
  {
    yearId: integer('year_id')
      .notNull()
      .references(() => schoolYear.id),
    grade: integer('grade').notNull(),
    daysPerWeek: integer('days_per_week').notNull().default(5),
  },
  (t) => [primaryKey({ columns: [t.yearId, t.grade] })],
);

/** The bell: when each lesson slot starts and ends. */
export const bellTime = sqliteTable(
  'bell_time',
  {
    id: integer('id').primaryKey(),
    yearId: integer('year_id')
      .notNull()
      .references(() => schoolYear.id),
    slot: integer('slot').notNull(),
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
  },
  (t) => [uniqueIndex('bell_year_slot').on(t.yearId, t.slot)],
);

/** A term closed for one class (closing for the whole school writes one row per class). */
export const termClosure = sqliteTable(
  'term_closure',
  {
    termId: integer('term_id')
      .notNull()
      .references(() => term.id),
    classId: integer('class_id')
      .notNull()
      .references(() => classUnit.id),
    closedAt: text('closed_at').notNull(),
    closedBy: integer('closed_by').references(() => staffUser.id),
  },
  (t) => [primaryKey({ columns: [t.termId, t.classId] })],
);

/**
 * A closed term reopened by the deputy for one journal (lesson and pupil null) or one cell
 * (lesson and pupil set), with the written reason; closed again when closed_at is set.
 */
export const termReopen = sqliteTable(
  'term_reopen',
  {
    id: integer('id').primaryKey(),
    termId: integer('term_id')
      .notNull()
      .references(() => term.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => studyGroup.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subject.id),
    lessonId: integer('lesson_id').references(() => lesson.id),
    pupilId: integer('pupil_id').references(() => person.id),
    reason: text('reason').notNull(),
    openedBy: integer('opened_by')
      .notNull()
      .references(() => staffUser.id),
    openedAt: text('opened_at').notNull(),
    closedAt: text('closed_at'),
    closedBy: integer('closed_by').references(() => staffUser.id),
  },
  (t) => [index('term_reopen_journal').on(t.termId, t.groupId, t.subjectId)],
);

/** КТП: one teacher's plan of one subject for one grade in one year. */
export const plan = sqliteTable(
  'plan',
  {
    id: integer('id').primaryKey(),
    yearId: integer('year_id')
      .notNull()
      .references(() => schoolYear.id),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => staffUser.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subject.id),
    grade: integer('grade').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('plan_owner').on(t.yearId, t.teacherId, t.subjectId, t.grade)],
);

/** One topic of a plan, in order, with its hours (lessons) and an optional control work type. */
export const planTopic = sqliteTable(
  'plan_topic',
  {
    id: integer('id').primaryKey(),
    planId: integer('plan_id')
      .notNull()
      .references(() => plan.id),
    position: integer('position').notNull(),
    topic: text('topic').notNull(),
    hours: real('hours').notNull().default(1),
    workTypeId: integer('work_type_id').references(() => workType.id),
  },
  (t) => [uniqueIndex('plan_topic_pos').on(t.planId, t.position)],
);

/** One applied year rollover; backup_file allows an undo until the new year's first entry. */
export const rollover = sqliteTable('rollover', {
  id: integer('id').primaryKey(),
  fromYearId: integer('from_year_id')
    .notNull()
    .references(() => schoolYear.id),
  toYearId: integer('to_year_id')
    .notNull()
    .references(() => schoolYear.id),
  backupFile: text('backup_file').notNull(),
  councilNumber: text('council_number').notNull(),
  councilDate: text('council_date').notNull(),
  appliedAt: text('applied_at').notNull(),
  appliedBy: integer('applied_by')
    .notNull()
    .references(() => staffUser.id),
  /** The audit seq of the rollover: any later journal entry in the new year ends the undo. */
  auditSeq: integer('audit_seq').notNull(),
});

/** The pedagogical council's decision for one pupil at the end of a year. */
export const pupilDecision = sqliteTable(
  'pupil_decision',
  {
    id: integer('id').primaryKey(),
    yearId: integer('year_id')
      .notNull()
      .references(() => schoolYear.id),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    fromClassId: integer('from_class_id')
      .notNull()
      .references(() => classUnit.id),
    /** The class of the new year (null: graduates or leaves). */
    toClassId: integer('to_class_id').references(() => classUnit.id),
    decision: text('decision', { enum: ['promoted', 'conditional', 'repeats', 'graduates', 'leaves'] }).notNull(),
    councilNumber: text('council_number').notNull(),
    councilDate: text('council_date').notNull(),
  },
  (t) => [uniqueIndex('pupil_decision_year').on(t.yearId, t.pupilId)],
);

/** A subject a pupil was promoted conditionally with, its deadline and (later) its outcome. */
export const academicDebt = sqliteTable(
  'academic_debt',
  {
    id: integer('id').primaryKey(),
    yearId: integer('year_id')
      .notNull()
      .references(() => schoolYear.id),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subject.id),
    deadline: text('deadline').notNull(),
    /** null: open; 'cleared' with the mark; 'not_cleared'. */
    outcome: text('outcome', { enum: ['cleared', 'not_cleared'] }),
    mark: text('mark'),
    outcomeAt: text('outcome_at'),
    outcomeBy: integer('outcome_by').references(() => staffUser.id),
  },
  (t) => [uniqueIndex('academic_debt_pupil').on(t.yearId, t.pupilId, t.subjectId)],
);
