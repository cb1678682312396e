// The scope picker's lists: the current year's classes the caller may report on, each with its
// pupils (enrolled at any time of the year, so a pupil who left still gets a card). A teacher
// sees the classes they teach in, without the whole-class flag; the reports check again.
import type { ReportClass } from '../../../src-shared/rpc/reports';
import { schoolDate } from '../../../src-shared/dates';
import { shortName } from '../../../src-shared/names';
import type { Actor, Ctx } from '../context';
import { currentYear } from '../school/handlers';
import { prep } from '../sql';
import { seesAll } from './scope';

interface Row {
  id: number;
  grade: number;
  letter: string;
  class_teacher_id: number | null;
}

interface PupilRow {
  class_id: number;
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
}

export function reportClasses(ctx: Ctx, actor: Actor): ReportClass[] {
  const year = currentYear(ctx, schoolDate(ctx.now()));
  if (!year) return [];
  const all = seesAll(actor);
  const rows = prep(
    ctx.sqlite,
    `SELECT c.id, c.grade, c.letter, c.class_teacher_id FROM class_unit c
      WHERE c.year_id = ? AND (? OR c.class_teacher_id = ? OR EXISTS (
        SELECT 1 FROM teaching_load l JOIN study_group g ON g.id = l.group_id
         WHERE g.class_id = c.id AND l.teacher_id = ? AND l.draft = 0))
      ORDER BY c.grade, c.letter`,
  ).all(year.id, all ? 1 : 0, actor.staffId, actor.staffId) as Row[];
  const pupils = prep(
    ctx.sqlite,
    `SELECT DISTINCT e.class_id, p.id, p.surname, p.name, p.patronymic FROM enrolment e
       JOIN person p ON p.id = e.pupil_id JOIN class_unit c ON c.id = e.class_id
      WHERE c.year_id = ? ORDER BY p.surname, p.name, p.patronymic, p.id`,
  ).all(year.id) as PupilRow[];
  const byClass = new Map<number, { id: number; name: string }[]>();
  for (const p of pupils) {
    const list = byClass.get(p.class_id) ?? [];
    list.push({ id: p.id, name: shortName(p) });
    byClass.set(p.class_id, list);
  }
  return rows.map((c) => ({
    id: c.id,
    label: `${c.grade}${c.letter}`,
    grade: c.grade,
    whole: all || c.class_teacher_id === actor.staffId,
    pupils: byClass.get(c.id) ?? [],
  }));
}
