import { describe, expect, it } from 'vitest';
import { formatAverage, roundMark, suggestTermMark, weightedAverage } from '../../src-shared/journal/average';
import { absenceAllowsMarks, formatCell, parseCellText } from '../../src-shared/journal/cell';

describe('weighted average', () => {
  it('weighs marks and ignores pass/fail and exemptions', () => {
    expect(
      weightedAverage([
        { value: '5', weight: 1 },
        { value: '3', weight: 2 },
      ]),
    ).toBeCloseTo(11 / 3);
    expect(
      weightedAverage([
        { value: 'зач', weight: 1 },
        { value: 'осв', weight: 1 },
      ]),
    ).toBeNull();
    expect(weightedAverage([])).toBeNull();
    expect(formatAverage(11 / 3)).toBe('3,67');
    expect(formatAverage(null)).toBe('');
  });

  it('rounds up only when the fraction reaches the threshold', () => {
    expect(roundMark(4.5, 0.5)).toBe(5);
    expect(roundMark(4.5, 0.6)).toBe(4);
    expect(roundMark(4.6, 0.6)).toBe(5);
    expect(roundMark(3.59, 0.6)).toBe(3);
    expect(roundMark(5, 0.6)).toBe(5);
    expect(roundMark(1.2, 0.5)).toBe(1);
  });

  it('suggests a term mark, or pass/fail/exempt when there are no digit marks', () => {
    expect(
      suggestTermMark(
        [
          { value: '5', weight: 1 },
          { value: '4', weight: 2 },
          { value: '5', weight: 1 },
        ],
        0.6,
      ),
    ).toBe('4');
    expect(
      suggestTermMark(
        [
          { value: '5', weight: 1 },
          { value: '4', weight: 2 },
          { value: '5', weight: 1 },
        ],
        0.5,
      ),
    ).toBe('5');
    expect(suggestTermMark([{ value: 'осв', weight: 1 }], 0.6)).toBe('осв');
    expect(
      suggestTermMark(
        [
          { value: 'зач', weight: 1 },
          { value: 'незач', weight: 1 },
          { value: 'зач', weight: 1 },
        ],
        0.6,
      ),
    ).toBe('зач');
    expect(suggestTermMark([], 0.6)).toBeNull();
  });
});

describe('cell text', () => {
  it('reads marks, absences and both', () => {
    expect(parseCellText('5/4')).toEqual({ ok: true, marks: ['5', '4'], absence: null });
    expect(parseCellText(' Н ')).toEqual({ ok: true, marks: [], absence: 'н' });
    expect(parseCellText('оп 5')).toEqual({ ok: true, marks: ['5'], absence: 'оп' });
    expect(parseCellText('5 оп')).toEqual({ ok: true, marks: ['5'], absence: 'оп' });
    expect(parseCellText('Зачёт')).toEqual({ ok: true, marks: ['зач'], absence: null });
    expect(parseCellText('')).toEqual({ ok: true, marks: [], absence: null });
  });

  it('explains what it cannot read', () => {
    expect(parseCellText('6')).toMatchObject({ ok: false, error: expect.stringContaining('«6»') });
    expect(parseCellText('н б')).toMatchObject({ ok: false });
    expect(parseCellText('5/5/5/5/5')).toMatchObject({ ok: false, error: expect.stringContaining('4') });
  });

  it('formats back what it reads', () => {
    expect(formatCell({ marks: [{ value: '5' }, { value: '4' }], absence: null })).toBe('5/4');
    expect(formatCell({ marks: [{ value: '5' }], absence: 'оп' })).toBe('оп 5');
    expect(absenceAllowsMarks('оп')).toBe(true);
    expect(absenceAllowsMarks('б')).toBe(false);
  });
});
