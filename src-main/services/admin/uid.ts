// Portal UIDs: digits, within the school's length bounds, unique; and what a staff UID grants.
import type { Role } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { fullName, shortName } from '../../../src-shared/names';
import { requireActor, type Ctx } from '../context';
import { mutate } from '../mutate';
import { loadSettings } from '../school/settings';
import { prep } from '../sql';

/** Who a person is, in words, for messages like "UID уже присвоен: Иванова М. П. (учитель)". */
function describePerson(ctx: Ctx, personId: number): string {
  const p = prep(ctx.sqlite, 'SELECT surname, name, patronymic FROM person WHERE id = ?').get(personId) as {
    surname: string;
    name: string;
    patronymic: string | null;
  };
  const staff = prep(ctx.sqlite, 'SELECT 1 FROM staff_user WHERE person_id = ?').get(personId);
  const pupil = prep(
    ctx.sqlite,
    `SELECT c.grade || c.letter AS cls FROM enrolment e JOIN class_unit c ON c.id = e.class_id
     WHERE e.pupil_id = ? ORDER BY e.from_date DESC LIMIT 1`,
  ).get(personId) as { cls: string } | undefined;
  const guardian = prep(ctx.sqlite, 'SELECT 1 FROM guardianship WHERE guardian_id = ? LIMIT 1').get(personId);
  const what = staff ? 'сотрудник' : pupil ? `ученик ${pupil.cls}` : guardian ? 'законный представитель' : 'человек';
  return `${shortName(p)} (${what})`;
}

/** Refuses a UID that breaks the school's rules or that someone other than personId holds. */
export function assertUidFree(ctx: Ctx, uid: string, personId: number | null): void {
  const { uidMinLength, uidMaxLength } = loadSettings(ctx);
  if (uid.length < uidMinLength || uid.length > uidMaxLength)
    throw new AppError('validation', `UID должен содержать от ${uidMinLength} до ${uidMaxLength} цифр`, [
      { path: ['uid'], message: 'неверная длина' },
    ]);
  const holder = prep(ctx.sqlite, 'SELECT id FROM person WHERE portal_uid = ?').get(uid) as { id: number } | undefined;
  if (holder && holder.id !== personId)
    throw new AppError('conflict', `UID ${uid} уже присвоен: ${describePerson(ctx, holder.id)}`, [{ path: ['uid'], message: 'UID занят' }]);
}

export function setUid(ctx: Ctx, input: { personId: number; uid: string | null }) {
  const p = prep(ctx.sqlite, 'SELECT id, portal_uid FROM person WHERE id = ?').get(input.personId) as
    { id: number; portal_uid: string | null } | undefined;
  if (!p) throw new AppError('not_found', 'Нет такого человека');
  if (input.uid !== null) assertUidFree(ctx, input.uid, p.id);
  if (p.portal_uid === input.uid) return { personId: p.id, uid: p.portal_uid };
  mutate(ctx, (rec) => {
    prep(ctx.sqlite, 'UPDATE person SET portal_uid = ? WHERE id = ?').run(input.uid, p.id);
    rec.audit({
      action: input.uid === null ? 'uid.remove' : p.portal_uid === null ? 'uid.set' : 'uid.change',
      entity: 'person',
      entityId: p.id,
      before: { portalUid: p.portal_uid },
      after: { portalUid: input.uid },
      feed: 'upsert',
    });
  });
  return { personId: p.id, uid: input.uid };
}

/** Classes the caller may see people of: all for UID managers, own classes for a class teacher. */
function visibleClassFilter(ctx: Ctx): number[] | null {
  const actor = requireActor(ctx);
  if (actor.roles.some((r) => r === 'administrator' || r === 'supervisor')) return null;
  return (prep(ctx.sqlite, 'SELECT id FROM class_unit WHERE class_teacher_id = ?').all(actor.staffId) as { id: number }[]).map((r) => r.id);
}

export function uidPeople(
  ctx: Ctx,
  input: { kind: 'pupil' | 'guardian' | 'staff'; classId?: number | undefined; role?: Role | undefined; missingOnly?: boolean | undefined },
) {
  const visible = visibleClassFilter(ctx);
  if (visible && input.kind === 'staff') throw new AppError('forbidden', 'Список сотрудников доступен администратору');
  const missing = input.missingOnly ? 1 : 0;
  type Row = {
    id: number;
    surname: string;
    name: string;
    patronymic: string | null;
    portal_uid: string | null;
    cls: string | null;
    detail: string | null;
    class_id: number | null;
  };
  let rows: Row[];
  if (input.kind === 'staff') {
    rows = prep(
      ctx.sqlite,
      `SELECT p.id, p.surname, p.name, p.patronymic, p.portal_uid, NULL AS cls, NULL AS class_id,
              (SELECT group_concat(role, ', ') FROM staff_role r WHERE r.staff_id = u.id) AS detail
       FROM staff_user u JOIN person p ON p.id = u.person_id
       WHERE u.disabled = 0 AND (? = 0 OR p.portal_uid IS NULL)
         AND (? IS NULL OR EXISTS (SELECT 1 FROM staff_role r WHERE r.staff_id = u.id AND r.role = ?))
       ORDER BY p.surname, p.name`,
    ).all(missing, input.role ?? null, input.role ?? null) as Row[];
  } else {
    // Current pupils (open enrolment in an open year), or guardians of such pupils.
    const pupils = `SELECT e.pupil_id, c.id AS class_id, c.grade || c.letter AS cls FROM enrolment e
       JOIN class_unit c ON c.id = e.class_id JOIN school_year y ON y.id = c.year_id
       WHERE y.status = 'open' AND e.to_date IS NULL AND (@classId IS NULL OR c.id = @classId)`;
    rows = prep(
      ctx.sqlite,
      input.kind === 'pupil'
        ? `SELECT p.id, p.surname, p.name, p.patronymic, p.portal_uid, cur.cls, cur.class_id, p.birth_date AS detail
           FROM (${pupils}) cur JOIN person p ON p.id = cur.pupil_id
           WHERE (@missing = 0 OR p.portal_uid IS NULL) ORDER BY cur.class_id, p.surname, p.name`
        : `SELECT p.id, p.surname, p.name, p.patronymic, p.portal_uid, MIN(cur.cls) AS cls, MIN(cur.class_id) AS class_id,
                  group_concat(g.relation || ' ' || kid.surname || ' ' || kid.name, '; ') AS detail
           FROM (${pupils}) cur JOIN guardianship g ON g.pupil_id = cur.pupil_id JOIN person p ON p.id = g.guardian_id
           JOIN person kid ON kid.id = cur.pupil_id
           WHERE (@missing = 0 OR p.portal_uid IS NULL) GROUP BY p.id ORDER BY MIN(cur.class_id), p.surname, p.name`,
    ).all({ classId: input.classId ?? null, missing }) as Row[];
    if (visible) rows = rows.filter((r) => r.class_id !== null && visible.includes(r.class_id));
  }
  return {
    people: rows.map((r) => ({ personId: r.id, fullName: fullName(r), detail: r.detail ?? '', className: r.cls, portalUid: r.portal_uid })),
  };
}

/**
 * What a staff member's UID lets them see in the diary: their current teaching load
 * (group × subject) and, for a class teacher, their whole class. The exporter sends these.
 */
export function uidGrants(ctx: Ctx, today: string) {
  const staff = prep(
    ctx.sqlite,
    `SELECT u.id, p.surname, p.name, p.patronymic, p.portal_uid FROM staff_user u JOIN person p ON p.id = u.person_id
     WHERE u.disabled = 0 AND p.portal_uid IS NOT NULL ORDER BY p.surname, p.name`,
  ).all() as { id: number; surname: string; name: string; patronymic: string | null; portal_uid: string }[];
  const load = prep(
    ctx.sqlite,
    `SELECT tl.group_id, tl.subject_id, g.class_id, g.name AS group_name, s.name AS subject_name FROM teaching_load tl
     JOIN study_group g ON g.id = tl.group_id JOIN subject s ON s.id = tl.subject_id
     WHERE tl.teacher_id = ? AND tl.valid_from <= ? AND (tl.valid_to IS NULL OR tl.valid_to >= ?) ORDER BY g.name, s.name`,
  );
  const led = prep(
    ctx.sqlite,
    `SELECT c.id, c.grade || c.letter AS name FROM class_unit c JOIN school_year y ON y.id = c.year_id
     WHERE c.class_teacher_id = ? AND y.status = 'open'`,
  );
  return {
    grants: staff.map((s) => ({
      uid: s.portal_uid,
      staffId: s.id,
      fullName: fullName(s),
      scope: [
        ...(led.all(s.id) as { id: number; name: string }[]).map((c) => ({
          kind: 'class' as const,
          classId: c.id,
          groupId: null,
          subjectId: null,
          label: `${c.name} (классный руководитель)`,
        })),
        ...(
          load.all(s.id, today, today) as {
            group_id: number;
            subject_id: number;
            class_id: number;
            group_name: string;
            subject_name: string;
          }[]
        ).map((l) => ({
          kind: 'groupSubject' as const,
          classId: l.class_id,
          groupId: l.group_id,
          subjectId: l.subject_id,
          label: `${l.group_name}: ${l.subject_name}`,
        })),
      ],
    })),
  };
}
