// The requests of the class results, attendance and teacher report tabs from the picker's choice
// (pure, unit-tested): a chosen term asks for the term (its marks, its dates); «учебный год» asks
// for the dates typed (current marks, lessons in them).
import { isCalendarDate } from '../../src-shared/domain';
import type { AttendanceRequest, ReportPeriod, ResultsRequest, TeacherRequest } from '../../src-shared/reports/class-inputs';
import type { PickerProblem, PickerTerm, PickerValue, PickerYear } from './picker';

export function periodOf(v: Pick<PickerValue, 'termId' | 'from' | 'to'>): ReportPeriod {
  return v.termId !== null ? { kind: 'term', termId: v.termId } : { kind: 'dates', from: v.from, to: v.to };
}

/** `school`: the whole school (a row per class) instead of the chosen class. */
export function classReportRequest(kind: 'results' | 'attendance', v: PickerValue, school: boolean): ResultsRequest | AttendanceRequest | null {
  if (!school && v.classId === null) return null;
  return { kind, classId: school ? null : v.classId, period: periodOf(v) };
}

export function teacherRequest(teacherId: number | null, v: Pick<PickerValue, 'termId' | 'from' | 'to'>): TeacherRequest | null {
  return teacherId === null ? null : { kind: 'teacher', teacherId, period: periodOf(v) };
}

/** What is wrong with the dates (only when they are sent: a term brings its own). */
export function datesProblem(v: Pick<PickerValue, 'termId' | 'from' | 'to'>, year: PickerYear | null): PickerProblem | null {
  if (v.termId !== null) return null;
  if (!isCalendarDate(v.from) || !isCalendarDate(v.to)) return 'badDate';
  if (v.from > v.to) return 'reversed';
  if (year && (v.from < year.startsOn || v.to > year.endsOn)) return 'outsideYear';
  return null;
}

/** The study periods of any grade, each kind and number once («1 четверть», «1 полугодие»), in date order. */
export function allStudyTerms(terms: readonly PickerTerm[]): PickerTerm[] {
  const seen = new Set<string>();
  return terms
    .filter((t) => t.kind === 'quarter' || t.kind === 'half' || t.kind === 'trimester')
    .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.gradeFrom - b.gradeFrom))
    .filter((t) => {
      const k = `${t.kind}:${t.number}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
