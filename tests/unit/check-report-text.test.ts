// The check report's Russian wording, held to forms written out here from the grammar (numeral
// agreement, periods, names in the dative), not produced by the code under test.
import { describe, expect, it } from 'vitest';
import { count, initialsFirst, periodRu, plural, resultRu, scopeRu, sentence, surnameFirst } from '../../src-main/services/check-report/text';
import { fullNameIn } from '../../src-main/services/forms/names';
import type { ReportData } from '../../src-main/services/check-report/data';

describe('numerals agree with their nouns', () => {
  const REMARK = ['замечание', 'замечания', 'замечаний'] as const;
  it.each([
    [0, '0 замечаний'],
    [1, '1 замечание'],
    [2, '2 замечания'],
    [4, '4 замечания'],
    [5, '5 замечаний'],
    [11, '11 замечаний'],
    [12, '12 замечаний'],
    [14, '14 замечаний'],
    [21, '21 замечание'],
    [22, '22 замечания'],
    [25, '25 замечаний'],
    [101, '101 замечание'],
    [111, '111 замечаний'],
    [112, '112 замечаний'],
    [123, '123 замечания'],
  ])('%i', (n, expected) => expect(count(n, REMARK)).toBe(expected));
  it('uses the genitive after «у»: у 1 учителя, у 2 учителей', () => {
    expect(plural(1, ['учителя', 'учителей', 'учителей'])).toBe('учителя');
    expect(plural(3, ['учителя', 'учителей', 'учителей'])).toBe('учителей');
  });
});

describe('periods and names', () => {
  it.each([
    ['2026-11-01', '2026-11-30', 'с 1 по 30 ноября 2026 г.'],
    ['2026-10-15', '2026-11-14', 'с 15 октября по 14 ноября 2026 г.'],
    ['2026-12-21', '2027-01-10', 'с 21 декабря 2026 г. по 10 января 2027 г.'],
    ['2026-11-05', '2026-11-05', '5 ноября 2026 г.'],
  ])('%s – %s', (from, to, expected) => expect(periodRu(from, to)).toBe(expected));

  it('ends a sentence once after «г.»', () => {
    expect(sentence('30 ноября 2026 г.')).toBe('30 ноября 2026 г.');
    expect(sentence('класс 5А')).toBe('класс 5А.');
  });

  it.each([
    [{ surname: 'Иванова', name: 'Мария', patronymic: 'Петровна' }, 'Ивановой Марии Петровне'],
    [{ surname: 'Сидоров', name: 'Илья', patronymic: 'Андреевич' }, 'Сидорову Илье Андреевичу'],
    [{ surname: 'Мороз', name: 'Анна', patronymic: 'Сергеевна' }, 'Мороз Анне Сергеевне'],
    [{ surname: 'Петров-Водкин', name: 'Кузьма', patronymic: 'Сергеевич' }, 'Петрову-Водкину Кузьме Сергеевичу'],
  ])('dative of %o', (p, expected) => expect(fullNameIn(p, 'dative')).toBe(expected));

  it('writes initials before the surname under a signature, after it in tables', () => {
    const p = { surname: 'Кузнецова', name: 'Ольга', patronymic: 'Викторовна' };
    expect(initialsFirst(p)).toBe('О. В. Кузнецова');
    expect(surnameFirst(p)).toBe('Кузнецова О. В.');
    expect(surnameFirst({ surname: 'Ли', name: 'Анна', patronymic: null })).toBe('Ли А.');
  });
});

describe('scope and result', () => {
  it('names the scope', () => {
    expect(scopeRu({ classes: [], teachers: [], subjects: [] })).toBe('все классы');
    expect(scopeRu({ classes: ['5А', '6Б'], teachers: ['Иванова М. П.'], subjects: ['Математика'] })).toBe(
      'классы 5А, 6Б; учитель Иванова М. П.; предмет «Математика»',
    );
  });

  const data = (findings: number, teachers: number, issued: number) =>
    ({
      findings,
      table: Array.from({ length: teachers }, (_, i) => ({ teacherId: i + 1 })),
      remarks: Array.from({ length: issued }, () => ({ state: 'open' })),
    }) as unknown as ReportData;
  it.each([
    [0, 0, 0, 'Нарушений не выявлено.'],
    [1, 1, 0, 'Выявлено 1 нарушение у 1 учителя.'],
    [3, 2, 1, 'Выявлено 3 нарушения у 2 учителей; выдано 1 замечание.'],
    [21, 21, 5, 'Выявлено 21 нарушение у 21 учителя; выдано 5 замечаний.'],
  ])('%i findings, %i teachers, %i remarks', (f, t, r, expected) => expect(resultRu(data(f, t, r))).toBe(expected));
});
