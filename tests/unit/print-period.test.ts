import { describe, expect, it } from 'vitest';
import { printInput, progressPercent } from '../../src-renderer/print/period';

describe('the journal print form', () => {
  it('asks for a term, the year or typed dates', () => {
    expect(printInput(3, 4, { kind: 'term', termId: 7 }, 'A4')).toEqual({ ok: true, input: { groupId: 3, subjectId: 4, size: 'A4', termId: 7 } });
    expect(printInput(3, 4, { kind: 'year' }, 'A3')).toEqual({ ok: true, input: { groupId: 3, subjectId: 4, size: 'A3' } });
    expect(printInput(3, 4, { kind: 'dates', from: '2026-09-01', to: '2026-09-30' }, 'A4')).toEqual({
      ok: true,
      input: { groupId: 3, subjectId: 4, size: 'A4', from: '2026-09-01', to: '2026-09-30' },
    });
  });

  it('says what is wrong with the dates before asking', () => {
    expect(printInput(3, 4, { kind: 'dates', from: '2026-09-01', to: '' }, 'A4')).toEqual({ ok: false, error: 'dates.missing' });
    expect(printInput(3, 4, { kind: 'dates', from: '2026-10-01', to: '2026-09-30' }, 'A4')).toEqual({ ok: false, error: 'dates.order' });
  });

  it('shows a job’s progress as a share', () => {
    expect([progressPercent(0, 0), progressPercent(1, 3), progressPercent(3, 3), progressPercent(5, 3)]).toEqual([0, 33, 100, 100]);
  });
});
