// Reconciliation digests (POST /api/digests): the portal hashes its copy of a journal with the
// canonical lines of src-shared/export/digest.ts, the same lines the school hashes locally.
// The pure helpers are exported so tests (and the exporter's tests) can compute a digest by hand.
import { createHash } from 'node:crypto';
import { buildDigest as sharedBuildDigest, type DigestCell, type DigestLesson } from '../../src-shared/export/digest';
import type { Digest, DigestRequest } from '../../src-shared/export/package';
import type { LessonLines, LessonLinesRequest } from '../../src-shared/export/lines';
import type { PortalStore } from './store';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The shared digest with this side's sha256. */
export function buildDigest(
  pair: { groupId: number; subjectId: number },
  range: { from: string; to: string },
  lessons: readonly DigestLesson[],
  cells: readonly DigestCell[],
): Digest {
  return sharedBuildDigest(pair, range, lessons, cells, sha256Hex);
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

/**
 * What the diary shows of the given lessons (POST /api/lessons): the digest's fields and the
 * non-empty cells, so the school can name the pupil and both values of a differing lesson.
 * Ids the store does not hold are left out (the school then knows the lesson is missing).
 */
export function lessonLinesFor(store: PortalStore, school: string, req: LessonLinesRequest): LessonLines[] {
  const lessonStmt = store.db.prepare('SELECT data FROM lessons WHERE school = ? AND id = ?').pluck();
  const cellStmt = store.db.prepare('SELECT data FROM cells WHERE school = ? AND lesson_id = ? ORDER BY pupil').pluck();
  const out: LessonLines[] = [];
  for (const id of new Set(req.lessonIds)) {
    const d = lessonStmt.get(school, id) as string | undefined;
    if (d === undefined) continue;
    const l = JSON.parse(d) as DigestLesson & { groupId: number; subjectId: number };
    const cells = (cellStmt.all(school, id) as string[])
      .map((c) => JSON.parse(c) as DigestCell)
      .filter((c) => c.marks.length > 0 || c.absence)
      .map((c) => ({ pupil: c.pupil, marks: c.marks.map((m) => ({ value: m.value, workType: m.workType })), absence: c.absence }));
    out.push({
      id: l.id,
      groupId: l.groupId,
      subjectId: l.subjectId,
      date: l.date,
      slot: l.slot,
      held: l.held,
      topic: l.topic,
      homework: l.homework,
      cells,
    });
  }
  return out;
}
