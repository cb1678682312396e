// The name index of this school's database (issue 9): built from the person table on first use
// and rebuilt only when people change. The check is a counter kept by TEMP triggers on this
// connection (people, and the enrolments, guardianships and staff accounts that say who they
// are) plus SQLite's data_version for commits by any other connection: two O(1) reads, where
// fingerprinting thousands of people on every saved topic would not be. TEMP objects live only
// in this connection's memory: no migration, nothing in the school's file or its backups.
import type { Sqlite } from '../../../db/client';
import type { LessonView } from '../../../src-shared/rpc/journal';
import { findPersonal, maskText, type Finding } from './detect';
import { buildNameIndex, type NameIndex, type PersonNames } from './name-index';

const WATCHED = ['person', 'enrolment', 'guardianship', 'staff_user'] as const;

function installCounter(sqlite: Sqlite): void {
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS privacy_people_version (n INTEGER NOT NULL)');
  sqlite.exec('INSERT INTO temp.privacy_people_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM temp.privacy_people_version)');
  const bump = 'BEGIN UPDATE temp.privacy_people_version SET n = n + 1; END';
  for (const t of WATCHED) {
    sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS privacy_${t}_ins AFTER INSERT ON ${t} ${bump}`);
    sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS privacy_${t}_del AFTER DELETE ON ${t} ${bump}`);
  }
  sqlite.exec(`CREATE TEMP TRIGGER IF NOT EXISTS privacy_person_upd AFTER UPDATE OF surname, name, patronymic ON person ${bump}`);
}

interface Cached {
  version: string;
  index: NameIndex;
  versionStmt: { get(): unknown };
}
const cache = new WeakMap<Sqlite, Cached>();

function peopleRows(sqlite: Sqlite): PersonNames[] {
  return sqlite
    .prepare(
      `SELECT p.id, p.surname, p.name, p.patronymic,
         CASE WHEN EXISTS (SELECT 1 FROM enrolment e WHERE e.pupil_id = p.id) THEN 'pupil'
              WHEN EXISTS (SELECT 1 FROM guardianship g WHERE g.guardian_id = p.id) THEN 'guardian'
              WHEN EXISTS (SELECT 1 FROM staff_user u WHERE u.person_id = p.id) THEN 'staff' END AS who
       FROM person p`,
    )
    .all() as PersonNames[];
}

/**
 * The index of the school's people as they are now. Inside a transaction a new index is built
 * but not kept (nor the triggers installed): a rollback would take back the counter and the
 * triggers with it, and a cached index of people that were never committed would then pass
 * for current.
 */
export function schoolNameIndex(sqlite: Sqlite): NameIndex {
  let c = cache.get(sqlite);
  if (!c) {
    if (sqlite.inTransaction) return buildNameIndex(peopleRows(sqlite));
    installCounter(sqlite);
    const versionStmt = sqlite.prepare(
      "SELECT (SELECT n FROM temp.privacy_people_version) || ':' || (SELECT data_version FROM pragma_data_version()) AS v",
    );
    c = { version: '', index: new Map(), versionStmt };
    cache.set(sqlite, c);
  }
  const version = (c.versionStmt.get() as { v: string }).v;
  if (version === c.version) return c.index;
  const index = buildNameIndex(peopleRows(sqlite));
  if (!sqlite.inTransaction) Object.assign(c, { version, index });
  return index;
}

export type LessonFinding = LessonView['privacy'][number];

const toView = (field: LessonFinding['field'], fileId: number | null) => (f: Finding): LessonFinding => ({
  field,
  fileId,
  kind: f.kind,
  who: f.who,
  text: f.text,
});

/** What looks personal in a lesson's topic, homework and file names. */
export function lessonFindings(
  index: NameIndex,
  l: { topic: string | null; homework: string | null; files: readonly { id: number; name: string }[] },
): LessonFinding[] {
  return [
    ...(l.topic ? findPersonal(l.topic, index).map(toView('topic', null)) : []),
    ...(l.homework ? findPersonal(l.homework, index).map(toView('homework', null)) : []),
    ...l.files.flatMap((f) => findPersonal(f.name, index).map(toView('file', f.id))),
  ];
}

/**
 * For a package: masks each text as it is written and counts the texts it changed. Topics
 * repeat across classes and weeks (a lesson plan's «Повторение изученного»), so each distinct
 * text is checked once per package.
 */
export function exportMasker(sqlite: Sqlite) {
  const index = schoolNameIndex(sqlite);
  const seen = new Map<string, { text: string; masked: boolean }>();
  const m = {
    masked: 0,
    text(t: string): string {
      let r = seen.get(t);
      if (!r) seen.set(t, (r = maskText(t, index)));
      if (r.masked) m.masked++;
      return r.text;
    },
    nullable(t: string | null | undefined): string | null {
      return t === null || t === undefined ? null : m.text(t);
    },
  };
  return m;
}
