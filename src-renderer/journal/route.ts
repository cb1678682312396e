// Journal addresses: #/journal/<groupId>/<subjectId>[/<termId>][?at=<date>.<slot>&row=<n>].
// The path says which journal (a reload reopens it); the query says where the teacher was, and
// is rewritten in place as focus moves, without a history entry per cell.
import { isCalendarDate } from '../../src-shared/domain';

export interface JournalRoute {
  groupId: number;
  subjectId: number;
  termId?: number;
}

export interface Place {
  date: string;
  slot: number | null;
  row: number | null;
}

const id = (s: string | undefined) => (s && /^[1-9]\d{0,9}$/.test(s) ? Number(s) : undefined);

/** The segments after "journal/"; null when they do not name a journal. */
export function parseJournalRoute(rest: readonly string[]): JournalRoute | null {
  const groupId = id(rest[0]);
  const subjectId = id(rest[1]);
  if (groupId === undefined || subjectId === undefined || rest.length > 3) return null;
  const termId = id(rest[2]);
  if (rest.length === 3 && termId === undefined) return null;
  return termId === undefined ? { groupId, subjectId } : { groupId, subjectId, termId };
}

/**
 * A journal's address, optionally at a place: a lesson (date, and slot when known), a row, or a
 * pupil by id (a check's finding knows the pupil, not their row; the journal finds the row).
 */
export function journalHref(r: JournalRoute, place?: { date?: string; slot?: number | null; row?: number; pupil?: number }): string {
  const path = `#/journal/${r.groupId}/${r.subjectId}${r.termId ? `/${r.termId}` : ''}`;
  const q: string[] = [];
  if (place?.date) q.push(`at=${place.date}${place.slot != null ? `.${place.slot}` : ''}`);
  if (place?.row) q.push(`row=${place.row}`);
  if (place?.pupil) q.push(`pupil=${place.pupil}`);
  return q.length ? `${path}?${q.join('&')}` : path;
}

/** The pupil an address asks to open the journal at (?pupil=<id>), or null. */
export function pupilFromHash(hash: string = window.location.hash): number | null {
  const q = hash.split('?')[1];
  return (q && id(new URLSearchParams(q).get('pupil') ?? undefined)) || null;
}

/** Where to put the focus on open, from the address's query. */
export function placeFromHash(hash: string = window.location.hash): Place | null {
  const q = hash.split('?')[1];
  if (!q) return null;
  const params = new URLSearchParams(q);
  const m = /^(\d{4}-\d{2}-\d{2})(?:\.(\d{1,2}))?$/.exec(params.get('at') ?? '');
  // A hand-edited address may name 2026-09-31: no such column, so no place.
  if (!m || !isCalendarDate(m[1]!)) return null;
  const row = Number(params.get('row'));
  return { date: m[1]!, slot: m[2] ? Number(m[2]) : null, row: Number.isInteger(row) && row > 0 ? row : null };
}

/**
 * The address that records the place in this journal, or null when there is nothing to write:
 * the address holds it already, or it has left this journal meanwhile. The latter guards a race:
 * the teacher goes elsewhere (the hash is set, its hashchange not yet handled) just as the
 * delayed write fires; writing then would bring them back to the journal they left.
 */
export function placeHash(current: string, r: JournalRoute, place: { date: string; slot: number; row: number }): string | null {
  if (current.split('?')[0] !== journalHref(r)) return null;
  const next = journalHref(r, place);
  return next === current ? null : next;
}

/** Rewrites the address to the current place, without a history entry or a hashchange. */
export function rememberPlace(r: JournalRoute, place: { date: string; slot: number; row: number }): void {
  const next = placeHash(window.location.hash, r, place);
  if (next) window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${next}`);
}
