import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pseudonymizer, uuidv7 } from '../../src-main/services/export/ids';
import { ExportPackage, PACKAGE_SCHEMA_VERSION } from '../../src-shared/export/package';

describe('export identifiers', () => {
  it('pseudonyms are stable per secret, differ across schools, and need the secret', () => {
    const a = pseudonymizer('11'.repeat(32));
    const b = pseudonymizer('22'.repeat(32));
    expect(a(42)).toBe(a(42));
    expect(a(42)).toMatch(/^[0-9a-f]{64}$/);
    expect(a(42)).not.toBe(a(43));
    expect(a(42)).not.toBe(b(42));
    // Keyed: not the plain hash anyone could compute from the id.
    expect(a(42)).not.toBe(createHash('sha256').update('person:42').digest('hex'));
  });

  it('UUIDv7 carries the time first and the version and variant bits', () => {
    const early = uuidv7(new Date('2026-11-26T07:00:00Z'));
    const late = uuidv7(new Date('2026-11-26T07:00:01Z'));
    expect(early).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(early < late).toBe(true);
    expect(parseInt(early.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2026-11-26T07:00:00Z'));
  });

  it('the package schema refuses personal fields', () => {
    const pkg = {
      header: {
        schemaVersion: PACKAGE_SCHEMA_VERSION,
        packageId: uuidv7(),
        schoolCode: '621',
        kind: 'full',
        feedFrom: 0,
        feedTo: 10,
        year: '2026/2027',
        createdAt: '2026-11-26T07:00:00.000Z',
        counts: { people: 1 },
        payloadSha256: 'a'.repeat(64),
        auditHead: { seq: 3, hash: 'c'.repeat(64) },
      },
      payload: {
        classes: [],
        groups: [],
        subjects: [],
        people: [{ ref: 'b'.repeat(64), kind: 'pupil', uid: null }],
        enrolments: [],
        memberships: [],
        lessons: [],
        cells: [],
        termMarks: [],
        grants: [],
        tombstones: [],
      },
    };
    expect(ExportPackage.safeParse(pkg).success).toBe(true);
    const named = structuredClone(pkg) as any;
    named.payload.people[0].surname = 'Иванов';
    expect(ExportPackage.safeParse(named).success).toBe(false);
  });
});
