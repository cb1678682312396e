// reports.teachers: whom the caller may pick in «Отчёт учителя» — the same rule the builder
// checks (teacher.ts): the deputy and the director anyone who teaches, a teacher only themself.
import { fullName, type PersonName } from '../../../src-shared/names';
import type { reportTeacherMethods } from '../../../src-shared/rpc/reports-teachers';
import type { Handlers } from '../../rpc/handlers';
import { requireActor } from '../context';
import { prep } from '../sql';
import { seesAll } from './scope';

interface Row extends PersonName {
  id: number;
}

export const reportTeacherHandlers: Pick<Handlers, keyof typeof reportTeacherMethods> = {
  'reports.teachers': (ctx) => {
    const actor = requireActor(ctx);
    const teaches = actor.roles.includes('teacher') || actor.roles.includes('classTeacher');
    // Disabled accounts stay listed: a teacher who left mid-year still has a period to report on.
    const rows = seesAll(actor)
      ? (prep(
          ctx.sqlite,
          `SELECT DISTINCT u.id, p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id
             JOIN staff_role r ON r.staff_id = u.id WHERE r.role IN ('teacher', 'classTeacher')`,
        ).all() as Row[])
      : teaches
        ? (prep(ctx.sqlite, 'SELECT u.id, p.surname, p.name, p.patronymic FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.id = ?').all(
            actor.staffId,
          ) as Row[])
        : [];
    const teachers = rows.map((r) => ({ id: r.id, name: fullName(r) })).sort((a, b) => a.name.localeCompare(b.name, 'ru'));
    return { teachers, school: seesAll(actor) };
  },
};
