// Reading a plan table (src-main/services/plan/rows.ts) and keeping topic ids across a save
// (match.ts), against tables written by hand.
import { describe, expect, it } from 'vitest';
import { matchTopics } from '../../src-main/services/plan/match';
import { readPlanRows } from '../../src-main/services/plan/rows';
import type { Cell } from '../../src-main/services/roster/table';

const TYPES = [
  { id: 1, name: 'Ответ на уроке' },
  { id: 5, name: 'Контрольная работа' },
];
const table = (rows: Cell[][], first = 1) => ({ rows: rows.map((cells, i) => ({ line: first + i, cells })) });

describe('readPlanRows', () => {
  it('finds the header under a title row, in any column order, and reads number cells', () => {
    const r = readPlanRows(
      table([
        ['КТП по русскому языку, 5 класс'],
        ['Вид контроля', 'Кол-во часов', 'Тема урока', '№ п/п'],
        ['контрольная  работа', { num: 2, text: '2' }, '  Имя   существительное ', '1'],
        ['', '', 'Глагол', '2'],
      ]),
      TYPES,
    );
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([
      { line: 3, topic: 'Имя существительное', hours: 2, workTypeId: 5 },
      { line: 4, topic: 'Глагол', hours: 1, workTypeId: null },
    ]);
  });

  it('says which rows are wrong and why', () => {
    const r = readPlanRows(
      table([
        ['Тема', 'Часы', 'Вид контроля'],
        ['', '1', ''],
        ['Дроби', { num: 0.5, text: '0.5' }, ''],
        ['Проценты', '-1', ''],
        ['Уравнения', '1', 'Зачёт'],
        ['x'.repeat(501), '1', '—'],
      ]),
      TYPES,
    );
    expect(r.errors).toEqual([
      { line: 2, message: 'Строка 2: тема не указана' },
      { line: 3, message: 'Строка 3: часы 0.5: тема занимает целое число уроков' },
      { line: 4, message: 'Строка 4: часы -1: укажите число уроков от 1 до 10' },
      { line: 5, message: 'Строка 5: неизвестный вид контроля «Зачёт»: допустимы «Ответ на уроке», «Контрольная работа»' },
      { line: 6, message: 'Строка 6: тема длиннее 500 символов' },
    ]);
  });

  it('refuses a table without a «Тема» column or without topics', () => {
    expect(readPlanRows(table([['Фамилия', 'Имя']]), TYPES).errors[0]!.message).toMatch(/Не найдена колонка «Тема»/);
    expect(readPlanRows(table([['Тема', 'Часы']]), TYPES).errors).toEqual([{ line: 1, message: 'Под заголовком нет ни одной темы' }]);
    expect(readPlanRows(table([]), TYPES).errors).toEqual([{ line: 0, message: 'В файле нет ни одной строки' }]);
  });
});

describe('matchTopics', () => {
  it('keeps each old id for one new topic of the same text, in order; the rest are new or removed', () => {
    const old = [
      { id: 1, topic: 'А' },
      { id: 2, topic: 'Б' },
      { id: 3, topic: 'А' },
      { id: 4, topic: 'В' },
    ];
    expect(matchTopics(old, [{ topic: 'Б' }, { topic: 'А' }, { topic: 'Г' }, { topic: 'А' }, { topic: 'А' }])).toEqual({
      ids: [2, 1, null, 3, null],
      removed: [4],
    });
  });
});
