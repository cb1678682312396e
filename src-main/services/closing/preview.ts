// What is missing before a term closes, per journal (group × subject taught in the term):
// pupils without a term mark («н/а» counts as a mark), held lessons up to today without a
// topic, held lessons up to today with neither a mark nor an absence. Stored lessons only
// (a planned slot never written has nothing to close).
import { schoolDate } from '../../../src-shared/dates';
import { shortName } from '../../../src-shared/names';
import type { Ctx } from '../context';
import { prep } from '../sql';
import { className } from '../journal/format';
import { classLabel, closedFor, loadTerm, termClasses, termRef } from './terms';

interface JournalRow {
  group_id: number;
  group_name: string;
  class_id: number;
  grade: number;
  letter: string;
  subject_id: number;
  subject_name: string;
  surname: string | null;
  name: string | null;
  patronymic: string | null;
}

type LessonRef = { lessonId: number; date: string; slot: number };

export function previewClose(ctx: Ctx, input: { termId: number; classId?: number | undefined }) {
  const s = ctx.sqlite;
  const t = loadTerm(ctx, input.termId);
  const classes = termClasses(ctx, t, input.classId);
  const ids = new Set(classes.map((c) => c.id));
  const today = schoolDate(ctx.now());
  const upTo = t.ends_on < today ? t.ends_on : today;
  // Journals: loads in force (not drafts) at some day of the term, the newest holder named.
  const journals = (
    prep(
      s,
      `SELECT DISTINCT tl.group_id, g.name AS group_name, c.id AS class_id, c.grade, c.letter, tl.subject_id, sj.name AS subject_name,
              p.surname, p.name, p.patronymic
         FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
         JOIN subject sj ON sj.id = tl.subject_id
         LEFT JOIN staff_user u ON u.id = (SELECT t2.teacher_id FROM teaching_load t2 WHERE t2.group_id = tl.group_id AND t2.subject_id = tl.subject_id
                                              AND t2.draft = 0 ORDER BY t2.valid_from DESC LIMIT 1)
         LEFT JOIN person p ON p.id = u.person_id
         WHERE c.year_id = ? AND c.grade BETWEEN ? AND ? AND tl.draft = 0
           AND tl.valid_from <= ? AND (tl.valid_to IS NULL OR tl.valid_to >= ?)
         ORDER BY c.grade, c.letter, g.name, sj.name`,
    ).all(t.year_id, t.grade_from, t.grade_to, t.ends_on, t.starts_on) as JournalRow[]
  ).filter((j) => ids.has(j.class_id));

  const noMark = prep(
    s,
    `SELECT DISTINCT p.id, p.surname, p.name FROM group_member m JOIN person p ON p.id = m.pupil_id
       WHERE m.group_id = ? AND m.from_date <= ? AND (m.to_date IS NULL OR m.to_date >= ?)
         AND NOT EXISTS (SELECT 1 FROM term_mark tm WHERE tm.pupil_id = m.pupil_id AND tm.group_id = m.group_id
                           AND tm.subject_id = ? AND tm.term_id = ?)
       ORDER BY p.surname, p.name, p.id`,
  );
  const noTopic = prep(
    s,
    `SELECT id AS lessonId, date, slot FROM lesson WHERE group_id = ? AND subject_id = ? AND date BETWEEN ? AND ?
       AND held = 1 AND cancelled = 0 AND part = 0 AND (topic IS NULL OR trim(topic) = '') ORDER BY date, slot`,
  );
  const empty = prep(
    s,
    `SELECT l.id AS lessonId, l.date, l.slot FROM lesson l WHERE l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ?
       AND l.held = 1 AND l.cancelled = 0 AND l.part = 0
       AND NOT EXISTS (SELECT 1 FROM mark m WHERE m.lesson_id = l.id) AND NOT EXISTS (SELECT 1 FROM absence a WHERE a.lesson_id = l.id)
     ORDER BY l.date, l.slot`,
  );
  const missing = [];
  for (const j of journals) {
    const pupils = noMark.all(j.group_id, t.ends_on, t.starts_on, j.subject_id, t.id) as { id: number; surname: string; name: string }[];
    const topics = upTo >= t.starts_on ? (noTopic.all(j.group_id, j.subject_id, t.starts_on, upTo) as LessonRef[]) : [];
    const blank = upTo >= t.starts_on ? (empty.all(j.group_id, j.subject_id, t.starts_on, upTo) as LessonRef[]) : [];
    if (!pupils.length && !topics.length && !blank.length) continue;
    missing.push({
      groupId: j.group_id,
      groupName: j.group_name,
      classId: j.class_id,
      className: className(j.grade, j.letter),
      subjectId: j.subject_id,
      subjectName: j.subject_name,
      teacherName: j.surname ? shortName({ surname: j.surname, name: j.name ?? '', patronymic: j.patronymic }) : null,
      pupilsWithoutMark: pupils.map((p) => ({ id: p.id, name: `${p.surname} ${p.name}` })),
      lessonsWithoutTopic: topics,
      lessonsEmpty: blank,
    });
  }
  return {
    term: termRef(t),
    classes: classes.map((c) => ({ id: c.id, name: classLabel(c), closed: closedFor(ctx, t, c.id) !== null })),
    journals: journals.length,
    missing,
  };
}
