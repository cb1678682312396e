// Sessions: random bearer tokens stored by hash, with expiry and an idle lock.
import { hash, randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { Role } from '../../../src-shared/domain';
import type { Actor, Services } from '../context';
import { loadSettings, settingsFromText } from '../school/settings';
import { prep } from '../sql';

// One-shot: this runs on every RPC call.
export const tokenHash = (token: string) => hash('sha256', token, 'hex');

/** A session made through a paired device (school network) belongs to it: see resolveSession. */
export function createSession(s: Services, staffId: number, deviceId?: number): { token: string; expiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  const now = s.now();
  const expiresAt = new Date(now.getTime() + loadSettings(s).sessionHours * 3600_000).toISOString();
  prep(s.sqlite, 'INSERT INTO session (token_hash, staff_id, created_at, last_seen_at, expires_at, device_id) VALUES (?,?,?,?,?,?)').run(
    tokenHash(token),
    staffId,
    now.toISOString(),
    now.toISOString(),
    expiresAt,
    deviceId ?? null,
  );
  return { token, expiresAt };
}

export interface SessionRow {
  staff_id: number;
  person_id: number;
  login: string;
  last_seen_at: string;
  expires_at: string;
  locked: number;
  ended_at: string | null;
  disabled: number;
  must_change_password: number;
  /** The user's roles joined by commas (role names have none). */
  roles: string | null;
  /** The school's settings JSON (idle lock time). */
  settings: string | null;
  /** The paired device the session was opened through; null: this PC's own interface. */
  device_id: number | null;
}

/** Last-seen is written at most this often, so reads do not each cost a synced write. */
const TOUCH_EVERY_MS = 30_000;

/**
 * Resolves a bearer token to the caller. Throws unauthenticated for no/expired/ended sessions
 * and session_locked when idle time ran out (the renderer then asks for the password again).
 * Every RPC call runs this before its handler: session, user, roles and settings come from one
 * statement (three separate ones were a measurable part of each mark save).
 * A session belongs to the device it was opened through (deviceId; undefined = this PC's own
 * loopback interface): a token copied to another PC, or between the host's loopback and the
 * network, is refused. The device comes from the same row, so it costs no extra statement.
 */
export function resolveSession(s: Services, token: string | null, allowLocked: boolean, deviceId?: number): Actor {
  if (!token) throw new AppError('unauthenticated', 'Требуется вход в систему');
  const th = tokenHash(token);
  const row = sessionRow(s, th);
  const now = s.now();
  if (!row || row.ended_at || row.disabled || row.expires_at <= now.toISOString() || row.device_id !== (deviceId ?? null))
    throw new AppError('unauthenticated', 'Сеанс завершён, войдите снова');
  const idleMs = settingsFromText(s, row.settings).idleLockMinutes * 60_000;
  let locked = row.locked === 1;
  if (!locked && now.getTime() - Date.parse(row.last_seen_at) > idleMs) {
    locked = true;
    prep(s.sqlite, 'UPDATE session SET locked = 1 WHERE token_hash = ?').run(th);
  }
  if (locked && !allowLocked) throw new AppError('session_locked', 'Сеанс заблокирован: введите пароль');
  if (!locked && now.getTime() - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS)
    prep(s.sqlite, 'UPDATE session SET last_seen_at = ? WHERE token_hash = ?').run(now.toISOString(), th);
  return actorOf(row, th);
}

/** Session, user, roles and settings of a token in one statement (it runs on every RPC call). */
export function sessionRow(s: Services, th: string): SessionRow | undefined {
  return prep(
    s.sqlite,
    `SELECT s.staff_id, u.person_id, u.login, s.last_seen_at, s.expires_at, s.locked, s.ended_at, u.disabled, u.must_change_password, s.device_id,
            (SELECT group_concat(role, ',') FROM staff_role WHERE staff_id = s.staff_id) AS roles,
            (SELECT settings FROM school WHERE id = 1) AS settings
       FROM session s JOIN staff_user u ON u.id = s.staff_id WHERE s.token_hash = ?`,
  ).get(th) as SessionRow | undefined;
}

export function actorOf(row: SessionRow, th: string): Actor {
  return {
    staffId: row.staff_id,
    personId: row.person_id,
    login: row.login,
    // Sorted here: group_concat's order is not defined.
    roles: (row.roles ? row.roles.split(',') : []).sort() as Role[],
    tokenHash: th,
    mustChangePassword: row.must_change_password === 1,
  };
}

export function endSession(s: Services, th: string): void {
  prep(s.sqlite, 'UPDATE session SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL').run(s.now().toISOString(), th);
}

export function setLocked(s: Services, th: string, locked: boolean): void {
  prep(s.sqlite, 'UPDATE session SET locked = ?, last_seen_at = ? WHERE token_hash = ?').run(locked ? 1 : 0, s.now().toISOString(), th);
}

/** The session exists and has not ended (locked or not): checked again after an await. */
export function sessionOpen(s: Services, th: string): boolean {
  return !!prep(s.sqlite, 'SELECT 1 FROM session WHERE token_hash = ? AND ended_at IS NULL').get(th);
}
