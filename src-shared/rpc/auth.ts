// Sign-in, sessions, idle lock and first-run set-up.
import { z } from 'zod';
import { Id, Role } from '../domain';
import { method } from './define';

export const Login = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'логин: латинские буквы, цифры, . _ -');
export const Password = z.string().min(1).max(256);
/** New passwords: at least 8 characters (NIST 800-63B), no composition rules. */
export const NewPassword = z.string().min(8, 'пароль не короче 8 символов').max(256);

export const SessionUser = z.strictObject({
  id: Id,
  login: z.string(),
  fullName: z.string(),
  shortName: z.string(),
  roles: z.array(Role),
  mustChangePassword: z.boolean(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const authMethods = {
  'auth.status': method({
    summary: 'What the login screen needs: school name, demo flag and logins, first-run state',
    permission: 'public',
    input: z.strictObject({}),
    output: z.strictObject({
      schoolName: z.string(),
      demo: z.boolean(),
      demoLogins: z.array(z.strictObject({ login: z.string(), password: z.string(), description: z.string() })),
      needsSetup: z.boolean(),
    }),
  }),
  'auth.setup': method({
    summary: "First run of a real school: create the administrator's account",
    permission: 'public',
    mutation: true,
    input: z.strictObject({
      login: Login,
      password: NewPassword,
      surname: z.string().trim().min(1).max(100),
      name: z.string().trim().min(1).max(100),
      patronymic: z.string().trim().max(100).optional(),
    }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'auth.login': method({
    summary: 'Sign in with login and password; returns a session token',
    permission: 'public',
    input: z.strictObject({ login: Login, password: Password }),
    output: z.strictObject({
      token: z.string(),
      user: SessionUser,
      idleLockMinutes: z.number().int(),
      expiresAt: z.string(),
    }),
  }),
  'auth.logout': method({
    summary: 'End the session',
    permission: 'session',
    whileLocked: true,
    input: z.strictObject({}),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'auth.me': method({
    summary: 'The signed-in user',
    permission: 'session',
    input: z.strictObject({}),
    output: z.strictObject({ user: SessionUser, idleLockMinutes: z.number().int() }),
  }),
  'auth.lock': method({
    summary: 'Lock the session now (the workstation was left, or idle time ran out)',
    permission: 'session',
    whileLocked: true,
    input: z.strictObject({}),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'auth.unlock': method({
    summary: 'Unlock an idle-locked session with the same user password',
    permission: 'session',
    whileLocked: true,
    input: z.strictObject({ password: Password }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
  'auth.changePassword': method({
    summary: 'Change own password (required after a reset)',
    permission: 'session',
    mutation: true,
    input: z.strictObject({ oldPassword: Password, newPassword: NewPassword }),
    output: z.strictObject({ ok: z.literal(true) }),
  }),
};
