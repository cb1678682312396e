// The year and final mark suggestions (issue 11), from tables written from the rules of the
// issue and the closing part of YEAR.md, not from the code.
import { describe, expect, it } from 'vitest';
import { suggestFinalMark, suggestYearFromTerms } from '../../src-shared/journal/average';
import { termClosedText, termName } from '../../src-shared/closing/terms';

describe('the year mark from the study periods (termMean)', () => {
  // [period marks, threshold, expected]
  const table: [string[], number, string | null][] = [
    [['5', '4', '5', '4'], 0.6, '4'], // 4.5: below 0.6 stays 4
    [['5', '4', '5', '4'], 0.5, '5'], // 4.5: ordinary rounding goes up
    [['5', '5', '4', '5'], 0.6, '5'], // 4.75
    [['3', '4', '4'], 0.6, '4'], // 3.67
    [['3', '3', '4'], 0.6, '3'], // 3.33
    [['4', '5'], 0.6, '4'], // two halves: 4.5
    [['н/а', '4', '5', '5'], 0.6, '5'], // н/а is not counted: 4.67
    [['осв', 'осв'], 0.6, 'осв'],
    [['н/а', 'н/а'], 0.6, 'н/а'],
    [['н/а', 'осв'], 0.6, 'осв'],
    [['зач', 'зач', 'незач'], 0.6, 'зач'],
    [['незач', 'незач', 'зач'], 0.6, 'незач'],
    [['2', '2', '3'], 0.6, '2'], // 2.33
    [[], 0.6, null],
  ];
  it.each(table)('%j at %s → %s', (terms, threshold, expected) => {
    expect(suggestYearFromTerms(terms, threshold)).toBe(expected);
  });
});

describe('the final mark from the year and exam marks (grades 9 and 11)', () => {
  // [year, exam, expected]: the mean rounded half up; a failed exam gives «2».
  const table: [string | null, string | null, string | null][] = [
    ['4', '5', '5'],
    ['5', '4', '5'],
    ['3', '4', '4'],
    ['4', '4', '4'],
    ['5', '3', '4'],
    ['3', '5', '4'],
    ['5', '2', '2'],
    ['4', '1', '2'],
    ['4', null, '4'], // no exam in the subject
    ['4', 'н/а', '4'],
    [null, '5', null], // no year mark yet
    ['осв', '5', 'осв'],
    ['н/а', null, 'н/а'],
    ['зач', null, 'зач'],
  ];
  it.each(table)('year %s, exam %s → %s', (year, exam, expected) => {
    expect(suggestFinalMark(year, exam)).toBe(expected);
  });
});

describe('term names in messages', () => {
  it('agrees the closed word with the period', () => {
    expect(termClosedText({ kind: 'quarter', number: 1 })).toBe('1 четверть закрыта');
    expect(termClosedText({ kind: 'half', number: 2 })).toBe('2 полугодие закрыто');
    expect(termClosedText({ kind: 'trimester', number: 3 })).toBe('3 триместр закрыт');
    expect(termClosedText({ kind: 'year', number: 1 })).toBe('Год закрыт');
    expect(termName({ kind: 'exam', number: 1 })).toBe('Экзамен');
  });
});
