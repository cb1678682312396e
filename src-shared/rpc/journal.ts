// The teacher's view of their own work: load and lessons.
import { z } from 'zod';
import { Base64, AbsenceReason, dateRange, Id, MarkValue, SchoolDate } from '../domain';
import { Term } from './school';
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
    // The answer spans the whole Monday–Sunday week: its last days must be calendar dates too.
    input: z.strictObject({ date: SchoolDate.refine((d) => d <= '2199-12-24', 'эта неделя выходит за пределы календаря').optional() }),
    output: z.strictObject({
      today: SchoolDate,
      weekStart: SchoolDate,
      load: z.array(LoadItem),
      week: z.array(DayLesson),
    }),
  }),
};

// ---- The class journal grid (issue 3) ----

/** A lesson is addressed by its slot: the first edit of a timetable slot creates the lesson row. */
/**
 * What an edit was made on (school network, DESIGN.md §10): a stale one is refused with
 * `conflict` and the current value; absent, the edit overwrites whatever is there.
 */
export const Version = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const LessonSlot = z.strictObject({
  groupId: Id,
  subjectId: Id,
  date: SchoolDate,
  slot: z.number().int().min(0).max(12),
  /** 0 (default): the lesson itself; 1, 2…: one of its control-work columns (issue 11). */
  part: z.number().int().min(0).max(9).optional(),
});
/** Callers may leave out `part` (the lesson itself). */
export type LessonSlot = z.infer<typeof LessonSlot>;

export const JournalRef = z.strictObject({ groupId: Id, subjectId: Id });

export const JournalAccess = z.enum(['write', 'read', 'substitute']);

export const JournalListItem = z.strictObject({
  groupId: Id,
  groupName: z.string(),
  className: z.string(),
  subjectId: Id,
  subjectName: z.string(),
  teacherName: z.string().nullable(),
  access: JournalAccess,
});

export const WorkTypeView = z.strictObject({
  id: Id,
  name: z.string(),
  weight: z.number(),
  isControl: z.boolean(),
  isMakeUp: z.boolean(),
});

export const FileMeta = z.strictObject({ id: Id, name: z.string(), mime: z.string(), size: z.number().int() });

/**
 * Something in a lesson's free text that looks personal (issue 9): a name of one of the
 * school's people in any case form, a phone number, an e-mail address or a document number.
 * A warning for the teacher, not a refusal: the export masks whatever is left.
 */
export const PrivacyFinding = z.strictObject({
  field: z.enum(['topic', 'homework', 'file']),
  /** The file whose name it is in (field 'file'). */
  fileId: Id.nullable(),
  kind: z.enum(['surname', 'name', 'patronymic', 'phone', 'email', 'document']),
  /** Whose name it most likely is: a pupil before a guardian before staff. */
  who: z.enum(['pupil', 'guardian', 'staff']).nullable(),
  /** The words as written in the text. */
  text: z.string(),
});
export type PrivacyFinding = z.infer<typeof PrivacyFinding>;

export const LessonView = z.strictObject({
  lessonId: Id.nullable(),
  date: SchoolDate,
  slot: z.number().int(),
  held: z.boolean(),
  topic: z.string().nullable(),
  homework: z.string().nullable(),
  /** Marked «без домашнего задания»: no homework was set on purpose (the check's R2 skips it). */
  noHomework: z.boolean(),
  workTypeId: Id.nullable(),
  plannedTeacherId: Id.nullable(),
  actualTeacherId: Id.nullable(),
  /** «Фамилия И. О.» of the teacher who substituted (actual ≠ planned); null without a substitution. */
  actualTeacherName: z.string().nullable(),
  files: z.array(FileMeta),
  /** The caller may enter data for this lesson (own load, or a lesson they substituted). */
  editable: z.boolean(),
  /** What in the topic, homework and file names looks personal (checked when saved and shown). */
  privacy: z.array(PrivacyFinding),
  /** Bumped by every change of the lesson's own fields (0: never changed; a planned lesson). */
  version: Version,
  /** 0: the lesson; 1, 2…: an extra control-work column of the same lesson (issue 11). */
  part: z.number().int().min(0),
  /** The column's own weight (null: its work type's weight). */
  weight: z.number().nullable(),
  /** Generated from the timetable, an extra one-off lesson, or a lesson moved here. */
  origin: z.enum(['timetable', 'extra', 'moved']),
  /** A moved lesson's former date and slot ("YYYY-MM-DD#slot"). */
  movedFrom: z.string().nullable(),
  /** The lesson plan (КТП) topic accepted for this lesson. */
  planTopicId: Id.nullable(),
});
export type LessonView = z.infer<typeof LessonView>;

export const CellView = z.strictObject({
  lessonId: Id,
  pupilId: Id,
  marks: z.array(z.strictObject({ value: MarkValue, workTypeId: Id, weight: z.number() })),
  absence: AbsenceReason.nullable(),
  /** Bumped by every write of this cell, emptying included (0: never written). */
  version: Version,
});
export type CellView = z.infer<typeof CellView>;

export const TermMarkView = z.strictObject({
  pupilId: Id,
  value: z.string(),
  suggested: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  /** Grows with every change of this pupil's mark for the term, also across a removal (absent: 0). */
  version: Version,
});

/** One stay in the group: from the first to the last day (null: still in it). */
export const MembershipPeriod = z.strictObject({ from: SchoolDate, to: SchoolDate.nullable() }).refine(...dateRange('from', 'to'));

/**
 * One row per pupil. A pupil who left and came back has several periods, and the days between
 * them are outside the group like the days before `from` and after `to`, which only span them.
 */
export const JournalPupil = z
  .strictObject({
    id: Id,
    name: z.string(),
    from: SchoolDate,
    to: SchoolDate.nullable(),
    /** The memberships overlapping the journal's term, in date order, adjacent ones merged. */
    periods: z.array(MembershipPeriod).min(1),
  })
  .refine(...dateRange('from', 'to'));

export const JournalView = z.strictObject({
  today: SchoolDate,
  group: z.strictObject({ id: Id, name: z.string(), className: z.string(), grade: z.number().int() }),
  subject: z.strictObject({ id: Id, name: z.string() }),
  term: Term,
  terms: z.array(Term),
  access: JournalAccess,
  roundingThreshold: z.number(),
  maxFileBytes: z.number().int(),
  workTypes: z.array(WorkTypeView),
  pupils: z.array(JournalPupil),
  lessons: z.array(LessonView),
  cells: z.array(CellView),
  termMarks: z.array(TermMarkView),
  /** The term closed for the group's class (issue 11): when and by whom; null while open. */
  closed: z.strictObject({ at: z.string(), by: z.string().nullable() }).nullable(),
  /**
   * Open reopenings of the closed term: the whole journal (lesson and pupil null), one cell
   * (both set) or one pupil's term mark (only the pupil).
   */
  reopened: z.array(z.strictObject({ id: Id, lessonId: Id.nullable(), pupilId: Id.nullable(), reason: z.string() })),
  /**
   * The year, exam and final views: each pupil's marks of the journal's other terms (the study
   * periods beside the year; the year and exam beside the final). Empty for a study period.
   */
  otherTermMarks: z.array(z.strictObject({ pupilId: Id, termId: Id, value: z.string() })),
  /**
   * The year, exam and final views: the suggestion main computes by the school's rule (the
   * lesson marks shown do not decide it). null for a study period: the grid suggests itself.
   */
  suggested: z.array(z.strictObject({ pupilId: Id, value: z.string().nullable() })).nullable(),
});
export type JournalView = z.infer<typeof JournalView>;

export const CellEdit = z.strictObject({
  lesson: LessonSlot,
  pupilId: Id,
  marks: z.array(z.strictObject({ value: MarkValue, workTypeId: Id })).max(4),
  absence: AbsenceReason.nullable(),
  /** The cell's version the edit was made on. */
  version: Version.optional(),
});

const Text = (max: number) => z.string().max(max).nullable();

export const HistoryEntry = z.strictObject({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});

export const journalGridMethods = {
  'journal.list': method({
    summary: 'Journals the caller may open: own load, substituted lessons, own class, or all for deputy/director',
    permission: 'journal.read',
    // yearId: an archived year's journals (read-only); default the open year.
    input: z.strictObject({ yearId: Id.optional() }),
    output: z.strictObject({
      journals: z.array(JournalListItem),
      yearId: Id.nullable(),
      years: z.array(z.strictObject({ id: Id, label: z.string(), archived: z.boolean() })),
    }),
  }),
  'journal.teachers': method({
    summary: 'Teachers who may be chosen as the one who taught a lesson (substitution)',
    permission: 'journal.write',
    input: z.strictObject({}),
    output: z.strictObject({ teachers: z.array(z.strictObject({ id: Id, name: z.string() })) }),
  }),
  'journal.open': method({
    summary: 'One journal (group × subject × term): pupils, lessons, cells, term marks',
    permission: 'journal.read',
    input: z.strictObject({ groupId: Id, subjectId: Id, termId: Id.optional() }),
    output: JournalView,
  }),
  'journal.setCell': method({
    summary: "Set one pupil's marks and absence for one lesson",
    permission: 'journal.write',
    mutation: true,
    input: CellEdit,
    output: z.strictObject({ lessonId: Id, cell: CellView }),
  }),
  'journal.setCells': method({
    summary: 'Set several cells at once (a pasted column): all are written or none',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({ edits: z.array(CellEdit).min(1).max(200) }),
    output: z.strictObject({ cells: z.array(z.strictObject({ lessonId: Id, cell: CellView })) }),
  }),
  'journal.setLesson': method({
    summary: 'Set topic, homework, the «без домашнего задания» flag, held flag, default work type or the teacher (substitution) of a lesson',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({
      lesson: LessonSlot,
      topic: Text(500).optional(),
      homework: Text(4000).optional(),
      /** «Без домашнего задания»; true only while the lesson has no homework text. */
      noHomework: z.boolean().optional(),
      held: z.boolean().optional(),
      workTypeId: Id.nullable().optional(),
      actualTeacherId: Id.optional(),
      /** The lesson's version the edit was made on. */
      version: Version.optional(),
    }),
    output: LessonView,
  }),
  'journal.attachFile': method({
    summary: 'Attach a homework file to a lesson (stored once by content hash)',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({
      lesson: LessonSlot,
      name: z.string().trim().min(1).max(200),
      mime: z.string().max(200),
      /** Base64 content; the size limit is checked against the school setting too. */
      data: Base64(70_000_000),
    }),
    /** privacy: what in the file's name looks personal. */
    output: FileMeta.extend({ lessonId: Id, privacy: z.array(PrivacyFinding) }),
  }),
  'journal.removeFile': method({
    summary: 'Remove a homework file from a lesson',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({ fileId: Id }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'journal.getFile': method({
    summary: 'Download a homework file',
    permission: 'journal.read',
    input: z.strictObject({ fileId: Id }),
    output: z.strictObject({ name: z.string(), mime: z.string(), data: z.string() }),
  }),
  'journal.setTermMark': method({
    summary: 'Confirm or override a term or year mark (null removes it)',
    permission: 'journal.write',
    mutation: true,
    input: z.strictObject({
      groupId: Id,
      subjectId: Id,
      termId: Id,
      pupilId: Id,
      value: z.enum(['1', '2', '3', '4', '5', 'зач', 'незач', 'осв', 'н/а']).nullable(),
      /** The term mark's version the edit was made on (0: there was none). */
      version: Version.optional(),
    }),
    /** termMark null: removed (its next edit names 0); version orders this change, a removal included. */
    output: z.strictObject({ termMark: TermMarkView.nullable(), version: Version }),
  }),
  'journal.history': method({
    summary: 'Who changed a cell or a lesson, when, old → new (from the audit log)',
    permission: 'journal.read',
    input: z.strictObject({ lessonId: Id, pupilId: Id.optional() }),
    output: z.strictObject({ entries: z.array(HistoryEntry) }),
  }),
  'journal.termMarkHistory': method({
    summary: "Who set, overrode or removed a pupil's term or year mark, when, old → new (from the audit log)",
    permission: 'journal.read',
    input: z.strictObject({ groupId: Id, subjectId: Id, termId: Id, pupilId: Id }),
    output: z.strictObject({ entries: z.array(HistoryEntry) }),
  }),
};
