// Staff accounts, roles, passwords handed over by the administrator, class teachers.
import { randomInt } from 'node:crypto';
import { ROLES, type Role } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import { fullName } from '../../../src-shared/names';
import type { StaffView } from '../../../src-shared/rpc/admin';
import { hashPassword } from '../auth/password';
import { requireActor, type Ctx } from '../context';
import { mutate, type Recorder } from '../mutate';
import { prep } from '../sql';
import { assertUidFree } from './uid';

interface StaffRow {
  id: number;
  person_id: number;
  login: string;
  surname: string;
  name: string;
  patronymic: string | null;
  disabled: number;
  must_change_password: number;
  has_password: number;
  portal_uid: string | null;
  roles: string | null;
  classes: string | null;
}

const STAFF_SQL = `
  SELECT u.id, u.person_id, u.login, p.surname, p.name, p.patronymic, u.disabled, u.must_change_password,
         u.password_hash IS NOT NULL AS has_password, p.portal_uid,
         (SELECT group_concat(role) FROM staff_role r WHERE r.staff_id = u.id) AS roles,
         (SELECT group_concat(c.grade || c.letter) FROM class_unit c JOIN school_year y ON y.id = c.year_id
          WHERE c.class_teacher_id = u.id AND y.status = 'open') AS classes
  FROM staff_user u JOIN person p ON p.id = u.person_id`;

function view(r: StaffRow): StaffView {
  const roles = (r.roles ? r.roles.split(',') : []) as Role[];
  return {
    id: r.id,
    personId: r.person_id,
    login: r.login,
    surname: r.surname,
    name: r.name,
    patronymic: r.patronymic,
    fullName: fullName(r),
    roles: ROLES.filter((x) => roles.includes(x)),
    disabled: r.disabled === 1,
    mustChangePassword: r.must_change_password === 1,
    hasPassword: r.has_password === 1,
    portalUid: r.portal_uid,
    classes: r.classes ? r.classes.split(',').sort() : [],
  };
}

export function staffById(ctx: Ctx, id: number): StaffView {
  const r = prep(ctx.sqlite, `${STAFF_SQL} WHERE u.id = ?`).get(id) as StaffRow | undefined;
  if (!r) throw new AppError('not_found', 'Нет такого сотрудника');
  return view(r);
}

export function listStaff(ctx: Ctx, input: { includeDisabled?: boolean | undefined }) {
  const rows = prep(ctx.sqlite, `${STAFF_SQL} WHERE (? = 1 OR u.disabled = 0) ORDER BY p.surname, p.name, u.id`).all(
    input.includeDisabled ? 1 : 0,
  ) as StaffRow[];
  return { staff: rows.map(view) };
}

/** A one-time password to read out or write down: no look-alike letters, 10 characters. */
function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: 10 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

function assertLoginFree(ctx: Ctx, login: string, exceptStaff?: number) {
  const holder = prep(ctx.sqlite, 'SELECT id FROM staff_user WHERE login = ?').get(login) as { id: number } | undefined;
  if (holder && holder.id !== exceptStaff)
    throw new AppError('conflict', `Логин «${login}» уже занят`, [{ path: ['login'], message: 'логин занят' }]);
}

function setRoles(ctx: Ctx, staffId: number, roles: readonly Role[]) {
  prep(ctx.sqlite, 'DELETE FROM staff_role WHERE staff_id = ?').run(staffId);
  const ins = prep(ctx.sqlite, 'INSERT INTO staff_role (staff_id, role) VALUES (?, ?)');
  for (const r of new Set(roles)) ins.run(staffId, r);
}

function endSessions(ctx: Ctx, staffId: number) {
  prep(ctx.sqlite, 'UPDATE session SET ended_at = ? WHERE staff_id = ? AND ended_at IS NULL').run(ctx.now().toISOString(), staffId);
}

/** The last enabled administrator must stay: otherwise nobody could manage the school. */
function assertAdministratorRemains(ctx: Ctx, staffId: number) {
  const others = prep(
    ctx.sqlite,
    `SELECT COUNT(*) AS n FROM staff_role r JOIN staff_user u ON u.id = r.staff_id
     WHERE r.role = 'administrator' AND u.disabled = 0 AND u.id <> ?`,
  ).get(staffId) as { n: number };
  if (others.n === 0) throw new AppError('conflict', 'Это последний администратор: сначала назначьте другого');
}

export async function createStaff(
  ctx: Ctx,
  input: { surname: string; name: string; patronymic?: string | undefined; login: string; roles: Role[]; portalUid?: string | undefined },
) {
  const login = input.login.toLowerCase();
  assertLoginFree(ctx, login);
  if (input.portalUid) assertUidFree(ctx, input.portalUid, null);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const id = mutate(ctx, (rec) => {
    // Checked again inside the transaction: the hash took time and another admin may have acted.
    assertLoginFree(ctx, login);
    if (input.portalUid) assertUidFree(ctx, input.portalUid, null);
    const personId = Number(
      prep(ctx.sqlite, 'INSERT INTO person (surname, name, patronymic, portal_uid) VALUES (?,?,?,?)').run(
        input.surname,
        input.name,
        input.patronymic || null,
        input.portalUid ?? null,
      ).lastInsertRowid,
    );
    const staffId = Number(
      prep(ctx.sqlite, 'INSERT INTO staff_user (person_id, login, password_hash, must_change_password, created_at) VALUES (?,?,?,1,?)').run(
        personId,
        login,
        hash,
        ctx.now().toISOString(),
      ).lastInsertRowid,
    );
    setRoles(ctx, staffId, input.roles);
    rec.audit({
      action: 'staff.create',
      entity: 'staff_user',
      entityId: staffId,
      after: {
        login,
        roles: input.roles,
        surname: input.surname,
        name: input.name,
        patronymic: input.patronymic ?? null,
        portalUid: input.portalUid ?? null,
      },
      feed: 'upsert',
    });
    return staffId;
  });
  return { staff: staffById(ctx, id), temporaryPassword: password };
}

export function updateStaff(
  ctx: Ctx,
  input: {
    staffId: number;
    surname?: string | undefined;
    name?: string | undefined;
    patronymic?: string | null | undefined;
    login?: string | undefined;
    roles?: Role[] | undefined;
  },
) {
  const before = staffById(ctx, input.staffId);
  const login = input.login?.toLowerCase();
  if (login && login !== before.login) assertLoginFree(ctx, login, before.id);
  if (input.roles && before.roles.includes('administrator') && !input.roles.includes('administrator'))
    assertAdministratorRemains(ctx, before.id);
  if (input.roles && input.staffId === requireActor(ctx).staffId && !input.roles.includes('administrator'))
    throw new AppError('conflict', 'Нельзя снять с себя роль администратора');
  mutate(ctx, (rec) => {
    prep(ctx.sqlite, 'UPDATE person SET surname = ?, name = ?, patronymic = ? WHERE id = ?').run(
      input.surname ?? before.surname,
      input.name ?? before.name,
      input.patronymic === undefined ? before.patronymic : input.patronymic || null,
      before.personId,
    );
    if (login) prep(ctx.sqlite, 'UPDATE staff_user SET login = ? WHERE id = ?').run(login, before.id);
    if (input.roles) setRoles(ctx, before.id, input.roles);
    const after = staffById(ctx, before.id);
    rec.audit({
      action: 'staff.update',
      entity: 'staff_user',
      entityId: before.id,
      before: pick(before),
      after: pick(after),
      feed: 'upsert',
    });
  });
  return { staff: staffById(ctx, before.id) };
}

const pick = (s: StaffView) => ({ login: s.login, surname: s.surname, name: s.name, patronymic: s.patronymic, roles: s.roles });

export function setDisabled(ctx: Ctx, input: { staffId: number; disabled: boolean; reason: string }) {
  const before = staffById(ctx, input.staffId);
  if (input.disabled && input.staffId === requireActor(ctx).staffId)
    throw new AppError('conflict', 'Нельзя отключить собственную учётную запись');
  if (input.disabled && before.roles.includes('administrator')) assertAdministratorRemains(ctx, before.id);
  mutate(ctx, (rec) => {
    prep(ctx.sqlite, 'UPDATE staff_user SET disabled = ? WHERE id = ?').run(input.disabled ? 1 : 0, before.id);
    if (input.disabled) endSessions(ctx, before.id);
    rec.audit({
      action: input.disabled ? 'staff.disable' : 'staff.enable',
      entity: 'staff_user',
      entityId: before.id,
      before: { disabled: before.disabled },
      after: { disabled: input.disabled },
      reason: input.reason,
      feed: 'upsert',
    });
  });
  return { staff: staffById(ctx, before.id) };
}

export async function resetPassword(ctx: Ctx, input: { staffId: number }) {
  const s = staffById(ctx, input.staffId);
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  mutate(ctx, (rec) => {
    prep(
      ctx.sqlite,
      'UPDATE staff_user SET password_hash = ?, must_change_password = 1, failed_logins = 0, locked_until = NULL WHERE id = ?',
    ).run(hash, s.id);
    endSessions(ctx, s.id);
    rec.audit({ action: 'staff.reset_password', entity: 'staff_user', entityId: s.id });
  });
  return { temporaryPassword: password };
}

export function setClassTeacher(ctx: Ctx, input: { classId: number; staffId: number | null }) {
  const cls = prep(ctx.sqlite, 'SELECT id, grade, letter, class_teacher_id FROM class_unit WHERE id = ?').get(input.classId) as
    { id: number; grade: number; letter: string; class_teacher_id: number | null } | undefined;
  if (!cls) throw new AppError('not_found', 'Нет такого класса');
  if (input.staffId !== null) {
    const s = staffById(ctx, input.staffId);
    if (s.disabled) throw new AppError('validation', 'Сотрудник отключён', [{ path: ['staffId'], message: 'отключён' }]);
  }
  mutate(ctx, (rec: Recorder) => {
    prep(ctx.sqlite, 'UPDATE class_unit SET class_teacher_id = ? WHERE id = ?').run(input.staffId, cls.id);
    // Leading a class is the classTeacher role: granted with the appointment.
    if (input.staffId !== null)
      prep(ctx.sqlite, "INSERT OR IGNORE INTO staff_role (staff_id, role) VALUES (?, 'classTeacher')").run(input.staffId);
    rec.audit({
      action: 'class.set_teacher',
      entity: 'class_unit',
      entityId: cls.id,
      before: { classTeacherId: cls.class_teacher_id },
      after: { classTeacherId: input.staffId },
      feed: 'upsert',
    });
  });
  return { ok: true as const };
}
