// Natural keys of the diary entities, shared by the portal test double and the exporter.
// The portal upserts every payload entity by its key and deletes by a tombstone's key, so the
// exporter must build tombstone keys with exactly these functions. Pure (no Node) and in src-shared,
// so both sides import the same functions.
//
// Formats (":"-joined; pseudonyms are 64 hex, ids decimal, dates YYYY-MM-DD):
//   class / group / subject  <id>
//   person                   <ref>
//   enrolment                <pupil>:<classId>:<from>
//   membership               <pupil>:<groupId>:<from>
//   lesson                   <lessonId>
//   cell                     <lessonId>:<pupil>
//   termMark                 <pupil>:<groupId>:<subjectId>:<term kind>:<term number>
//   grant                    <uid>:groupSubject:<groupId>:<subjectId> | <uid>:class:<classId> | <uid>:pupil:<pupil>
import type { PackagePayload } from './package';

type P = PackagePayload;
type Entity<K extends keyof P> = P[K][number];

export const classKey = (c: Pick<Entity<'classes'>, 'id'>): string => String(c.id);
export const groupKey = (g: Pick<Entity<'groups'>, 'id'>): string => String(g.id);
export const subjectKey = (s: Pick<Entity<'subjects'>, 'id'>): string => String(s.id);
export const personKey = (p: Pick<Entity<'people'>, 'ref'>): string => p.ref;
export const enrolmentKey = (e: Pick<Entity<'enrolments'>, 'pupil' | 'classId' | 'from'>): string => `${e.pupil}:${e.classId}:${e.from}`;
export const membershipKey = (m: Pick<Entity<'memberships'>, 'pupil' | 'groupId' | 'from'>): string => `${m.pupil}:${m.groupId}:${m.from}`;
export const lessonKey = (l: Pick<Entity<'lessons'>, 'id'>): string => String(l.id);
export const cellKey = (c: Pick<Entity<'cells'>, 'lessonId' | 'pupil'>): string => `${c.lessonId}:${c.pupil}`;
export const termMarkKey = (t: Pick<Entity<'termMarks'>, 'pupil' | 'groupId' | 'subjectId' | 'term'>): string =>
  `${t.pupil}:${t.groupId}:${t.subjectId}:${t.term.kind}:${t.term.number}`;
export function grantKey(g: Entity<'grants'>): string {
  const s = g.scope;
  if (s.kind === 'groupSubject') return `${g.uid}:groupSubject:${s.groupId}:${s.subjectId}`;
  if (s.kind === 'class') return `${g.uid}:class:${s.classId}`;
  return `${g.uid}:pupil:${s.pupil}`;
}

/** The payload arrays of the diary state (everything but tombstones), in apply order. */
export const DIARY_FIELDS = [
  'classes',
  'groups',
  'subjects',
  'people',
  'enrolments',
  'memberships',
  'lessons',
  'cells',
  'termMarks',
  'grants',
] as const;
export type DiaryField = (typeof DIARY_FIELDS)[number];
export type Diary = Omit<PackagePayload, 'tombstones'>;

/** The key builder of each payload array. */
export const KEY_OF: { [F in DiaryField]: (e: Entity<F>) => string } = {
  classes: classKey,
  groups: groupKey,
  subjects: subjectKey,
  people: personKey,
  enrolments: enrolmentKey,
  memberships: membershipKey,
  lessons: lessonKey,
  cells: cellKey,
  termMarks: termMarkKey,
  grants: grantKey,
};

export type TombstoneEntity = P['tombstones'][number]['entity'];
/** Which payload array a tombstone's entity names. */
export const TOMBSTONE_FIELD: Record<TombstoneEntity, DiaryField> = {
  lesson: 'lessons',
  cell: 'cells',
  termMark: 'termMarks',
  person: 'people',
  enrolment: 'enrolments',
  membership: 'memberships',
  grant: 'grants',
};

const REF = '([0-9a-f]{64})';
const ID = '(\\d+)';
const DATE = '(\\d{4}-\\d{2}-\\d{2})';
/** Each format captures the key's parts in the order of the portal table's primary key. */
const KEY_FORMAT: Record<TombstoneEntity, RegExp> = {
  lesson: new RegExp(`^${ID}$`),
  cell: new RegExp(`^${ID}:${REF}$`),
  termMark: new RegExp(`^${REF}:${ID}:${ID}:(quarter|half|trimester|year|exam|final):(-?\\d+)$`),
  person: new RegExp(`^${REF}$`),
  enrolment: new RegExp(`^${REF}:${ID}:${DATE}$`),
  membership: new RegExp(`^${REF}:${ID}:${DATE}$`),
  grant: new RegExp(`^(\\d{1,20}):(groupSubject:\\d+:\\d+|class:\\d+|pupil:[0-9a-f]{64})$`),
};

/** Which parts are integer ids (a grant's uid stays a string: up to 20 digits). */
const NUMERIC_PARTS: Record<TombstoneEntity, number[]> = {
  lesson: [0],
  cell: [0],
  termMark: [1, 2, 4],
  person: [],
  enrolment: [1],
  membership: [1],
  grant: [],
};

/** A tombstone key split into its parts (decimal parts as numbers); null when malformed. */
export function parseTombstoneKey(entity: TombstoneEntity, key: string): (string | number)[] | null {
  const m = KEY_FORMAT[entity].exec(key);
  if (!m) return null;
  return m.slice(1).map((part, i) => (NUMERIC_PARTS[entity].includes(i) ? Number(part) : part));
}

/** A malformed tombstone key can never match anything: the portal refuses it (422) to surface the bug. */
export function isValidTombstoneKey(entity: TombstoneEntity, key: string): boolean {
  return parseTombstoneKey(entity, key) !== null;
}

/**
 * The canonical form of a diary: every array sorted by its key (plain code-unit order, the same
 * on every machine and locale). GET /__state returns the
 * portal's diary in this form, so a test compares it with canonicalDiary(localFullPayload).
 */
export function canonicalDiary(p: Diary): Diary {
  const out = {} as Record<DiaryField, unknown[]>;
  for (const f of DIARY_FIELDS) {
    const key = KEY_OF[f] as (e: unknown) => string;
    // Keys computed once per entity: half a million cells sort in well under a second.
    out[f] = (p[f] as unknown[])
      .map((e) => [key(e), e] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, e]) => e);
  }
  return out as unknown as Diary;
}
