// GET /__state: the portal's whole diary in canonical form (keys.ts order), so a test can
// compare it with the local journal's full payload, plus per-package bookkeeping that proves
// "applied exactly once", plus counts of dangling references the exporter should not produce.
import { canonicalDiary, DIARY_FIELDS, type Diary } from '../../src-shared/export/keys';
import { PROCESSED, SPEC, type PackageRow, type PortalStore } from './store';

export interface PackageState {
  school: string;
  kind: string;
  feedFrom: number;
  feedTo: number;
  payloadSha256: string;
  appliedAt: string;
  /** applied | stale (an incremental already covered) | skipped (a full older than the state) */
  outcome: string;
  /** Times this package was processed (must be 1): deliveries that were not duplicates. */
  applies: number;
  /** Times it came again and got its stored receipt back. */
  duplicates: number;
}

export interface SchoolState {
  appliedFeedTo: number;
  year: string | null;
  /** The newest audit chain head the school sent (issue 9). */
  auditHead: { seq: number; hash: string } | null;
  diary: Diary;
  /** Rows whose parent is unknown to the portal; all zero when the exporter is consistent. */
  orphans: Record<string, number>;
}

export interface PortalState {
  schools: Record<string, SchoolState>;
  packages: Record<string, PackageState>;
}

// Lenient on purpose: the portal stores what it is sent and reports the dangling references
// here rather than refusing a package for them, so a test can assert on them explicitly.
const ORPHANS: Record<string, string> = {
  groupsWithoutClass:
    'SELECT count(*) FROM groups g WHERE g.school = ? AND NOT EXISTS (SELECT 1 FROM classes c WHERE c.school = g.school AND c.id = g.class_id)',
  lessonsWithoutGroup:
    'SELECT count(*) FROM lessons l WHERE l.school = ? AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.school = l.school AND g.id = l.group_id)',
  lessonsWithoutSubject:
    'SELECT count(*) FROM lessons l WHERE l.school = ? AND NOT EXISTS (SELECT 1 FROM subjects s WHERE s.school = l.school AND s.id = l.subject_id)',
  cellsWithoutLesson:
    'SELECT count(*) FROM cells x WHERE x.school = ? AND NOT EXISTS (SELECT 1 FROM lessons l WHERE l.school = x.school AND l.id = x.lesson_id)',
  cellsWithoutPerson:
    'SELECT count(*) FROM cells x WHERE x.school = ? AND NOT EXISTS (SELECT 1 FROM people p WHERE p.school = x.school AND p.ref = x.pupil)',
  enrolmentsWithoutPerson:
    'SELECT count(*) FROM enrolments x WHERE x.school = ? AND NOT EXISTS (SELECT 1 FROM people p WHERE p.school = x.school AND p.ref = x.pupil)',
  membershipsWithoutPerson:
    'SELECT count(*) FROM memberships x WHERE x.school = ? AND NOT EXISTS (SELECT 1 FROM people p WHERE p.school = x.school AND p.ref = x.pupil)',
  membershipsWithoutGroup:
    'SELECT count(*) FROM memberships m WHERE m.school = ? AND NOT EXISTS (SELECT 1 FROM groups g WHERE g.school = m.school AND g.id = m.group_id)',
  termMarksWithoutPerson:
    'SELECT count(*) FROM term_marks x WHERE x.school = ? AND NOT EXISTS (SELECT 1 FROM people p WHERE p.school = x.school AND p.ref = x.pupil)',
};

export function portalState(store: PortalStore): PortalState {
  const db = store.db;
  const schools: Record<string, SchoolState> = {};
  const rows = db.prepare('SELECT code, applied_feed_to, year FROM schools ORDER BY code').all() as {
    code: string;
    applied_feed_to: number;
    year: string | null;
  }[];
  for (const s of rows) {
    const diary = {} as Record<string, unknown[]>;
    for (const f of DIARY_FIELDS) {
      const data = db.prepare(`SELECT data FROM ${SPEC[f].table} WHERE school = ?`).pluck().all(s.code) as string[];
      diary[f] = data.map((d) => JSON.parse(d) as unknown);
    }
    const orphans: Record<string, number> = {};
    for (const [name, sql] of Object.entries(ORPHANS)) orphans[name] = db.prepare(sql).pluck().get(s.code) as number;
    schools[s.code] = {
      appliedFeedTo: s.applied_feed_to,
      year: s.year,
      auditHead: store.auditHead(s.code),
      diary: canonicalDiary(diary as unknown as Diary),
      orphans,
    };
  }

  const counts = db
    .prepare(
      `SELECT package_id AS id, sum(outcome IN (${PROCESSED.map(() => '?').join(',')})) AS applies,
              sum(outcome = 'duplicate') AS duplicates
       FROM deliveries WHERE package_id IS NOT NULL GROUP BY package_id`,
    )
    .all(...PROCESSED) as { id: string; applies: number; duplicates: number }[];
  const byId = new Map(counts.map((c) => [c.id, c]));
  const packages: Record<string, PackageState> = {};
  for (const p of db.prepare('SELECT * FROM packages ORDER BY package_id').all() as PackageRow[]) {
    packages[p.package_id] = {
      school: p.school,
      kind: p.kind,
      feedFrom: p.feed_from,
      feedTo: p.feed_to,
      payloadSha256: p.payload_sha256,
      appliedAt: p.applied_at,
      outcome: p.outcome,
      applies: byId.get(p.package_id)?.applies ?? 0,
      duplicates: byId.get(p.package_id)?.duplicates ?? 0,
    };
  }
  return { schools, packages };
}

export interface DeliveryRow {
  id: number;
  packageId: string | null;
  at: string;
  outcome: string;
  status: number | null;
  detail: string | null;
}

/** GET /__deliveries: the raw log, oldest first. */
export function deliveries(store: PortalStore): DeliveryRow[] {
  return store.db
    .prepare('SELECT id, package_id AS packageId, at, outcome, status, detail FROM deliveries ORDER BY id')
    .all() as DeliveryRow[];
}
