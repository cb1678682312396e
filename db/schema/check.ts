// The deputy's monthly check of the journal (issue 12): a check run over a period and a scope,
// the findings its rules produced, and the remarks handed to teachers with deadlines.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { lesson } from './journal';
import { person, staffUser } from './people';
import { schoolYear, studyGroup, subject } from './school';

/** One check: a period, a scope, its state, and the report's editable parts. */
export const journalCheck = sqliteTable('journal_check', {
  id: integer('id').primaryKey(),
  yearId: integer('year_id')
    .notNull()
    .references(() => schoolYear.id),
  /** The period checked, inclusive (a month by default). */
  dateFrom: text('date_from').notNull(),
  dateTo: text('date_to').notNull(),
  /** JSON CheckScope ({classIds, teacherIds, subjectIds}; empty lists = the whole school). */
  scope: text('scope').notNull(),
  /** draft: findings under review; issued: remarks handed to the teachers. */
  status: text('status', { enum: ['draft', 'issued'] })
    .notNull()
    .default('draft'),
  createdBy: integer('created_by')
    .notNull()
    .references(() => staffUser.id),
  createdAt: text('created_at').notNull(),
  /** When the rules last ran (a re-run replaces the undismissed findings). */
  ranAt: text('ran_at').notNull(),
  issuedAt: text('issued_at'),
  /** The report's «Выводы» (editable text) and the re-check date. */
  conclusions: text('conclusions').notNull().default(''),
  recheckOn: text('recheck_on'),
  /** Why R18 (the portal's diary) was not compared, when it was not (export off, no connection). */
  portalNote: text('portal_note'),
  version: integer('version').notNull().default(0),
});

/** What a rule found: linked to the exact journal, lesson, cell or pupil. */
export const checkFinding = sqliteTable(
  'check_finding',
  {
    id: integer('id').primaryKey(),
    checkId: integer('check_id')
      .notNull()
      .references(() => journalCheck.id),
    /** 'R1'…'R18' (src-shared/check/rules.ts). */
    rule: text('rule').notNull(),
    severity: text('severity', { enum: ['error', 'warning', 'info'] }).notNull(),
    /** Stable identity of the finding across re-runs (e.g. "R1:l123"); the re-check looks for it. */
    key: text('key').notNull(),
    /** Who must fix it (the lesson's teacher; the class teacher for R16); null: nobody in particular. */
    teacherId: integer('teacher_id').references(() => staffUser.id),
    groupId: integer('group_id').references(() => studyGroup.id),
    subjectId: integer('subject_id').references(() => subject.id),
    lessonId: integer('lesson_id').references(() => lesson.id),
    pupilId: integer('pupil_id').references(() => person.id),
    /** The date the finding is about (the lesson's date, the term's end…). */
    date: text('date'),
    /** The finding in one Russian sentence, as the deputy and the teacher read it. */
    text: text('text').notNull(),
    /** JSON: rule-specific values (counts, both values of R18, the norm…). */
    detail: text('detail').notNull().default('{}'),
    dismissedReason: text('dismissed_reason'),
    dismissedBy: integer('dismissed_by').references(() => staffUser.id),
    dismissedAt: text('dismissed_at'),
  },
  (t) => [uniqueIndex('check_finding_key').on(t.checkId, t.key), index('check_finding_teacher').on(t.teacherId)],
);

/** A remark to a teacher: from a finding (rule + key) or written by the deputy. */
export const remark = sqliteTable(
  'remark',
  {
    id: integer('id').primaryKey(),
    checkId: integer('check_id')
      .notNull()
      .references(() => journalCheck.id),
    findingId: integer('finding_id').references(() => checkFinding.id),
    /** The rule re-run at the deadline; null for a remark the deputy wrote herself. */
    rule: text('rule'),
    /** The finding's key the re-run looks for. */
    findingKey: text('finding_key'),
    teacherId: integer('teacher_id')
      .notNull()
      .references(() => staffUser.id),
    groupId: integer('group_id').references(() => studyGroup.id),
    subjectId: integer('subject_id').references(() => subject.id),
    lessonId: integer('lesson_id').references(() => lesson.id),
    pupilId: integer('pupil_id').references(() => person.id),
    text: text('text').notNull(),
    deadline: text('deadline').notNull(),
    state: text('state', { enum: ['draft', 'open', 'acknowledged', 'fixed', 'verified', 'overdue'] })
      .notNull()
      .default('draft'),
    /** fixed by: the teacher's word ('teacher') or the re-run found it gone ('recheck'). */
    fixedBy: text('fixed_by', { enum: ['teacher', 'recheck'] }),
    /** The teacher's answer («исправлено, тема внесена»). */
    reply: text('reply'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => staffUser.id),
    createdAt: text('created_at').notNull(),
    stateAt: text('state_at').notNull(),
    /** When the rule was last re-run for this remark (the deadline's run happens once). */
    recheckedAt: text('rechecked_at'),
    version: integer('version').notNull().default(0),
  },
  (t) => [
    index('remark_teacher').on(t.teacherId, t.state),
    index('remark_check').on(t.checkId),
    index('remark_lesson').on(t.lessonId),
  ],
);
