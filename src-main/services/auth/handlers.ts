// Sign-in, sessions, idle lock, lockout after repeated failures, first-run set-up.
import { AppError } from '../../../src-shared/errors';
import type { Role } from '../../../src-shared/domain';
import { fullName, shortName } from '../../../src-shared/names';
import type { Handlers } from '../../rpc/handlers';
import { requireActor, type Ctx, type Services } from '../context';
import { mutate } from '../mutate';
import { loadSettings, schoolRow } from '../school/settings';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { createSession, endSession, sessionOpen, setLocked } from './sessions';
import { prep } from '../sql';

/** Shown on the login screen of demo databases only (DESIGN.md §8). */
export const DEMO_LOGINS = [
  { login: 'admin', password: 'demo', description: 'администратор' },
  { login: 'deputy', password: 'demo', description: 'заместитель директора по УВР' },
  { login: 'director', password: 'demo', description: 'директор' },
  { login: 'teacher', password: 'demo', description: 'учитель и классный руководитель' },
  { login: 'teacher2', password: 'demo', description: 'учитель' },
];

interface UserRow {
  id: number;
  person_id: number;
  login: string;
  password_hash: string | null;
  disabled: number;
  must_change_password: number;
  failed_logins: number;
  locked_until: string | null;
  surname: string;
  name: string;
  patronymic: string | null;
}

function userBy(s: Services, where: 'login' | 'id', key: string | number): UserRow | undefined {
  return prep(
    s.sqlite,
    `SELECT u.id, u.person_id, u.login, u.password_hash, u.disabled, u.must_change_password, u.failed_logins,
              u.locked_until, p.surname, p.name, p.patronymic
       FROM staff_user u JOIN person p ON p.id = u.person_id WHERE u.${where === 'login' ? 'login' : 'id'} = ?`,
  ).get(key) as UserRow | undefined;
}

function rolesOf(s: Services, staffId: number): Role[] {
  return (prep(s.sqlite, 'SELECT role FROM staff_role WHERE staff_id = ? ORDER BY role').all(staffId) as { role: Role }[]).map(
    (r) => r.role,
  );
}

function sessionUser(s: Services, u: UserRow) {
  return {
    id: u.id,
    login: u.login,
    fullName: fullName(u),
    shortName: shortName(u),
    roles: rolesOf(s, u.id),
    mustChangePassword: u.must_change_password === 1,
  };
}

function hasAdministrator(s: Services): boolean {
  return !!prep(
    s.sqlite,
    `SELECT 1 FROM staff_role r JOIN staff_user u ON u.id = r.staff_id
       WHERE r.role = 'administrator' AND u.password_hash IS NOT NULL AND u.disabled = 0 LIMIT 1`,
  ).get();
}

/** Minutes left of a lock, or null when the account is not locked at `now`. */
function lockMinutesLeft(lockedUntil: string | null, now: Date): number | null {
  if (!lockedUntil || lockedUntil <= now.toISOString()) return null;
  return Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 60_000);
}

/**
 * Counts a wrong password; at the limit the account is locked for lockoutMinutes.
 * Both are audited so the administrator sees guessing attempts.
 * Race hazard: the caller read the user before awaiting the password hash, and parallel
 * attempts all read the same count. So the count is never written from that stale row: one
 * conditional UPDATE ... RETURNING adds one inside the transaction, and the lockout is decided
 * from the value it returns. An attempt that arrives while a parallel one has just locked the
 * account is audited and refused as locked without counting towards the next lock.
 */
function recordFailure(ctx: Ctx, u: UserRow | undefined, login: string): AppError {
  const settings = loadSettings(ctx);
  return mutate({ ...ctx, actor: null }, (rec) => {
    if (!u) {
      rec.audit({ action: 'auth.login_failed', entity: 'staff_user', entityId: null, after: { login } });
      return new AppError('unauthenticated', 'Неверный логин или пароль');
    }
    const nowIso = ctx.now().toISOString();
    const counted = prep(
      ctx.sqlite,
      `UPDATE staff_user SET failed_logins = failed_logins + 1
         WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING failed_logins`,
    ).get(u.id, nowIso) as { failed_logins: number } | undefined;
    if (!counted) {
      const row = prep(ctx.sqlite, 'SELECT locked_until FROM staff_user WHERE id = ?').get(u.id) as { locked_until: string | null };
      rec.audit({ action: 'auth.login_failed', entity: 'staff_user', entityId: u.id, after: { login, locked: true } });
      return lockedError(lockMinutesLeft(row.locked_until, ctx.now()) ?? settings.lockoutMinutes);
    }
    const failed = counted.failed_logins;
    rec.audit({ action: 'auth.login_failed', entity: 'staff_user', entityId: u.id, after: { login, failedLogins: failed } });
    if (failed >= settings.maxFailedLogins) {
      const until = new Date(ctx.now().getTime() + settings.lockoutMinutes * 60_000).toISOString();
      prep(ctx.sqlite, 'UPDATE staff_user SET failed_logins = 0, locked_until = ? WHERE id = ?').run(until, u.id);
      prep(ctx.sqlite, 'UPDATE session SET ended_at = ? WHERE staff_id = ? AND ended_at IS NULL').run(nowIso, u.id);
      rec.audit({ action: 'auth.locked_out', entity: 'staff_user', entityId: u.id, after: { lockedUntil: until, failedLogins: failed } });
      return lockedError(settings.lockoutMinutes);
    }
    return new AppError('unauthenticated', 'Неверный логин или пароль');
  });
}

/**
 * After a password verified against `u` (read before the await): the account must still be
 * the one that was verified. A parallel burst may have locked it, an administrator may have
 * reset the password or disabled the account meanwhile. Throws inside the transaction, so
 * nothing of the success path is written.
 */
function assertStillUsable(ctx: Ctx, u: UserRow): void {
  const now = prep(ctx.sqlite, 'SELECT password_hash, disabled, locked_until FROM staff_user WHERE id = ?').get(u.id) as
    | { password_hash: string | null; disabled: number; locked_until: string | null }
    | undefined;
  if (!now || now.disabled !== 0 || now.password_hash !== u.password_hash)
    throw new AppError('unauthenticated', 'Неверный логин или пароль');
  const minutes = lockMinutesLeft(now.locked_until, ctx.now());
  if (minutes !== null) throw lockedError(minutes);
}

function lockedError(minutes: number): AppError {
  return new AppError('locked', `Слишком много неудачных попыток входа. Учётная запись заблокирована на ${minutes} мин.`);
}

export const authHandlers: Pick<
  Handlers,
  'auth.status' | 'auth.setup' | 'auth.login' | 'auth.logout' | 'auth.me' | 'auth.lock' | 'auth.unlock' | 'auth.changePassword'
> = {
  'auth.status': (ctx) => {
    const school = schoolRow(ctx);
    const demo = school?.is_demo === 1;
    return {
      schoolName: school?.name ?? '',
      demo,
      demoLogins: demo ? DEMO_LOGINS : [],
      needsSetup: !hasAdministrator(ctx),
    };
  },

  'auth.setup': async (ctx, input) => {
    if (hasAdministrator(ctx)) throw new AppError('conflict', 'Администратор уже назначен');
    const hash = await hashPassword(input.password);
    mutate(ctx, (rec) => {
      // Checked again inside the transaction: two first-run forms must not both win.
      if (hasAdministrator(ctx)) throw new AppError('conflict', 'Администратор уже назначен');
      const personId = Number(
        prep(ctx.sqlite, 'INSERT INTO person (surname, name, patronymic) VALUES (?,?,?)').run(
          input.surname,
          input.name,
          input.patronymic ?? null,
        ).lastInsertRowid,
      );
      const staffId = Number(
        prep(ctx.sqlite, 'INSERT INTO staff_user (person_id, login, password_hash, created_at) VALUES (?,?,?,?)').run(
          personId,
          input.login.toLowerCase(),
          hash,
          ctx.now().toISOString(),
        ).lastInsertRowid,
      );
      prep(ctx.sqlite, "INSERT INTO staff_role (staff_id, role) VALUES (?, 'administrator')").run(staffId);
      rec.audit({
        action: 'auth.setup',
        entity: 'staff_user',
        entityId: staffId,
        after: { login: input.login.toLowerCase(), roles: ['administrator'] },
        feed: 'upsert',
      });
    });
    return { ok: true as const };
  },

  'auth.login': async (ctx, input) => {
    const login = input.login.toLowerCase();
    const u = userBy(ctx, 'login', login);
    const usable = u && u.password_hash && u.disabled === 0;
    const minutes = lockMinutesLeft(u?.locked_until ?? null, ctx.now());
    if (minutes !== null) throw lockedError(minutes);
    // Unknown users cost the same time as known ones, so logins cannot be probed by timing.
    const ok = await verifyPassword(input.password, usable ? u.password_hash! : DUMMY_HASH);
    if (!ok || !usable) throw recordFailure(ctx, u && usable ? u : undefined, login);
    const session = mutate(ctx, (rec) => {
      assertStillUsable(ctx, u);
      prep(ctx.sqlite, 'UPDATE staff_user SET failed_logins = 0, locked_until = NULL WHERE id = ?').run(u.id);
      const s = createSession(ctx, u.id, ctx.deviceId);
      rec.audit({ action: 'auth.login', entity: 'staff_user', entityId: u.id });
      return s;
    });
    return {
      token: session.token,
      expiresAt: session.expiresAt,
      user: sessionUser(ctx, u),
      idleLockMinutes: loadSettings(ctx).idleLockMinutes,
    };
  },

  'auth.logout': (ctx) => {
    const actor = requireActor(ctx);
    mutate(ctx, (rec) => {
      endSession(ctx, actor.tokenHash);
      rec.audit({ action: 'auth.logout', entity: 'staff_user', entityId: actor.staffId });
    });
    return { ok: true as const };
  },

  'auth.me': (ctx) => {
    const u = userBy(ctx, 'id', requireActor(ctx).staffId);
    if (!u) throw new AppError('unauthenticated', 'Сеанс завершён, войдите снова');
    return { user: sessionUser(ctx, u), idleLockMinutes: loadSettings(ctx).idleLockMinutes };
  },

  'auth.lock': (ctx) => {
    setLocked(ctx, requireActor(ctx).tokenHash, true);
    return { ok: true as const };
  },

  'auth.unlock': async (ctx, input) => {
    const actor = requireActor(ctx);
    const u = userBy(ctx, 'id', actor.staffId);
    if (!u?.password_hash) throw new AppError('unauthenticated', 'Сеанс завершён, войдите снова');
    if (!(await verifyPassword(input.password, u.password_hash))) throw recordFailure(ctx, u, u.login);
    mutate(ctx, (rec) => {
      assertStillUsable(ctx, u);
      // The session may have ended during the await (lockout, logout, password change elsewhere).
      if (!sessionOpen(ctx, actor.tokenHash)) throw new AppError('unauthenticated', 'Сеанс завершён, войдите снова');
      prep(ctx.sqlite, 'UPDATE staff_user SET failed_logins = 0 WHERE id = ?').run(u.id);
      setLocked(ctx, actor.tokenHash, false);
      rec.audit({ action: 'auth.unlock', entity: 'staff_user', entityId: u.id });
    });
    return { ok: true as const };
  },

  'auth.changePassword': async (ctx, input) => {
    const actor = requireActor(ctx);
    const u = userBy(ctx, 'id', actor.staffId);
    if (!u?.password_hash || !(await verifyPassword(input.oldPassword, u.password_hash)))
      throw new AppError('validation', 'Текущий пароль введён неверно', [{ path: ['oldPassword'], message: 'неверный пароль' }]);
    if (input.oldPassword === input.newPassword)
      throw new AppError('validation', 'Новый пароль совпадает с текущим', [{ path: ['newPassword'], message: 'совпадает с текущим' }]);
    const hash = await hashPassword(input.newPassword);
    mutate(ctx, (rec) => {
      // Conditional on the hash the old password was checked against: two changes at once, or an
      // administrator's reset during the two awaits, must not be overwritten by a stale check.
      const changed = prep(
        ctx.sqlite,
        'UPDATE staff_user SET password_hash = ?, must_change_password = 0 WHERE id = ? AND password_hash = ? AND disabled = 0',
      ).run(hash, u.id, u.password_hash).changes;
      if (changed !== 1 || !sessionOpen(ctx, actor.tokenHash))
        throw new AppError('conflict', 'Пароль только что изменён в другом месте. Войдите снова и повторите смену пароля');
      // Other sessions of this user end: a changed password must lock out whoever knew the old one.
      prep(ctx.sqlite, 'UPDATE session SET ended_at = ? WHERE staff_id = ? AND token_hash <> ? AND ended_at IS NULL').run(
        ctx.now().toISOString(),
        u.id,
        actor.tokenHash,
      );
      rec.audit({ action: 'auth.change_password', entity: 'staff_user', entityId: u.id });
    });
    return { ok: true as const };
  },
};
