// The free-text check (issue 9) against a table of cases written out by hand: what a teacher
// might type in a topic, a homework text or a file name, and what must be found in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPersonal, MASK, maskText } from '../../src-main/services/privacy/detect';
import { buildNameIndex, type PersonNames } from '../../src-main/services/privacy/name-index';

let id = 0;
const person = (surname: string, name: string, patronymic: string | null, who: PersonNames['who']): PersonNames => ({
  id: ++id,
  surname,
  name,
  patronymic,
  who,
});
const index = buildNameIndex([
  person('Иванов', 'Пётр', 'Сергеевич', 'pupil'),
  person('Иванова', 'Мария', 'Андреевна', 'pupil'),
  person('Петрова', 'Вера', 'Николаевна', 'guardian'),
  person('Заяц', 'Лев', 'Игоревич', 'pupil'),
  person('Соловей', 'Надежда', 'Петровна', 'staff'),
  person('Волков', 'Игорь', null, 'pupil'),
  person('Пушкин', 'Александр', null, 'pupil'),
  person('Мороз', 'Анна', 'Олеговна', 'pupil'),
  person('Шевчук', 'Олег', null, 'pupil'),
  person('Алёшин', 'Фёдор', null, 'pupil'),
  person('Кузнецова', 'Роза', 'Ринатовна', 'pupil'),
  person('Ким', 'Марта', null, 'pupil'),
  person('Петров-Водкин', 'Кузьма', null, 'pupil'),
]);

type Expect = [kind: string, text: string, who?: string | null][];
const CASES: [text: string, expected: Expect][] = [
  // surnames in oblique cases, in the bearer's gender
  ['Иванову пересдать диктант', [['surname', 'Иванову', 'pupil']]],
  ['Проверить работу с Ивановым', [['surname', 'Ивановым', 'pupil']]],
  ['Поговорить с Ивановой', [['surname', 'Ивановой', 'pupil']]],
  ['Приглашены Ивановы', [['surname', 'Ивановы', 'pupil']]],
  ['Шевчуку пересдать', [['surname', 'Шевчуку', 'pupil']]],
  ['Помочь Морозу с уборкой', []], // the only Мороз is a girl: a female «Мороз» does not decline
  ['Работа Алешина', [['surname', 'Алешина', 'pupil']]], // е typed for ё
  ['Передать Петрову-Водкину', [['surname', 'Петрову', 'pupil'], ['surname', 'Водкину', 'pupil']]],
  ['Иванов_контрольная.docx', [['surname', 'Иванов', 'pupil']]],
  ['ИВАНОВУ ПЕРЕСДАТЬ', [['surname', 'ИВАНОВУ', 'pupil']]],
  ['Волков отвечал у доски', [['surname', 'Волков', 'pupil']]],
  ['Собрание: пришла Петрова', [['surname', 'Петрова', 'pupil']]], // Петров-Водкин's genitive outranks the guardian
  // first names
  ['Спросить Петра', [['name', 'Петра', 'pupil']]],
  ['Марии выучить правило', [['name', 'Марии', 'pupil']]],
  ['Спросить у Веры', [['name', 'Веры', 'guardian']]],
  ['Принесла Роза', [['name', 'Роза', 'pupil']]],
  ['Федору подготовить доклад', [['name', 'Федору', 'pupil']]],
  // two parts of one person's name, even where each alone would pass
  ['Отвечал Лев Заяц', [['name', 'Лев', 'pupil'], ['surname', 'Заяц', 'pupil']]],
  ['Александр Пушкин отвечал у доски', [['name', 'Александр', 'pupil'], ['surname', 'Пушкин', 'pupil']]],
  ['Сегодня Мороз Анна дежурит', [['surname', 'Мороз', 'pupil'], ['name', 'Анна', 'pupil']]],
  ['иванова мария не сдала тетрадь', [['surname', 'иванова', 'pupil'], ['name', 'мария', 'pupil']]],
  // ordinary words, famous names, lower case
  ['Вера в себя', []],
  ['Надежда и вера в поэзии', []],
  ['Заяц и ёж', []],
  ['Сказка «Заяц-хвастун»', []],
  ['Мороз и солнце; день чудесный', []],
  ['Повторить §5. Вера и разум', []],
  ['Стих «Роза»', []],
  ['Выучить стихотворение Пушкина', []],
  ['Поздравить мам с 8 Марта', []],
  ['Повадки волков и зайцев', []],
  ['иванову пересдать', []],
  ['Реформы Петра I', []],
  ['Реформы Петра Великого', []],
  ['Роман «Анна Каренина»', []],
  ['Тема: Лев Толстой', []],
  // phone numbers
  ['Позвонить маме: +7 (916) 123-45-67', [['phone', '+7 (916) 123-45-67', null]]],
  ['тел. 8 916 123 45 67', [['phone', '8 916 123 45 67', null]]],
  ['8-916-123-45-67 (мама)', [['phone', '8-916-123-45-67', null]]],
  ['звонить 89161234567', [['phone', '89161234567', null]]],
  ['+79161234567', [['phone', '+79161234567', null]]],
  ['тел. 234-56-78', [['phone', '234-56-78', null]]],
  // e-mail, documents
  ['Прислать на ivanov.petr@mail.ru до пятницы', [['email', 'ivanov.petr@mail.ru', null]]],
  ['Паспорт 40 12 345678', [['document', '40 12 345678', null]]],
  ['паспорт 4012 345678', [['document', '4012 345678', null]]],
  ['СНИЛС 123-456-789 01', [['document', '123-456-789 01', null]]],
  ['Свидетельство II-АК 123456', [['document', 'II-АК 123456', null]]],
  ['ИНН 7707083893', [['document', '7707083893', null]]],
  ['ИНН 500100732259', [['document', '500100732259', null]]],
  ['Полис 1234 5678 9012 3456', [['document', '1234 5678 9012 3456', null]]],
  ['Полис 1234567890123456', [['document', '1234567890123456', null]]],
  // numbers that are lessons, not people
  ['Упражнение 812, стр. 45-46', []],
  ['Задачи № 123, 124, 125', []],
  ['Прочитайте число 3450000000', []],
  ['π ≈ 3,14159265358979', []],
  ['Контрольная 2026-11-26, с 10:00 до 12:00', []],
  ['Прочитать § 12–14, ответить на вопросы 1–5', []],
];

describe('findPersonal', () => {
  it.each(CASES)('%s', (text, expected) => {
    const found = findPersonal(text, index);
    expect(found.map((f) => [f.kind, f.text, f.who])).toEqual(expected.map(([k, t, w]) => [k, t, w ?? null]));
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});

describe('maskText', () => {
  it('replaces every finding with the mask and says so', () => {
    expect(maskText('Иванову позвонить 8 916 123 45 67 или написать a@b.ru', index)).toEqual({
      text: '*** позвонить *** или написать ***',
      masked: true,
    });
    expect(maskText('Стихи Пушкина, упр. 5', index)).toEqual({ text: 'Стихи Пушкина, упр. 5', masked: false });
  });
});

describe('findPersonal on any text', () => {
  // Words the detector cares about, glued by what teachers type between them.
  const piece = fc.oneof(
    fc.constantFrom('Иванову', 'иванова', 'Мария', 'Вера', 'Лев', 'Заяц', 'Пушкина', 'Петра', 'I', 'а@b.ru', '@', '+7', '8', '(916)'),
    fc.stringMatching(/^[0-9]{1,12}$/),
    fc.constantFrom(' ', '  ', '-', '.', ', ', '«', '»', '\n', '_', '…', ':', '№'),
    fc.string({ maxLength: 6 }),
  );
  it('never throws; findings are ordered, apart, and exactly their span; masking leaves none of them', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        fc.pre(!text.includes('*')); // the masks are counted below
        const found = findPersonal(text, index);
        let at = 0;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(at);
          expect(f.end).toBeGreaterThan(f.start);
          expect(text.slice(f.start, f.end)).toBe(f.text);
          at = f.end;
        }
        const masked = maskText(text, index);
        expect(masked.masked).toBe(found.length > 0);
        expect(masked.text.split(MASK).length - 1).toBe(found.length);
      }),
      { numRuns: 1000 },
    );
  });
});
