// plan.list and plan.get: a teacher sees their own plans and the loads still without one; the
// deputy and the director see every teacher's, read only.
import { schoolDate } from '../../../src-shared/dates';
import { AppError } from '../../../src-shared/errors';
import { shortName } from '../../../src-shared/names';
import type { PlanItem, PlanView } from '../../../src-shared/rpc/plan';
import { requireActor, type Ctx } from '../context';
import { currentYear } from '../school/handlers';
import { prep } from '../sql';
import { mayWrite, planView, planYear, SEES_ALL } from './store';

interface ItemRow {
  teacher_id: number;
  subject_id: number;
  grade: number;
  subject_name: string;
  surname: string;
  name: string;
  patronymic: string | null;
  plan_id: number | null;
  updated_at: string | null;
  topics: number;
  hours: number;
}

type WorkTypeItem = { id: number; name: string; isControl: boolean };

export function listPlans(ctx: Ctx): { yearId: number | null; items: PlanItem[]; workTypes: WorkTypeItem[] } {
  const actor = requireActor(ctx);
  const today = schoolDate(ctx.now());
  const workTypes = (prep(ctx.sqlite, 'SELECT id, name, is_control FROM work_type WHERE is_make_up = 0 ORDER BY id').all() as {
    id: number;
    name: string;
    is_control: number;
  }[]).map((w) => ({ id: w.id, name: w.name, isControl: w.is_control === 1 }));
  const year = currentYear(ctx, today);
  if (!year) return { yearId: null, items: [], workTypes };
  const all = SEES_ALL(actor) ? 1 : 0;
  const params = { year: year.id, today, me: actor.staffId, all };
  // Loads in force now or later (not drafts) and stored plans, each teacher × subject × grade once.
  const rows = prep(
    ctx.sqlite,
    `WITH items AS (
         SELECT tl.teacher_id, tl.subject_id, c.grade FROM teaching_load tl
           JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
           WHERE c.year_id = @year AND tl.draft = 0 AND (tl.valid_to IS NULL OR tl.valid_to >= @today) AND (@all = 1 OR tl.teacher_id = @me)
         UNION
         SELECT teacher_id, subject_id, grade FROM plan WHERE year_id = @year AND (@all = 1 OR teacher_id = @me)
       )
       SELECT i.teacher_id, i.subject_id, i.grade, s.name AS subject_name, p.surname, p.name, p.patronymic,
              pl.id AS plan_id, pl.updated_at,
              (SELECT COUNT(*) FROM plan_topic t WHERE t.plan_id = pl.id) AS topics,
              (SELECT COALESCE(SUM(t.hours), 0) FROM plan_topic t WHERE t.plan_id = pl.id) AS hours
       FROM items i JOIN subject s ON s.id = i.subject_id
       JOIN staff_user u ON u.id = i.teacher_id JOIN person p ON p.id = u.person_id
       LEFT JOIN plan pl ON pl.year_id = @year AND pl.teacher_id = i.teacher_id AND pl.subject_id = i.subject_id AND pl.grade = i.grade
       ORDER BY i.teacher_id = @me DESC, p.surname, p.name, i.teacher_id, i.grade, s.name`,
  ).all(params) as ItemRow[];
  const groups = prep(
    ctx.sqlite,
    `SELECT DISTINCT tl.teacher_id, tl.subject_id, c.grade, g.id, g.name FROM teaching_load tl
       JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
       WHERE c.year_id = @year AND tl.draft = 0 AND (tl.valid_to IS NULL OR tl.valid_to >= @today) AND (@all = 1 OR tl.teacher_id = @me)
       ORDER BY c.grade, c.letter, g.name`,
  ).all(params) as { teacher_id: number; subject_id: number; grade: number; id: number; name: string }[];
  const key = (t: number, s: number, g: number) => `${t}|${s}|${g}`;
  const groupsBy = new Map<string, { groupId: number; name: string }[]>();
  for (const g of groups) {
    const k = key(g.teacher_id, g.subject_id, g.grade);
    groupsBy.set(k, [...(groupsBy.get(k) ?? []), { groupId: g.id, name: g.name }]);
  }
  return {
    yearId: year.id,
    workTypes,
    items: rows.map((r) => {
      const groupList = groupsBy.get(key(r.teacher_id, r.subject_id, r.grade)) ?? [];
      return {
        planId: r.plan_id,
        teacherId: r.teacher_id,
        teacherName: shortName(r),
        subjectId: r.subject_id,
        subjectName: r.subject_name,
        grade: r.grade,
        groups: groupList,
        topics: r.topics,
        hours: r.hours,
        updatedAt: r.updated_at,
        // A current load of the caller's own (the list's groups) is what makes a plan writable.
        access: r.teacher_id === actor.staffId && groupList.length > 0 && mayWrite(ctx, actor, r.teacher_id, year.id, r.subject_id, r.grade) ? 'write' : 'read',
      };
    }),
  };
}

export function getPlan(ctx: Ctx, input: { subjectId: number; grade: number; teacherId?: number | undefined }): PlanView {
  const actor = requireActor(ctx);
  const year = planYear(ctx);
  const teacherId = input.teacherId ?? actor.staffId;
  if (teacherId !== actor.staffId && !SEES_ALL(actor)) throw new AppError('forbidden', 'Чужой КТП доступен только заместителю директора и директору');
  return planView(ctx, actor, year.id, teacherId, input.subjectId, input.grade);
}
