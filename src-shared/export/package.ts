// The export package (DESIGN.md §6, issue 5): what leaves the school for the city portal.
// Versioned and strict on both ends. De-identified: people appear only as a pseudonym (a keyed
// hash of the internal id, key never exported) and their portal UID where known; no names,
// birth dates, contacts, documents or application data, ever.
import { z } from 'zod';
import { ABSENCE_REASONS, dateRange, MARK_VALUES, SchoolDate, TERM_KINDS } from '../domain';

// 2: the header carries the audit chain's head (issue 9); a portal of version 1 refuses it,
// which the outbox heals with a full package.
export const PACKAGE_SCHEMA_VERSION = 2;

/** 64 hex chars: HMAC-SHA256 of "<kind>:<internal id>" with the school's secret. */
export const Pseudonym = z.string().regex(/^[0-9a-f]{64}$/);
export const Uid = z.string().regex(/^\d{1,20}$/);
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const UuidV7 = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const Int = z.number().int().nonnegative();
const Text = (max: number) => z.string().max(max).nullable();

export const PkgClass = z.strictObject({ id: Int, grade: z.number().int().min(1).max(11), letter: z.string().max(4) });
export const PkgGroup = z.strictObject({ id: Int, classId: Int, name: z.string().max(100), wholeClass: z.boolean() });
export const PkgSubject = z.strictObject({ id: Int, name: z.string().max(200) });
export const PkgPerson = z.strictObject({ ref: Pseudonym, kind: z.enum(['pupil', 'guardian', 'staff']), uid: Uid.nullable() });
export const PkgEnrolment = z
  .strictObject({ pupil: Pseudonym, classId: Int, from: SchoolDate, to: SchoolDate.nullable() })
  .refine(...dateRange('from', 'to'));
export const PkgMembership = z
  .strictObject({ pupil: Pseudonym, groupId: Int, from: SchoolDate, to: SchoolDate.nullable() })
  .refine(...dateRange('from', 'to'));
export const PkgLesson = z.strictObject({
  id: Int,
  groupId: Int,
  subjectId: Int,
  date: SchoolDate,
  slot: z.number().int().min(0).max(12),
  held: z.boolean(),
  topic: Text(500),
  homework: Text(4000),
  teacher: Pseudonym.nullable(),
  files: z.array(z.strictObject({ name: z.string().max(200), mime: z.string().max(200), size: Int, sha256: Sha256 })),
});
export const PkgCell = z.strictObject({
  lessonId: Int,
  pupil: Pseudonym,
  marks: z.array(z.strictObject({ value: z.enum(MARK_VALUES), workType: z.string().max(100), weight: z.number().positive() })).max(4),
  absence: z.enum(ABSENCE_REASONS).nullable(),
});
export const PkgTermMark = z.strictObject({
  pupil: Pseudonym,
  groupId: Int,
  subjectId: Int,
  /** The study period, the year, the exam or the final mark (grades 9 and 11). */
  term: z.strictObject({ kind: z.enum(TERM_KINDS), number: z.number().int() }),
  value: z.string().max(10),
  /**
   * The term is closed for the pupil's class (issue 11): the mark is final unless the deputy
   * reopens it. A closing re-sends the class's marks of the term with this set.
   */
  closed: z.boolean(),
});
/** What a portal account may see: a teacher their load and class, a guardian their child. */
export const PkgGrant = z.strictObject({
  uid: Uid,
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('groupSubject'), groupId: Int, subjectId: Int }),
    z.strictObject({ kind: z.literal('class'), classId: Int }),
    z.strictObject({ kind: z.literal('pupil'), pupil: Pseudonym }),
  ]),
});
/** An entity the portal must forget (deleted here, or no longer exported). */
export const PkgTombstone = z.strictObject({
  entity: z.enum(['lesson', 'cell', 'termMark', 'person', 'enrolment', 'membership', 'grant']),
  key: z.string().max(200),
});

export const PackagePayload = z.strictObject({
  classes: z.array(PkgClass),
  groups: z.array(PkgGroup),
  subjects: z.array(PkgSubject),
  people: z.array(PkgPerson),
  enrolments: z.array(PkgEnrolment),
  memberships: z.array(PkgMembership),
  lessons: z.array(PkgLesson),
  cells: z.array(PkgCell),
  termMarks: z.array(PkgTermMark),
  grants: z.array(PkgGrant),
  tombstones: z.array(PkgTombstone),
});
export type PackagePayload = z.infer<typeof PackagePayload>;

export const PackageHeader = z.strictObject({
  schemaVersion: z.literal(PACKAGE_SCHEMA_VERSION),
  packageId: UuidV7,
  schoolCode: z.string().min(1).max(20),
  kind: z.enum(['incremental', 'full']),
  /** The change-feed range covered: seq in (feedFrom, feedTo]. A full package covers (0, feedTo]. */
  feedFrom: Int,
  feedTo: Int,
  /** The school year a full package replaces on the portal. */
  year: z.string().regex(/^\d{4}\/\d{4}$/),
  createdAt: z.string().datetime(),
  counts: z.record(z.string(), Int),
  /** sha256 of the payload's canonical JSON (the exact bytes of "payload" as sent). */
  payloadSha256: Sha256,
  /**
   * The school's audit chain head when the package was built: the portal keeps the newest it
   * has seen, an outside witness that the local log was neither rewritten nor cut (issue 9).
   */
  auditHead: z.strictObject({ seq: Int, hash: Sha256 }),
});
export type PackageHeader = z.infer<typeof PackageHeader>;

export const ExportPackage = z.strictObject({ header: PackageHeader, payload: PackagePayload });
export type ExportPackage = z.infer<typeof ExportPackage>;

/** What the portal answers once a package is applied (or was already): stored as proof. */
export const Receipt = z.strictObject({
  packageId: UuidV7,
  payloadSha256: Sha256,
  appliedAt: z.string().datetime(),
  /** true when this id had been applied before and the same receipt is returned again. */
  duplicate: z.boolean(),
  /**
   * The newest audit chain head the portal holds for the school (issue 9): the workstation
   * compares it with its own log to see a rewritten or cut tail. Absent from older portals.
   */
  auditHead: z.strictObject({ seq: Int, hash: Sha256 }).optional(),
});
export type Receipt = z.infer<typeof Receipt>;

/**
 * Reconciliation digest of one group × subject × date range: counts and a hash over the
 * canonical lines of digest.ts, computed the same way on both sides, plus one hash per lesson
 * so a difference can be shown down to the lesson.
 */
export const Digest = z
  .strictObject({
    groupId: Int,
    subjectId: Int,
    from: SchoolDate,
    to: SchoolDate,
    lessons: Int,
    marks: Int,
    absences: Int,
    hash: Sha256,
    perLesson: z.array(z.strictObject({ lessonId: Int, date: SchoolDate, hash: Sha256 })),
  })
  .refine(...dateRange('from', 'to'));
export type Digest = z.infer<typeof Digest>;

export const DigestRequest = z
  .strictObject({
    from: SchoolDate,
    to: SchoolDate,
    pairs: z.array(z.strictObject({ groupId: Int, subjectId: Int })).max(2000),
  })
  .refine(...dateRange('from', 'to'));
export type DigestRequest = z.infer<typeof DigestRequest>;
