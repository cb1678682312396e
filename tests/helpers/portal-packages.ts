// Driving the portal test double over a real socket: packages built by hand, gzip'ed and sent
// with fetch exactly as the exporter sends them. Shared by portal.test.ts and portal-faults.test.ts;
// `usePortals()` registers the hooks that close the portals a test file started.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach } from 'vitest';
import { uuidv7 } from '../../src-main/services/export/ids';
import { PACKAGE_SCHEMA_VERSION, type ExportPackage, type PackagePayload } from '../../src-shared/export/package';
import { startPortal, type Portal } from '../portal/server';

export const TOKEN = 'test-token';
export const SCHOOL = '0001';
export const sha = (s: string) => createHash('sha256').update(s).digest('hex');
export const ref = (name: string) => sha(`person:${name}`);
export const P1 = ref('pupil1');
export const P2 = ref('pupil2');
export const G1 = ref('guardian1');
export const T1 = ref('teacher1');
export const T2 = ref('teacher2');

let dir = '';
let n = 0;
const open: Portal[] = [];
/** Call once at the top of a test file: a temp folder for the stores, every portal closed after each test. */
export function usePortals(): void {
  dir = mkdtempSync(join(tmpdir(), 'portal-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const p of open.splice(0)) await p.close();
  });
}

/** A test closed this portal itself: the hook must not close it again. */
export function closedByTest(p: Portal): void {
  open.splice(open.indexOf(p), 1);
}

export function portalDir(): string {
  return dir;
}

export async function fresh(file = join(dir, `portal-${++n}.db`)): Promise<Portal & { file: string }> {
  const p = await startPortal({ dbFile: file, token: TOKEN, port: 0 });
  open.push(p);
  return Object.assign(p, { file });
}

export function empty(): PackagePayload {
  return {
    classes: [],
    groups: [],
    subjects: [],
    people: [],
    enrolments: [],
    memberships: [],
    lessons: [],
    cells: [],
    termMarks: [],
    grants: [],
    tombstones: [],
  };
}

/** A small school: 5А (group 10 whole class, group 11 an English subgroup), two subjects, two pupils. */
export function school(): PackagePayload {
  const lesson = (id: number, groupId: number, subjectId: number, date: string, slot: number, topic: string) => ({
    id,
    groupId,
    subjectId,
    date,
    slot,
    held: true,
    topic,
    homework: `упр. ${id}`,
    teacher: groupId === 10 ? T1 : T2,
    files: [],
  });
  return {
    ...empty(),
    classes: [{ id: 1, grade: 5, letter: 'А' }],
    groups: [
      { id: 10, classId: 1, name: '5А', wholeClass: true },
      { id: 11, classId: 1, name: '5А англ. 1', wholeClass: false },
    ],
    subjects: [
      { id: 1, name: 'Математика' },
      { id: 2, name: 'Английский язык' },
    ],
    people: [
      { ref: P1, kind: 'pupil', uid: null },
      { ref: P2, kind: 'pupil', uid: null },
      { ref: G1, kind: 'guardian', uid: '1001' },
      { ref: T1, kind: 'staff', uid: '2001' },
      { ref: T2, kind: 'staff', uid: '2002' },
    ],
    enrolments: [
      { pupil: P1, classId: 1, from: '2026-09-01', to: null },
      { pupil: P2, classId: 1, from: '2026-09-01', to: null },
    ],
    memberships: [
      { pupil: P1, groupId: 10, from: '2026-09-01', to: null },
      { pupil: P2, groupId: 10, from: '2026-09-01', to: null },
      { pupil: P1, groupId: 11, from: '2026-09-01', to: null },
    ],
    lessons: [
      lesson(100, 10, 1, '2026-09-01', 1, 'Натуральные числа'),
      lesson(101, 10, 1, '2026-09-02', 2, 'Сложение'),
      lesson(102, 11, 2, '2026-09-01', 3, 'Greetings'),
    ],
    cells: [
      { lessonId: 100, pupil: P1, marks: [{ value: '5', workType: 'Ответ на уроке', weight: 1 }], absence: null },
      { lessonId: 100, pupil: P2, marks: [], absence: 'б' },
      {
        lessonId: 101,
        pupil: P1,
        marks: [
          { value: '4', workType: 'Ответ на уроке', weight: 1 },
          { value: '3', workType: 'Контрольная работа', weight: 2 },
        ],
        absence: null,
      },
      { lessonId: 102, pupil: P1, marks: [{ value: '5', workType: 'Диктант', weight: 1 }], absence: null },
    ],
    termMarks: [{ pupil: P1, groupId: 10, subjectId: 1, term: { kind: 'quarter', number: 1 }, value: '4', closed: false }],
    grants: [
      { uid: '2001', scope: { kind: 'groupSubject', groupId: 10, subjectId: 1 } },
      { uid: '2002', scope: { kind: 'groupSubject', groupId: 11, subjectId: 2 } },
      { uid: '1001', scope: { kind: 'pupil', pupil: P1 } },
    ],
  };
}

/** The audit chain head the packages carry; a test may move it (and must put it back). */
export const auditHead = { seq: 1, hash: 'e'.repeat(64) };

export function pkg(
  kind: 'full' | 'incremental',
  feedFrom: number,
  feedTo: number,
  payload: PackagePayload,
  packageId = uuidv7(),
): ExportPackage {
  const counts = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, (v as unknown[]).length]));
  return {
    header: {
      schemaVersion: PACKAGE_SCHEMA_VERSION,
      packageId,
      schoolCode: SCHOOL,
      kind,
      feedFrom,
      feedTo,
      year: '2026/2027',
      createdAt: new Date().toISOString(),
      counts,
      payloadSha256: sha(JSON.stringify(payload)),
      auditHead: { ...auditHead },
    },
    payload,
  };
}

export async function send(
  portal: Portal,
  p: unknown,
  opts: { token?: string | null; key?: string; signal?: AbortSignal } = {},
): Promise<{ status: number; body: any; outcome: string | null }> {
  const header = (p as ExportPackage).header;
  const token = opts.token === undefined ? TOKEN : opts.token;
  const res = await fetch(`${portal.url}api/packages`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
      'Idempotency-Key': opts.key ?? header.packageId,
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
    },
    body: new Uint8Array(gzipSync(JSON.stringify(p))),
    signal: opts.signal,
  });
  return { status: res.status, body: await res.json(), outcome: res.headers.get('x-portal-outcome') };
}

export async function state(portal: Portal): Promise<any> {
  return (await fetch(`${portal.url}__state`)).json();
}
export const diary = async (portal: Portal) => (await state(portal)).schools[SCHOOL]?.diary;
