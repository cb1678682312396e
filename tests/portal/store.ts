// The portal test double's own SQLite store: the diary state per school, the receipts of
// applied packages and a log of every delivery. One package is applied in ONE transaction
// together with its receipt and its delivery record, so a crash mid-apply leaves nothing.
import Database from 'better-sqlite3';
import type { ExportPackage, Receipt } from '../../src-shared/export/package';
import { DIARY_FIELDS, grantKey, parseTombstoneKey, TOMBSTONE_FIELD, type DiaryField } from '../../src-shared/export/keys';

type Db = Database.Database;

// Each diary table keeps the entity as sent (data: the validated JSON, returned verbatim by
// /__state and the diary) plus the columns the portal queries by. The primary key is the
// entity's natural key (keys.ts), column for column, so an upsert and a tombstone each hit one
// B-tree and no second index on a synthetic key has to be maintained for 500 000 cells.
const SCHOOL = 'school TEXT NOT NULL REFERENCES schools(code)';
const DIARY_SQL = `
CREATE TABLE schools (code TEXT PRIMARY KEY, applied_feed_to INTEGER NOT NULL DEFAULT 0, year TEXT);
CREATE TABLE classes (${SCHOOL}, id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (school, id));
CREATE TABLE groups (${SCHOOL}, id INTEGER NOT NULL, class_id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (school, id));
CREATE TABLE subjects (${SCHOOL}, id INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (school, id));
CREATE TABLE people (${SCHOOL}, ref TEXT NOT NULL, kind TEXT NOT NULL, uid TEXT, data TEXT NOT NULL, PRIMARY KEY (school, ref));
CREATE INDEX people_uid ON people (uid);
CREATE TABLE enrolments (${SCHOOL}, pupil TEXT NOT NULL, class_id INTEGER NOT NULL, from_date TEXT NOT NULL, to_date TEXT,
  data TEXT NOT NULL, PRIMARY KEY (school, pupil, class_id, from_date));
CREATE TABLE memberships (${SCHOOL}, pupil TEXT NOT NULL, group_id INTEGER NOT NULL, from_date TEXT NOT NULL, to_date TEXT,
  data TEXT NOT NULL, PRIMARY KEY (school, pupil, group_id, from_date));
CREATE TABLE lessons (${SCHOOL}, id INTEGER NOT NULL, group_id INTEGER NOT NULL, subject_id INTEGER NOT NULL, date TEXT NOT NULL,
  slot INTEGER NOT NULL, data TEXT NOT NULL, PRIMARY KEY (school, id));
CREATE INDEX lessons_journal ON lessons (school, group_id, subject_id, date);
CREATE TABLE cells (${SCHOOL}, lesson_id INTEGER NOT NULL, pupil TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (school, lesson_id, pupil));
CREATE INDEX cells_pupil ON cells (school, pupil);
CREATE TABLE term_marks (${SCHOOL}, pupil TEXT NOT NULL, group_id INTEGER NOT NULL, subject_id INTEGER NOT NULL,
  term_kind TEXT NOT NULL, term_number INTEGER NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (school, pupil, group_id, subject_id, term_kind, term_number));
-- scope is the grant key after "<uid>:" (e.g. "groupSubject:10:1"); the other columns are for queries.
CREATE TABLE grants (${SCHOOL}, uid TEXT NOT NULL, scope TEXT NOT NULL, scope_kind TEXT NOT NULL, group_id INTEGER,
  subject_id INTEGER, class_id INTEGER, pupil TEXT, data TEXT NOT NULL, PRIMARY KEY (school, uid, scope));
CREATE INDEX grants_uid ON grants (uid);
CREATE TABLE packages (package_id TEXT PRIMARY KEY, school TEXT NOT NULL REFERENCES schools(code), kind TEXT NOT NULL,
  feed_from INTEGER NOT NULL, feed_to INTEGER NOT NULL, payload_sha256 TEXT NOT NULL, applied_at TEXT NOT NULL,
  outcome TEXT NOT NULL);
-- Every request that named a package, whatever became of it: the proof of "applied exactly once".
CREATE TABLE deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT, package_id TEXT, at TEXT NOT NULL,
  outcome TEXT NOT NULL, status INTEGER, detail TEXT);
CREATE INDEX deliveries_package ON deliveries (package_id);
`;

/** Plain SQL migrations, applied in order; PRAGMA user_version counts the applied ones. */
const MIGRATIONS: string[] = [
  DIARY_SQL,
  // Issue 9: the newest audit chain head the school has sent (an outside witness of its log).
  'ALTER TABLE schools ADD COLUMN audit_seq INTEGER; ALTER TABLE schools ADD COLUMN audit_hash TEXT;',
];

type Value = string | number | null;
interface TableSpec {
  table: string;
  /** Columns besides school and data, in insert order. */
  columns: string[];
  /** The natural key, in the order parseTombstoneKey returns its parts. */
  pk: string[];
  row: (e: any) => Value[];
}

export const SPEC: Record<DiaryField, TableSpec> = {
  classes: { table: 'classes', columns: ['id'], pk: ['id'], row: (c) => [c.id] },
  groups: { table: 'groups', columns: ['id', 'class_id'], pk: ['id'], row: (g) => [g.id, g.classId] },
  subjects: { table: 'subjects', columns: ['id'], pk: ['id'], row: (s) => [s.id] },
  people: { table: 'people', columns: ['ref', 'kind', 'uid'], pk: ['ref'], row: (p) => [p.ref, p.kind, p.uid] },
  enrolments: {
    table: 'enrolments',
    columns: ['pupil', 'class_id', 'from_date', 'to_date'],
    pk: ['pupil', 'class_id', 'from_date'],
    row: (e) => [e.pupil, e.classId, e.from, e.to],
  },
  memberships: {
    table: 'memberships',
    columns: ['pupil', 'group_id', 'from_date', 'to_date'],
    pk: ['pupil', 'group_id', 'from_date'],
    row: (m) => [m.pupil, m.groupId, m.from, m.to],
  },
  lessons: {
    table: 'lessons',
    columns: ['id', 'group_id', 'subject_id', 'date', 'slot'],
    pk: ['id'],
    row: (l) => [l.id, l.groupId, l.subjectId, l.date, l.slot],
  },
  cells: { table: 'cells', columns: ['lesson_id', 'pupil'], pk: ['lesson_id', 'pupil'], row: (c) => [c.lessonId, c.pupil] },
  termMarks: {
    table: 'term_marks',
    columns: ['pupil', 'group_id', 'subject_id', 'term_kind', 'term_number'],
    pk: ['pupil', 'group_id', 'subject_id', 'term_kind', 'term_number'],
    row: (t) => [t.pupil, t.groupId, t.subjectId, t.term.kind, t.term.number],
  },
  grants: {
    table: 'grants',
    columns: ['uid', 'scope', 'scope_kind', 'group_id', 'subject_id', 'class_id', 'pupil'],
    pk: ['uid', 'scope'],
    row: (g) => {
      const key = grantKey(g);
      const s = g.scope;
      return [g.uid, key.slice(key.indexOf(':') + 1), s.kind, s.groupId ?? null, s.subjectId ?? null, s.classId ?? null, s.pupil ?? null];
    },
  },
};

export type Outcome = 'applied' | 'stale' | 'skipped' | 'duplicate';
export type ApplyResult =
  | { status: 200; outcome: Outcome; receipt: Receipt }
  | { status: 409; outcome: 'gap'; body: { error: 'gap'; appliedFeedTo: number } }
  | { status: 422; outcome: 'conflict'; body: { error: string } };

/** Outcomes that mean "this package was processed" (as opposed to refused or repeated). */
export const PROCESSED: readonly string[] = ['applied', 'stale', 'skipped'];

export interface PackageRow {
  package_id: string;
  school: string;
  kind: string;
  feed_from: number;
  feed_to: number;
  payload_sha256: string;
  applied_at: string;
  outcome: string;
}

export class PortalStore {
  readonly db: Db;
  private readonly stmts = new Map<string, Database.Statement>();

  constructor(file: string) {
    this.db = new Database(file);
    // WAL + FULL: a receipt the client got is on disk even if the machine loses power.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('cache_size = -131072');
    const done = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = done; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
  }

  close(): void {
    this.db.close();
  }

  packageRow(packageId: string): PackageRow | undefined {
    return this.db.prepare('SELECT * FROM packages WHERE package_id = ?').get(packageId) as PackageRow | undefined;
  }

  logDelivery(packageId: string | null, outcome: string, status: number | null, detail?: string): void {
    this.db
      .prepare('INSERT INTO deliveries (package_id, at, outcome, status, detail) VALUES (?,?,?,?,?)')
      .run(packageId, new Date().toISOString(), outcome, status, detail ?? null);
  }

  /**
   * Applies a validated package exactly once. `failMidApply` throws after the upserts (a test
   * hook standing in for a crash): the transaction rolls back and nothing is applied.
   */
  apply(pkg: ExportPackage, opts: { failMidApply?: boolean } = {}): ApplyResult {
    const h = pkg.header;
    return this.db.transaction((): ApplyResult => {
      const prior = this.packageRow(h.packageId);
      if (prior) {
        if (prior.payload_sha256 !== h.payloadSha256) {
          this.logDelivery(h.packageId, 'conflict', 422);
          return { status: 422, outcome: 'conflict', body: { error: 'package id already applied with a different payload' } };
        }
        this.logDelivery(h.packageId, 'duplicate', 200);
        return { status: 200, outcome: 'duplicate', receipt: this.receiptOf(prior, true) };
      }
      const school = this.db.prepare('SELECT applied_feed_to AS a FROM schools WHERE code = ?').get(h.schoolCode) as
        { a: number } | undefined;
      const appliedTo = school?.a ?? 0;
      let outcome: Outcome;
      if (h.kind === 'full') outcome = h.feedTo >= appliedTo ? 'applied' : 'skipped';
      else if (h.feedTo <= appliedTo) outcome = 'stale';
      else if (h.feedFrom > appliedTo) {
        this.logDelivery(h.packageId, 'gap', 409, `feedFrom ${h.feedFrom} > applied ${appliedTo}`);
        return { status: 409, outcome: 'gap', body: { error: 'gap', appliedFeedTo: appliedTo } };
      } else outcome = 'applied';

      this.db.prepare('INSERT OR IGNORE INTO schools (code) VALUES (?)').run(h.schoolCode);
      // The witness: the highest head ever sent, whatever became of the package's rows.
      this.db
        .prepare('UPDATE schools SET audit_seq = ?, audit_hash = ? WHERE code = ? AND (audit_seq IS NULL OR audit_seq < ?)')
        .run(h.auditHead.seq, h.auditHead.hash, h.schoolCode, h.auditHead.seq);
      if (outcome === 'applied') {
        if (h.kind === 'full') this.clearSchool(h.schoolCode);
        this.upsertAll(h.schoolCode, pkg);
        if (opts.failMidApply) throw new MidApplyFault();
        this.applyTombstones(h.schoolCode, pkg);
        this.db
          .prepare('UPDATE schools SET applied_feed_to = ?, year = CASE WHEN ? THEN ? ELSE year END WHERE code = ?')
          .run(h.feedTo, h.kind === 'full' ? 1 : 0, h.year, h.schoolCode);
      }
      const row: PackageRow = {
        package_id: h.packageId,
        school: h.schoolCode,
        kind: h.kind,
        feed_from: h.feedFrom,
        feed_to: h.feedTo,
        payload_sha256: h.payloadSha256,
        applied_at: new Date().toISOString(),
        outcome,
      };
      this.db
        .prepare(
          `INSERT INTO packages (package_id, school, kind, feed_from, feed_to, payload_sha256, applied_at, outcome)
           VALUES (@package_id, @school, @kind, @feed_from, @feed_to, @payload_sha256, @applied_at, @outcome)`,
        )
        .run(row);
      this.logDelivery(h.packageId, outcome, 200);
      return { status: 200, outcome, receipt: this.receiptOf(row, false) };
    })();
  }

  /** The school's witnessed audit head, or null before any package carried one. */
  auditHead(school: string): { seq: number; hash: string } | null {
    const r = this.db.prepare('SELECT audit_seq AS seq, audit_hash AS hash FROM schools WHERE code = ?').get(school) as
      { seq: number | null; hash: string | null } | undefined;
    return r && r.seq !== null && r.hash !== null ? { seq: r.seq, hash: r.hash } : null;
  }

  /** The receipt of a stored package, with the newest head the portal holds for its school. */
  private receiptOf(row: PackageRow, duplicate: boolean): Receipt {
    const head = this.auditHead(row.school);
    return {
      packageId: row.package_id,
      payloadSha256: row.payload_sha256,
      appliedAt: row.applied_at,
      duplicate,
      ...(head ? { auditHead: head } : {}),
    };
  }

  private clearSchool(school: string): void {
    for (const f of DIARY_FIELDS) this.db.prepare(`DELETE FROM ${SPEC[f].table} WHERE school = ?`).run(school);
  }

  private upsertAll(school: string, pkg: ExportPackage): void {
    // Parents first; nothing requires it, but it is the order a reader expects.
    for (const f of DIARY_FIELDS) {
      const stmt = this.upsertStmt(f);
      const row = SPEC[f].row;
      for (const e of pkg.payload[f] as unknown[]) stmt.run(school, ...row(e), JSON.stringify(e));
    }
  }

  private upsertStmt(f: DiaryField): Database.Statement {
    let s = this.stmts.get(`upsert:${f}`);
    if (!s) {
      const { table, columns, pk } = SPEC[f];
      const all = ['school', ...columns, 'data'];
      const set = [...columns.filter((c) => !pk.includes(c)), 'data'].map((c) => `${c} = excluded.${c}`).join(', ');
      s = this.db.prepare(
        `INSERT INTO ${table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
         ON CONFLICT (school, ${pk.join(', ')}) DO UPDATE SET ${set}`,
      );
      this.stmts.set(`upsert:${f}`, s);
    }
    return s;
  }

  /**
   * Tombstones come after the upserts of the same package. Deleting a lesson also deletes its
   * cells, and deleting a person everything that hangs on the pupil (cells, enrolments,
   * memberships, term marks, grants to see them): the portal must not show marks of a lesson
   * or a pupil it was told to forget, whether or not the exporter lists those rows too.
   * Keys were checked before the transaction (server.ts), so parsing cannot fail here.
   */
  private applyTombstones(school: string, pkg: ExportPackage): void {
    for (const t of pkg.payload.tombstones) {
      const { table, pk } = SPEC[TOMBSTONE_FIELD[t.entity]];
      const parts = parseTombstoneKey(t.entity, t.key)!;
      this.db.prepare(`DELETE FROM ${table} WHERE school = ? AND ${pk.map((c) => `${c} = ?`).join(' AND ')}`).run(school, ...parts);
      if (t.entity === 'lesson') this.db.prepare('DELETE FROM cells WHERE school = ? AND lesson_id = ?').run(school, parts[0]);
      if (t.entity === 'person') {
        for (const table of ['cells', 'enrolments', 'memberships', 'term_marks', 'grants'])
          this.db.prepare(`DELETE FROM ${table} WHERE school = ? AND pupil = ?`).run(school, t.key);
      }
    }
  }
}

export class MidApplyFault extends Error {
  constructor() {
    super('injected failure in the middle of applying a package');
  }
}
