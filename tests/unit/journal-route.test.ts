// The place in a journal address (?at=<date>.<slot>&row=<n>) names only days the calendar has.
import { describe, expect, it } from 'vitest';
import { placeFromHash, placeHash } from '../../src-renderer/journal/route';

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

describe('placeHash', () => {
  const r = { groupId: 9, subjectId: 1 };
  const place = { date: '2026-11-26', slot: 2, row: 3 };
  it('records the place while the address is this journal', () => {
    expect(placeHash('#/journal/9/1', r, place)).toBe('#/journal/9/1?at=2026-11-26.2&row=3');
    expect(placeHash('#/journal/9/1?at=2026-11-25.1&row=1', r, place)).toBe('#/journal/9/1?at=2026-11-26.2&row=3');
    expect(placeHash('#/journal/9/1/4', { ...r, termId: 4 }, place)).toBe('#/journal/9/1/4?at=2026-11-26.2&row=3');
  });

  it('writes nothing when the address holds it already or has left the journal', () => {
    expect(placeHash('#/journal/9/1?at=2026-11-26.2&row=3', r, place)).toBeNull();
    // The teacher went to the start page, another journal or another term in the meantime.
    expect(placeHash('#/journal', r, place)).toBeNull();
    expect(placeHash('#/journal/9/2', r, place)).toBeNull();
    expect(placeHash('#/journal/9/1/4', r, place)).toBeNull();
    expect(placeHash('#/admin?tab=uid', r, place)).toBeNull();
  });
});
