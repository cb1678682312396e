// The report card's source data in one synchronous read: the class, its pupils (or one), the
// terms shown, and per pupil and subject the term marks, the current marks of the date range
// and the lessons missed. Plain rows; the wording is card.ts's.
import { schoolFullName } from '../forms/school';
import { AppError } from '../../../src-shared/errors';
import type { CardRequest } from '../../../src-shared/reports/requests';
import type { PersonName } from '../../../src-shared/names';
import type { TermKind } from '../../../src-shared/domain';
import type { Ctx } from '../context';
import { prep } from '../sql';
import { assertInYear, type ClassInfo } from './scope';

export interface CardTerm {
  id: number;
  kind: TermKind;
  number: number;
  startsOn: string;
  endsOn: string;
}

export interface CardPupil extends PersonName {
  id: number;
}

export interface CardSubject {
  id: number;
  name: string;
  /** term id → the term mark. */
  termMarks: Map<number, string>;
  /** The range's marks in date order, with their weights (for the weighted average). */
  marks: { date: string; value: string; weight: number }[];
  /** Lessons missed in the range (reasons н, б, у, п; «оп», being late, is not a miss). */
  missed: number;
}

export interface CardPupilData {
  pupil: CardPupil;
  subjects: CardSubject[];
  /** Lessons missed in the range by reason (оп — late — included, reported apart). */
  absences: Record<string, number>;
}

export interface CardData {
  school: string;
  cls: ClassInfo;
  classTeacher: PersonName | null;
  /** The study period chosen, or null for the whole year. */
  term: CardTerm | null;
  /** The columns of term marks: the chosen term, or every study period, the year, exam and final. */
  columns: CardTerm[];
  from: string;
  to: string;
  pupils: CardPupilData[];
}

interface TermRow {
  id: number;
  kind: TermKind;
  number: number;
  starts_on: string;
  ends_on: string;
}

const STUDY = new Set<TermKind>(['quarter', 'half', 'trimester']);
const toTerm = (t: TermRow): CardTerm => ({ id: t.id, kind: t.kind, number: t.number, startsOn: t.starts_on, endsOn: t.ends_on });

function classTerms(ctx: Ctx, cls: ClassInfo): CardTerm[] {
  return (
    prep(
      ctx.sqlite,
      `SELECT id, kind, number, starts_on, ends_on FROM term WHERE year_id = ? AND ? BETWEEN grade_from AND grade_to
        ORDER BY CASE kind WHEN 'year' THEN 1 WHEN 'exam' THEN 2 WHEN 'final' THEN 3 ELSE 0 END, starts_on, number`,
    ).all(cls.yearId, cls.grade) as TermRow[]
  ).map(toTerm);
}

function pupilsOf(ctx: Ctx, cls: ClassInfo, req: CardRequest): CardPupil[] {
  if (req.pupilId !== null) {
    const p = prep(
      ctx.sqlite,
      `SELECT p.id, p.surname, p.name, p.patronymic FROM person p
        WHERE p.id = ? AND EXISTS (SELECT 1 FROM enrolment e WHERE e.pupil_id = p.id AND e.class_id = ?)`,
    ).get(req.pupilId, cls.id) as CardPupil | undefined;
    if (!p) throw new AppError('not_found', `В ${cls.label} классе нет такого ученика: выберите ученика из списка`);
    return [p];
  }
  // The whole class: everyone enrolled at any time of the range (a pupil who left still gets the card of their months).
  return prep(
    ctx.sqlite,
    `SELECT DISTINCT p.id, p.surname, p.name, p.patronymic FROM enrolment e JOIN person p ON p.id = e.pupil_id
      WHERE e.class_id = ? AND e.from_date <= ? AND (e.to_date IS NULL OR e.to_date >= ?)
      ORDER BY p.surname, p.name, p.patronymic, p.id`,
  ).all(cls.id, req.to, req.from) as CardPupil[];
}

interface SubjectRow {
  id: number;
  name: string;
}

function pupilData(ctx: Ctx, cls: ClassInfo, pupil: CardPupil, columns: CardTerm[], from: string, to: string): CardPupilData {
  const s = ctx.sqlite;
  // The pupil's subjects: what their groups in this class are taught this year, and anything they have a mark in.
  const subjects = prep(
    s,
    `SELECT id, name FROM subject WHERE id IN (
        SELECT l.subject_id FROM group_member gm JOIN study_group g ON g.id = gm.group_id AND g.class_id = ?
          JOIN teaching_load l ON l.group_id = gm.group_id AND l.draft = 0
         WHERE gm.pupil_id = ? AND gm.from_date <= ? AND (gm.to_date IS NULL OR gm.to_date >= ?)
           AND l.valid_from <= ? AND (l.valid_to IS NULL OR l.valid_to >= ?)
        UNION SELECT tm.subject_id FROM term_mark tm JOIN term t ON t.id = tm.term_id WHERE tm.pupil_id = ? AND t.year_id = ?
        UNION SELECT l.subject_id FROM mark m JOIN lesson l ON l.id = m.lesson_id
         WHERE m.pupil_id = ? AND l.cancelled = 0 AND l.date BETWEEN ? AND ?)
      ORDER BY name, id`,
  ).all(cls.id, pupil.id, cls.yearEndsOn, cls.yearStartsOn, cls.yearEndsOn, cls.yearStartsOn, pupil.id, cls.yearId, pupil.id, from, to) as SubjectRow[];
  const bySubject = new Map<number, CardSubject>(subjects.map((x) => [x.id, { id: x.id, name: x.name, termMarks: new Map(), marks: [], missed: 0 }]));
  const termIds = new Set(columns.map((c) => c.id));
  // A pupil moved between subgroups may hold two rows for one term: the later one (higher id) wins.
  const tms = prep(s, 'SELECT subject_id, term_id, value FROM term_mark WHERE pupil_id = ? ORDER BY id').all(pupil.id) as {
    subject_id: number;
    term_id: number;
    value: string;
  }[];
  for (const t of tms) if (termIds.has(t.term_id)) bySubject.get(t.subject_id)?.termMarks.set(t.term_id, t.value);
  const marks = prep(
    s,
    `SELECT l.subject_id, l.date, m.value, m.weight FROM mark m JOIN lesson l ON l.id = m.lesson_id
      WHERE m.pupil_id = ? AND l.cancelled = 0 AND l.date BETWEEN ? AND ? ORDER BY l.date, l.slot, l.part, m.position, m.id`,
  ).all(pupil.id, from, to) as { subject_id: number; date: string; value: string; weight: number }[];
  for (const m of marks) bySubject.get(m.subject_id)?.marks.push({ date: m.date, value: m.value, weight: m.weight });
  const abs = prep(
    s,
    `SELECT l.subject_id, a.reason, COUNT(*) AS n FROM absence a JOIN lesson l ON l.id = a.lesson_id
      WHERE a.pupil_id = ? AND l.cancelled = 0 AND l.date BETWEEN ? AND ? GROUP BY l.subject_id, a.reason`,
  ).all(pupil.id, from, to) as { subject_id: number; reason: string; n: number }[];
  const absences: Record<string, number> = {};
  for (const a of abs) {
    absences[a.reason] = (absences[a.reason] ?? 0) + a.n;
    const subj = bySubject.get(a.subject_id);
    if (subj && a.reason !== 'оп') subj.missed += a.n;
  }
  return { pupil, subjects: [...bySubject.values()], absences };
}

/** Reads everything the card prints; the caller has checked the scope (scope.ts) first. */
export function loadCard(ctx: Ctx, cls: ClassInfo, req: CardRequest): CardData {
  const terms = classTerms(ctx, cls);
  let term: CardTerm | null = null;
  if (req.termId !== null) {
    term = terms.find((t) => t.id === req.termId) ?? null;
    if (!term) throw new AppError('not_found', `Нет такого периода у ${cls.label} класса: выберите четверть, полугодие или год из списка`);
    if (term.kind === 'exam' || term.kind === 'final')
      throw new AppError('validation', 'Табель строится за четверть (полугодие, триместр) или за год: выберите один из них');
    if (term.kind === 'year') term = null;
  }
  assertInYear(cls, req.from, req.to);
  const columns = term ? [term] : terms;
  const teacher = cls.classTeacherId
    ? ((prep(ctx.sqlite, 'SELECT p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?').get(
        cls.classTeacherId,
      ) as PersonName | undefined) ?? null)
    : null;
  const pupils = pupilsOf(ctx, cls, req).map((p) => pupilData(ctx, cls, p, columns, req.from, req.to));
  return { school: schoolFullName(ctx), cls, classTeacher: teacher, term, columns, from: req.from, to: req.to, pupils };
}

export const isStudyTerm = (t: CardTerm) => STUDY.has(t.kind);
