// Who may keep listening to a journal's live updates: checked when the stream opens, and again
// while it runs (a session that ends, locks or loses the journal stops its streams).
import type { JournalAccess } from './access';
import { journalAccess, termsFor } from './access';
import type { Actor, Ctx, Services } from '../context';
import { settingsFromText } from '../school/settings';
import { actorOf, sessionRow } from '../auth/sessions';

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
  const row = sessionRow(s, tokenHash);
  const now = s.now();
  if (!row || row.ended_at || row.disabled || row.locked || row.expires_at <= now.toISOString()) return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > settingsFromText(s, row.settings).idleLockMinutes * 60_000) return null;
  return actorOf(row, tokenHash);
}
