// Names on printed forms (issue 13): a hand-written table of names in the cases the forms use,
// written from Russian grammar, not from the library's output: male and female, double surnames,
// surnames that do not decline for a woman («Шевчук», «Мороз») or at all («Дурново», «Черных»),
// «Никита» (male in -а) and «Любовь» (female in -ь), patronymics in -ич / -вна.
import { describe, expect, it } from 'vitest';
import { byGender, fullNameIn, withInitials, namePartsIn } from '../../src-main/services/forms/names';

const TABLE: [string, 'genitive' | 'dative' | 'instrumental', string][] = [
  ['Андреева Валерия Ильинична', 'genitive', 'Андреевой Валерии Ильиничны'],
  ['Андреева Валерия Ильинична', 'dative', 'Андреевой Валерии Ильиничне'],
  ['Андреев Иван Сергеевич', 'genitive', 'Андреева Ивана Сергеевича'],
  ['Андреев Иван Сергеевич', 'dative', 'Андрееву Ивану Сергеевичу'],
  ['Шевчук Анна Петровна', 'genitive', 'Шевчук Анны Петровны'],
  ['Шевчук Анна Петровна', 'dative', 'Шевчук Анне Петровне'],
  ['Шевчук Олег Петрович', 'genitive', 'Шевчука Олега Петровича'],
  ['Мороз Никита Олегович', 'genitive', 'Мороза Никиты Олеговича'],
  ['Мороз Никита Олегович', 'dative', 'Морозу Никите Олеговичу'],
  ['Мороз Любовь Ивановна', 'genitive', 'Мороз Любови Ивановны'],
  ['Мороз Любовь Ивановна', 'instrumental', 'Мороз Любовью Ивановной'],
  ['Петров-Водкин Кузьма Сергеевич', 'genitive', 'Петрова-Водкина Кузьмы Сергеевича'],
  ['Римская-Корсакова Ольга Андреевна', 'dative', 'Римской-Корсаковой Ольге Андреевне'],
  ['Дурново Пётр Ильич', 'genitive', 'Дурново Петра Ильича'],
  ['Черных Илья Лукич', 'genitive', 'Черных Ильи Лукича'],
  ['Толстой Лев Николаевич', 'genitive', 'Толстого Льва Николаевича'],
  ['Гоголь Николай Васильевич', 'dative', 'Гоголю Николаю Васильевичу'],
  ['Иванова Мария Петровна', 'instrumental', 'Ивановой Марией Петровной'],
];

const parse = (full: string) => {
  const [surname, name, patronymic] = full.split(' ');
  return { surname: surname!, name: name!, patronymic: patronymic ?? null };
};

describe('names on forms: declension by case and gender', () => {
  it.each(TABLE)('%s in the %s: %s', (nominative, c, expected) => {
    expect(fullNameIn(parse(nominative), c)).toBe(expected);
  });

  it('keeps the nominative as written, and does not guess when nothing tells the gender', () => {
    expect(fullNameIn(parse('Андреева Валерия Ильинична'), 'nominative')).toBe('Андреева Валерия Ильинична');
    // «Ким Сати»: neither surname, nor name, nor (absent) patronymic tells the gender.
    expect(fullNameIn({ surname: 'Ким', name: 'Сати', patronymic: null }, 'genitive')).toBe('Ким Сати');
    // A stored gender declines it: a woman's «Ким» does not change.
    expect(fullNameIn({ surname: 'Ким', name: 'Анна', patronymic: null }, 'genitive', 'female')).toBe('Ким Анны');
  });

  it('gives the initials form for the director («Иванову И. П.»)', () => {
    expect(withInitials(namePartsIn(parse('Иванов Игорь Петрович'), 'dative'))).toBe('Иванову И. П.');
    expect(withInitials(namePartsIn(parse('Шевчук Анна Петровна'), 'dative'))).toBe('Шевчук А. П.');
    expect(withInitials({ surname: 'Ли', name: 'Мин', patronymic: null })).toBe('Ли М.');
  });

  it('agrees words with the gender, with the paper form’s «(а)» when unknown', () => {
    const w = { male: 'ознакомлен', female: 'ознакомлена', unknown: 'ознакомлен(а)' };
    expect([byGender('male', w), byGender('female', w), byGender(null, w)]).toEqual(['ознакомлен', 'ознакомлена', 'ознакомлен(а)']);
  });
});
