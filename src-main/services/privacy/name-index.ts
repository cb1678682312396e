// The school's own people as a lookup table of name forms (issue 9): every case form of every
// surname, first name and patronymic, normalized, mapped to who bears it. Built once from the
// person table and rebuilt when people change (school.ts); a word is then one Map lookup.
import { caseForms, guessGender, normalize, type NamePart } from './declension';
import { PROPER_LEMMAS, WORD_LEMMAS } from './words';

export type Who = 'pupil' | 'guardian' | 'staff';

export interface PersonNames {
  id: number;
  surname: string;
  name: string;
  patronymic: string | null;
  who: Who | null;
}

/** What one normalized word form can be. */
export interface NameEntry {
  /** Person ids per part this form is a case form of. */
  parts: Partial<Record<NamePart, number[]>>;
  /** The most sensitive bearer per part: a pupil before a guardian before staff. */
  who: Partial<Record<NamePart, Who | null>>;
  /** 'word': an ordinary word too; 'proper': a famous name; 'plain': only a name. */
  class: 'plain' | 'word' | 'proper';
}

export type NameIndex = ReadonlyMap<string, NameEntry>;

const RANK: Record<Who, number> = { pupil: 0, guardian: 1, staff: 2 };
const PARTS: NamePart[] = ['surname', 'name', 'patronymic'];
/** Shorter forms (a name of one letter) would only ever match initials and stray letters. */
const MIN_LENGTH = 2;

export function buildNameIndex(people: Iterable<PersonNames>): NameIndex {
  const index = new Map<string, NameEntry>();
  // Thousands of people share a few hundred names: each (part, value, gender) is looked at once.
  const declined = new Map<string, { forms: string[]; lemmas: string[] }>();
  for (const p of people) {
    const gender = guessGender(p);
    for (const part of PARTS) {
      const value = part === 'surname' ? p.surname : part === 'name' ? p.name : p.patronymic;
      if (!value?.trim()) continue;
      const key = `${part}|${gender}|${value}`;
      let d = declined.get(key);
      if (!d) declined.set(key, (d = { forms: caseForms(part, value, gender), lemmas: value.split('-').map(normalize) }));
      const cls = d.lemmas.some((l) => PROPER_LEMMAS.has(l)) ? 'proper' : d.lemmas.some((l) => WORD_LEMMAS.has(l)) ? 'word' : 'plain';
      for (const form of d.forms) {
        if (form.length < MIN_LENGTH) continue;
        let e = index.get(form);
        if (!e) index.set(form, (e = { parts: {}, who: {}, class: 'plain' }));
        (e.parts[part] ??= []).push(p.id);
        const was = e.who[part];
        if (was === undefined || (p.who !== null && (was === null || RANK[p.who] < RANK[was]))) e.who[part] = p.who;
        // The most lenient class wins: one famous bearer of a form makes the form famous.
        if (cls === 'proper' || (cls === 'word' && e.class === 'plain')) e.class = cls;
      }
    }
  }
  return index;
}
