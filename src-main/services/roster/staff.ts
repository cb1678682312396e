// Roster import of staff: accounts without a password yet, with their roles.
import { ROLES, type Role } from '../../../src-shared/domain';
import { Login } from '../../../src-shared/rpc/auth';
import { prep } from '../sql';
import { parseRoles, ROLE_LABEL } from './columns';
import { type TableRow } from './table';
import {
  Env,
  RowCheck,
  addPreview,
  checkKind,
  checkUidHolder,
  describePerson,
  insertPerson,
  personByExternalId,
  personDiff,
  readPerson,
  updatePerson,
} from './plan';

// ---- staff ----

/** Roles in the order of the matrix, in Russian. */
const roleList = (roles: readonly Role[]) =>
  ROLES.filter((r) => roles.includes(r))
    .map((r) => ROLE_LABEL[r])
    .join(', ');
const ALL_ROLES_TEXT = 'учитель, классный руководитель, заместитель директора (завуч), контроль, администратор, директор';

export function planStaff(env: Env, rows: TableRow[]): void {
  const { ctx } = env;
  const seen = new Map<string, number>();
  const logins = new Map<string, number>();

  for (const row of rows) {
    const r = new RowCheck(env, row);
    const { ext, fields } = readPerson(r);
    if (ext) {
      const first = seen.get(ext);
      if (first !== undefined) r.fail(`внешний код ${ext} повторяется: он уже есть в строке ${first}`);
      else seen.set(ext, row.line);
    }

    const login = r.text('login');
    if (!login) r.fail('не указан логин');
    else if (!Login.safeParse(login).success) r.fail(`логин «${login}»: только латинские буквы, цифры, точка, _ и -, до 64 символов`);
    else {
      const first = logins.get(login.toLowerCase());
      if (first !== undefined) r.fail(`логин ${login} повторяется: он уже есть в строке ${first}`);
      else logins.set(login.toLowerCase(), row.line);
    }

    const { roles, unknown } = parseRoles(r.text('roles'));
    for (const u of unknown) r.fail(`неизвестная роль «${u}»: допустимы ${ALL_ROLES_TEXT}`);

    const existing = ext ? personByExternalId(ctx, ext) : undefined;
    checkKind(r, ext, existing);
    checkUidHolder(r, fields.uid, existing?.id ?? null);
    const account = existing
      ? (prep(ctx.sqlite, 'SELECT id, login FROM staff_user WHERE person_id = ?').get(existing.id) as
          { id: number; login: string } | undefined)
      : undefined;
    if (!account && !roles.length && !unknown.length) r.fail('не указаны роли');
    if (login && r.ok) {
      const holder = prep(ctx.sqlite, 'SELECT person_id FROM staff_user WHERE login = ? COLLATE NOCASE AND id IS NOT ?').get(
        login,
        account?.id ?? null,
      ) as { person_id: number } | undefined;
      if (holder) r.fail(`логин ${login} уже занят: ${describePerson(ctx, holder.person_id)}`);
    }
    const storedRoles = account
      ? (prep(ctx.sqlite, 'SELECT role FROM staff_role WHERE staff_id = ?').all(account.id) as { role: Role }[]).map((x) => x.role)
      : [];
    if (account && account.id === env.actor.staffId && roles.length && !roles.includes('administrator'))
      r.fail('нельзя снять роль администратора с самого себя');

    if (!r.ok) {
      for (const message of r.errors) env.plan.errors.push({ line: row.line, message });
      continue;
    }

    const newRoles = roles.length ? roles : storedRoles;
    if (!existing || !account) {
      const detail = `логин ${login}; роли: ${roleList(newRoles)}${existing ? '; новая учётная запись' : ''}`;
      const diff = existing ? personDiff(existing, fields) : null;
      addPreview(env, row.line, existing ? 'update' : 'create', ext, fields, detail);
      env.plan.steps.push((rec) => {
        let personId: number;
        if (existing) {
          personId = existing.id;
          updatePerson(ctx, rec, personId, diff!);
        } else personId = insertPerson(ctx, rec, ext, fields);
        // No password: the administrator resets one to hand it over; it must be changed at first sign-in.
        const staffId = Number(
          prep(
            ctx.sqlite,
            'INSERT INTO staff_user (person_id, login, password_hash, must_change_password, created_at) VALUES (?,?,NULL,1,?)',
          ).run(personId, login, ctx.now().toISOString()).lastInsertRowid,
        );
        for (const role of newRoles) prep(ctx.sqlite, 'INSERT INTO staff_role (staff_id, role) VALUES (?,?)').run(staffId, role);
        rec.audit({ action: 'roster.create', entity: 'staff_user', entityId: staffId, after: { personId, login, roles: newRoles } });
      });
      continue;
    }

    const diff = personDiff(existing, fields);
    const changes: string[] = [...diff.labels];
    const loginChanged = account.login !== login;
    if (loginChanged) changes.push(`логин ${account.login} → ${login}`);
    const rolesChanged = roles.length > 0 && (roles.length !== storedRoles.length || roles.some((x) => !storedRoles.includes(x)));
    if (rolesChanged) changes.push(`роли: ${roleList(storedRoles) || 'нет'} → ${roleList(roles)}`);
    if (!changes.length) {
      addPreview(env, row.line, 'unchanged', ext, fields, `логин ${login}; роли: ${roleList(storedRoles)}`);
      continue;
    }
    addPreview(env, row.line, 'update', ext, fields, changes.join('; '));
    env.plan.steps.push((rec) => {
      updatePerson(ctx, rec, existing.id, diff);
      if (!loginChanged && !rolesChanged) return;
      if (loginChanged) prep(ctx.sqlite, 'UPDATE staff_user SET login = ? WHERE id = ?').run(login, account.id);
      if (rolesChanged) {
        prep(ctx.sqlite, 'DELETE FROM staff_role WHERE staff_id = ?').run(account.id);
        for (const role of roles) prep(ctx.sqlite, 'INSERT INTO staff_role (staff_id, role) VALUES (?,?)').run(account.id, role);
      }
      rec.audit({
        action: 'roster.update',
        entity: 'staff_user',
        entityId: account.id,
        before: { ...(loginChanged ? { login: account.login } : {}), ...(rolesChanged ? { roles: storedRoles } : {}) },
        after: { ...(loginChanged ? { login } : {}), ...(rolesChanged ? { roles } : {}) },
      });
    });
  }
}
