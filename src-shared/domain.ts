// Domain vocabulary shared by main and renderer. No Node, no DOM, no imports of ours.
import { z } from 'zod';

export const ROLES = ['teacher', 'classTeacher', 'deputy', 'supervisor', 'administrator', 'director'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Mark values: digits 1..5, pass/fail and "освобождён". */
export const MARK_VALUES = ['1', '2', '3', '4', '5', 'зач', 'незач', 'осв'] as const;
export const MarkValue = z.enum(MARK_VALUES);
export type MarkValue = z.infer<typeof MarkValue>;

/** Absence reasons: н (not given yet), б ill, у excused, п unexcused, оп late. */
export const ABSENCE_REASONS = ['н', 'б', 'у', 'п', 'оп'] as const;
export const AbsenceReason = z.enum(ABSENCE_REASONS);
export type AbsenceReason = z.infer<typeof AbsenceReason>;

/** Study periods (quarter, half, trimester), the year, and the exam and final marks of grades 9 and 11. */
export const TERM_KINDS = ['quarter', 'half', 'trimester', 'year', 'exam', 'final'] as const;
export const TermKind = z.enum(TERM_KINDS);
export type TermKind = z.infer<typeof TermKind>;

export const APPLICATION_STATUSES = ['accepted', 'connected', 'rejected', 'withdrawn'] as const;
export const EXPORT_KINDS = ['incremental', 'full'] as const;
export const EXPORT_STATES = ['queued', 'sending', 'done', 'refused'] as const;
export const FEED_OPS = ['upsert', 'delete'] as const;

/** True for a real calendar date written YYYY-MM-DD (no 2026-09-31, no 2026-13-01). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2199 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1]!;
}

/** Local school date, Europe/Moscow: YYYY-MM-DD, a real calendar date. Every schema that carries a date uses this. */
export const SchoolDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'дата в формате ГГГГ-ММ-ДД')
  .refine(isCalendarDate, 'такой даты нет в календаре');
export type SchoolDate = z.infer<typeof SchoolDate>;

/** A local time of day, HH:MM from 00:00 to 23:59 (no 24:00, no 7:5). Every schema that carries a time uses this. */
export const SchoolTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'время в формате ЧЧ:ММ, от 00:00 до 23:59');
export type SchoolTime = z.infer<typeof SchoolTime>;

/** A calendar month YYYY-MM in the years SchoolDate accepts. */
export const SchoolMonth = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'месяц в формате ГГГГ-ММ')
  .refine((m) => isCalendarDate(`${m}-01`), 'такого месяца нет в календаре');
export type SchoolMonth = z.infer<typeof SchoolMonth>;

/**
 * The date-range rule, for `.refine(...dateRange('from', 'to'))` on an object schema: the range
 * starts no later than it ends. A missing or null end is open (still running); the error sits on
 * the end field, where a form shows it. Dates compare as strings because SchoolDate is YYYY-MM-DD.
 */
export function dateRange<F extends string, T extends string>(from: F, to: T) {
  const check = (o: { [K in F | T]?: string | null }): boolean => {
    const a = o[from];
    const b = o[to];
    return a == null || b == null || a <= b;
  };
  const params: { message: string; path: PropertyKey[] } = { message: 'дата окончания раньше даты начала', path: [to] };
  return [check, params] as const;
}

/** A file's content in base64, at most max characters (every upload: homework files, imports). */
export const Base64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'файл должен быть в base64');

export const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** School settings stored as JSON in school.settings; every key has a default. */
/** Thresholds of the deputy's monthly check, each a school setting with the default. */
export const CheckSettings = z.strictObject({
  /** R1: a topic shorter than this counts as none. */
  topicMinChars: z.number().int().min(1).max(50).default(4),
  /** R1, R3: school days after the lesson by which topic, marks and absences are due. */
  entryDays: z.number().int().min(0).max(30).default(1),
  /** R4: school days without any entry in a journal. */
  silentDays: z.number().int().min(1).max(60).default(7),
  /** R7: marks per pupil per quarter by hours per week (1 h, 2 h, 3 h and more), and per half-year for 1 h. */
  normQuarter1h: z.number().int().min(0).max(50).default(3),
  normQuarter2h: z.number().int().min(0).max(50).default(5),
  normQuarter3h: z.number().int().min(0).max(50).default(7),
  normHalf1h: z.number().int().min(0).max(50).default(5),
  /** R8: held lessons in a row without a mark for one pupil. */
  unassessedStreak: z.number().int().min(2).max(30).default(5),
  /** R9: days after a control work by which every present pupil has a mark. */
  controlMarkDays: z.number().int().min(0).max(60).default(7),
  /** R12: lessons after a «2» within which a later mark is expected. */
  lowMarkFollowLessons: z.number().int().min(1).max(20).default(3),
  /** R13: current marks a term mark needs at least. */
  termMarkMinMarks: z.number().int().min(1).max(30).default(3),
  /** R15: share of lessons missed that makes a pupil a candidate for «н/а». */
  absenceShare: z.number().min(0.1).max(1).default(2 / 3),
  /** R16: days after which an absence needs its reason. */
  absenceReasonDays: z.number().int().min(0).max(60).default(3),
  /** Days a remark gives the teacher by default. */
  remarkDays: z.number().int().min(1).max(90).default(7),
});
export type CheckSettings = z.infer<typeof CheckSettings>;

export const SchoolSettings = z.strictObject({
  idleLockMinutes: z.number().int().min(1).max(240).default(10),
  sessionHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  maxFailedLogins: z.number().int().min(3).max(20).default(5),
  lockoutMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  uidMinLength: z.number().int().min(1).max(20).default(5),
  uidMaxLength: z.number().int().min(1).max(20).default(12),
  /** Fraction of an average that rounds a term mark up (0.5 ordinary, 0.6 common in schools). */
  markRoundingThreshold: z.number().min(0.5).max(0.9).default(0.6),
  /** Homework files: size limit per file. */
  maxFileMb: z.number().int().min(1).max(50).default(10),
  /** The portal's package endpoint base, e.g. https://portal.example/ ; empty = export off. */
  exportUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  /** Local time of the daily incremental export. */
  exportDailyAt: SchoolTime.default('18:00'),
  /** Day of the month of the monthly full export. */
  exportFullDay: z.number().int().min(1).max(28).default(1),
  /**
   * A second backup folder (another disk, a USB drive): each backup is copied there too.
   * Empty = none. Checked by main when set (exists, writable); see services/backup/mirror.ts.
   */
  backupMirrorDir: z.string().max(1000).default(''),
  /**
   * How the year mark is suggested: the mean of the term marks rounded by markRoundingThreshold
   * ('termMean'), or the weighted mean of all the year's lesson marks ('weightedYear').
   */
  yearMarkRule: z.enum(['termMean', 'weightedYear']).default('termMean'),
  /**
   * The school's full official name as in its charter, nominative («Государственное бюджетное
   * общеобразовательное учреждение средняя общеобразовательная школа № 123 …»), for document
   * headers (issue 13). Empty: the short `name` is used.
   */
  fullName: z.string().trim().max(500).default(''),
  /**
   * The same in the genitive («…учреждения средней общеобразовательной школы № 123 …»), typed by
   * the administrator: organisation names do not decline reliably by rule. Empty: documents say
   * «образовательной организации «<full name>»» (services/forms/school.ts).
   */
  fullNameGenitive: z.string().trim().max(500).default(''),
  /** The monthly check's thresholds (issue 12; rules in src-shared/check/rules.ts). */
  check: CheckSettings.prefault({}),
});
export type SchoolSettings = z.infer<typeof SchoolSettings>;
export const DEFAULT_SETTINGS: SchoolSettings = SchoolSettings.parse({});

/**
 * A change of settings: only the keys it names. Built without the defaults on purpose: zod 4
 * fills a default even inside `.partial()`, so `SchoolSettings.partial()` turned «change the
 * school's name» into «reset every other setting» (export URL, backup folder, lockout …).
 */
export const SchoolSettingsChange = z
  .strictObject(
    Object.fromEntries(
      Object.entries(SchoolSettings.shape).map(([k, v]) => [k, v instanceof z.ZodDefault || v instanceof z.ZodPrefault ? v.unwrap() : v]),
    ),
  )
  .partial() as unknown as z.ZodType<Partial<SchoolSettings>>;
