// Term rules of the check (issue 12): R13 a term mark on too few current marks or unlike the
// rounded weighted average without a written reason, R14 a pupil without a term mark (or «н/а»)
// after the term ended, R15 absences over a share of the term's lessons (a «н/а» candidate).
import type { Finding } from '../../../../src-shared/check/rules';
import { make, ruDate } from './common';
import { roundMark, type WeightedMark } from '../../../../src-shared/journal/average';
import {
  cellMarks,
  inStays,
  journalPlace,
  staysOverlap,
  termApplies,
  termCutoff,
  termEntry,
  termKey,
  termName,
  type StudyTerm,
  type TermData,
  type TermJournal,
} from '../data-terms';
import { absentAt, pupilLines, unitAt } from '../pupil-lines';

const DIGIT = /^[1-5]$/;

/** Every (journal, term) pair the term rules look at: the term applies to the grade and has held lessons by the cutoff. */
function journalTerms(d: TermData): { j: TermJournal; t: StudyTerm; end: string }[] {
  const out: { j: TermJournal; t: StudyTerm; end: string }[] = [];
  for (const j of d.journals)
    for (const t of d.terms) {
      if (!termApplies(t, j)) continue;
      const end = termCutoff(d, t);
      if (j.units.some((u) => u.lesson.date >= t.startsOn && u.lesson.date <= end)) out.push({ j, t, end });
    }
  return out;
}

/** The pupil's marks in the journal's lessons (and control columns) of the term up to its cutoff. */
function termMarksOf(d: TermData, j: TermJournal, from: string, to: string, p: number): WeightedMark[] {
  const out: WeightedMark[] = [];
  for (const l of j.lessons) {
    if (l.date < from || l.date > to) continue;
    for (const m of cellMarks(d, l.id, p)) out.push({ value: m.value, weight: m.weight });
  }
  return out;
}

/**
 * R13: a digit term mark based on fewer than termMarkMinMarks digit marks, or differing from
 * the weighted average rounded by the school's threshold, with no written reason. «н/а», «осв»
 * and зачёт marks are not judged. One finding per term mark; detail says which applies.
 */
export function r13UnfoundedTermMark(d: TermData): Finding[] {
  const out: Finding[] = [];
  const min = d.settings.termMarkMinMarks;
  for (const { j, t, end } of journalTerms(d)) {
    for (const [p, stays] of d.members.get(j.groupId) ?? []) {
      if (!staysOverlap(stays, t.startsOn, end)) continue;
      const tm = termEntry(j.termMarks, t.id, p);
      if (!tm || !DIGIT.test(tm.value)) continue;
      // Before the period: one aggregate; from the period's start: the marks themselves.
      const pre = termEntry(j.before, t.id, p);
      let digits = pre?.digits ?? 0;
      let sum = pre?.weightedSum ?? 0;
      let weights = pre?.weights ?? 0;
      for (const m of termMarksOf(d, j, t.startsOn > d.from ? t.startsOn : d.from, end, p)) {
        if (!DIGIT.test(m.value)) continue;
        digits++;
        sum += Number(m.value) * m.weight;
        weights += m.weight;
      }
      const avg = weights > 0 ? sum / weights : null;
      const suggested = avg === null ? null : String(roundMark(avg, d.roundingThreshold));
      const tooFew = digits < min;
      const differs = suggested !== null && suggested !== tm.value && !tm.reason?.trim();
      if (!tooFew && !differs) continue;
      const why: string[] = [];
      if (tooFew) why.push(`текущих отметок ${digits}, нужно не менее ${min}`);
      if (differs) why.push(`средний балл ${avg!.toFixed(2).replace('.', ',')} даёт «${suggested}», причина не указана`);
      out.push(
        make('R13', {
          key: `R13:${termKey(j.groupId, j.subjectId, p, t.id)}`,
          teacherId: j.teacherId,
          groupId: j.groupId,
          subjectId: j.subjectId,
          lessonId: null,
          pupilId: p,
          date: t.endsOn,
          text: `${journalPlace(j)}: ${d.pupilName(p)} — отметка «${tm.value}» за ${termName(t)}: ${why.join('; ')}`,
          detail: {
            termId: t.id,
            value: tm.value,
            marks: digits,
            minMarks: min,
            average: avg === null ? null : Math.round(avg * 100) / 100,
            suggested,
            tooFew,
            differs,
          },
        }),
      );
    }
  }
  return out;
}

/**
 * R14: the term ended (its last day is before today and inside the period's reach) and a pupil
 * who was in the group on that day has no term mark (any value counts, «н/а» too).
 */
export function r14TermMarkMissing(d: TermData): Finding[] {
  const out: Finding[] = [];
  for (const { j, t } of journalTerms(d)) {
    if (t.endsOn >= d.today || t.endsOn > d.cutoff) continue;
    for (const [p, stays] of d.members.get(j.groupId) ?? []) {
      if (!inStays(stays, t.endsOn)) continue;
      if (termEntry(j.termMarks, t.id, p)) continue;
      out.push(
        make('R14', {
          key: `R14:${termKey(j.groupId, j.subjectId, p, t.id)}`,
          teacherId: j.teacherId,
          groupId: j.groupId,
          subjectId: j.subjectId,
          lessonId: null,
          pupilId: p,
          date: t.endsOn,
          text: `${journalPlace(j)}: ${d.pupilName(p)} — не выставлена отметка за ${termName(t)} (последний день — ${ruDate(t.endsOn)})`,
          detail: { termId: t.id, termEnded: t.endsOn },
        }),
      );
    }
  }
  return out;
}

/**
 * R15: a pupil absent (late does not count) from more than absenceShare of the journal's held
 * lessons of the term so far, counting only the lessons while in the group (info: a «н/а»
 * candidate).
 */
export function r15ManyAbsences(d: TermData): Finding[] {
  const out: Finding[] = [];
  const share = d.settings.absenceShare;
  for (const { j, t, end } of journalTerms(d)) {
    for (const line of pupilLines(d, j)) {
      const p = line.pupilId;
      let lessons = 0;
      let absent = 0;
      for (let k = 0; k < line.length; k++) {
        const date = j.units[unitAt(line, k)]!.lesson.date;
        if (date < t.startsOn || date > end) continue;
        lessons++;
        if (absentAt(line, k)) absent++;
      }
      if (lessons === 0 || absent / lessons <= share) continue;
      out.push(
        make('R15', {
          key: `R15:${termKey(j.groupId, j.subjectId, p, t.id)}`,
          teacherId: j.teacherId,
          groupId: j.groupId,
          subjectId: j.subjectId,
          lessonId: null,
          pupilId: p,
          date: end,
          text: `${journalPlace(j)}: ${d.pupilName(p)} пропустил(а) ${absent} из ${lessons} ${lessons % 10 === 1 && lessons % 100 !== 11 ? 'урока' : 'уроков'} за ${termName(t)} (на ${ruDate(end)}) — возможна «н/а»`,
          detail: { termId: t.id, absent, lessons, share: Math.round(share * 1000) / 1000 },
        }),
      );
    }
  }
  return out;
}
