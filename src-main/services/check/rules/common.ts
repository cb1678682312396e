// What the rules share: building a Finding (severity from RULES, nulls where a field does not
// apply), the place a finding names («5А, Математика, урок 12.11.2026 (2-й)»), who answers for
// a lesson, and which lessons a rule may judge at all.
import { RULES, type Finding, type RuleId } from '../../../../src-shared/check/rules';
import type { CheckData, CheckJournal, CheckLesson } from '../data';
import { journalKey } from '../data';

type Place = Partial<Pick<Finding, 'teacherId' | 'groupId' | 'subjectId' | 'lessonId' | 'pupilId' | 'date'>>;

export function finding(rule: RuleId, key: string, place: Place, text: string, detail: Finding['detail'] = {}): Finding {
  return {
    rule,
    severity: RULES[rule].severity,
    key,
    teacherId: place.teacherId ?? null,
    groupId: place.groupId ?? null,
    subjectId: place.subjectId ?? null,
    lessonId: place.lessonId ?? null,
    pupilId: place.pupilId ?? null,
    date: place.date ?? null,
    text,
    detail,
  };
}

/** A finding from all its fields but the rule's severity (the term rules' form of finding()). */
export function make(rule: RuleId, f: Omit<Finding, 'rule' | 'severity'>): Finding {
  return finding(rule, f.key, f, f.text, f.detail);
}

/** "2026-11-12" → "12.11.2026" */
export function ruDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

export function journalPlace(j: CheckJournal): string {
  return `${j.groupLabel}, ${j.subjectName}`;
}

export function lessonPlace(j: CheckJournal, l: { date: string; slot: number; part?: number }): string {
  const column = l.part ? `, колонка ${l.part + 1}` : '';
  return `${journalPlace(j)}, урок ${ruDate(l.date)} (${l.slot}-й${column})`;
}

export function journalOf(data: CheckData, l: { groupId: number; subjectId: number }): CheckJournal | undefined {
  return data.journals.get(journalKey(l.groupId, l.subjectId));
}

/** Who must fix a lesson: its actual teacher, else the planned one, else the journal's. */
export function lessonTeacher(l: Pick<CheckLesson, 'actualTeacherId' | 'plannedTeacherId'>, j: CheckJournal): number | null {
  return l.actualTeacherId ?? l.plannedTeacherId ?? j.teacherId;
}

/** Inside the judged part of the period: from ≤ date ≤ min(to, today). */
export function inPeriod(data: CheckData, date: string): boolean {
  return date >= data.from && date <= data.cutoff;
}

/** A lesson proper (column 0, not cancelled) in the judged part of the period. */
export function isJudgedLesson(data: CheckData, l: CheckLesson): boolean {
  return l.part === 0 && !l.cancelled && inPeriod(data, l.date);
}

/** More than entryDays school days have passed since the lesson (counted up to today). */
export function entryOverdue(data: CheckData, j: CheckJournal, date: string): boolean {
  return data.schoolDaysBetween(j, date, data.today) > data.settings.entryDays;
}

export function blank(s: string | null): boolean {
  return s === null || s.trim() === '';
}
