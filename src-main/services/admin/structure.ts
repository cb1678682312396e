// Classes, groups and subjects for the admin forms; teaching load; the permission matrix.
import { addDays } from '../../../src-shared/dates';
import { ROLES } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { hasPermission } from '../../../src-shared/permissions';
import { shortName } from '../../../src-shared/names';
import { methods } from '../../../src-shared/rpc/registry';
import type { MethodSpec } from '../../../src-shared/rpc/define';
import type { Ctx } from '../context';
import { mutate } from '../mutate';
import { prep } from '../sql';

export function schoolStructure(ctx: Ctx, today: string) {
  const classes = prep(
    ctx.sqlite,
    `SELECT c.id, c.grade, c.letter, c.class_teacher_id,
            (SELECT COUNT(*) FROM enrolment e WHERE e.class_id = c.id AND e.from_date <= @today AND (e.to_date IS NULL OR e.to_date >= @today)) AS pupils
     FROM class_unit c JOIN school_year y ON y.id = c.year_id WHERE y.status = 'open' ORDER BY c.grade, c.letter`,
  ).all({ today }) as { id: number; grade: number; letter: string; class_teacher_id: number | null; pupils: number }[];
  const groups = prep(
    ctx.sqlite,
    `SELECT g.id, g.class_id, g.name, g.is_whole_class,
            (SELECT COUNT(*) FROM group_member m WHERE m.group_id = g.id AND m.from_date <= @today AND (m.to_date IS NULL OR m.to_date >= @today)) AS pupils
     FROM study_group g ORDER BY g.is_whole_class DESC, g.name`,
  ).all({ today }) as { id: number; class_id: number; name: string; is_whole_class: number; pupils: number }[];
  const subjects = prep(ctx.sqlite, 'SELECT id, name FROM subject ORDER BY name').all() as { id: number; name: string }[];
  return {
    classes: classes.map((c) => ({
      id: c.id,
      name: `${c.grade}${c.letter}`,
      grade: c.grade,
      classTeacherId: c.class_teacher_id,
      pupils: c.pupils,
      groups: groups
        .filter((g) => g.class_id === c.id)
        .map((g) => ({ id: g.id, name: g.name, isWholeClass: g.is_whole_class === 1, pupils: g.pupils })),
    })),
    subjects,
  };
}

const LOAD_SQL = `
  SELECT tl.id, tl.group_id, g.name AS group_name, c.grade || c.letter AS class_name, tl.subject_id, s.name AS subject_name,
         tl.teacher_id, p.surname, p.name, p.patronymic, tl.hours_per_week, tl.valid_from, tl.valid_to
  FROM teaching_load tl JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
  JOIN subject s ON s.id = tl.subject_id JOIN staff_user u ON u.id = tl.teacher_id JOIN person p ON p.id = u.person_id`;

type LoadRow = {
  id: number;
  group_id: number;
  group_name: string;
  class_name: string;
  subject_id: number;
  subject_name: string;
  teacher_id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  hours_per_week: number;
  valid_from: string;
  valid_to: string | null;
};

const loadView = (r: LoadRow) => ({
  id: r.id,
  groupId: r.group_id,
  groupName: r.group_name,
  className: r.class_name,
  subjectId: r.subject_id,
  subjectName: r.subject_name,
  teacherId: r.teacher_id,
  teacherName: shortName(r),
  hoursPerWeek: r.hours_per_week,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

function loadById(ctx: Ctx, id: number) {
  const r = prep(ctx.sqlite, `${LOAD_SQL} WHERE tl.id = ?`).get(id) as LoadRow | undefined;
  if (!r) throw new AppError('not_found', 'Нет такой нагрузки');
  return loadView(r);
}

export function listLoad(
  ctx: Ctx,
  input: { teacherId?: number | undefined; groupId?: number | undefined; current?: boolean | undefined },
  today: string,
) {
  const rows = prep(
    ctx.sqlite,
    `${LOAD_SQL} WHERE (@t IS NULL OR tl.teacher_id = @t) AND (@g IS NULL OR tl.group_id = @g)
       AND (@current = 0 OR (tl.valid_from <= @today AND (tl.valid_to IS NULL OR tl.valid_to >= @today)))
     ORDER BY c.grade, c.letter, g.name, s.name, tl.valid_from`,
  ).all({ t: input.teacherId ?? null, g: input.groupId ?? null, current: input.current ? 1 : 0, today }) as LoadRow[];
  return { load: rows.map(loadView) };
}

export function assignLoad(
  ctx: Ctx,
  input: { groupId: number; subjectId: number; teacherId: number; hoursPerWeek: number; validFrom: string },
) {
  if (!prep(ctx.sqlite, 'SELECT 1 FROM study_group WHERE id = ?').get(input.groupId)) throw new AppError('not_found', 'Нет такой группы');
  if (!prep(ctx.sqlite, 'SELECT 1 FROM subject WHERE id = ?').get(input.subjectId)) throw new AppError('not_found', 'Нет такого предмета');
  const teacher = prep(
    ctx.sqlite,
    `SELECT u.disabled, EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role IN ('teacher','classTeacher')) AS teaches
     FROM staff_user u WHERE u.id = ?`,
  ).get(input.teacherId) as { disabled: number; teaches: number } | undefined;
  if (!teacher || teacher.disabled || !teacher.teaches)
    throw new AppError('validation', 'Нагрузку дают только действующему учителю (роль «учитель»)', [
      { path: ['teacherId'], message: 'не учитель' },
    ]);
  const id = mutate(ctx, (rec) => {
    // Whoever held this group × subject on that date hands it over the day before.
    const current = prep(
      ctx.sqlite,
      `SELECT id, teacher_id, valid_from, valid_to FROM teaching_load
       WHERE group_id = ? AND subject_id = ? AND (valid_to IS NULL OR valid_to >= ?)`,
    ).all(input.groupId, input.subjectId, input.validFrom) as {
      id: number;
      teacher_id: number;
      valid_from: string;
      valid_to: string | null;
    }[];
    for (const c of current) {
      if (c.valid_from >= input.validFrom)
        throw new AppError('conflict', 'С этой даты нагрузка уже назначена; завершите или измените её дату', [
          { path: ['validFrom'], message: 'пересечение' },
        ]);
      const end = addDays(input.validFrom, -1);
      prep(ctx.sqlite, 'UPDATE teaching_load SET valid_to = ? WHERE id = ?').run(end, c.id);
      rec.audit({
        action: 'load.end',
        entity: 'teaching_load',
        entityId: c.id,
        before: { validTo: c.valid_to },
        after: { validTo: end },
        feed: 'upsert',
      });
    }
    const newId = Number(
      prep(ctx.sqlite, 'INSERT INTO teaching_load (group_id, subject_id, teacher_id, hours_per_week, valid_from) VALUES (?,?,?,?,?)').run(
        input.groupId,
        input.subjectId,
        input.teacherId,
        input.hoursPerWeek,
        input.validFrom,
      ).lastInsertRowid,
    );
    rec.audit({ action: 'load.assign', entity: 'teaching_load', entityId: newId, after: input, feed: 'upsert' });
    return newId;
  });
  return { load: loadById(ctx, id) };
}

export function endLoad(ctx: Ctx, input: { loadId: number; validTo: string }) {
  const before = loadById(ctx, input.loadId);
  if (input.validTo < before.validFrom)
    throw new AppError('validation', 'Дата окончания раньше начала нагрузки', [{ path: ['validTo'], message: 'раньше начала' }]);
  mutate(ctx, (rec) => {
    prep(ctx.sqlite, 'UPDATE teaching_load SET valid_to = ? WHERE id = ?').run(input.validTo, before.id);
    rec.audit({
      action: 'load.end',
      entity: 'teaching_load',
      entityId: before.id,
      before: { validTo: before.validTo },
      after: { validTo: input.validTo },
      feed: 'upsert',
    });
  });
  return { load: loadById(ctx, before.id) };
}

/** The matrix the router enforces, derived from the same registry and role table. */
export function accessMatrix() {
  return {
    roles: [...ROLES],
    methods: Object.entries(methods as Record<string, MethodSpec>).map(([method, spec]) => ({
      method,
      permission: spec.permission,
      summary: spec.summary,
      roles: ROLES.filter((r) => hasPermission([r], spec.permission)),
    })),
  };
}
