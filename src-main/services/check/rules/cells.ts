// Cell rules of the check (issue 12): R9 a control work without a present pupil's mark after N
// days, R10 a mark and an absence in one cell, R11 a «2» on the first lesson after an absence,
// R12 a «2» with no later mark within N lessons. Lessons judged: in the period and up to today.
import { RULES, type Finding, type RuleId } from '../../../../src-shared/check/rules';
import {
  addDays,
  dmy,
  isAbsent,
  journalPlace,
  lessonPlace,
  lessonsRu,
  memberOn,
  pupilsBetween,
  unitAbsence,
  unitHasMark,
  type LessonUnit,
  type TermData,
  type TermLesson,
} from '../data-terms';

/** An unsatisfactory mark: «2» (and «1», rarer and worse). */
const FAILING = new Set(['1', '2']);

function make(rule: RuleId, f: Omit<Finding, 'rule' | 'severity'>): Finding {
  return { rule, severity: RULES[rule].severity, ...f };
}

const inPeriod = (d: TermData, date: string) => date >= d.from && date <= d.cutoff;

/**
 * R9: a control-work column (part > 0, or a lesson whose work type is a control work), held, in
 * the period, more than controlMarkDays days old, where a pupil present (a member that day, not
 * absent, late counts as present) has no mark. One finding per column; it names every pupil.
 */
export function r9ControlWorkUnmarked(d: TermData): Finding[] {
  const out: Finding[] = [];
  const days = d.settings.controlMarkDays;
  for (const j of d.journals) {
    const members = d.members.get(j.groupId) ?? [];
    const base = new Map<string, number>();
    for (const l of j.lessons) if (l.part === 0) base.set(`${l.date}#${l.slot}`, l.id);
    for (const l of j.lessons) {
      if (!l.isControl || !l.held || !inPeriod(d, l.date) || addDays(l.date, days) >= d.today) continue;
      const baseId = base.get(`${l.date}#${l.slot}`);
      const missing: number[] = [];
      for (const p of pupilsBetween(members, l.date, l.date)) {
        const absent = d.absences.get(l.id)?.get(p) ?? (baseId !== undefined ? d.absences.get(baseId)?.get(p) : undefined);
        if (isAbsent(absent)) continue;
        if (!d.marks.get(l.id)?.get(p)?.length) missing.push(p);
      }
      if (!missing.length) continue;
      const names = missing.map((p) => d.pupilName(p)).join(', ');
      out.push(
        make('R9', {
          key: `R9:l${l.id}`,
          teacherId: l.teacherId,
          groupId: j.groupId,
          subjectId: j.subjectId,
          lessonId: l.id,
          pupilId: missing.length === 1 ? missing[0]! : null,
          date: l.date,
          text: `${journalPlace(j)}, ${lessonPlace(l)}: нет отметки за контрольную работу (${names})`,
          detail: { missing: missing.length, pupils: names, days },
        }),
      );
    }
  }
  return out;
}

/** R10: a mark and an absence in one cell, unless the pupil was late or the mark is a make-up. */
export function r10MarkAndAbsence(d: TermData): Finding[] {
  const out: Finding[] = [];
  for (const j of d.journals)
    for (const l of j.lessons) {
      if (!inPeriod(d, l.date)) continue;
      const cellAbsences = d.absences.get(l.id);
      if (!cellAbsences) continue;
      for (const [p, reason] of cellAbsences) {
        if (!isAbsent(reason)) continue;
        const marks = (d.marks.get(l.id)?.get(p) ?? []).filter((m) => !m.makeUp);
        if (!marks.length) continue;
        const values = marks.map((m) => m.value).join('/');
        out.push(
          make('R10', {
            key: `R10:${l.id}:${p}`,
            teacherId: l.teacherId,
            groupId: j.groupId,
            subjectId: j.subjectId,
            lessonId: l.id,
            pupilId: p,
            date: l.date,
            text: `${journalPlace(j)}, ${lessonPlace(l)}: ${d.pupilName(p)} — в одной клетке пропуск «${reason}» и отметка «${values}»`,
            detail: { absence: reason, marks: values },
          }),
        );
      }
    }
  return out;
}

/** The pupil's failing marks in a unit: the column (lesson or control column) and the position. */
function failingIn(d: TermData, u: LessonUnit, p: number): { lesson: TermLesson; value: string; position: number }[] {
  const out: { lesson: TermLesson; value: string; position: number }[] = [];
  for (const l of [u.lesson, ...u.parts])
    for (const m of d.marks.get(l.id)?.get(p) ?? []) if (FAILING.has(m.value)) out.push({ lesson: l, value: m.value, position: m.position });
  return out;
}

/** The held lessons of a journal the pupil was a member at, in order. */
function pupilUnits(d: TermData, units: readonly LessonUnit[], groupId: number, p: number): LessonUnit[] {
  const members = d.members.get(groupId) ?? [];
  return units.filter((u) => memberOn(members, p, u.lesson.date));
}

/** R11: a «2» on the first lesson the pupil attended after an absence. */
export function r11FailAfterAbsence(d: TermData): Finding[] {
  const out: Finding[] = [];
  for (const j of d.journals) {
    const members = d.members.get(j.groupId) ?? [];
    const units = j.units.filter((u) => u.lesson.date <= d.cutoff);
    if (!units.length) continue;
    for (const p of pupilsBetween(members, units[0]!.lesson.date, d.cutoff)) {
      const mine = pupilUnits(d, units, j.groupId, p);
      for (let i = 1; i < mine.length; i++) {
        const u = mine[i]!;
        if (!inPeriod(d, u.lesson.date)) continue;
        const prev = mine[i - 1]!;
        const before = unitAbsence(d, prev, p);
        if (!isAbsent(before) || isAbsent(unitAbsence(d, u, p))) continue;
        for (const f of failingIn(d, u, p))
          out.push(
            make('R11', {
              key: `R11:${f.lesson.id}:${p}:${f.position}`,
              teacherId: f.lesson.teacherId,
              groupId: j.groupId,
              subjectId: j.subjectId,
              lessonId: f.lesson.id,
              pupilId: p,
              date: u.lesson.date,
              text: `${journalPlace(j)}, ${lessonPlace(u.lesson)}: ${d.pupilName(p)} — «${f.value}» на первом уроке после пропуска ${dmy(prev.lesson.date)}`,
              detail: { mark: f.value, absentLessonId: prev.lesson.id, absentOn: prev.lesson.date, absence: before ?? null },
            }),
          );
      }
    }
  }
  return out;
}

/**
 * R12: a «2» in the period with no later mark of the pupil (a later mark in the same cell, or
 * any mark in the next N lessons the pupil was a member at) once N lessons have passed. The
 * lessons after it are looked at up to today, past the period: the fix is a later mark.
 */
export function r12FailNotFollowed(d: TermData): Finding[] {
  const out: Finding[] = [];
  const n = d.settings.lowMarkFollowLessons;
  for (const j of d.journals) {
    const members = d.members.get(j.groupId) ?? [];
    const units = j.units.filter((u) => u.lesson.date <= d.today);
    if (!units.length) continue;
    for (const p of pupilsBetween(members, units[0]!.lesson.date, d.cutoff)) {
      const mine = pupilUnits(d, units, j.groupId, p);
      for (let i = 0; i < mine.length; i++) {
        const u = mine[i]!;
        if (!inPeriod(d, u.lesson.date)) continue;
        const fails = failingIn(d, u, p);
        if (!fails.length) continue;
        const next = mine.slice(i + 1, i + 1 + n);
        if (next.length < n) continue;
        const laterInNext = next.some((x) => unitHasMark(d, x, p));
        for (const f of fails) {
          const laterInCell = (d.marks.get(f.lesson.id)?.get(p) ?? []).some((m) => m.position > f.position);
          const laterColumn = u.parts.some((c) => c.id !== f.lesson.id && c.part > f.lesson.part && (d.marks.get(c.id)?.get(p)?.length ?? 0) > 0);
          if (laterInNext || laterInCell || laterColumn) continue;
          out.push(
            make('R12', {
              key: `R12:${f.lesson.id}:${p}:${f.position}`,
              teacherId: f.lesson.teacherId,
              groupId: j.groupId,
              subjectId: j.subjectId,
              lessonId: f.lesson.id,
              pupilId: p,
              date: u.lesson.date,
              text: `${journalPlace(j)}, ${lessonPlace(u.lesson)}: ${d.pupilName(p)} — после «${f.value}» нет новой отметки за ${lessonsRu(n)}`,
              detail: { mark: f.value, lessonsAfter: n, lastLessonId: next[next.length - 1]!.lesson.id },
            }),
          );
        }
      }
    }
  }
  return out;
}
