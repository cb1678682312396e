// Lessons, homework files, marks, absences, term and year marks.
import { blob, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { person, staffUser } from './people';
import { studyGroup, subject, term, workType } from './school';

export const lesson = sqliteTable(
  'lesson',
  {
    id: integer('id').primaryKey(),
    groupId: integer('group_id')
      .notNull()
      .references(() => studyGroup.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subject.id),
    date: text('date').notNull(),
    slot: integer('slot').notNull(),
    plannedTeacherId: integer('planned_teacher_id').references(() => staffUser.id),
    /** Who actually taught it; differs from planned on a substitution. */
    actualTeacherId: integer('actual_teacher_id').references(() => staffUser.id),
    held: integer('held', { mode: 'boolean' }).notNull().default(true),
    topic: text('topic'),
    homework: text('homework'),
    /** Default work type for marks typed into this lesson's column (e.g. a control work). */
    workTypeId: integer('work_type_id').references(() => workType.id),
    /** Bumped by every change of the lesson's own fields; an edit names the version it was made on. */
    version: integer('version').notNull().default(0),
    /**
     * 0: the lesson itself. 1, 2…: an extra column of the same lesson for a control work
     * ("one lesson, two columns"), with its own work type (work_type_id) and weight.
     */
    part: integer('part').notNull().default(0),
    /** The column's own weight for its marks (null: the work type's weight). */
    weight: real('weight'),
    /** Where the lesson came from: generated from the timetable, an extra one-off, or moved here. */
    origin: text('origin', { enum: ['timetable', 'extra', 'moved'] })
      .notNull()
      .default('timetable'),
    /** A cancelled one-off: kept so regeneration does not bring it back; not shown in the journal. */
    cancelled: integer('cancelled', { mode: 'boolean' }).notNull().default(false),
    /** For a moved lesson: the date and slot it was moved from ("YYYY-MM-DD#slot"). */
    movedFrom: text('moved_from'),
    /** The lesson plan (КТП) topic the teacher accepted for this lesson. */
    planTopicId: integer('plan_topic_id'),
    /** The teacher marked the lesson «без домашнего задания» (the check's R2 then says nothing). */
    noHomework: integer('no_homework', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    uniqueIndex('lesson_slot').on(t.groupId, t.subjectId, t.date, t.slot, t.part),
    index('lesson_actual_teacher').on(t.actualTeacherId, t.date),
    index('lesson_date').on(t.date),
  ],
);

/** Content lives once per sha256 in file_blob. */
export const lessonFile = sqliteTable(
  'lesson_file',
  {
    id: integer('id').primaryKey(),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lesson.id),
    sha256: text('sha256')
      .notNull()
      .references(() => fileBlob.sha256),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
  },
  (t) => [index('lesson_file_lesson').on(t.lessonId)],
);

export const fileBlob = sqliteTable('file_blob', {
  sha256: text('sha256').primaryKey(),
  content: blob('content', { mode: 'buffer' }).notNull(),
});

export const mark = sqliteTable(
  'mark',
  {
    id: integer('id').primaryKey(),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lesson.id),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    /** Order within the cell ("5/4" is positions 0 and 1). */
    position: integer('position').notNull().default(0),
    value: text('value').notNull(),
    workTypeId: integer('work_type_id')
      .notNull()
      .references(() => workType.id),
    weight: real('weight').notNull(),
  },
  (t) => [uniqueIndex('mark_cell').on(t.lessonId, t.pupilId, t.position), index('mark_pupil').on(t.pupilId)],
);

export const absence = sqliteTable(
  'absence',
  {
    id: integer('id').primaryKey(),
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lesson.id),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    reason: text('reason').notNull(),
  },
  (t) => [uniqueIndex('absence_cell').on(t.lessonId, t.pupilId), index('absence_pupil').on(t.pupilId)],
);

/** A term or year mark (year marks point at the term row of kind 'year'). */
export const termMark = sqliteTable(
  'term_mark',
  {
    id: integer('id').primaryKey(),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    groupId: integer('group_id')
      .notNull()
      .references(() => studyGroup.id),
    subjectId: integer('subject_id')
      .notNull()
      .references(() => subject.id),
    termId: integer('term_id')
      .notNull()
      .references(() => term.id),
    value: text('value').notNull(),
    suggested: text('suggested'),
    confirmedBy: integer('confirmed_by').references(() => staffUser.id),
    confirmedAt: text('confirmed_at'),
    version: integer('version').notNull().default(0),
    /** Why the mark differs from the suggested one (the monthly check asks for it). */
    reason: text('reason'),
  },
  (t) => [uniqueIndex('term_mark_cell').on(t.pupilId, t.groupId, t.subjectId, t.termId)],
);

/** A cell's (lesson × pupil: marks and absence) version, bumped by every change; no row: version 0. */
export const cellVersion = sqliteTable(
  'cell_version',
  {
    lessonId: integer('lesson_id')
      .notNull()
      .references(() => lesson.id),
    pupilId: integer('pupil_id')
      .notNull()
      .references(() => person.id),
    version: integer('version').notNull(),
  },
  (t) => [primaryKey({ columns: [t.lessonId, t.pupilId] })],
);
