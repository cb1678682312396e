// The check's read of the audit log (issue 12): the journal records (lessons, cells, term marks)
// from the day before the period on, and the lessons those of the period name. R3 (late entries)
// and R17 (edits of closed terms) read it.
import type { Sqlite } from '../../../db/client';
import { addDays, schoolDate } from '../../../src-shared/dates';
import { prep } from '../sql';
import type { CheckAudit, CheckLessonRef } from './data';

/** The first audit seq whose `at` is ≥ the instant (seq grows with time; a binary search on the primary key). */
function firstSeqAtOrAfter(sqlite: Sqlite, instant: string): number {
  const bounds = prep(sqlite, 'SELECT MIN(seq) AS lo, MAX(seq) AS hi FROM audit_event').get() as { lo: number | null; hi: number | null };
  if (bounds.lo === null || bounds.hi === null) return 1;
  const atOf = prep(sqlite, 'SELECT at FROM audit_event WHERE seq >= ? ORDER BY seq LIMIT 1');
  let lo = bounds.lo;
  let hi = bounds.hi + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const r = atOf.get(mid) as { at: string } | undefined;
    if (!r || r.at >= instant) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The audit records from the day before `from` (school time) to the end of `cutoff`, and after it
 * those of the period's lessons; and the lessons named by the records of [from, cutoff].
 */
export function loadAudit(
  sqlite: Sqlite,
  from: string,
  cutoff: string,
): { audit: CheckAudit[]; auditLessons: Map<number, CheckLessonRef> } {
  // Since the day before the period (a Moscow day starts at 21:00 UTC the day
  // before): found by a binary search on seq, then one range scan of the primary key.
  const scanFrom = `${addDays(from, -2)}T21:00:00.000Z`;
  const seq0 = firstSeqAtOrAfter(sqlite, scanFrom);
  // After the period (up to now) only the records of its own lessons matter (R3: an entry made
  // late); a check of last month must not read this month's whole log into objects.
  const periodEnd = `${cutoff}T21:00:00.000Z`;
  const audit: CheckAudit[] = [];
  for (const r of prep(
    sqlite,
    `SELECT seq, at, actor_id, action, entity, entity_id, before, after, reason FROM audit_event
       WHERE seq >= ? AND entity IN ('lesson', 'cell', 'term_mark')
         AND (at < ? OR (entity IN ('lesson', 'cell') AND CAST(entity_id AS INTEGER) IN (SELECT id FROM lesson WHERE date BETWEEN ? AND ?)))
       ORDER BY seq`,
  ).iterate(seq0, periodEnd, from, cutoff) as IterableIterator<{
    seq: number;
    at: string;
    actor_id: number | null;
    action: string;
    entity: CheckAudit['entity'];
    entity_id: string | null;
    before: string | null;
    after: string | null;
    reason: string | null;
  }>) {
    if (r.entity_id === null) continue;
    audit.push({
      seq: r.seq,
      at: r.at,
      date: schoolDate(new Date(r.at)),
      actorId: r.actor_id,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      reason: r.reason,
    });
  }
  const refIds = new Set<number>();
  for (const a of audit) {
    if (a.date < from || a.date > cutoff) continue;
    if (a.entity === 'lesson') refIds.add(Number(a.entityId));
    else if (a.entity === 'cell') refIds.add(Number(a.entityId.split(':')[0]));
  }
  const auditLessons = new Map<number, CheckLessonRef>();
  if (refIds.size)
    for (const l of prep(sqlite, 'SELECT id, group_id, subject_id, date FROM lesson WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify([...refIds]),
    ) as {
      id: number;
      group_id: number;
      subject_id: number;
      date: string;
    }[])
      auditLessons.set(l.id, { id: l.id, groupId: l.group_id, subjectId: l.subject_id, date: l.date });
  return { audit, auditLessons };
}
