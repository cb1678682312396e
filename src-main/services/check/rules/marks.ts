// R7 (too few marks for the term so far) and R8 (a pupil not assessed in N held lessons in a row):
// how often each pupil is assessed, over the study terms that overlap the checked period.
import type { CheckSettings } from '../../../../src-shared/domain';
import type { Finding } from '../../../../src-shared/check/rules';
import { make, ruDate } from './common';
import {
  journalPlace,
  lessonsRu,
  staysOverlap,
  termApplies,
  termCutoff,
  termEntry,
  termKey,
  termName,
  type LessonUnit,
  type StudyTerm,
  type TermData,
  type TermJournal,
} from '../data-terms';
import { absentAt, marksAt, pupilLines, unitAt } from '../pupil-lines';

/**
 * The marks a pupil needs in a whole term (R7): by the journal's hours per week, 1 h → 3,
 * 2 h → 5, 3 h and more → 7 per quarter; a half-year with 1 h → 5, with more hours twice the
 * quarter's norm; a trimester the quarter's norm × 4/3, rounded. (Thresholds are settings.)
 */
export function termNorm(s: CheckSettings, kind: StudyTerm['kind'], hoursPerWeek: number): number {
  const quarter = hoursPerWeek >= 3 ? s.normQuarter3h : hoursPerWeek >= 2 ? s.normQuarter2h : s.normQuarter1h;
  if (kind === 'half') return hoursPerWeek < 2 ? s.normHalf1h : 2 * quarter;
  if (kind === 'trimester') return Math.round((quarter * 4) / 3);
  return quarter;
}

/** The norm prorated to the school days gone, rounded down. */
export function proratedNorm(norm: number, daysGone: number, daysOfTerm: number): number {
  if (daysOfTerm <= 0) return norm;
  return Math.floor((norm * Math.min(daysGone, daysOfTerm)) / daysOfTerm);
}

/** R7: a pupil with fewer marks in the term so far than the prorated norm. */
export function r7TooFewMarks(d: TermData): Finding[] {
  const out: Finding[] = [];
  for (const j of d.journals)
    for (const t of d.terms) {
      if (!termApplies(t, j)) continue;
      const end = termCutoff(d, t);
      const lastUnit = lastUnitIn(j, t.startsOn, end);
      if (!lastUnit) continue;
      const norm = termNorm(d.settings, t.kind, j.hours);
      const daysOfTerm = d.schoolDayCount(j, t.startsOn, t.endsOn);
      const countFrom = t.startsOn > d.from ? t.startsOn : d.from;
      for (const line of pupilLines(d, j)) {
        if (!staysOverlap(line.stays, t.startsOn, end)) continue;
        // A pupil who joined or left mid-term is held to the school days they were in the group.
        let daysGone = 0;
        for (const m of line.stays) {
          const a = m.from > t.startsOn ? m.from : t.startsOn;
          const b = m.to !== null && m.to < end ? m.to : end;
          daysGone += d.schoolDayCount(j, a, b);
        }
        const due = proratedNorm(norm, daysGone, daysOfTerm);
        if (due <= 0) continue;
        // Before the period: one aggregate; from the period's start: the pupil's line.
        const pre = termEntry(j.before, t.id, line.pupilId);
        let count = pre?.count ?? 0;
        if (line.exempt || pre?.exempt) continue;
        for (let k = 0; k < line.length; k++) {
          const date = j.units[unitAt(line, k)]!.lesson.date;
          if (date >= countFrom && date <= end) count += marksAt(line, k);
        }
        if (count >= due) continue;
        const p = line.pupilId;
        out.push(
          make('R7', {
            key: `R7:${termKey(j.groupId, j.subjectId, p, t.id)}`,
            teacherId: j.teacherId ?? lastUnit.lesson.teacherId,
            groupId: j.groupId,
            subjectId: j.subjectId,
            lessonId: null,
            pupilId: p,
            date: end,
            text: `${journalPlace(j)}: ${d.pupilName(p)} — ${count} ${marksRu(count)} за ${termName(t)} на ${ruDate(end)}, по норме не менее ${due}`,
            detail: {
              termId: t.id,
              marks: count,
              due,
              norm,
              hoursPerWeek: j.hours,
              schoolDaysGone: daysGone,
              schoolDaysOfTerm: daysOfTerm,
            },
          }),
        );
      }
    }
  return out;
}

/** The journal's last held lesson between two dates, if any. */
function lastUnitIn(j: TermJournal, from: string, to: string): LessonUnit | undefined {
  for (let i = j.units.length - 1; i >= 0; i--) {
    const date = j.units[i]!.lesson.date;
    if (date < from) return undefined;
    if (date <= to) return j.units[i];
  }
  return undefined;
}

/**
 * R8: a pupil present and not assessed in N held lessons of the journal in a row (absences
 * neither count nor break the run; leaving the group ends it); reported when the run reaches
 * into the period. The key names the run's first lesson, so a run that only grows keeps it.
 */
export function r8Unassessed(d: TermData): Finding[] {
  const out: Finding[] = [];
  const n = d.settings.unassessedStreak;
  const { from } = d;
  // The run of the line's lessons without a mark: its first and last unit and length (no array
  // or closure per pupil: those were most of R8's garbage).
  let first: LessonUnit | null = null;
  let last: LessonUnit | null = null;
  let length = 0;
  const flush = (j: TermJournal, p: number) => {
    if (first && last && length >= n && last.lesson.date >= from)
      out.push(
        make('R8', {
          key: `R8:${j.groupId}:${j.subjectId}:${p}:l${first.lesson.id}`,
          teacherId: j.teacherId ?? last.lesson.teacherId,
          groupId: j.groupId,
          subjectId: j.subjectId,
          lessonId: last.lesson.id,
          pupilId: p,
          date: last.lesson.date,
          text: `${journalPlace(j)}: ${d.pupilName(p)} без отметок ${lessonsRu(length)} подряд (${ruDate(first.lesson.date)}–${ruDate(last.lesson.date)})`,
          detail: { lessons: length, firstLessonId: first.lesson.id, from: first.lesson.date, to: last.lesson.date, streak: n },
        }),
      );
    first = last = null;
    length = 0;
  };
  for (const j of d.journals) {
    for (const line of pupilLines(d, j)) {
      if (line.exempt) continue;
      const p = line.pupilId;
      // Before the period only the last date with a mark is known: a run starts after it.
      const lastMarked = markedBefore(d, j, p);
      for (let k = 0; k < line.length; k++) {
        const u = j.units[unitAt(line, k)]!;
        if (u.lesson.date > d.cutoff) break;
        if (u.lesson.date < from && u.lesson.date <= lastMarked) {
          first = last = null;
          length = 0;
          continue;
        }
        // A gap in the pupil's lessons: they left the group and came back.
        if (k > 0 && unitAt(line, k) !== unitAt(line, k - 1) + 1) flush(j, p);
        if (absentAt(line, k)) continue;
        if (marksAt(line, k) > 0) flush(j, p);
        else {
          first ??= u;
          last = u;
          length++;
        }
      }
      flush(j, p);
    }
  }
  return out;
}

/** The pupil's last date with a mark in the journal before the period ('' when none). */
function markedBefore(d: TermData, j: TermJournal, p: number): string {
  for (const t of d.terms) if (termApplies(t, j) && t.startsOn < d.from) return termEntry(j.before, t.id, p)?.lastDate ?? '';
  return '';
}

/** «1 отметка», «3 отметки», «5 отметок». */
export function marksRu(n: number): string {
  const a = n % 10;
  const b = n % 100;
  if (a === 1 && b !== 11) return 'отметка';
  if (a >= 2 && a <= 4 && (b < 12 || b > 14)) return 'отметки';
  return 'отметок';
}
