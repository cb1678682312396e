// A person's name forms from the database in one query: the name as written, the stored
// gender (else the guessed one) and the school's hand corrections per case (issue 13). Every
// form that puts a person into a sentence goes through here (or through names.ts with a row
// it already holds), so a correction made once shows on every document.
import { AppError } from '../../../src-shared/errors';
import type { PersonName } from '../../../src-shared/names';
import type { Services } from '../context';
import { guessGender } from '../privacy/declension';
import { prep } from '../sql';
import { joinName, namePartsIn, withInitials, type Gender, type GrammaticalCase, type ObliqueCase } from './names';

export interface PersonForms {
  personId: number;
  /** The name as written (the nominative). */
  name: PersonName;
  /** The gender the forms use: the stored one, else the guessed one, else null. */
  gender: Gender | null;
  storedGender: Gender | null;
  guessedGender: Gender | null;
  /** Corrections that apply to the current name (a correction made for a former name is left out). */
  corrections: Partial<Record<ObliqueCase, PersonName>>;
  /** Corrections made for a former spelling of the name: shown to the administrator, never printed. */
  stale: Partial<Record<ObliqueCase, PersonName>>;
}

interface Row {
  surname: string;
  name: string;
  patronymic: string | null;
  gender: Gender | null;
  /** JSON array of {c, s, n, p, b} (case, surname, name, patronymic, based on), or null. */
  forms: string | null;
}

// One statement: the person, the stored gender and the corrections as a JSON array, so a
// document reads a person's forms in one step of its one synchronous read.
const SQL = `
  SELECT p.surname, p.name, p.patronymic, g.gender,
         (SELECT json_group_array(json_object('c', f.gram_case, 's', f.surname, 'n', f.name, 'p', f.patronymic, 'b', f.based_on))
          FROM name_form f WHERE f.person_id = p.id) AS forms
  FROM person p LEFT JOIN person_gender g ON g.person_id = p.id WHERE p.id = ?`;

export function personForms(s: Pick<Services, 'sqlite'>, personId: number): PersonForms | null {
  const r = prep(s.sqlite, SQL).get(personId) as Row | undefined;
  if (!r) return null;
  const name: PersonName = { surname: r.surname, name: r.name, patronymic: r.patronymic || null };
  const guessed = guessGender(name);
  const current = joinName(name);
  const corrections: PersonForms['corrections'] = {};
  const stale: PersonForms['stale'] = {};
  const list = JSON.parse(r.forms ?? '[]') as { c: ObliqueCase; s: string; n: string; p: string | null; b: string }[];
  for (const f of list) (f.b === current ? corrections : stale)[f.c] = { surname: f.s, name: f.n, patronymic: f.p };
  return { personId, name, gender: r.gender ?? guessed, storedGender: r.gender, guessedGender: guessed, corrections, stale };
}

/** The name's parts in the case: the correction when there is one, else petrovich in the person's gender. */
export function partsIn(f: PersonForms, c: GrammaticalCase): PersonName {
  return (c !== 'nominative' && f.corrections[c]) || namePartsIn(f.name, c, f.gender);
}

/** What petrovich alone gives (the form the administrator corrects). */
export function autoPartsIn(f: PersonForms, c: GrammaticalCase): PersonName {
  return namePartsIn(f.name, c, f.gender);
}

function mustLoad(s: Pick<Services, 'sqlite'>, personId: number): PersonForms {
  const f = personForms(s, personId);
  if (!f) throw new AppError('not_found', 'Нет такого человека');
  return f;
}

/** «Андреевой Валерии Ильиничны»: the full name in the case, corrections applied. */
export function fullNameOf(s: Pick<Services, 'sqlite'>, personId: number, c: GrammaticalCase): string {
  return joinName(partsIn(mustLoad(s, personId), c));
}

/** «Иванову И. П.»: the surname in the case with initials, corrections applied. */
export function shortNameOf(s: Pick<Services, 'sqlite'>, personId: number, c: GrammaticalCase): string {
  return withInitials(partsIn(mustLoad(s, personId), c));
}

/** The person's gender for agreement (stored, else guessed), null when nothing tells. */
export function genderOf(s: Pick<Services, 'sqlite'>, personId: number): Gender | null {
  return mustLoad(s, personId).gender;
}
