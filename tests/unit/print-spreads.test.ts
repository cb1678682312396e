// Where the printed journal's columns go, on hand-written lines: the paper journal puts a term's
// mark column right after the term's last lesson and the year's at the end, 25 columns a page.
import { describe, expect, it } from 'vitest';
import { monthRuns, pages, spreadColumns, termLongTitle, termTitle } from '../../src-main/services/print/spreads';

const q1 = { id: 1, kind: 'quarter' as const, number: 1, endsOn: '2026-10-24' };
const q2 = { id: 2, kind: 'quarter' as const, number: 2, endsOn: '2026-12-28' };
const year = { id: 9, kind: 'year' as const, number: 1, endsOn: '2027-05-31' };
const exam = { id: 10, kind: 'exam' as const, number: 1, endsOn: '2027-05-31' };
const heads = (cols: ReturnType<typeof spreadColumns>) => cols.map((c) => (c.kind === 'lesson' ? c.date.slice(5) : c.title));

describe('spreadColumns', () => {
  const lessons = ['2026-10-20', '2026-10-23', '2026-11-05', '2026-11-06'].map((date) => ({ date }));

  it("puts a term's column after its last lesson and the year's, then the exam's, at the end", () => {
    expect(heads(spreadColumns(lessons, [exam, year, q2, q1], '2026-09-01', '2027-05-31'))).toEqual([
      '10-20',
      '10-23',
      'I четв.',
      '11-05',
      '11-06',
      'II четв.',
      'Год',
      'Экз.',
    ]);
  });

  it('leaves out the columns of terms ending outside the printed dates', () => {
    const october = lessons.slice(0, 2);
    expect(heads(spreadColumns(october, [q1, q2, year], '2026-09-01', '2026-10-31'))).toEqual(['10-20', '10-23', 'I четв.']);
  });

  it('gives a term without lessons its column in date order', () => {
    expect(heads(spreadColumns([{ date: '2026-11-05' }], [q1, q2], '2026-09-01', '2026-12-31'))).toEqual(['I четв.', '11-05', 'II четв.']);
  });
});

describe('pages and months', () => {
  it('cuts 53 columns into 25, 25 and 3', () => {
    expect(pages(Array.from({ length: 53 }, (_, i) => i)).map((p) => p.length)).toEqual([25, 25, 3]);
    expect(pages([])).toEqual([]);
  });

  it('runs a month header over its columns, none over a term column', () => {
    const cols = spreadColumns(
      ['2026-10-20', '2026-10-23', '2026-11-05'].map((date) => ({ date })),
      [q1],
      '2026-09-01',
      '2026-12-31',
    );
    expect(monthRuns(cols)).toEqual([
      { start: 0, count: 2, title: 'октябрь' },
      { start: 2, count: 1, title: '' },
      { start: 3, count: 1, title: 'ноябрь' },
    ]);
  });

  it('names the mark columns short and long', () => {
    expect([
      termTitle(q2),
      termTitle({ kind: 'half', number: 1 }),
      termTitle({ kind: 'trimester', number: 3 }),
      termTitle({ kind: 'final', number: 1 }),
    ]).toEqual(['II четв.', 'I пол.', 'III трим.', 'Итог.']);
    expect([termLongTitle(q2), termLongTitle({ kind: 'half', number: 2 }), termLongTitle(year), termLongTitle(exam)]).toEqual([
      'Отметки за II четверть',
      'Отметки за II полугодие',
      'Отметки за год',
      'Экзаменационные отметки',
    ]);
  });
});
