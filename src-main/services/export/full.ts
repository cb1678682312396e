// The full package: the whole current school year, de-identified (issue 5), built as a stream.
// It reads one snapshot through a read-only connection of its own, so teachers keep saving
// while it runs, and it writes the JSON row by row into the package stream, so memory stays
// flat whatever the size of the school. Nothing is stored here: a cancelled or failed build
// leaves no trace, and the caller stores the finished package in one transaction.
import { openReader, type Sqlite } from '../../../db/client';
import type { AbsenceReason, MarkValue } from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { PackagePayload } from '../../../src-shared/export/package';
import { enrolmentKey, grantKey, membershipKey } from '../../../src-shared/export/keys';
import type { Ctx } from '../context';
import { auditHead } from '../mutate';
import { prep } from '../sql';
import { exportedPeople, GUARDIAN_GRANTS_SQL } from './people';
import { pseudonymizer } from './ids';
import { exportMasker } from '../privacy/school';
import type { SentKeys } from './incremental';
import { PackageStream, headerFields, type PackageFile } from './writer';
import { TERM_MARK_CLOSED } from '../closing/export';

export interface YearRef {
  id: number;
  label: string;
  startsOn: string;
  endsOn: string;
}

type Row = Record<string, unknown>;
type Pseudonyms = (personId: number) => string;

/** The newest change-feed seq: what a package built now covers up to. */
export function feedHead(sqlite: Sqlite): number {
  return (prep(sqlite, 'SELECT COALESCE(MAX(seq), 0) AS n FROM change_feed').get() as { n: number }).n;
}

export function schoolSecret(sqlite: Sqlite): { code: string; secret: string } {
  return prep(sqlite, 'SELECT code, pseudonym_secret AS secret FROM school WHERE id = 1').get() as { code: string; secret: string };
}

export interface BuildControl {
  /** Called between chunks: units done of the total. */
  onProgress?: (done: number, total: number) => void;
  /** Checked between chunks; true stops the build with a `cancelled` error. */
  cancelled?: () => boolean;
}

export interface FullBuild extends PackageFile {
  /** The change-feed head of the snapshot: the next incremental starts after it. */
  feedTo: number;
  /** Enrolments, memberships and grants the package hands to the portal. */
  ledger: SentKeys[];
  /** Texts (topics, homework, file names) in which something personal was masked. */
  masked: number;
}

/** Lessons per chunk: a chunk's marks are read in one indexed range scan. */
const CHUNK = 1000;
/** The longest stretch of work before other requests get their turn, in ms. */
const SLICE_MS = 20;

export async function buildFullPackage(ctx: Ctx, year: YearRef, today: string, control: BuildControl = {}): Promise<FullBuild> {
  const db = openReader(ctx.sqlite.name);
  const out = new PackageStream();
  // Free text is masked against the school's people as the main connection knows them now
  // (issue 9); a person added during the build is seen by the next package.
  const mask = exportMasker(ctx.sqlite);
  try {
    // One snapshot for every read below: the feed head and the rows agree.
    db.exec('BEGIN');
    const feedTo = feedHead(db);
    const school = schoolSecret(db);
    const head = auditHead(db);
    const ref = pseudonymizer(school.secret);
    const Y = year.id;
    const q = (sql: string, ...p: unknown[]) => db.prepare(sql).all(...p) as Row[];
    const ledger: SentKeys[] = [];

    const lessonIds = db
      .prepare(
        // Generated lessons of coming days that nobody touched yet stay home (a year of them
        // would flood the portal); one that got data goes with it, and so does every past one.
        // A cancelled lesson is not a lesson: the portal deletes it (incremental.ts).
        `SELECT l.id FROM lesson l JOIN study_group g ON g.id = l.group_id JOIN class_unit c ON c.id = g.class_id
         WHERE c.year_id = ? AND l.date <= ? AND l.cancelled = 0
           AND (l.date <= ? OR l.version > 0 OR l.topic IS NOT NULL OR l.homework IS NOT NULL OR l.held = 0
                OR l.actual_teacher_id IS NOT l.planned_teacher_id
                OR EXISTS (SELECT 1 FROM mark m WHERE m.lesson_id = l.id) OR EXISTS (SELECT 1 FROM absence a WHERE a.lesson_id = l.id)
                OR EXISTS (SELECT 1 FROM lesson_file f WHERE f.lesson_id = l.id))
         ORDER BY l.id`,
      )
      .pluck()
      .all(Y, year.endsOn, today) as number[];
    const inYear = new Set(lessonIds);
    // Progress units: a lesson's row, then (about four times the work) its cells.
    const total = 1 + lessonIds.length * 5;
    let done = 0;
    let sliceStart = performance.now();
    const pace = async (units: number) => {
      done += units;
      if (control.cancelled?.()) throw new AppError('cancelled', 'Сборка полной выгрузки отменена: пакет не создан');
      await out.drain();
      if (performance.now() - sliceStart >= SLICE_MS) {
        control.onProgress?.(done, total);
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    };

    out.rows(
      'classes',
      q('SELECT id, grade, letter FROM class_unit WHERE year_id = ? ORDER BY id', Y).map((r) => ({
        id: r.id as number,
        grade: r.grade as number,
        letter: r.letter as string,
      })),
    );
    out.rows(
      'groups',
      q(
        `SELECT g.id, g.class_id, g.name, g.is_whole_class FROM study_group g JOIN class_unit c ON c.id = g.class_id
         WHERE c.year_id = ? ORDER BY g.id`,
        Y,
      ).map((r) => ({ id: r.id as number, classId: r.class_id as number, name: r.name as string, wholeClass: r.is_whole_class === 1 })),
    );
    out.rows(
      'subjects',
      q('SELECT id, name FROM subject ORDER BY id').map((r) => ({ id: r.id as number, name: r.name as string })),
    );
    writePeople(db, out, Y, ref);
    writeEnrolments(db, out, Y, ref, ledger);
    await pace(1);

    const staffPerson = new Map(q('SELECT id, person_id FROM staff_user').map((r) => [r.id as number, r.person_id as number] as const));
    const lessonStmt = db.prepare(
      'SELECT id, group_id, subject_id, date, slot, held, topic, homework, actual_teacher_id FROM lesson WHERE id BETWEEN ? AND ? ORDER BY id',
    );
    const fileStmt = db.prepare(
      'SELECT lesson_id, name, mime, size, sha256 FROM lesson_file WHERE lesson_id BETWEEN ? AND ? ORDER BY lesson_id, id',
    );
    out.begin('lessons');
    for (let i = 0; i < lessonIds.length; i += CHUNK) {
      const [lo, hi] = [lessonIds[i]!, lessonIds[Math.min(i + CHUNK, lessonIds.length) - 1]!];
      const files = new Map<number, PackagePayload['lessons'][number]['files']>();
      for (const f of fileStmt.all(lo, hi) as Row[]) {
        const list = files.get(f.lesson_id as number) ?? [];
        list.push({ name: mask.text(f.name as string), mime: f.mime as string, size: f.size as number, sha256: f.sha256 as string });
        files.set(f.lesson_id as number, list);
      }
      for (const r of lessonStmt.all(lo, hi) as Row[]) {
        if (!inYear.has(r.id as number)) continue;
        const teacher = r.actual_teacher_id === null ? undefined : staffPerson.get(r.actual_teacher_id as number);
        out.row(
          JSON.stringify({
            id: r.id,
            groupId: r.group_id,
            subjectId: r.subject_id,
            date: r.date,
            slot: r.slot,
            held: r.held === 1,
            topic: mask.nullable(r.topic as string | null),
            homework: mask.nullable(r.homework as string | null),
            teacher: teacher === undefined ? null : ref(teacher),
            files: files.get(r.id as number) ?? [],
          }),
        );
      }
      await pace(Math.min(CHUNK, lessonIds.length - i));
    }
    out.end();

    // Cells: the marks and the absence of one pupil at one lesson. Marks and absences of a
    // chunk come ordered by (lesson, pupil) from their unique indexes and are merged here.
    const workTypes = new Map(q('SELECT id, name FROM work_type').map((r) => [r.id as number, r.name as string] as const));
    const cellJson = cellWriter(ref, (id) => workTypes.get(id)!);
    const markStmt = db.prepare(
      'SELECT lesson_id, pupil_id, value, work_type_id, weight FROM mark WHERE lesson_id BETWEEN ? AND ? ORDER BY lesson_id, pupil_id, position',
    );
    const absenceStmt = db.prepare(
      'SELECT lesson_id, pupil_id, reason FROM absence WHERE lesson_id BETWEEN ? AND ? ORDER BY lesson_id, pupil_id',
    );
    out.begin('cells');
    for (let i = 0; i < lessonIds.length; i += CHUNK) {
      const [lo, hi] = [lessonIds[i]!, lessonIds[Math.min(i + CHUNK, lessonIds.length) - 1]!];
      const marks = markStmt.raw().all(lo, hi) as MarkRow[];
      const absences = absenceStmt.raw().all(lo, hi) as [number, number, AbsenceReason][];
      let a = 0;
      let m = 0;
      while (m < marks.length || a < absences.length) {
        const mk = marks[m];
        const ab = absences[a];
        // The next cell in (lesson, pupil) order, from whichever list holds it.
        const takeMark = mk !== undefined && (ab === undefined || mk[0] < ab[0] || (mk[0] === ab[0] && mk[1] <= ab[1]));
        const [lessonId, pupilId] = takeMark ? mk : ab!;
        const first = m;
        while (m < marks.length && marks[m]![0] === lessonId && marks[m]![1] === pupilId) m++;
        let absence: AbsenceReason | null = null;
        if (a < absences.length && absences[a]![0] === lessonId && absences[a]![1] === pupilId) absence = absences[a++]![2];
        if (inYear.has(lessonId)) out.row(cellJson(lessonId, pupilId, marks, first, m, absence));
      }
      await pace(Math.min(CHUNK, lessonIds.length - i) * 4);
    }
    out.end();

    out.begin('termMarks');
    for (const r of db
      .prepare(
        `SELECT tm.pupil_id, tm.group_id, tm.subject_id, t.kind, t.number, tm.value, ${TERM_MARK_CLOSED} AS closed
         FROM term_mark tm JOIN term t ON t.id = tm.term_id
         WHERE t.year_id = ? ORDER BY tm.id`,
      )
      .iterate(Y) as IterableIterator<Row>)
      out.row(
        JSON.stringify({
          pupil: ref(r.pupil_id as number),
          groupId: r.group_id,
          subjectId: r.subject_id,
          term: { kind: r.kind, number: r.number },
          value: r.value,
          closed: r.closed === 1,
        }),
      );
    out.end();
    const g = grants(db, Y, today, ref);
    out.rows('grants', g);
    ledger.push(...g.map((x) => ({ entity: 'grant' as const, key: grantKey(x), personId: null })));
    out.rows('tombstones', []);
    db.exec('COMMIT');
    control.onProgress?.(total, total);

    const file = await out.finish(headerFields(ctx.now(), school.code, 'full', { from: 0, to: feedTo }, year.label, head));
    return { ...file, feedTo, ledger, masked: mask.masked };
  } catch (e) {
    out.abort();
    throw e;
  } finally {
    db.close();
  }
}

type MarkRow = [lessonId: number, pupilId: number, value: MarkValue, workTypeId: number, weight: number];

/**
 * The JSON text of a cell, exactly as JSON.stringify would write it (a test holds it to that),
 * from marks[from, to) of its pupil and lesson: half a million cells a year, where building
 * and stringifying objects was a fifth of the whole build.
 */
export function cellWriter(ref: Pseudonyms, workTypeName: (id: number) => string) {
  const json = new Map<unknown, string>();
  const quoted = (v: string) => {
    let s = json.get(v);
    if (s === undefined) json.set(v, (s = JSON.stringify(v)));
    return s;
  };
  const workType = new Map<number, string>();
  return (lessonId: number, pupilId: number, marks: readonly MarkRow[], from: number, to: number, absence: AbsenceReason | null) => {
    let list = '';
    for (let i = from; i < to; i++) {
      const [, , value, wt, weight] = marks[i]!;
      let w = workType.get(wt);
      if (w === undefined) workType.set(wt, (w = JSON.stringify(workTypeName(wt))));
      list += `${i > from ? ',' : ''}{"value":${quoted(value)},"workType":${w},"weight":${JSON.stringify(weight)}}`;
    }
    return `{"lessonId":${lessonId},"pupil":"${ref(pupilId)}","marks":[${list}],"absence":${absence === null ? 'null' : quoted(absence)}}`;
  };
}

/** The people of the year (people.ts): only a pseudonym, a kind and the UID. */
function writePeople(db: Sqlite, out: PackageStream, Y: number, ref: Pseudonyms): void {
  out.begin('people');
  for (const p of exportedPeople(db, Y)) out.row(JSON.stringify({ ref: ref(p.id), kind: p.kind, uid: p.uid ?? null }));
  out.end();
}

/** Enrolments and group memberships of the year: the same shape, a class or a group. */
const PERIODS = [
  {
    section: 'enrolments',
    entity: 'enrolment',
    sql: `SELECT e.pupil_id, e.class_id AS place_id, e.from_date, e.to_date FROM enrolment e JOIN class_unit c ON c.id = e.class_id
          WHERE c.year_id = ? ORDER BY e.id`,
    row: (pupil: string, placeId: number, from: string, to: string | null) => ({ pupil, classId: placeId, from, to }),
    key: enrolmentKey,
  },
  {
    section: 'memberships',
    entity: 'membership',
    sql: `SELECT m.pupil_id, m.group_id AS place_id, m.from_date, m.to_date FROM group_member m JOIN study_group g ON g.id = m.group_id
          JOIN class_unit c ON c.id = g.class_id WHERE c.year_id = ? ORDER BY m.id`,
    row: (pupil: string, placeId: number, from: string, to: string | null) => ({ pupil, groupId: placeId, from, to }),
    key: membershipKey,
  },
] as const;

/** The periods of the year; their keys go to the sent-key ledger. */
function writeEnrolments(db: Sqlite, out: PackageStream, Y: number, ref: Pseudonyms, ledger: SentKeys[]): void {
  for (const p of PERIODS) {
    out.begin(p.section);
    for (const r of db.prepare(p.sql).iterate(Y) as IterableIterator<Row>) {
      const period = p.row(ref(r.pupil_id as number), r.place_id as number, r.from_date as string, (r.to_date as string) ?? null);
      out.row(JSON.stringify(period));
      ledger.push({ entity: p.entity, key: (p.key as (x: typeof period) => string)(period), personId: r.pupil_id as number });
    }
    out.end();
  }
}

/**
 * Who may see what on the portal: a staff UID their current load and led classes; a guardian
 * UID their child, once the application is connected.
 */
export function grants(sqlite: Sqlite, yearId: number, today: string, ref: Pseudonyms): PackagePayload['grants'] {
  const q = (sql: string, ...p: unknown[]) => prep(sqlite, sql).all(...p) as Row[];
  return [
    ...q(
      `SELECT p.portal_uid AS uid, tl.group_id, tl.subject_id FROM teaching_load tl JOIN staff_user u ON u.id = tl.teacher_id
       JOIN person p ON p.id = u.person_id JOIN study_group g ON g.id = tl.group_id JOIN class_unit c ON c.id = g.class_id
       WHERE p.portal_uid IS NOT NULL AND u.disabled = 0 AND c.year_id = ? AND tl.valid_from <= ? AND (tl.valid_to IS NULL OR tl.valid_to >= ?)
       ORDER BY uid, tl.group_id, tl.subject_id`,
      yearId,
      today,
      today,
    ).map((r) => ({
      uid: r.uid as string,
      scope: { kind: 'groupSubject' as const, groupId: r.group_id as number, subjectId: r.subject_id as number },
    })),
    ...q(
      `SELECT p.portal_uid AS uid, c.id AS class_id FROM class_unit c JOIN staff_user u ON u.id = c.class_teacher_id
       JOIN person p ON p.id = u.person_id WHERE p.portal_uid IS NOT NULL AND u.disabled = 0 AND c.year_id = ? ORDER BY uid, c.id`,
      yearId,
    ).map((r) => ({ uid: r.uid as string, scope: { kind: 'class' as const, classId: r.class_id as number } })),
    ...q(GUARDIAN_GRANTS_SQL, yearId).map((r) => ({
      uid: r.uid as string,
      scope: { kind: 'pupil' as const, pupil: ref(r.pupil_id as number) },
    })),
  ];
}
