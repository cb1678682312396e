// The class results' numbers (pure) against hand-computed values, the mean's rounding at the
// school's threshold, the teacher report's Russian hours, and the three tabs' requests.
import { describe, expect, it } from 'vitest';
import { meanResult } from '../../src-main/services/reports/results-data';
import { journalStats, pupilStats } from '../../src-main/services/reports/results-stats';
import { hoursRu } from '../../src-main/services/reports/teacher';
import { allStudyTerms, classReportRequest, datesProblem, teacherRequest } from '../../src-renderer/reports/results-request';
import type { PickerTerm } from '../../src-renderer/reports/picker';

describe('results numbers', () => {
  it('counts a journal: зачёт and no mark stay out of the shares, 1 counts as 2', () => {
    const s = journalStats(['5', '4', '3', '1', 'н/а', 'зач', null]);
    expect(s).toEqual({ pupils: 7, assessed: 5, c5: 1, c4: 1, c3: 1, c2: 1, na: 1, quality: 40, success: 60, average: 13 / 4 });
  });

  it('has no shares when nobody is assessed', () => {
    expect(journalStats(['зач', null])).toMatchObject({ assessed: 0, quality: null, success: null, average: null });
  });

  it('judges a class per pupil: quality only when every assessed mark is 4 or 5', () => {
    const s = pupilStats(
      new Map([
        [1, ['5', '4', 'зач']], // quality, success
        [2, ['5', '3']], // success only
        [3, ['4', 'н/а']], // neither
        [4, [null]], // not assessed
      ]),
    );
    expect(s).toMatchObject({ pupils: 4, assessed: 3, c5: 2, c4: 2, c3: 1, na: 1, quality: 100 / 3, success: 200 / 3, average: 21 / 5 });
  });

  it('rounds a weighted mean at the threshold, then falls back to осв and зач/незач', () => {
    const r = (sum: number | null, weights: number | null, pass = 0, fail = 0, free = 0) => ({ sum, weights, pass, fail, free });
    expect(meanResult(r(4.55 * 2, 2), 0.6)).toBe('4');
    expect(meanResult(r(4.6 * 5, 5), 0.6)).toBe('5');
    expect(meanResult(r(4.5 * 2, 2), 0.5)).toBe('5');
    expect(meanResult(r(null, null, 1, 1), 0.6)).toBe('зач');
    expect(meanResult(r(null, null, 1, 2), 0.6)).toBe('незач');
    expect(meanResult(r(null, null, 0, 0, 1), 0.6)).toBe('осв');
    expect(meanResult(r(null, null), 0.6)).toBeNull();
  });

  it('writes hours with the noun agreeing', () => {
    expect([1, 2, 5, 11, 21, 1.5].map(hoursRu)).toEqual(['1 час', '2 часа', '5 часов', '11 часов', '21 час', '1,5 часа']);
  });
});

describe('the tabs\' requests', () => {
  const v = { classId: 7, pupilId: null, termId: 3, from: '2026-09-01', to: '2026-10-24' };
  it('asks for a term when one is chosen, else for the dates', () => {
    expect(classReportRequest('results', v, false)).toEqual({ kind: 'results', classId: 7, period: { kind: 'term', termId: 3 } });
    expect(classReportRequest('attendance', { ...v, termId: null }, true)).toEqual({
      kind: 'attendance',
      classId: null,
      period: { kind: 'dates', from: '2026-09-01', to: '2026-10-24' },
    });
    expect(classReportRequest('results', { ...v, classId: null }, false)).toBeNull();
    expect(teacherRequest(5, { ...v, termId: null })).toEqual({ kind: 'teacher', teacherId: 5, period: { kind: 'dates', from: '2026-09-01', to: '2026-10-24' } });
    expect(teacherRequest(null, v)).toBeNull();
  });

  it('checks the dates only when they are sent', () => {
    const year = { startsOn: '2026-09-01', endsOn: '2027-05-31' };
    expect(datesProblem({ termId: 3, from: 'x', to: 'y' }, year)).toBeNull();
    expect(datesProblem({ termId: null, from: '2026-10-01', to: '2026-09-01' }, year)).toBe('reversed');
    expect(datesProblem({ termId: null, from: '2026-08-01', to: '2026-09-01' }, year)).toBe('outsideYear');
    expect(datesProblem({ termId: null, from: '2026-02-30', to: '2026-09-01' }, year)).toBe('badDate');
  });

  it('offers each study period once, in date order, without the year rows', () => {
    const T = (id: number, kind: PickerTerm['kind'], number: number, startsOn: string, gradeFrom: number): PickerTerm => ({
      id,
      kind,
      number,
      startsOn,
      endsOn: startsOn,
      gradeFrom,
      gradeTo: gradeFrom + 4,
    });
    const terms = [T(4, 'half', 1, '2026-09-01', 10), T(2, 'quarter', 2, '2026-11-05', 1), T(1, 'quarter', 1, '2026-09-01', 1), T(9, 'year', 1, '2026-09-01', 1), T(5, 'quarter', 1, '2026-09-01', 5)];
    expect(allStudyTerms(terms).map((t) => t.id)).toEqual([1, 4, 2]);
  });
});
