// A person's name in a grammatical case, for every form that puts a person into a sentence
// («от Андреевой Валерии Ильиничны», «учителю Ивановой Марии Петровне», «табель ученика 5А
// класса Петрова Ивана»). petrovich declines each part in the person's gender (issue 13).
import petrovich from 'petrovich';
import type { PersonName } from '../../../src-shared/names';
import { guessGender, type Gender } from '../privacy/declension';

export type GrammaticalCase = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'prepositional';

/**
 * The full name «Фамилия Имя Отчество» in the case; a double surname declines each half. The
 * nominative, as written, when the gender cannot be told (guessing would misdecline half the time).
 */
export function fullNameIn(p: PersonName, c: GrammaticalCase, gender: Gender | null = guessGender(p)): string {
  const parts = [p.surname, p.name, p.patronymic];
  if (!gender || c === 'nominative') return parts.filter(Boolean).join(' ');
  const d = petrovich[gender];
  return [
    p.surname
      .split('-')
      .map((x) => d.last[c](x))
      .join('-'),
    d.first[c](p.name),
    p.patronymic ? d.middle[c](p.patronymic) : null,
  ]
    .filter(Boolean)
    .join(' ');
}
