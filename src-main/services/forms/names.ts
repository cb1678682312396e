// A person's name in a grammatical case, for every form that puts a person into a sentence
// («от Андреевой Валерии Ильиничны», «учителю Ивановой Марии Петровне», «табель ученика 5А
// класса Петрова Ивана»). petrovich declines each part in the person's gender (issue 13).
// Pure: callers that hold the row call these; callers with an id use person-forms.ts, which
// also applies the school's hand corrections and stored genders.
import petrovich from 'petrovich';
import type { PersonName } from '../../../src-shared/names';
import { guessGender, type Gender } from '../privacy/declension';

export type { Gender };
export type GrammaticalCase = 'nominative' | 'genitive' | 'dative' | 'accusative' | 'instrumental' | 'prepositional';
/** The cases a correction can be stored for: the nominative is the name as written. */
export { OBLIQUE_CASES } from '../../../src-shared/rpc/names';
export type ObliqueCase = (typeof import('../../../src-shared/rpc/names').OBLIQUE_CASES)[number];

/**
 * Each part of the name in the case; a double surname declines each half. The nominative, as
 * written, when the gender cannot be told (guessing would misdecline half the time).
 */
export function namePartsIn(p: PersonName, c: GrammaticalCase, gender: Gender | null = guessGender(p)): PersonName {
  const patronymic = p.patronymic || null;
  if (!gender || c === 'nominative') return { surname: p.surname, name: p.name, patronymic };
  const d = petrovich[gender];
  return {
    surname: p.surname
      .split('-')
      .map((x) => d.last[c](x))
      .join('-'),
    name: d.first[c](p.name),
    patronymic: patronymic ? d.middle[c](patronymic) : null,
  };
}

/** The full name «Фамилия Имя Отчество» in the case (see namePartsIn). */
export function fullNameIn(p: PersonName, c: GrammaticalCase, gender: Gender | null = guessGender(p)): string {
  return joinName(namePartsIn(p, c, gender));
}

export function joinName(p: PersonName): string {
  return [p.surname, p.name, p.patronymic].filter(Boolean).join(' ');
}

/** «Иванову И. П.»: the surname as given (already in its case), the initials of name and patronymic. */
export function withInitials(p: PersonName): string {
  const initials = [p.name, p.patronymic].filter((x): x is string => !!x).map((x) => `${x[0]}.`);
  return [p.surname, initials.join(' ')].filter(Boolean).join(' ');
}

/**
 * A word that agrees with the person's gender: «обучающегося» / «обучающейся»; when the gender
 * is unknown, the paper form's own convention «ознакомлен(а)» (`unknown`).
 */
export function byGender(gender: Gender | null, forms: { male: string; female: string; unknown: string }): string {
  return gender ? forms[gender] : forms.unknown;
}
