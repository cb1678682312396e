// Who may keep listening to a journal's live updates: checked when the stream opens, and again
// while it runs (a session that ends, locks or loses the journal stops its streams).
import type { JournalAccess } from './access';
import { journalAccess, termsFor } from './access';
import type { Actor, Ctx, Services } from '../context';
import type { Role } from '../../../src-shared/domain';
import { settingsFromText } from '../school/settings';
import { prep } from '../sql';

/** Read access to the journal anywhere in its school year (a group belongs to one year). */
export function journalYearAccess(ctx: Ctx, actor: Actor, ref: { groupId: number; subjectId: number }): JournalAccess | null {
  const terms = termsFor(ctx, ref.groupId);
  if (terms.length === 0) return null;
  const from = terms.reduce((a, t) => (t.starts_on < a ? t.starts_on : a), terms[0]!.starts_on);
  const to = terms.reduce((a, t) => (t.ends_on > a ? t.ends_on : a), terms[0]!.ends_on);
  return journalAccess(ctx, actor, ref.groupId, ref.subjectId, from, to);
}

/**
 * The session's caller when it is still usable (not ended, expired, locked, idle past the lock
 * time, nor its user disabled); null otherwise. Read-only, unlike resolveSession: a stream's own
 * checks must not count as activity, or an open journal would never lock.
 */
export function peekSession(s: Services, tokenHash: string): Actor | null {
  const row = prep(
    s.sqlite,
    `SELECT s.staff_id, u.person_id, u.login, s.last_seen_at, s.expires_at, s.locked, s.ended_at, u.disabled, u.must_change_password,
            (SELECT group_concat(role, ',') FROM staff_role WHERE staff_id = s.staff_id) AS roles,
            (SELECT settings FROM school WHERE id = 1) AS settings
       FROM session s JOIN staff_user u ON u.id = s.staff_id WHERE s.token_hash = ?`,
  ).get(tokenHash) as
    | {
        staff_id: number;
        person_id: number;
        login: string;
        last_seen_at: string;
        expires_at: string;
        locked: number;
        ended_at: string | null;
        disabled: number;
        must_change_password: number;
        roles: string | null;
        settings: string | null;
      }
    | undefined;
  const now = s.now();
  if (!row || row.ended_at || row.disabled || row.locked || row.expires_at <= now.toISOString()) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > settingsFromText(s, row.settings).idleLockMinutes * 60_000) return null;
  return {
    staffId: row.staff_id,
    personId: row.person_id,
    login: row.login,
    roles: (row.roles ? row.roles.split(',') : []).sort() as Role[],
    tokenHash,
    mustChangePassword: row.must_change_password === 1,
  };
}
