// Reconciliation digests (POST /api/digests): the portal hashes its copy of a journal with the
// canonical lines of src-shared/export/digest.ts, the same lines the school hashes locally.
// The pure helpers are exported so tests (and the exporter's tests) can compute a digest by hand.
import { createHash } from 'node:crypto';
import { lessonLines, type DigestCell, type DigestLesson } from '../../src-shared/export/digest';
import type { Digest, DigestRequest } from '../../src-shared/export/package';
import type { PortalStore } from './store';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** sha256 of the lesson's canonical lines joined by '\n'. */
export function lessonHash(lesson: DigestLesson, cells: readonly DigestCell[]): string {
  return sha256Hex(lessonLines(lesson, cells).join('\n'));
}

/**
 * The digest of one group × subject over [from, to]: lessons in that range sorted by (date,
 * slot, id); hash = sha256 of the per-lesson hashes joined by '\n' (sha256('') with no lessons);
 * marks = all marks of those lessons; absences = cells with an absence.
 */
export function buildDigest(
  pair: { groupId: number; subjectId: number },
  range: { from: string; to: string },
  lessons: readonly DigestLesson[],
  cells: readonly DigestCell[],
): Digest {
  const inRange = lessons
    .filter((l) => l.date >= range.from && l.date <= range.to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.slot - b.slot || a.id - b.id));
  const byLesson = new Map<number, DigestCell[]>();
  for (const c of cells) {
    const list = byLesson.get(c.lessonId);
    if (list) list.push(c);
    else byLesson.set(c.lessonId, [c]);
  }
  let marks = 0;
  let absences = 0;
  const perLesson = inRange.map((l) => {
    const own = byLesson.get(l.id) ?? [];
    for (const c of own) {
      marks += c.marks.length;
      if (c.absence) absences++;
    }
    return { lessonId: l.id, date: l.date, hash: lessonHash(l, own) };
  });
  return {
    groupId: pair.groupId,
    subjectId: pair.subjectId,
    from: range.from,
    to: range.to,
    lessons: inRange.length,
    marks,
    absences,
    hash: sha256Hex(perLesson.map((p) => p.hash).join('\n')),
    perLesson,
  };
}

/** The digests of every requested pair from the store's copy of one school's diary. */
export function digestsFor(store: PortalStore, school: string, req: DigestRequest): Digest[] {
  const lessonStmt = store.db
    .prepare(
      `SELECT data FROM lessons WHERE school = ? AND group_id = ? AND subject_id = ? AND date BETWEEN ? AND ?
       ORDER BY date, slot, id`,
    )
    .pluck();
  const cellStmt = store.db
    .prepare(
      `SELECT c.data FROM cells c JOIN lessons l ON l.school = c.school AND l.id = c.lesson_id
       WHERE l.school = ? AND l.group_id = ? AND l.subject_id = ? AND l.date BETWEEN ? AND ?`,
    )
    .pluck();
  return req.pairs.map((pair) => {
    const args = [school, pair.groupId, pair.subjectId, req.from, req.to];
    const lessons = (lessonStmt.all(...args) as string[]).map((d) => JSON.parse(d) as DigestLesson);
    const cells = (cellStmt.all(...args) as string[]).map((d) => JSON.parse(d) as DigestCell);
    return buildDigest(pair, req, lessons, cells);
  });
}
