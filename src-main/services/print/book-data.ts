// What a printed class journal is made of, read in one synchronous pass (no await between the
// reads, so a mark entered meanwhile is either wholly in the print or wholly out): the class,
// its journals (group × subject) with pupils, held lessons, marks, absences and term marks.
// Plain JSON-able data: its canonical JSON is what the pages' sha256 is taken of.
import { addDays } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { TermKind } from '../../../src-shared/domain';
import type { Services } from '../context';
import { prep } from '../sql';
import { loadSheetClass, type SheetClass } from './summary-class';

const RU = new Intl.Collator('ru', { sensitivity: 'base' });

export interface BookTerm {
  id: number;
  kind: TermKind;
  number: number;
  startsOn: string;
  endsOn: string;
}

export interface BookPupil {
  id: number;
  /** «Фамилия Имя», as a paper journal lists pupils. */
  name: string;
  /** Stays in the group overlapping the printed dates, in order, adjacent ones merged (to: null = still there). */
  stays: { from: string; to: string | null }[];
}

export interface BookLesson {
  id: number;
  date: string;
  slot: number;
  part: number;
  topic: string | null;
  homework: string | null;
  /** The control work's type («Контрольная работа»), null for an ordinary lesson. */
  control: string | null;
  /** «Петрова А. И.»: who taught it. */
  teacher: string | null;
  /** Taught by someone else than the timetable's teacher. */
  substitute: boolean;
}

export interface BookJournal {
  groupId: number;
  subjectId: number;
  subject: string;
  /** «5А» for the whole class, the subgroup's name otherwise. */
  group: string;
  /** The journal's teachers over the year (the load's holders), in order. */
  teachers: string[];
  pupils: BookPupil[];
  lessons: BookLesson[];
  /** [lesson index, pupil index, «5» | «5/4», control work] — the cell's marks in position order. */
  marks: [number, number, string, boolean][];
  /** [lesson index, pupil index, reason] */
  absences: [number, number, string][];
  /** [term id, pupil index, value] */
  termMarks: [number, number, string][];
}

/** The class, its year and the grade's terms: what the title page and every journal's columns need. */
export interface ClassBookHead extends SheetClass {
  terms: BookTerm[];
}

interface JournalRow {
  group_id: number;
  subject_id: number;
  subject: string;
  group_name: string;
  whole: number;
}

/** The class, its year and terms; not_found for an unknown class. */
export function loadBookHead(s: Services, classId: number): ClassBookHead {
  const cls = loadSheetClass(s, classId);
  const terms = (
    prep(
      s.sqlite,
      `SELECT id, kind, number, starts_on, ends_on FROM term WHERE year_id = ? AND ? BETWEEN grade_from AND grade_to
        ORDER BY CASE kind WHEN 'year' THEN 1 WHEN 'exam' THEN 2 WHEN 'final' THEN 3 ELSE 0 END, starts_on`,
    ).all(cls.yearId, cls.grade) as { id: number; kind: TermKind; number: number; starts_on: string; ends_on: string }[]
  ).map((t) => ({ id: t.id, kind: t.kind, number: t.number, startsOn: t.starts_on, endsOn: t.ends_on }));
  return { ...cls, terms };
}

/** The class's journals: every group × subject with a load or a lesson in the year, by subject then group. */
export function classJournals(s: Services, head: ClassBookHead): { groupId: number; subjectId: number }[] {
  const rows = prep(
    s.sqlite,
    `SELECT DISTINCT j.group_id, j.subject_id, sb.name AS subject, g.name AS group_name, g.is_whole_class AS whole
       FROM (SELECT group_id, subject_id FROM teaching_load WHERE draft = 0
             UNION SELECT group_id, subject_id FROM lesson WHERE cancelled = 0 AND date BETWEEN @from AND @to) j
       JOIN study_group g ON g.id = j.group_id JOIN subject sb ON sb.id = j.subject_id
      WHERE g.class_id = @classId`,
  ).all({ classId: head.classId, from: head.yearStarts, to: head.yearEnds }) as JournalRow[];
  return rows
    .sort((a, b) => RU.compare(a.subject, b.subject) || b.whole - a.whole || RU.compare(a.group_name, b.group_name))
    .map((r) => ({ groupId: r.group_id, subjectId: r.subject_id }));
}

interface LessonRow {
  id: number;
  date: string;
  slot: number;
  part: number;
  topic: string | null;
  homework: string | null;
  control: string | null;
  surname: string | null;
  name: string | null;
  patronymic: string | null;
  substitute: number;
}

/** One journal's pages' content over from..to (held lessons only: a lesson not held has no column on paper). */
export function loadBookJournal(
  s: Services,
  head: ClassBookHead,
  groupId: number,
  subjectId: number,
  from: string,
  to: string,
): BookJournal {
  const sq = s.sqlite;
  const meta = prep(
    sq,
    `SELECT g.name AS group_name, g.is_whole_class AS whole, sb.name AS subject FROM study_group g, subject sb
      WHERE g.id = ? AND sb.id = ? AND g.class_id = ?`,
  ).get(groupId, subjectId, head.classId) as { group_name: string; whole: number; subject: string } | undefined;
  if (!meta) throw new AppError('not_found', 'Нет такого журнала в этом классе');
  const teachers = (
    prep(
      sq,
      `SELECT p.surname, p.name, p.patronymic, MIN(tl.valid_from) AS since FROM teaching_load tl
         JOIN staff_user u ON u.id = tl.teacher_id JOIN person p ON p.id = u.person_id
        WHERE tl.group_id = ? AND tl.subject_id = ? AND tl.draft = 0 AND tl.valid_from <= ? AND (tl.valid_to IS NULL OR tl.valid_to >= ?)
        GROUP BY tl.teacher_id ORDER BY since`,
    ).all(groupId, subjectId, to, from) as { surname: string; name: string; patronymic: string | null }[]
  ).map(shortName);

  const stays = prep(
    sq,
    `SELECT m.pupil_id, p.surname, p.name, m.from_date, m.to_date FROM group_member m JOIN person p ON p.id = m.pupil_id
      WHERE m.group_id = ? AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?) ORDER BY m.pupil_id, m.from_date`,
  ).all(groupId, to, from) as { pupil_id: number; surname: string; name: string; from_date: string; to_date: string | null }[];
  const byPupil = new Map<number, BookPupil>();
  for (const r of stays) {
    const p = byPupil.get(r.pupil_id);
    if (!p) {
      byPupil.set(r.pupil_id, { id: r.pupil_id, name: `${r.surname} ${r.name}`, stays: [{ from: r.from_date, to: r.to_date }] });
      continue;
    }
    const last = p.stays.at(-1)!;
    // Adjacent or overlapping stays are one stay on paper.
    if (last.to === null || addDays(last.to, 1) >= r.from_date)
      last.to = last.to === null || r.to_date === null ? null : last.to > r.to_date ? last.to : r.to_date;
    else p.stays.push({ from: r.from_date, to: r.to_date });
  }
  const pupils = [...byPupil.values()].sort((a, b) => RU.compare(a.name, b.name) || a.id - b.id);
  const pupilIndex = new Map(pupils.map((p, i) => [p.id, i]));

  const lessonRows = prep(
    sq,
    `SELECT l.id, l.date, l.slot, l.part, l.topic, l.homework, CASE WHEN w.is_control = 1 THEN w.name END AS control,
            p.surname, p.name, p.patronymic,
            (l.actual_teacher_id IS NOT NULL AND l.planned_teacher_id IS NOT NULL AND l.actual_teacher_id <> l.planned_teacher_id) AS substitute
       FROM lesson l LEFT JOIN work_type w ON w.id = l.work_type_id
       LEFT JOIN staff_user u ON u.id = COALESCE(l.actual_teacher_id, l.planned_teacher_id) LEFT JOIN person p ON p.id = u.person_id
      WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? AND l.cancelled = 0 AND l.held = 1
      ORDER BY l.date, l.slot, l.part`,
  ).all(groupId, subjectId, from, to) as LessonRow[];
  const lessons: BookLesson[] = lessonRows.map((l) => ({
    id: l.id,
    date: l.date,
    slot: l.slot,
    part: l.part,
    topic: l.topic,
    homework: l.homework,
    control: l.control,
    teacher: l.surname ? shortName({ surname: l.surname, name: l.name ?? '', patronymic: l.patronymic }) : null,
    substitute: l.substitute === 1,
  }));
  const lessonIndex = new Map(lessons.map((l, i) => [l.id, i]));

  const marks: BookJournal['marks'] = [];
  let prev: BookJournal['marks'][number] | undefined;
  for (const m of prep(
    sq,
    `SELECT m.lesson_id, m.pupil_id, m.value, w.is_control FROM lesson l JOIN mark m ON m.lesson_id = l.id JOIN work_type w ON w.id = m.work_type_id
      WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? AND l.cancelled = 0 AND l.held = 1
      ORDER BY m.lesson_id, m.pupil_id, m.position`,
  ).iterate(groupId, subjectId, from, to) as Iterable<{ lesson_id: number; pupil_id: number; value: string; is_control: number }>) {
    const li = lessonIndex.get(m.lesson_id)!;
    const pi = pupilIndex.get(m.pupil_id);
    // A mark of a pupil outside the group's printed dates has no row to stand in.
    if (pi === undefined) continue;
    if (prev && prev[0] === li && prev[1] === pi) {
      prev[2] += `/${m.value}`;
      prev[3] ||= m.is_control === 1;
    } else marks.push((prev = [li, pi, m.value, m.is_control === 1]));
  }
  const absences: BookJournal['absences'] = [];
  for (const a of prep(
    sq,
    `SELECT a.lesson_id, a.pupil_id, a.reason FROM lesson l JOIN absence a ON a.lesson_id = l.id
      WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ? AND l.cancelled = 0 AND l.held = 1
      ORDER BY a.lesson_id, a.pupil_id`,
  ).iterate(groupId, subjectId, from, to) as Iterable<{ lesson_id: number; pupil_id: number; reason: string }>) {
    const pi = pupilIndex.get(a.pupil_id);
    if (pi !== undefined) absences.push([lessonIndex.get(a.lesson_id)!, pi, a.reason]);
  }
  const termIds = new Set(head.terms.map((t) => t.id));
  const termMarks: BookJournal['termMarks'] = [];
  for (const t of prep(
    sq,
    'SELECT term_id, pupil_id, value FROM term_mark WHERE group_id = ? AND subject_id = ? ORDER BY term_id, pupil_id',
  ).iterate(groupId, subjectId) as Iterable<{ term_id: number; pupil_id: number; value: string }>) {
    const pi = pupilIndex.get(t.pupil_id);
    if (pi !== undefined && termIds.has(t.term_id)) termMarks.push([t.term_id, pi, t.value]);
  }
  return {
    groupId,
    subjectId,
    subject: meta.subject,
    group: meta.whole ? head.label : meta.group_name,
    teachers,
    pupils,
    lessons,
    marks,
    absences,
    termMarks,
  };
}
