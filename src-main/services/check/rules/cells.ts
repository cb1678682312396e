// Cell rules of the check (issue 12): R9 a control work without a present pupil's mark after N
// days, R10 a mark and an absence in one cell, R11 a «2» on the first lesson after an absence,
// R12 a «2» with no later mark within N lessons. Lessons judged: in the period and up to today.
import type { Finding } from '../../../../src-shared/check/rules';
import { make, ruDate } from './common';
import {
  addDays,
  cellAbsence,
  cellMarks,
  inStays,
  isAbsent,
  journalPlace,
  lessonPlace,
  lessonsRu,
  type LessonUnit,
  type TermData,
  type TermJournal,
  type TermLesson,
} from '../data-terms';
import { absentAt, marksAt, pupilLines, unitAt, type PupilLine } from '../pupil-lines';
import { laterMarks } from '../later-marks';

/** An unsatisfactory mark: «2» (and «1», rarer and worse). */
const FAILING = new Set(['1', '2']);

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
    const group = d.members.get(j.groupId);
    if (!group) continue;
    const base = new Map<string, number>();
    for (const l of j.lessons) if (l.part === 0) base.set(`${l.date}#${l.slot}`, l.id);
    for (const l of j.lessons) {
      if (!l.isControl || !l.held || !inPeriod(d, l.date) || addDays(l.date, days) >= d.today) continue;
      const baseId = base.get(`${l.date}#${l.slot}`);
      const missing: number[] = [];
      for (const [p, stays] of group) {
        if (!inStays(stays, l.date)) continue;
        const absent = cellAbsence(d, l.id, p) ?? (baseId !== undefined ? cellAbsence(d, baseId, p) : undefined);
        if (isAbsent(absent)) continue;
        if (!cellMarks(d, l.id, p).length) missing.push(p);
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
  for (const j of d.journals) {
    const group = d.members.get(j.groupId);
    if (!group) continue;
    for (const l of j.lessons) {
      if (!inPeriod(d, l.date)) continue;
      for (const { pupilId: p, reason } of d.absences.get(l.id) ?? []) {
        if (!group.has(p) || !isAbsent(reason)) continue;
        const marks = cellMarks(d, l.id, p).filter((m) => !d.isMakeUp(m.workTypeId));
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
  }
  return out;
}

interface Fail {
  lesson: TermLesson;
  value: string;
  position: number;
}

/** The pupil's failing marks in a unit: the column (lesson or control column) and the position. */
function failingIn(d: TermData, u: LessonUnit, p: number): Fail[] {
  const out: Fail[] = [];
  const m = d.marks;
  for (let c = -1; c < u.parts.length; c++) {
    const l = c < 0 ? u.lesson : u.parts[c]!;
    const rows = m.rows.get(l.id);
    if (rows)
      for (let i = rows.start; i < rows.end; i++)
        if (m.pupilId[i] === p && FAILING.has(m.value[i]!)) out.push({ lesson: l, value: m.value[i]!, position: m.position[i]! });
  }
  return out;
}

/** Has the pupil a mark after the failing one in the same lesson: later in its cell, or in a later column? */
function followedInUnit(d: TermData, u: LessonUnit, f: Fail, p: number): boolean {
  const m = d.marks;
  for (let c = -1; c < u.parts.length; c++) {
    const l = c < 0 ? u.lesson : u.parts[c]!;
    if (l.part < f.lesson.part) continue;
    const rows = m.rows.get(l.id);
    if (rows)
      for (let i = rows.start; i < rows.end; i++)
        if (m.pupilId[i] === p && (l.part > f.lesson.part || m.position[i]! > f.position)) return true;
  }
  return false;
}

/** R11: a «2» on the first lesson the pupil attended after an absence. */
export function r11FailAfterAbsence(d: TermData): Finding[] {
  const out: Finding[] = [];
  for (const j of d.journals)
    for (const line of pupilLines(d, j)) {
      const p = line.pupilId;
      for (let k = 1; k < line.length; k++) {
        if (!absentAt(line, k - 1) || absentAt(line, k) || marksAt(line, k) === 0) continue;
        const u = j.units[unitAt(line, k)]!;
        if (!inPeriod(d, u.lesson.date)) continue;
        const prev = j.units[unitAt(line, k - 1)]!;
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
              text: `${journalPlace(j)}, ${lessonPlace(f.lesson)}: ${d.pupilName(p)} — «${f.value}» на первом уроке после пропуска ${ruDate(prev.lesson.date)}`,
              detail: { mark: f.value, absentLessonId: prev.lesson.id, absentOn: prev.lesson.date },
            }),
          );
      }
    }
  return out;
}

/**
 * R12: a «2» in the period with no later mark of the pupil (a later mark in the same cell or a
 * later column of the lesson, or any mark in the next N lessons while in the group) once N
 * lessons have passed. The lessons after it are looked at up to today, past the period: the
 * fix is a later mark, and a remark's re-check must see it (read on demand: laterMarks).
 */
export function r12FailNotFollowed(d: TermData): Finding[] {
  const out: Finding[] = [];
  const n = d.settings.lowMarkFollowLessons;
  interface Open {
    j: TermJournal;
    line: PupilLine;
    k: number;
    fails: Fail[];
  }
  const open: Open[] = [];
  // Lesson (or column) → the pupils with a failing mark there: most cells have none and need no
  // look at their marks (a scan per cell allocated more than the rest of the check).
  const failing = new Map<number, number[]>();
  const m = d.marks;
  for (let i = 0; i < m.length; i++)
    if (FAILING.has(m.value[i]!)) {
      const pupils = failing.get(m.lessonId[i]!);
      if (!pupils) failing.set(m.lessonId[i]!, [m.pupilId[i]!]);
      else if (!pupils.includes(m.pupilId[i]!)) pupils.push(m.pupilId[i]!);
    }
  const failedIn = (lessonId: number, p: number) => failing.get(lessonId)?.includes(p) === true;
  // Loops, not some(): a closure per pupil and lesson was most of this rule's garbage.
  const hasFailing = (u: LessonUnit, p: number) => {
    if (failedIn(u.lesson.id, p)) return true;
    for (let c = 0; c < u.parts.length; c++) if (failedIn(u.parts[c]!.id, p)) return true;
    return false;
  };
  const report = (o: Open, lastLessonId: number) => {
    const u = o.j.units[unitAt(o.line, o.k)]!;
    const p = o.line.pupilId;
    for (const f of o.fails)
      out.push(
        make('R12', {
          key: `R12:${f.lesson.id}:${p}:${f.position}`,
          teacherId: f.lesson.teacherId,
          groupId: o.j.groupId,
          subjectId: o.j.subjectId,
          lessonId: f.lesson.id,
          pupilId: p,
          date: u.lesson.date,
          text: `${journalPlace(o.j)}, ${lessonPlace(f.lesson)}: ${d.pupilName(p)} — после «${f.value}» нет новой отметки за ${lessonsRu(n)}`,
          detail: { mark: f.value, lessonsAfter: n, lastLessonId },
        }),
      );
  };
  for (const j of d.journals)
    for (const line of pupilLines(d, j)) {
      const p = line.pupilId;
      for (let k = 0; k < line.length; k++) {
        if (marksAt(line, k) === 0) continue;
        const u = j.units[unitAt(line, k)]!;
        if (!inPeriod(d, u.lesson.date) || !hasFailing(u, p)) continue;
        const fails = failingIn(d, u, p).filter((f) => !followedInUnit(d, u, f, p));
        if (!fails.length) continue;
        let seen = 0;
        let later = false;
        for (let x = k + 1; x < line.length && seen < n; x++, seen++) {
          if (j.units[unitAt(line, x)]!.lesson.date > d.today) break; // not given yet
          if (marksAt(line, x) > 0) later = true;
        }
        if (later) continue;
        if (seen === n) report({ j, line, k, fails }, j.units[unitAt(line, k + n)]!.lesson.id);
        else open.push({ j, line, k, fails });
      }
    }
  // A «2» near the period's end: the lessons after the period decide (when the period is over).
  if (open.length) {
    const later = laterMarks(
      d,
      [...new Set(open.map((o) => o.j))],
      open.map((o) => o.line.pupilId),
    );
    for (const o of open) {
      const need = n - (o.line.length - 1 - o.k);
      const after = (later.get(`${o.j.groupId}:${o.j.subjectId}`) ?? []).filter((l) => inStays(o.line.stays, l.date)).slice(0, need);
      if (after.length < need || after.some((l) => l.marked.has(o.line.pupilId))) continue;
      report(o, after[after.length - 1]!.id);
    }
  }
  return out;
}
