// The portal test double over a real socket: packages built by hand, gzip'ed and sent with
// fetch exactly as the exporter will; exactly-once, ordering, validation, digests, the diary
// by UID, restart durability and the `npm run portal` entry point. Fault switches: portal-faults.test.ts.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src-main/services/export/ids';
import type { PackagePayload } from '../../src-shared/export/package';
import { buildDigest } from '../portal/digest';
import {
  canonicalDiary,
  cellKey,
  enrolmentKey,
  grantKey,
  isValidTombstoneKey,
  lessonKey,
  membershipKey,
  parseTombstoneKey,
  personKey,
  termMarkKey,
  type TombstoneEntity,
} from '../../src-shared/export/keys';
import type { Portal } from '../portal/server';
import {
  auditHead,
  closedByTest,
  diary,
  empty,
  fresh,
  P1,
  P2,
  pkg,
  portalDir,
  SCHOOL,
  school,
  send,
  sha,
  state,
  TOKEN,
  usePortals,
} from '../helpers/portal-packages';

usePortals();

describe('packages: exactly once', () => {
  it('applies a full package once and answers a resend with the same receipt marked duplicate', async () => {
    const portal = await fresh();
    const p = pkg('full', 0, 10, school());
    const first = await send(portal, p);
    expect(first.status).toBe(200);
    expect(first.outcome).toBe('applied');
    expect(first.body).toEqual({
      packageId: p.header.packageId,
      payloadSha256: p.header.payloadSha256,
      appliedAt: expect.any(String),
      duplicate: false,
      auditHead,
    });
    const again = await send(portal, p);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    const s = await state(portal);
    expect(s.schools[SCHOOL].appliedFeedTo).toBe(10);
    expect(s.schools[SCHOOL].diary).toEqual(canonicalDiary(school()));
    expect(Object.values(s.schools[SCHOOL].orphans).every((v) => v === 0)).toBe(true);
    expect(s.packages[p.header.packageId]).toMatchObject({ outcome: 'applied', applies: 1, duplicates: 1 });
    const log = (await (await fetch(`${portal.url}__deliveries`)).json()) as { outcome: string }[];
    expect(log.map((d) => d.outcome)).toEqual(['applied', 'duplicate']);
  });

  it('refuses the same id with a different payload, a bad sha, a schema violation and a wrong key (422)', async () => {
    const portal = await fresh();
    const p = pkg('full', 0, 10, school());
    await send(portal, p);
    const other = pkg('full', 0, 11, { ...school(), subjects: [{ id: 1, name: 'Алгебра' }] }, p.header.packageId);
    expect((await send(portal, other)).status).toBe(422);

    const badSha = pkg('incremental', 10, 12, empty());
    badSha.header.payloadSha256 = '0'.repeat(64);
    const r1 = await send(portal, badSha);
    expect(r1.status).toBe(422);
    expect(r1.body.error).toMatch(/payloadSha256/);

    const leaky = pkg('incremental', 10, 12, { ...empty(), people: [{ ref: P1, kind: 'pupil', uid: null, surname: 'Иванов' } as any] });
    const r2 = await send(portal, leaky);
    expect(r2.status).toBe(422);
    expect(r2.body.issues.length).toBeGreaterThan(0);

    const ok = pkg('incremental', 10, 12, empty());
    expect((await send(portal, ok, { key: uuidv7() })).status).toBe(422);
    const badTomb = pkg('incremental', 10, 12, { ...empty(), tombstones: [{ entity: 'cell', key: '100' }] });
    expect((await send(portal, badTomb)).status).toBe(422);

    const s = await state(portal);
    expect(s.schools[SCHOOL].appliedFeedTo).toBe(10);
    expect(s.schools[SCHOOL].diary).toEqual(canonicalDiary(school()));
    expect(Object.keys(s.packages)).toEqual([p.header.packageId]);
  });

  it('needs the school token (401)', async () => {
    const portal = await fresh();
    const p = pkg('full', 0, 10, school());
    expect((await send(portal, p, { token: 'wrong' })).status).toBe(401);
    expect((await send(portal, p, { token: null })).status).toBe(401);
    expect((await state(portal)).packages).toEqual({});
  });
});

describe('packages: ordering, replace and tombstones', () => {
  it('answers a gap with 409, then applies in order; a stale incremental or older full is acknowledged only', async () => {
    const portal = await fresh();
    await send(portal, pkg('full', 0, 10, school()));
    const later = pkg('incremental', 20, 30, { ...empty(), subjects: [{ id: 3, name: 'История' }] });
    const gap = await send(portal, later);
    expect(gap.status).toBe(409);
    expect(gap.body).toEqual({ error: 'gap', appliedFeedTo: 10 });
    expect((await send(portal, pkg('incremental', 10, 20, { ...empty(), subjects: [{ id: 2, name: 'Англ. язык' }] }))).outcome).toBe(
      'applied',
    );
    expect((await send(portal, later)).outcome).toBe('applied');
    const before = await state(portal);
    expect(before.schools[SCHOOL].appliedFeedTo).toBe(30);
    expect(before.schools[SCHOOL].diary.subjects.map((s: any) => s.name)).toEqual(['Математика', 'Англ. язык', 'История']);

    const stale = pkg('incremental', 5, 25, { ...empty(), subjects: [{ id: 1, name: 'СТАРОЕ' }] });
    const r = await send(portal, stale);
    expect(r.status).toBe(200);
    expect(r.outcome).toBe('stale');
    const olderFull = pkg('full', 0, 25, empty());
    expect((await send(portal, olderFull)).outcome).toBe('skipped');
    const after = await state(portal);
    expect(after.schools).toEqual(before.schools);
    expect(after.packages[stale.header.packageId]).toMatchObject({ outcome: 'stale', applies: 1 });
    expect((await send(portal, stale)).body.duplicate).toBe(true);
  });

  it('a full package replaces everything: what it lacks is gone', async () => {
    const portal = await fresh();
    await send(portal, pkg('full', 0, 10, school()));
    const extra = { ...school().lessons[0]!, id: 103, date: '2026-09-03' };
    await send(portal, pkg('incremental', 10, 15, { ...empty(), lessons: [extra] }));
    const small: PackagePayload = {
      ...school(),
      lessons: [school().lessons[0]!],
      cells: [school().cells[0]!],
      termMarks: [],
      people: school().people.slice(0, 3),
    };
    await send(portal, pkg('full', 0, 20, small));
    const s = await state(portal);
    expect(s.schools[SCHOOL].diary).toEqual(canonicalDiary(small));
    expect(s.schools[SCHOOL].appliedFeedTo).toBe(20);
  });

  it('upserts by natural key and deletes by tombstone key (a lesson takes its cells along)', async () => {
    const portal = await fresh();
    await send(portal, pkg('full', 0, 10, school()));
    const s = school();
    const changed = { ...s.cells[0]!, marks: [{ value: '2' as const, workType: 'Ответ на уроке', weight: 1 }] };
    await send(
      portal,
      pkg('incremental', 10, 11, {
        ...empty(),
        cells: [changed],
        tombstones: [
          { entity: 'cell', key: cellKey(s.cells[1]!) },
          { entity: 'lesson', key: lessonKey({ id: 101 }) },
          { entity: 'termMark', key: termMarkKey(s.termMarks[0]!) },
          { entity: 'grant', key: grantKey(s.grants[1]!) },
          { entity: 'lesson', key: '999' },
        ],
      }),
    );
    const d = await diary(portal);
    expect(d.lessons.map((l: any) => l.id)).toEqual([100, 102]);
    expect(d.cells).toEqual([changed, s.cells[3]]);
    expect(d.termMarks).toEqual([]);
    expect(d.grants.map((g: any) => g.uid)).toEqual(['1001', '2001']);
  });
  it('forgetting a person takes everything hung on the pupil along; an overlapping incremental applies', async () => {
    const portal = await fresh();
    await send(portal, pkg('full', 0, 10, school()));
    const r = await send(
      portal,
      pkg('incremental', 5, 12, { ...empty(), tombstones: [{ entity: 'person', key: personKey({ ref: P1 }) }] }),
    );
    expect(r.outcome).toBe('applied');
    const d = await diary(portal);
    expect(JSON.stringify(d)).not.toContain(P1);
    expect(d.cells).toEqual([school().cells[1]]);
    expect(d.grants.map((g: any) => g.uid)).toEqual(['2001', '2002']);
    expect((await state(portal)).schools[SCHOOL].appliedFeedTo).toBe(12);
  });

  it('key builders and tombstone keys round-trip', () => {
    const s = school();
    const cases: [TombstoneEntity, string][] = [
      ['lesson', lessonKey(s.lessons[0]!)],
      ['cell', cellKey(s.cells[0]!)],
      ['termMark', termMarkKey(s.termMarks[0]!)],
      ['person', personKey(s.people[0]!)],
      ['enrolment', enrolmentKey(s.enrolments[0]!)],
      ['membership', membershipKey(s.memberships[2]!)],
      ...s.grants.map((g) => ['grant', grantKey(g)] as [TombstoneEntity, string]),
      ['grant', grantKey({ uid: '12345678901234567890', scope: { kind: 'class', classId: 1 } })],
    ];
    for (const [entity, key] of cases) expect(isValidTombstoneKey(entity, key), `${entity} ${key}`).toBe(true);
    expect(parseTombstoneKey('cell', cellKey(s.cells[0]!))).toEqual([100, P1]);
    expect(parseTombstoneKey('termMark', termMarkKey(s.termMarks[0]!))).toEqual([P1, 10, 1, 'quarter', 1]);
    expect(parseTombstoneKey('grant', '2001:groupSubject:10:1')).toEqual(['2001', 'groupSubject:10:1']);
    expect(isValidTombstoneKey('lesson', `100:${P1}`)).toBe(false);
    expect(isValidTombstoneKey('person', 'Иванов')).toBe(false);
  });
});

describe('digests', () => {
  async function digest(portal: Portal, body: unknown) {
    const res = await fetch(`${portal.url}api/digests`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('matches a hand computation and changes when a mark changes', async () => {
    const portal = await fresh();
    await send(portal, pkg('full', 0, 10, school()));
    const req = {
      from: '2026-09-01',
      to: '2026-09-30',
      pairs: [
        { groupId: 10, subjectId: 1 },
        { groupId: 11, subjectId: 2 },
        { groupId: 99, subjectId: 1 },
      ],
    };
    const r = await digest(portal, req);
    expect(r.status).toBe(200);
    const [math, eng, none] = r.body.digests;
    const cells = [`C|${P1}|5:Ответ на уроке|`, `C|${P2}||б`].sort();
    const h100 = sha([`L|100|2026-09-01|1|1|Натуральные числа|упр. 100`, ...cells].join('\n'));
    const h101 = sha([`L|101|2026-09-02|2|1|Сложение|упр. 101`, `C|${P1}|4:Ответ на уроке/3:Контрольная работа|`].join('\n'));
    expect(math).toEqual({
      groupId: 10,
      subjectId: 1,
      from: '2026-09-01',
      to: '2026-09-30',
      lessons: 2,
      marks: 3,
      absences: 1,
      hash: sha(`${h100}\n${h101}`),
      perLesson: [
        { lessonId: 100, date: '2026-09-01', hash: h100 },
        { lessonId: 101, date: '2026-09-02', hash: h101 },
      ],
    });
    expect(eng).toMatchObject({ lessons: 1, marks: 1, absences: 0 });
    expect(none).toMatchObject({ lessons: 0, marks: 0, absences: 0, hash: sha(''), perLesson: [] });
    const s = school();
    expect(eng).toEqual(
      buildDigest(
        { groupId: 11, subjectId: 2 },
        req,
        s.lessons.filter((l) => l.groupId === 11),
        s.cells,
      ),
    );

    const narrow = await digest(portal, { ...req, to: '2026-09-01', pairs: [{ groupId: 10, subjectId: 1 }] });
    expect(narrow.body.digests[0].perLesson).toEqual([{ lessonId: 100, date: '2026-09-01', hash: h100 }]);

    await send(portal, pkg('incremental', 10, 11, { ...empty(), cells: [{ ...s.cells[2]!, marks: [s.cells[2]!.marks[0]!] }] }));
    const after = (await digest(portal, req)).body.digests[0];
    expect(after.marks).toBe(2);
    expect(after.perLesson[0].hash).toBe(h100);
    expect(after.perLesson[1].hash).not.toBe(h101);
    expect(after.hash).not.toBe(math.hash);
  });

  it('needs the token and a valid request', async () => {
    const portal = await fresh();
    const res = await fetch(`${portal.url}api/digests`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect((await digest(portal, { from: '2026-09-01' })).status).toBe(422);
  });
});

describe('diary by UID', () => {
  it('honours grants: a teacher sees their group × subject, a guardian only their child', async () => {
    const portal = await fresh();
    const s = school();
    await send(portal, pkg('full', 0, 10, { ...s, grants: [...s.grants, { uid: '2003', scope: { kind: 'class', classId: 1 } }] }));
    const get = async (uid: string) => {
      const res = await fetch(`${portal.url}api/diary/${uid}`);
      return { status: res.status, body: (await res.json()) as any };
    };
    const t1 = (await get('2001')).body;
    expect(t1.journals.map((j: any) => [j.groupId, j.subjectId, j.subject, j.classLabel])).toEqual([[10, 1, 'Математика', '5А']]);
    expect(t1.journals[0].lessons.map((l: any) => [l.id, l.topic, l.homework])).toEqual([
      [100, 'Натуральные числа', 'упр. 100'],
      [101, 'Сложение', 'упр. 101'],
    ]);
    expect(t1.journals[0].lessons[0].cells).toEqual(
      [
        { pupil: P1, marks: s.cells[0]!.marks, absence: null },
        { pupil: P2, marks: [], absence: 'б' },
      ].sort((a, b) => (a.pupil < b.pupil ? -1 : 1)),
    );
    expect(t1.pupils).toEqual([]);
    expect((await get('2002')).body.journals.map((j: any) => j.groupId)).toEqual([11]);
    expect((await get('2003')).body.journals.map((j: any) => [j.groupId, j.subjectId])).toEqual([
      [10, 1],
      [11, 2],
    ]);

    const g = (await get('1001')).body;
    expect(g.journals).toEqual([]);
    expect(g.pupils).toHaveLength(1);
    const child = g.pupils[0];
    expect(child).toMatchObject({ pupil: P1, classLabel: '5А' });
    expect(child.subjects.map((x: any) => [x.subject, x.lessons.map((l: any) => l.id)])).toEqual([
      ['Математика', [100, 101]],
      ['Английский язык', [102]],
    ]);
    expect(child.subjects[0].lessons[1].marks.map((m: any) => m.value)).toEqual(['4', '3']);
    expect(child.subjects[0].termMarks).toEqual([{ term: { kind: 'quarter', number: 1 }, value: '4', closed: false }]);
    expect(JSON.stringify(g)).not.toContain(P2);

    expect((await get('9999')).status).toBe(404);
    const page = await fetch(`${portal.url}diary/1001`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('Электронный дневник');
    expect(html).toContain('<b title="Контрольная работа">3</b>');
    expect(html).not.toMatch(/<script|src=|href="http/);
    expect((await fetch(`${portal.url}diary/9999`)).status).toBe(404);
  });
});

describe('durability and the command line', () => {
  it('keeps state and receipts across a restart', async () => {
    const first = await fresh();
    const p = pkg('full', 0, 10, school());
    const receipt = (await send(first, p)).body;
    const before = await state(first);
    await first.close();
    closedByTest(first);
    const second = await fresh(first.file);
    expect(await state(second)).toEqual(before);
    expect((await send(second, p)).body).toEqual({ ...receipt, duplicate: true });
  });

  it('`npm run portal` prints the ready line and stops on SIGTERM', async () => {
    const child = spawn(
      'npm',
      ['run', '--silent', 'portal', '--', '--db', join(portalDir(), 'cli.db'), '--port', '0', '--token', 'cli-token'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /^portal: http:\/\/127\.0\.0\.1:\d+\/$/m.exec(out);
          if (m) resolve(m[0]);
        });
        child.on('exit', (code) => reject(new Error(`portal exited with ${code}: ${out}`)));
      });
      const url = line.slice('portal: '.length);
      expect((await (await fetch(`${url}__state`)).json()).packages).toEqual({});
      const p = pkg('full', 0, 1, empty());
      const res = await fetch(`${url}api/packages`, {
        method: 'POST',
        headers: { 'Content-Encoding': 'gzip', 'Idempotency-Key': p.header.packageId, Authorization: 'Bearer cli-token' },
        body: new Uint8Array(gzipSync(JSON.stringify(p))),
      });
      expect(res.status).toBe(200);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  });
});
