// The shared date, time, month and range rules (src-shared/domain.ts). Expected answers are
// written out from the calendar and the clock, not computed by the code under test.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { dateRange, SchoolDate, SchoolMonth, SchoolTime } from '../../src-shared/domain';
import { DigestRequest, PkgEnrolment, PkgMembership } from '../../src-shared/export/package';
import { LoadView } from '../../src-shared/rpc/admin';
import { MembershipPeriod } from '../../src-shared/rpc/journal';
import { Term } from '../../src-shared/rpc/school';

const ok = (s: z.ZodType, v: unknown) => s.safeParse(v).success;

describe('SchoolDate', () => {
  it('accepts real calendar days only', () => {
    for (const d of ['2026-09-30', '2026-10-01', '2028-02-29', '2000-02-29', '1900-01-01', '2199-12-31', '2026-12-31'])
      expect(ok(SchoolDate, d), d).toBe(true);
    for (const d of [
      '2026-09-31',
      '2026-11-31',
      '2026-13-45',
      '2027-02-30',
      '2026-13-01',
      '2027-02-29',
      '1900-02-29',
      '2100-02-29',
      '2026-00-10',
      '2026-01-00',
      '1899-12-31',
      '2200-01-01',
      '2026-1-5',
      ' 2026-01-05',
    ])
      expect(ok(SchoolDate, d), d).toBe(false);
  });
});

describe('SchoolTime', () => {
  it('accepts HH:MM from 00:00 to 23:59', () => {
    for (const t of ['00:00', '07:05', '18:00', '23:59']) expect(ok(SchoolTime, t), t).toBe(true);
    for (const t of ['24:00', '23:60', '7:00', '18:0', '1800', '18:00:00', '', ' 18:00', '-1:00']) expect(ok(SchoolTime, t), t).toBe(false);
  });
});

describe('SchoolMonth', () => {
  it('accepts YYYY-MM in the calendar years', () => {
    for (const m of ['2026-01', '2026-12', '1900-01', '2199-12']) expect(ok(SchoolMonth, m), m).toBe(true);
    for (const m of ['2026-00', '2026-13', '2026-1', '1899-12', '2200-01', '2026-11-01', '']) expect(ok(SchoolMonth, m), m).toBe(false);
  });
});

describe('dateRange', () => {
  const Range = z.strictObject({ from: SchoolDate, to: SchoolDate.nullable().optional() }).refine(...dateRange('from', 'to'));
  it('needs from ≤ to; an open end is fine; the error sits on the end', () => {
    expect(ok(Range, { from: '2026-09-01', to: '2026-09-01' })).toBe(true);
    expect(ok(Range, { from: '2026-09-01', to: '2027-05-31' })).toBe(true);
    expect(ok(Range, { from: '2026-09-01', to: null })).toBe(true);
    expect(ok(Range, { from: '2026-09-01' })).toBe(true);
    const bad = Range.safeParse({ from: '2026-09-02', to: '2026-09-01' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['to']);
  });

  it('holds on the shared schemas that carry a range', () => {
    const term = {
      id: 1,
      kind: 'quarter',
      number: 1,
      startsOn: '2026-09-01',
      endsOn: '2026-10-24',
      gradeFrom: 1,
      gradeTo: 9,
      closed: false,
    };
    expect(ok(Term, term)).toBe(true);
    expect(ok(Term, { ...term, endsOn: '2026-08-31' })).toBe(false);
    expect(ok(MembershipPeriod, { from: '2026-11-10', to: '2026-11-09' })).toBe(false);
    const load = {
      id: 1,
      groupId: 1,
      groupName: '5А',
      className: '5А',
      subjectId: 1,
      subjectName: 'Рус',
      teacherId: 1,
      teacherName: 'И. И.',
      hoursPerWeek: 2,
      validFrom: '2026-09-01',
      validTo: null,
    };
    expect(ok(LoadView, load)).toBe(true);
    expect(ok(LoadView, { ...load, validTo: '2026-08-31' })).toBe(false);
  });

  it('holds in the export package and the digest request the portal answers', () => {
    const pupil = 'a'.repeat(64);
    expect(ok(PkgEnrolment, { pupil, classId: 1, from: '2026-09-01', to: '2026-12-31' })).toBe(true);
    expect(ok(PkgEnrolment, { pupil, classId: 1, from: '2026-09-01', to: '2026-08-31' })).toBe(false);
    expect(ok(PkgMembership, { pupil, groupId: 1, from: '2026-09-01', to: null })).toBe(true);
    expect(ok(PkgMembership, { pupil, groupId: 1, from: '2026-09-02', to: '2026-09-01' })).toBe(false);
    expect(ok(DigestRequest, { from: '2026-11-01', to: '2026-11-30', pairs: [] })).toBe(true);
    expect(ok(DigestRequest, { from: '2026-11-30', to: '2026-11-01', pairs: [] })).toBe(false);
  });
});
