// The place in a journal address (?at=<date>.<slot>&row=<n>) names only days the calendar has.
import { describe, expect, it } from 'vitest';
import { placeFromHash } from '../../src-renderer/journal/route';

describe('placeFromHash', () => {
  it('reads a real date, slot and row', () => {
    expect(placeFromHash('#/journal/1/2?at=2026-11-26.2&row=3')).toEqual({ date: '2026-11-26', slot: 2, row: 3 });
    expect(placeFromHash('#/journal/1/2?at=2028-02-29')).toEqual({ date: '2028-02-29', slot: null, row: null });
  });

  it('ignores impossible dates', () => {
    for (const at of ['2026-09-31.2', '2026-13-01', '2027-02-29', '2026-00-10.1'])
      expect(placeFromHash(`#/journal/1/2?at=${at}`), at).toBeNull();
  });
});
