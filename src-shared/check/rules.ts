// The monthly check's rules (issue 12): id, severity, who answers for a finding, and the short
// titles the findings list, the teacher × rule table and the report print. One place for them.
import { z } from 'zod';
import { Id, SchoolDate } from '../domain';

export const RULE_IDS = ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16', 'R17', 'R18'] as const;
export const RuleId = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleId>;

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

export interface RuleSpec {
  severity: Severity;
  /** Short Russian title (the report's column heading, the findings filter). */
  ru: string;
  en: string;
}

export const RULES: Record<RuleId, RuleSpec> = {
  R1: { severity: 'error', ru: 'Не записана тема урока', en: 'Lesson topic missing' },
  R2: { severity: 'warning', ru: 'Не записано домашнее задание', en: 'Homework missing' },
  R3: { severity: 'warning', ru: 'Несвоевременное заполнение', en: 'Late entry' },
  R4: { severity: 'error', ru: 'Журнал не заполняется', en: 'Journal not kept' },
  R5: { severity: 'error', ru: 'Урок по расписанию не отмечен проведённым', en: 'Timetabled lesson not marked held' },
  R6: { severity: 'warning', ru: 'Расхождение с КТП', en: 'Differs from the lesson plan' },
  R7: { severity: 'warning', ru: 'Мало отметок (накопляемость)', en: 'Too few marks' },
  R8: { severity: 'info', ru: 'Ученик долго не опрашивался', en: 'Pupil not assessed for long' },
  R9: { severity: 'error', ru: 'Нет отметки за контрольную работу', en: 'Control work mark missing' },
  R10: { severity: 'error', ru: 'Отметка и пропуск в одной клетке', en: 'Mark and absence in one cell' },
  R11: { severity: 'info', ru: '«2» на первом уроке после пропуска', en: '«2» on the first lesson after an absence' },
  R12: { severity: 'info', ru: '«2» без последующей отметки', en: '«2» with no later mark' },
  R13: { severity: 'error', ru: 'Необоснованная отметка за период', en: 'Unfounded term mark' },
  R14: { severity: 'error', ru: 'Не выставлена отметка за период', en: 'Term mark missing' },
  R15: { severity: 'info', ru: 'Пропущено более 2/3 уроков', en: 'More than 2/3 of lessons missed' },
  R16: { severity: 'warning', ru: 'Пропуск без причины', en: 'Absence without a reason' },
  R17: { severity: 'error', ru: 'Исправление в закрытом периоде без причины', en: 'Edit in a closed term without a reason' },
  R18: { severity: 'error', ru: 'Расхождение с электронным дневником', en: 'Differs from the diary' },
};

/** The check's scope: empty lists mean the whole school. */
export const CheckScope = z.strictObject({
  classIds: z.array(Id).max(200).default([]),
  teacherIds: z.array(Id).max(500).default([]),
  subjectIds: z.array(Id).max(200).default([]),
});
export type CheckScope = z.infer<typeof CheckScope>;

/** What a rule reports; the check service stores it as a check_finding row. */
export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Stable across runs: the re-check at a remark's deadline looks for the same key. */
  key: string;
  teacherId: number | null;
  groupId: number | null;
  subjectId: number | null;
  lessonId: number | null;
  pupilId: number | null;
  date: string | null;
  /** One Russian sentence naming the place and what is wrong. */
  text: string;
  detail: Record<string, string | number | boolean | null>;
}

export const FindingView = z.strictObject({
  id: Id,
  rule: RuleId,
  severity: Severity,
  key: z.string(),
  teacherId: Id.nullable(),
  teacherName: z.string().nullable(),
  groupId: Id.nullable(),
  groupName: z.string().nullable(),
  subjectId: Id.nullable(),
  subjectName: z.string().nullable(),
  lessonId: Id.nullable(),
  pupilId: Id.nullable(),
  pupilName: z.string().nullable(),
  date: SchoolDate.nullable(),
  text: z.string(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  dismissedReason: z.string().nullable(),
  /** The remark made from this finding, if any. */
  remarkId: Id.nullable(),
});
export type FindingView = z.infer<typeof FindingView>;
