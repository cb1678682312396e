// Per class and term of a year: closed when and by whom; the reopenings still open.
import { schoolDate } from '../../../src-shared/dates';
import { shortName } from '../../../src-shared/names';
import { AppError } from '../../../src-shared/errors';
import type { Ctx } from '../context';
import { prep } from '../sql';
import type { TermRow } from '../school/terms';
import { currentYear } from '../school/handlers';
import { className } from '../journal/format';

type Name = { surname: string | null; name: string | null; patronymic: string | null };
const nameOf = (p: Name) => (p.surname ? shortName({ surname: p.surname, name: p.name ?? '', patronymic: p.patronymic }) : null);

export function termsStatus(ctx: Ctx, input: { yearId?: number | undefined }) {
  const s = ctx.sqlite;
  const yearId = input.yearId ?? currentYear(ctx, schoolDate(ctx.now()))?.id;
  if (yearId === undefined) return { year: null, terms: [], classes: [], reopenings: [] };
  const year = prep(s, 'SELECT id, label, status FROM school_year WHERE id = ?').get(yearId) as
    { id: number; label: string; status: string } | undefined;
  if (!year) throw new AppError('not_found', 'Нет такого учебного года', [{ path: ['yearId'], message: 'нет такого года' }]);
  const terms = prep(
    s,
    `SELECT id, kind, number, starts_on, ends_on, grade_from, grade_to, closed_at FROM term WHERE year_id = ?
       ORDER BY grade_from, CASE kind WHEN 'year' THEN 1 WHEN 'exam' THEN 2 WHEN 'final' THEN 3 ELSE 0 END, starts_on`,
  ).all(yearId) as TermRow[];
  const classes = prep(s, 'SELECT id, grade, letter FROM class_unit WHERE year_id = ? ORDER BY grade, letter').all(yearId) as {
    id: number;
    grade: number;
    letter: string;
  }[];
  const closures = prep(
    s,
    `SELECT tc.term_id, tc.class_id, tc.closed_at, p.surname, p.name, p.patronymic FROM term_closure tc
       JOIN term t ON t.id = tc.term_id LEFT JOIN staff_user u ON u.id = tc.closed_by LEFT JOIN person p ON p.id = u.person_id
       WHERE t.year_id = ? ORDER BY tc.term_id`,
  ).all(yearId) as ({ term_id: number; class_id: number; closed_at: string } & Name)[];
  const reopenings = prep(
    s,
    `SELECT r.id, r.term_id, r.group_id, g.name AS group_name, c.grade, c.letter, r.subject_id, sj.name AS subject_name,
            r.lesson_id, l.date AS lesson_date, r.pupil_id, pp.surname AS pupil_surname, pp.name AS pupil_name,
            r.reason, r.opened_at, p.surname, p.name, p.patronymic
       FROM term_reopen r JOIN term t ON t.id = r.term_id JOIN study_group g ON g.id = r.group_id JOIN class_unit c ON c.id = g.class_id
       JOIN subject sj ON sj.id = r.subject_id LEFT JOIN lesson l ON l.id = r.lesson_id LEFT JOIN person pp ON pp.id = r.pupil_id
       LEFT JOIN staff_user u ON u.id = r.opened_by LEFT JOIN person p ON p.id = u.person_id
       WHERE t.year_id = ? AND r.closed_at IS NULL ORDER BY r.opened_at, r.id`,
  ).all(yearId) as ({
    id: number;
    term_id: number;
    group_id: number;
    group_name: string;
    grade: number;
    letter: string;
    subject_id: number;
    subject_name: string;
    lesson_id: number | null;
    lesson_date: string | null;
    pupil_id: number | null;
    pupil_surname: string | null;
    pupil_name: string | null;
    reason: string;
    opened_at: string;
  } & Name)[];
  return {
    year: { id: year.id, label: year.label, archived: year.status === 'archived' },
    terms: terms.map((t) => ({
      id: t.id,
      kind: t.kind,
      number: t.number,
      startsOn: t.starts_on,
      endsOn: t.ends_on,
      gradeFrom: t.grade_from,
      gradeTo: t.grade_to,
      closedAt: t.closed_at,
    })),
    classes: classes.map((c) => ({
      id: c.id,
      name: className(c.grade, c.letter),
      grade: c.grade,
      closures: closures.filter((x) => x.class_id === c.id).map((x) => ({ termId: x.term_id, closedAt: x.closed_at, closedBy: nameOf(x) })),
    })),
    reopenings: reopenings.map((r) => ({
      id: r.id,
      termId: r.term_id,
      groupId: r.group_id,
      groupName: r.group_name,
      className: className(r.grade, r.letter),
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      lessonId: r.lesson_id,
      lessonDate: r.lesson_date,
      pupilId: r.pupil_id,
      pupilName: r.pupil_surname ? `${r.pupil_surname} ${r.pupil_name ?? ''}`.trim() : null,
      reason: r.reason,
      openedAt: r.opened_at,
      openedBy: nameOf(r),
    })),
  };
}
